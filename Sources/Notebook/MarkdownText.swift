/// The lesson's light markup as Markdown for the Jupyter notebook, escaped so that text which is
/// not markup stays text: an asterisk in `a * b`, a `$` (Jupyter would start LaTeX), a `|` inside
/// a table, a `<` that would open HTML.
enum MarkdownText {
    static func inline(_ text: String, inTable: Bool = false) -> String {
        InlineMarkup.parse(text).map { run in
            switch run.style {
            case .plain: escape(run.text, inTable: inTable)
            case .code: code(run.text, inTable: inTable)
            case .emphasis: "*\(escape(run.text, inTable: inTable))*"
            case .strong: "**\(escape(run.text, inTable: inTable))**"
            }
        }.joined()
    }

    /// A paragraph or a bullet item, with a leading character that Markdown would read as a
    /// heading, list or quote escaped.
    static func block(_ text: String) -> String {
        let markdown = inline(text)
        guard let first = markdown.first, "#+->".contains(first) else { return markdown }
        return "\\" + markdown
    }

    static func escape(_ text: String, inTable: Bool = false) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\\", "*", "_", "`", "[", "]", "$": escaped += "\\\(character)"
            case "<": escaped += "&lt;"
            case "&": escaped += "&amp;"
            case "|" where inTable: escaped += "\\|"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A code span; a backtick inside needs a longer fence, and a `|` in a table cell its escape
    /// even there (GitHub and JupyterLab split table rows before parsing spans).
    static func code(_ text: String, inTable: Bool) -> String {
        let body = inTable ? text.replacingOccurrences(of: "|", with: "\\|") : text
        guard body.contains("`") else { return "`\(body)`" }
        return "`` \(body) ``"
    }

    static func table(_ table: Table) -> String {
        var lines: [String] = []
        if let title = table.title { lines += ["**\(inline(title))**", ""] }
        lines.append(
            "| " + table.columns.map { escape($0.header, inTable: true) }.joined(separator: " | ") + " |")
        let rule = table.columns.map { column -> String in
            switch column.alignment {
            case .left: ":---"
            case .right: "---:"
            case .center: ":---:"
            }
        }
        lines.append("| " + rule.joined(separator: " | ") + " |")
        for row in table.rows {
            let cells = table.cells(of: row).map { inline($0, inTable: true) }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    static func prose(_ text: String) -> String {
        ProseBlock.split(text).map { block in
            switch block {
            case .paragraph(let paragraph): Self.block(paragraph)
            case .bullets(let items): items.map { "- " + inline($0) }.joined(separator: "\n")
            }
        }.joined(separator: "\n\n")
    }

    /// A fenced block that no line of `text` can close early.
    static func fenced(_ text: String, language: String = "text") -> String {
        var fence = "```"
        while text.contains(fence) { fence += "`" }
        return "\(fence)\(language)\n\(text)\n\(fence)"
    }
}
