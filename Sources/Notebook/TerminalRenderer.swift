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
        lines += Self.wrapCell("\(lessonID) · \(steps) · files in \(outDir)", width: width).map {
            ansi.dim($0)
        }
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

    /// The line between steps, naming exactly what the terminal accepts: single keys, or keys
    /// followed by Enter when input comes a line at a time.
    func prompt(step: Int, of stepCount: Int, singleKey: Bool = false, hasAnswers: Bool = false) -> String {
        let keys = StepKey.promptText(
            singleKey: singleKey, lastStep: step == stepCount, hasAnswers: hasAnswers)
        return ansi.dim("── step \(step)/\(stepCount) · \(keys) ── ")
    }

    /// Shown when the input was none of the keys the prompt names.
    func promptHelp(singleKey: Bool, hasAnswers: Bool = false) -> String {
        notice("press " + StepKey.promptText(singleKey: singleKey, lastStep: false, hasAnswers: hasAnswers))
    }

    /// A short remark under the prompt, e.g. "already at the first step".
    func notice(_ text: String) -> String {
        ansi.dim("   (\(text))") + "\n"
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
