import Canvas

/// Lays out a lesson for a terminal: returns strings and never touches a file descriptor, so
/// tests can check wrapping and alignment at any width, with or without colour.
struct TerminalRenderer {
    /// Visible columns available; prose wraps here.
    var width: Int
    var ansi: ANSI

    init(width: Int, color: Bool) {
        self.width = width
        self.ansi = ANSI(enabled: color)
    }

    private var wrapper: Wrapper { Wrapper(ansi: ansi) }

    func header(lessonID: String, title: String, summary: String?, stepCount: Int, outDir: String) -> String {
        let rule = ansi.dim(String(repeating: "━", count: width))
        var lines = [rule, ansi.bold(title)]
        if let summary { lines += wrapper.wrap(summary, width: width) }
        let steps = stepCount == 1 ? "1 step" : "\(stepCount) steps"
        lines.append(ansi.dim("\(lessonID) · \(steps) · files in \(outDir)"))
        lines.append(rule)
        return lines.joined(separator: "\n") + "\n"
    }

    func render(_ page: StepPage, of stepCount: Int) -> String {
        var blocks = [stepTitle(page, of: stepCount)]
        for cell in page.cells {
            blocks.append(render(cell, in: page))
        }
        return "\n" + blocks.joined(separator: "\n\n") + "\n"
    }

    private func stepTitle(_ page: StepPage, of stepCount: Int) -> String {
        let title = "Step \(page.number)/\(stepCount) · \(page.title)"
        let rule = String(repeating: "─", count: min(width, max(title.count, 1)))
        return ansi.bold(ansi.blue(title)) + "\n" + ansi.dim(rule)
    }

    func render(_ cell: Cell, in page: StepPage) -> String {
        switch cell {
        case .heading(let text):
            return ansi.bold(text)
        case .prose(let text):
            return prose(text, firstPrefix: "", prefix: "")
        case .formula(let text):
            return text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { "    " + ansi.yellow(String($0)) }
                .joined(separator: "\n")
        case .table(let table):
            return render(table)
        case .figure(let spec):
            return figure(spec, written: page.figures[spec.name])
        case .note(let text):
            let bar = ansi.dim("│ ")
            return prose(text, firstPrefix: bar + ansi.bold("Note: "), prefix: bar)
        case .tryThis(let exercises):
            let items = exercises.enumerated().map { index, exercise in
                let mark = exercise.answer == nil ? "" : " " + ansi.dim("[answer \(index + 1): press a]")
                return wrapper.wrap(exercise.prompt + mark, width: width, firstPrefix: "  → ", prefix: "    ")
            }
            return ([ansi.bold(ansi.green("Try this"))] + items.flatMap { $0 }).joined(separator: "\n")
        }
    }

    /// The hidden answers of a page's "try this" prompts, numbered as the prompts are; `nil` when
    /// the page has none, so the `a` key can say so instead of printing an empty block.
    func answers(_ page: StepPage) -> String? {
        var lines: [String] = []
        for case .tryThis(let exercises) in page.cells {
            for (index, exercise) in exercises.enumerated() {
                guard let answer = exercise.answer else { continue }
                lines += wrapper.wrap(
                    answer, width: width, firstPrefix: ansi.bold(ansi.green("Answer \(index + 1): ")),
                    prefix: "    ")
            }
        }
        return lines.isEmpty ? nil : "\n" + lines.joined(separator: "\n") + "\n"
    }

    /// Paragraphs separated by a blank line, bullets with a hanging indent.
    private func prose(_ text: String, firstPrefix: String, prefix: String) -> String {
        var lines: [String] = []
        for (index, block) in ProseBlock.split(text).enumerated() {
            let lead = index == 0 ? firstPrefix : prefix
            if index > 0 { lines.append(prefix.trimmingTrailingSpaces) }
            switch block {
            case .paragraph(let paragraph):
                lines += wrapper.wrap(paragraph, width: width, firstPrefix: lead, prefix: prefix)
            case .bullets(let items):
                for (itemIndex, item) in items.enumerated() {
                    let first = (itemIndex == 0 ? lead : prefix) + "  • "
                    lines += wrapper.wrap(item, width: width, firstPrefix: first, prefix: prefix + "    ")
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    private func figure(_ spec: FigureSpec, written: WrittenFigure?) -> String {
        let label = written.map { "Figure \($0.number). " } ?? "Figure. "
        var lines = wrapper.wrap(spec.caption, width: width, firstPrefix: ansi.bold(label), prefix: "")
        lines.append("  → " + (written?.path ?? "(not written)"))
        return lines.joined(separator: "\n")
    }

    func render(_ table: Table) -> String {
        let swatches = table.hasSwatches && ansi.enabled
        let headers = table.columns.map(\.header)
        let rows = table.rows.map { table.cells(of: $0) }
        var widths = headers.map(\.count)
        for row in rows {
            for (column, text) in row.enumerated() {
                widths[column] = max(widths[column], text.count)
            }
        }
        let swatchWidth = swatches ? 2 : 0
        if !widths.isEmpty { widths[0] += swatchWidth }

        func rule(_ left: String, _ middle: String, _ right: String) -> String {
            ansi.dim(
                left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right)
        }
        func line(_ cells: [String]) -> String {
            let bar = ansi.dim("│")
            return bar + cells.map { " \($0) " }.joined(separator: bar) + bar
        }

        var lines: [String] = []
        if let title = table.title { lines.append(ansi.bold(title)) }
        lines.append(rule("┌", "┬", "┐"))
        lines.append(
            line(
                headers.enumerated().map { column, header in
                    let indent = column == 0 ? swatchWidth : 0
                    let text = pad(header, to: widths[column] - indent, table.columns[column].alignment)
                    return String(repeating: " ", count: indent) + ansi.bold(text)
                }))
        lines.append(rule("├", "┼", "┤"))
        for (rowIndex, row) in rows.enumerated() {
            let swatch = table.rows[rowIndex].swatch
            lines.append(
                line(
                    row.enumerated().map { column, text in
                        guard column == 0, swatches else {
                            return pad(text, to: widths[column], table.columns[column].alignment)
                        }
                        let mark = swatch.map { ansi.rgb($0, "■") + " " } ?? "  "
                        return mark
                            + pad(text, to: widths[column] - swatchWidth, table.columns[column].alignment)
                    }))
        }
        lines.append(rule("└", "┴", "┘"))
        return lines.joined(separator: "\n")
    }

    private func pad(_ text: String, to width: Int, _ alignment: Table.Alignment) -> String {
        let gap = max(0, width - text.count)
        switch alignment {
        case .left: return text + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + text
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + text + String(repeating: " ", count: gap - left)
        }
    }

    func prompt(step: Int, of stepCount: Int, hasAnswers: Bool = false) -> String {
        let next = step == stepCount ? "Enter finish" : "Enter next"
        let answers = hasAnswers ? " · a answers" : ""
        return ansi.dim("── step \(step)/\(stepCount) · \(next) · b back\(answers) · q quit ── ")
    }

    /// Shown when the input was none of Enter, `b`, `a` or `q`.
    var promptHelp: String {
        ansi.dim("   (press Enter for the next step, b then Enter to go back, a to show answers, q to quit)")
            + "\n"
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
