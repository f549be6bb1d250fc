/// Text a submission controls (its stderr, crash messages, thrown errors, file names, compiler
/// errors quoting its code) made safe to show an instructor.
///
/// Quoted raw, such text could move the terminal's cursor, clear the screen, retitle the
/// window or rewrite earlier lines with escape sequences, fake a report line with a newline
/// (`\n  nms  passed  15/15`), or reorder what the reader sees with Unicode's bidirectional
/// controls (the "Trojan Source" trick). So every control character (C0, DEL, C1), line or
/// paragraph separator and bidirectional control is shown as a visible `\u{…}` escape,
/// newlines included, and the text is cut to a length the report can hold.
public enum StudentText {
    /// `text` on one line with every hidden character escaped, cut to `limit` characters (and
    /// an ellipsis).
    public static func line(_ text: some StringProtocol, limit: Int = 400) -> String {
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            guard count < limit else { return result + "…" }
            if isHidden(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return result
    }

    /// `text` with every hidden character except the newline escaped: for whole reports printed
    /// to a terminal, whose own lines are the grader's.
    public static func visible(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map {
            line($0, limit: .max)
        }.joined(separator: "\n")
    }

    /// Characters that do not show as themselves: controls, separators that break lines, and
    /// the bidirectional marks, embeddings, overrides and isolates.
    public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
