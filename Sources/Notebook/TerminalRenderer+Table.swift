/// Tables in the terminal, fitted to its width.
///
/// A boxed table that fits is drawn as it is. When it is wider than the terminal, the widest
/// text columns are wrapped onto several lines (never a number: numbers are right-aligned and
/// unbreakable) down to the longest word each holds; when that is not enough, each row is
/// stacked as its first cell, then `header: value` pairs, so nothing is ever cut or broken by the
/// terminal's own wrapping. The lessons' tables are written for 100 columns and checked at 80.
extension TerminalRenderer {
    func render(_ table: Table) -> String {
        let swatches = table.hasSwatches && ansi.enabled
        let rows = table.rows.map { table.cells(of: $0) }
        let swatchWidth = swatches ? 2 : 0
        var widths = table.columns.map(\.header.count)
        for row in rows {
            for (column, text) in row.enumerated() { widths[column] = max(widths[column], text.count) }
        }
        if !widths.isEmpty { widths[0] += swatchWidth }
        guard let fitted = fit(widths, table: table, rows: rows, swatchWidth: swatchWidth) else {
            return stacked(table, rows: rows, swatches: swatches)
        }
        return boxed(table, rows: rows, widths: fitted, swatches: swatches)
    }

    /// Boxed width of columns `widths`: one space either side of each cell and a bar between.
    static func boxedWidth(_ widths: [Int]) -> Int { widths.reduce(0, +) + 3 * widths.count + 1 }

    /// Column widths that fit the terminal, narrowing wrappable columns (left-aligned, holding
    /// spaces) one column at a time, widest first; nil when even that is too wide.
    private func fit(_ widths: [Int], table: Table, rows: [[String]], swatchWidth: Int) -> [Int]? {
        var widths = widths
        let floors = table.columns.indices.map { column -> Int? in
            guard table.columns[column].alignment == .left else { return nil }
            let texts = [table.columns[column].header] + rows.map { $0[column] }
            guard texts.contains(where: { $0.contains(" ") }) else { return nil }
            let longestWord = texts.flatMap { $0.split(separator: " ") }.map(\.count).max() ?? 1
            return max(longestWord, 8) + (column == 0 ? swatchWidth : 0)
        }
        while Self.boxedWidth(widths) > width {
            let candidates = widths.indices.filter { i in floors[i].map { widths[i] > $0 } ?? false }
            guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { return nil }
            widths[widest] -= 1
        }
        return widths
    }

    private func boxed(_ table: Table, rows: [[String]], widths: [Int], swatches: Bool) -> String {
        let swatchWidth = swatches ? 2 : 0
        func rule(_ left: String, _ middle: String, _ right: String) -> String {
            ansi.dim(
                left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right)
        }
        /// One table row of cells, each wrapped to its column, as one or more lines.
        func lines(_ cells: [String], style: (Int, String) -> String, lead: (Int) -> String) -> [String] {
            let wrapped = cells.enumerated().map { column, text in
                Self.wrapCell(text, width: widths[column] - (column == 0 ? swatchWidth : 0))
            }
            let height = wrapped.map(\.count).max() ?? 1
            let bar = ansi.dim("│")
            return (0..<height).map { line in
                bar
                    + wrapped.enumerated().map { column, pieces in
                        let text = line < pieces.count ? pieces[line] : ""
                        let indent =
                            column == 0
                            ? (line == 0 ? lead(column) : String(repeating: " ", count: swatchWidth)) : ""
                        let cellWidth = widths[column] - (column == 0 ? swatchWidth : 0)
                        return " " + indent
                            + style(column, pad(text, to: cellWidth, table.columns[column].alignment)) + " "
                    }.joined(separator: bar) + bar
            }
        }
        var out: [String] = []
        if let title = table.title { out += Self.wrapCell(title, width: width).map { ansi.bold($0) } }
        out.append(rule("┌", "┬", "┐"))
        out += lines(
            table.columns.map(\.header), style: { ansi.bold($1) },
            lead: { _ in String(repeating: " ", count: swatchWidth) })
        out.append(rule("├", "┼", "┤"))
        for (index, row) in rows.enumerated() {
            let swatch = table.rows[index].swatch
            out += lines(
                row, style: { $1 },
                lead: { _ in swatches ? (swatch.map { ansi.rgb($0, "■") + " " } ?? "  ") : "" })
        }
        out.append(rule("└", "┴", "┘"))
        return out.joined(separator: "\n")
    }

    /// Each row as its first cell on a line of its own, then its other cells as `header: value`
    /// pairs separated by a bar, wrapped with a hanging indent.
    private func stacked(_ table: Table, rows: [[String]], swatches: Bool) -> String {
        var out: [String] = []
        if let title = table.title { out += Self.wrapCell(title, width: width).map { ansi.bold($0) } }
        let headers = table.columns.map(\.header)
        for (index, row) in rows.enumerated() {
            let mark = swatches ? (table.rows[index].swatch.map { ansi.rgb($0, "■") + " " } ?? "  ") : ""
            let heading = (headers.first.map { "\($0): " } ?? "") + (row.first ?? "")
            let markWidth = mark.isEmpty ? 0 : 2
            for (index, piece) in Self.wrapCell(heading, width: width - markWidth).enumerated() {
                out.append((index == 0 ? mark : String(repeating: " ", count: markWidth)) + ansi.bold(piece))
            }
            let pairs = zip(headers, row).dropFirst().map { "\($0): \($1)" }
            // Not "·": tables use it for an empty cell.
            let separator = "  │ "
            var line = "    "
            for pair in pairs {
                let piece = line == "    " ? pair : separator + pair
                if line.count + piece.count > width, line != "    " {
                    out.append(line)
                    line = "    " + pair
                } else {
                    line += piece
                }
            }
            if line != "    " { out.append(line) }
        }
        return out.joined(separator: "\n")
    }

    /// Greedy wrapping of plain cell text on spaces; a word longer than `width` gets a line of
    /// its own (the column is never narrower than its longest word).
    static func wrapCell(_ text: String, width: Int) -> [String] {
        guard text.count > width else { return [text] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        lines.append(line)
        return lines
    }

    func pad(_ text: String, to width: Int, _ alignment: Table.Alignment) -> String {
        let gap = max(0, width - text.count)
        switch alignment {
        case .left: return text + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + text
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + text + String(repeating: " ", count: gap - left)
        }
    }
}
