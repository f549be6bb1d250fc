import Canvas
import Foundation

/// Writes a lesson as a Jupyter notebook (nbformat 4.5) that opens with its outputs in
/// JupyterLab, VS Code or on GitHub: prose, formulas and tables as Markdown cells, and each
/// figure as the image output of a code cell whose source is the command that draws it again.
///
/// The notebook is a record of a run, not a program: its code cells are shell commands (hence the
/// Bash kernel metadata), unexecuted (`execution_count` null), and the outputs are the figures
/// the lesson wrote. Markdown cells group a step's consecutive text so a step reads as a few
/// cells, not dozens.
struct JupyterRenderer {
    var lessonID: String
    var title: String
    var summary: String?
    var details: [String]
    /// The command that runs the lesson with this run's options, e.g. `swift run lesson-03-matching`.
    var command: [String]
    var load: (String) -> Data? = { FileManager.default.contents(atPath: $0) }

    func render(pages: [StepPage], failure: LessonFailure?) throws -> Data {
        var cells: [JupyterCell] = []
        var header =
            "# \(MarkdownText.escape(title))\n\n`\(lessonID)` · \(MarkdownText.escape(details.joined(separator: " · ")))"
        if let summary { header += "\n\n" + MarkdownText.block(summary) }
        header +=
            "\n\nEach figure sits under a code cell whose command draws it again; run the lesson itself for "
            + "the terminal walk-through and `index.html`:\n\n"
            + MarkdownText.fenced((command + ["--no-pause"]).joined(separator: " "), language: "sh")
        cells.append(.markdown(id: "lesson", header))
        for page in pages { cells += self.cells(page) }
        if let failure {
            cells.append(
                .markdown(
                    id: "failure",
                    "## The lesson stopped\n\n\(MarkdownText.escape(failure.message))\n\nThe steps above were written before it stopped."
                ))
        }
        let notebook = JupyterNotebook(
            cells: cells,
            metadata: .init(
                kernelspec: .init(name: "bash", displayName: "Bash", language: "bash"),
                languageInfo: .init(
                    name: "bash", codemirrorMode: "shell", fileExtension: ".sh", mimetype: "text/x-sh"),
                title: title, fcosTargets: .init(lesson: lessonID, command: command.joined(separator: " "))))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(notebook)
        data.append(0x0A)
        return data
    }

    func cells(_ page: StepPage) -> [JupyterCell] {
        var cells: [JupyterCell] = []
        var text = ["## \(page.number). \(MarkdownText.escape(page.title))"]
        var part = 0
        func flush() {
            guard !text.isEmpty else { return }
            cells.append(.markdown(id: "step-\(page.number)-\(part)", text.joined(separator: "\n\n")))
            part += 1
            text = []
        }
        for cell in page.cells {
            switch cell {
            case .heading(let heading): text.append("### " + MarkdownText.inline(heading))
            case .prose(let prose): text.append(MarkdownText.prose(prose))
            case .formula(let formula): text.append(MarkdownText.fenced(formula))
            case .table(let table): text.append(MarkdownText.table(table))
            case .note(let note):
                let quoted = MarkdownText.prose(note).split(separator: "\n", omittingEmptySubsequences: false)
                    .map { $0.isEmpty ? ">" : "> \($0)" }
                text.append((["> **Note**", ">"] + quoted).joined(separator: "\n"))
            case .tryThis(let exercises):
                // Jupyter, VS Code and GitHub render <details> in Markdown: the answer stays
                // hidden until the student opens it, as on the page.
                text.append(
                    "**Try this**\n\n"
                        + exercises.map { exercise in
                            "- " + MarkdownText.inline(exercise.prompt)
                                + (exercise.answer.map {
                                    "\n\n  <details><summary>Answer</summary>\n\n  "
                                        + MarkdownText.prose($0) + "\n\n  </details>\n"
                                } ?? "")
                        }.joined(separator: "\n"))
            case .figure(let spec):
                flush()
                cells.append(figure(spec, written: page.figures[spec.name], step: page.number))
            }
        }
        flush()
        return cells
    }

    func figure(_ spec: FigureSpec, written: WrittenFigure?, step: Int) -> JupyterCell {
        let label = written.map { "Figure \($0.number)" } ?? "Figure"
        let caption = InlineMarkup.parse(spec.caption).map(\.text).joined()
        let source =
            "# \(label): \(spec.name), drawn by step \(step)\n"
            + (command + ["--step", "\(step)", "--no-pause"]).joined(separator: " ")
        var data: [String: JupyterText] = ["text/plain": .init("\(label). \(caption)")]
        var metadata: [String: [String: Int]] = [:]
        if let written, let bytes = load(written.path) {
            switch written.format {
            case .png:
                data["image/png"] = .init(bytes.base64EncodedString())
                if let width = FigureFileSize.width(of: bytes, format: .png) {
                    metadata["image/png"] = ["width": width]
                }
            case .svg:
                data["image/svg+xml"] = .init(String(decoding: bytes, as: UTF8.self))
            case .pdf:
                let name = URL(fileURLWithPath: written.path).lastPathComponent
                data["text/plain"] = .init("\(label). \(caption)\n(PDF: \(name), next to this notebook)")
            }
        }
        let id = String("fig-\(spec.name)".map { $0 == "." ? "-" : $0 }.prefix(64))
        return .code(id: id, source, outputs: [.init(data: data, metadata: metadata)])
    }
}
