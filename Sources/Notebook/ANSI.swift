/// The few SGR escape sequences the terminal renderer uses. With colour off every helper
/// returns its text unchanged, so layout code never needs to ask which mode it is in.
struct ANSI: Sendable {
    var enabled: Bool

    static let reset = "\u{1B}[0m"

    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }
    func italic(_ text: String) -> String { wrap(text, "3") }
    func cyan(_ text: String) -> String { wrap(text, "36") }
    func yellow(_ text: String) -> String { wrap(text, "33") }
    func green(_ text: String) -> String { wrap(text, "32") }
    func blue(_ text: String) -> String { wrap(text, "34") }

    /// 24-bit foreground colour; swatches must match the figure colours exactly.
    func rgb(_ color: UInt32, _ text: String) -> String {
        let (r, g, b) = color.rgb
        return wrap(text, "38;2;\(r);\(g);\(b)")
    }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\(Self.reset)" : text
    }

    /// The text a user sees, with escape sequences removed, for measuring alignment.
    static func strip(_ text: String) -> String {
        var result = ""
        var inEscape = false
        for c in text {
            if inEscape {
                if c.isLetter { inEscape = false }
            } else if c == "\u{1B}" {
                inEscape = true
            } else {
                result.append(c)
            }
        }
        return result
    }
}
