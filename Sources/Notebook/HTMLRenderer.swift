import Canvas
import Figures
import Foundation

/// Writes a lesson as one self-contained notebook page: figures are embedded as `data:` URIs
/// and the stylesheet is inline, so `index.html` can be mailed or moved on its own and still
/// read offline. Only PDF figures, which browsers cannot show inline reliably, stay as links.
struct HTMLRenderer {
    var lessonID: String
    var title: String
    var summary: String?
    var stepTitles: [String]
    /// Short facts about this run shown under the title, such as the preset.
    var details: [String]
    /// The command that reproduces this page, shown in the footer.
    var command: String
    /// Reads a figure for embedding; injectable so tests need no files.
    var load: (String) -> Data? = { FileManager.default.contents(atPath: $0) }

    func render(pages: [StepPage], failure: LessonFailure?) -> String {
        var body = header(evaluated: pages.count)
        for page in pages {
            body += section(page)
        }
        if let failure {
            body += """
                <section class="failure" id="failure"><h2>The lesson stopped</h2>\
                <p>\(escape(failure.message))</p><p class="hint">Fix the problem and run the lesson again; \
                the steps above were written before it stopped.</p></section>

                """
        }
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="fcos-targets Notebook">
            <title>\(escape(title))</title>
            <style>\(HTMLStyle.css)\(HTMLStyle.figureCSS)</style>
            </head>
            <body>
            <main>
            \(body)<footer>Regenerate with <code>\(escape(command))</code></footer>
            </main>
            \(scripts(pages: pages))
            </body>
            </html>

            """
    }

    private func header(evaluated: Int) -> String {
        var html = "<header>\n<p class=\"kicker\">\(escape(lessonID))</p>\n<h1>\(escape(title))</h1>\n"
        if let summary { html += "<p class=\"summary\">\(inline(summary))</p>\n" }
        let steps = stepTitles.count == 1 ? "1 step" : "\(stepTitles.count) steps"
        html += "<p class=\"meta\">\(escape(([steps] + details).joined(separator: " · ")))</p>\n"
        html += "<nav class=\"toc\" aria-label=\"Steps\"><ol>\n"
        for (index, stepTitle) in stepTitles.enumerated() {
            html +=
                index < evaluated
                ? "<li><a href=\"#step-\(index + 1)\">\(escape(stepTitle))</a></li>\n"
                : "<li class=\"not-run\">\(escape(stepTitle)) <small>(not run)</small></li>\n"
        }
        return html + "</ol></nav>\n</header>\n"
    }

    private func section(_ page: StepPage) -> String {
        var html = "<section class=\"step\" id=\"step-\(page.number)\">\n"
        html += "<h2><span class=\"step-number\">\(page.number)</span> \(escape(page.title))</h2>\n"
        for cell in page.cells {
            html += render(cell, in: page) + "\n"
        }
        return html + "</section>\n"
    }

    func render(_ cell: Cell, in page: StepPage) -> String {
        switch cell {
        case .heading(let text):
            return "<h3>\(inline(text))</h3>"
        case .prose(let text):
            return prose(text)
        case .formula(let text):
            return "<pre class=\"formula\"><code>\(escape(text))</code></pre>"
        case .table(let table):
            return render(table)
        case .figure(let spec):
            return figure(spec, written: page.figures[spec.name])
        case .note(let text):
            return "<aside class=\"note\"><p class=\"label\">Note</p>\(prose(text))</aside>"
        case .tryThis(let exercises):
            let items = exercises.map { exercise in
                let answer = exercise.answer.map {
                    "<details class=\"answer\"><summary>Answer</summary>\(prose($0))</details>"
                }
                return "<li>\(inline(exercise.prompt))\(answer ?? "")</li>"
            }.joined()
            return "<aside class=\"try\"><p class=\"label\">Try this</p><ul>\(items)</ul></aside>"
        }
    }

    private func prose(_ text: String) -> String {
        ProseBlock.split(text).map { block in
            switch block {
            case .paragraph(let paragraph): "<p>\(inline(paragraph))</p>"
            case .bullets(let items): "<ul>" + items.map { "<li>\(inline($0))</li>" }.joined() + "</ul>"
            }
        }.joined(separator: "\n")
    }

    /// Inline markup to HTML; every run is escaped, so markup characters in prose can never
    /// inject tags.
    func inline(_ text: String) -> String {
        InlineMarkup.parse(text).map { run in
            let text = escape(run.text)
            return switch run.style {
            case .plain: text
            case .code: "<code>\(text)</code>"
            case .emphasis: "<em>\(text)</em>"
            case .strong: "<strong>\(text)</strong>"
            }
        }.joined()
    }

    func render(_ table: Table) -> String {
        func align(_ column: Int) -> String {
            switch table.columns[column].alignment {
            case .left: ""
            case .right: " class=\"right\""
            case .center: " class=\"center\""
            }
        }
        var html = "<div class=\"table-wrap\"><table>"
        if let title = table.title { html += "<caption>\(inline(title))</caption>" }
        html += "<thead><tr>"
        for (column, header) in table.columns.enumerated() {
            html += "<th scope=\"col\"\(align(column))>\(escape(header.header))</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            html += "<tr>"
            for (column, text) in table.cells(of: row).enumerated() {
                let swatch = column == 0 ? row.swatch.map(swatchHTML) ?? "" : ""
                html += "<td\(align(column))>\(swatch)\(escape(text))</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody></table></div>"
    }

    private func swatchHTML(_ color: UInt32) -> String {
        let hex = String(color & 0xFF_FFFF, radix: 16, uppercase: true)
        let padded = String(repeating: "0", count: 6 - hex.count) + hex
        return "<span class=\"swatch\" style=\"background:#\(padded)\" aria-hidden=\"true\"></span>"
    }

    func escape(_ text: String) -> String { HTMLEscape.text(text) }
}
