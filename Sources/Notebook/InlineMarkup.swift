import Foundation

/// The light markup prose may use. Deliberately tiny: `code`, *emphasis* and **strong** are what
/// a lesson needs to name options and stress a word, and both renderers can show them well.
enum InlineStyle: Sendable, Equatable {
    case plain, code, emphasis, strong
}

struct InlineRun: Sendable, Equatable {
    var text: String
    var style: InlineStyle
}

enum InlineMarkup {
    /// Splits text into styled runs. An asterisk opens emphasis only before a non-space and
    /// closes it only after one, so arithmetic such as `a * b` stays literal; an unmatched
    /// marker is kept as text.
    static func parse(_ text: String) -> [InlineRun] {
        let chars = Array(text)
        var runs: [InlineRun] = []
        var plain = ""
        var i = 0

        func flushPlain() {
            if !plain.isEmpty { runs.append(InlineRun(text: plain, style: .plain)) }
            plain = ""
        }

        while i < chars.count {
            let c = chars[i]
            if c == "`", let end = chars[(i + 1)...].firstIndex(of: "`"), end > i + 1 {
                flushPlain()
                runs.append(InlineRun(text: String(chars[(i + 1)..<end]), style: .code))
                i = end + 1
                continue
            }
            if c == "*" {
                let marker = (i + 1 < chars.count && chars[i + 1] == "*") ? 2 : 1
                if let end = closingMarker(in: chars, from: i, length: marker) {
                    flushPlain()
                    let inner = String(chars[(i + marker)..<end])
                    runs.append(InlineRun(text: inner, style: marker == 2 ? .strong : .emphasis))
                    i = end + marker
                    continue
                }
            }
            plain.append(c)
            i += 1
        }
        flushPlain()
        return runs
    }

    private static func closingMarker(in chars: [Character], from start: Int, length: Int) -> Int? {
        let open = start + length
        guard open < chars.count, !chars[open].isWhitespace, chars[open] != "*" else { return nil }
        if start > 0, chars[start - 1].isLetter || chars[start - 1].isNumber { return nil }
        var j = open + 1
        while j + length <= chars.count {
            let isMarker = (0..<length).allSatisfy { chars[j + $0] == "*" }
            if isMarker, !chars[j - 1].isWhitespace {
                let after = j + length
                let nextIsAsterisk = after < chars.count && chars[after] == "*"
                let boundary = after == chars.count || !(chars[after].isLetter || chars[after].isNumber)
                if !nextIsAsterisk, boundary { return j }
            }
            j += 1
        }
        return nil
    }
}

/// A prose cell split into paragraphs and bullet items, shared by both renderers so a bullet in
/// the terminal is a bullet on the page.
enum ProseBlock: Equatable {
    case paragraph(String)
    case bullets([String])

    /// Blank lines separate blocks; lines starting with "- " or "• " are bullet items and a
    /// following indented line continues the item; other line breaks are soft (a space).
    static func split(_ text: String) -> [ProseBlock] {
        var blocks: [ProseBlock] = []
        var lines: [String] = []
        var items: [String] = []

        func flush() {
            if !lines.isEmpty { blocks.append(.paragraph(lines.joined(separator: " "))) }
            if !items.isEmpty { blocks.append(.bullets(items)) }
            lines = []
            items = []
        }

        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                flush()
            } else if line.hasPrefix("- ") || line.hasPrefix("• ") {
                if !lines.isEmpty { flush() }
                items.append(String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces))
            } else if !items.isEmpty, rawLine.first?.isWhitespace == true {
                items[items.count - 1] += " " + line
            } else {
                if !items.isEmpty { flush() }
                lines.append(line)
            }
        }
        flush()
        return blocks
    }
}
