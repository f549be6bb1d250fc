/// Greedy word wrapping of styled prose.
///
/// Works on styled characters rather than strings so a line break can fall inside an
/// emphasised phrase and each line still opens and closes its own styling. Width is measured on
/// what the user sees: escape sequences count zero, plain-mode markers (the backticks kept
/// around `code` when colour is off) count.
struct Wrapper {
    var ansi: ANSI

    private struct StyledChar {
        var character: Character
        var style: InlineStyle
    }

    private struct Word {
        var chars: [StyledChar]
        /// The style of the space before this word, so a space inside a code span stays inside it.
        var gapStyle: InlineStyle
    }

    /// Wraps `text` into lines of at most `width` visible columns. The first line starts with
    /// `firstPrefix`, later lines with `prefix` (a hanging indent for bullets and notes).
    func wrap(_ text: String, width: Int, firstPrefix: String = "", prefix: String = "") -> [String] {
        let room = width - max(ANSI.strip(firstPrefix).count, ANSI.strip(prefix).count)
        let words = self.words(InlineMarkup.parse(text)).flatMap { split($0, room: room) }
        var lines: [String] = []
        var current: [Word] = []

        func prefixFor(_ lineIndex: Int) -> String { lineIndex == 0 ? firstPrefix : prefix }

        for word in words {
            let candidate = current + [word]
            let visible = ANSI.strip(prefixFor(lines.count) + render(candidate)).count
            if current.isEmpty || visible <= width {
                current = candidate
            } else {
                lines.append(prefixFor(lines.count) + render(current))
                current = [word]
            }
        }
        if !current.isEmpty || lines.isEmpty {
            lines.append(prefixFor(lines.count) + render(current))
        }
        return lines
    }

    /// Spaces that join rather than separate: `grouped` puts U+00A0 between the digits of
    /// `22 400` so a number never breaks across lines (U+202F is the narrow variant).
    static let noBreakSpaces: Set<Character> = ["\u{00A0}", "\u{202F}"]

    /// Words split at breaking spaces. A space inside a code span joins, so `max(l*, t*)` stays
    /// on one line as the student would type it; ``split(_:room:)`` breaks a span only when it
    /// is wider than a line.
    private func words(_ runs: [InlineRun]) -> [Word] {
        var words: [Word] = []
        var chars: [StyledChar] = []
        var gapStyle = InlineStyle.plain
        for run in runs {
            for c in run.text {
                if c.isWhitespace && !Self.noBreakSpaces.contains(c) && run.style != .code {
                    if !chars.isEmpty { words.append(Word(chars: chars, gapStyle: gapStyle)) }
                    chars = []
                    gapStyle = run.style
                } else {
                    chars.append(StyledChar(character: c, style: run.style))
                }
            }
        }
        if !chars.isEmpty { words.append(Word(chars: chars, gapStyle: gapStyle)) }
        return words
    }

    /// `word` as it is when it fits in `room` columns; otherwise broken at the spaces of its code
    /// spans, so an overlong span wraps as it did before rather than running off the terminal.
    private func split(_ word: Word, room: Int) -> [Word] {
        guard ANSI.strip(render([word])).count > room,
            word.chars.contains(where: { $0.character.isWhitespace && $0.style == .code })
        else { return [word] }
        var parts: [Word] = []
        var chars: [StyledChar] = []
        var gapStyle = word.gapStyle
        for c in word.chars {
            if c.character.isWhitespace && c.style == .code && !Self.noBreakSpaces.contains(c.character) {
                if !chars.isEmpty { parts.append(Word(chars: chars, gapStyle: gapStyle)) }
                chars = []
                gapStyle = .code
            } else {
                chars.append(c)
            }
        }
        if !chars.isEmpty { parts.append(Word(chars: chars, gapStyle: gapStyle)) }
        return parts
    }

    private func render(_ words: [Word]) -> String {
        var chars: [StyledChar] = []
        for (index, word) in words.enumerated() {
            if index > 0 { chars.append(StyledChar(character: " ", style: word.gapStyle)) }
            chars += word.chars
        }
        var output = ""
        var start = 0
        while start < chars.count {
            let style = chars[start].style
            var end = start
            while end < chars.count, chars[end].style == style { end += 1 }
            output += styled(String(chars[start..<end].map(\.character)), style)
            start = end
        }
        return output
    }

    /// Colour mode shows style by colour; plain mode keeps the author's markers, which read
    /// naturally as text.
    func styled(_ text: String, _ style: InlineStyle) -> String {
        switch (style, ansi.enabled) {
        case (.plain, _): text
        case (.code, true): ansi.cyan(text)
        case (.code, false): "`\(text)`"
        case (.emphasis, true): ansi.italic(text)
        case (.emphasis, false): "*\(text)*"
        case (.strong, true): ansi.bold(text)
        case (.strong, false): "**\(text)**"
        }
    }
}
