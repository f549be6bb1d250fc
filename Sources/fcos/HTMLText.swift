import Canvas
import Figures

/// The small pieces of HTML the `inspect` and `compare` galleries share: escaping, tables, the
/// style sheet and a figure thumbnail. Pages are built as plain strings: a template engine would
/// be a dependency for about a hundred lines of markup.
enum HTMLText {
    static func escape(_ text: String) -> String { HTMLEscape.text(text) }

    /// A table with a header row; cells are HTML already (escape text first). `rowClass` marks rows,
    /// e.g. boxes without positives.
    static func table(
        _ header: [String], _ rows: [[String]], rowClass: (Int) -> String? = { _ in nil },
        numeric: Set<Int> = []
    ) -> String {
        var html = "<table>\n<thead><tr>"
        for (i, h) in header.enumerated() {
            html += numeric.contains(i) ? "<th class=\"n\">\(h)</th>" : "<th>\(h)</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for (r, row) in rows.enumerated() {
            html += rowClass(r).map { "<tr class=\"\($0)\">" } ?? "<tr>"
            for (i, cell) in row.enumerated() {
                html += numeric.contains(i) ? "<td class=\"n\">\(cell)</td>" : "<td>\(cell)</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    /// A colour swatch and the box's label, so a table row and the figure's box match by colour.
    /// `hex` is the colour the figure drew the box in, when focus mode changed it.
    static func boxCell(_ index: Int, label: String, hex: String? = nil) -> String {
        "<span class=\"sw\" style=\"background:\(hex ?? BoxColors.hex(forBox: index))\"></span>\(escape(label))"
    }

    /// The figure, shown scaled down and linked to the full file; a PDF can only be linked.
    static func thumbnail(_ file: String, format: FileFormat, alt: String) -> String {
        let href = escape(file)
        guard format != .pdf else { return "<p><a href=\"\(href)\">figure (PDF): \(href)</a></p>\n" }
        return
            "<a class=\"fig\" href=\"\(href)\"><img src=\"\(href)\" alt=\"\(escape(alt))\" loading=\"lazy\"></a>\n"
    }

    /// A figure with its hover layer when it has one, else ``thumbnail(_:format:alt:)``.
    static func figure(_ file: String, hotspots: FigureHotspots?, format: FileFormat, alt: String) -> String {
        guard let hotspots, format != .pdf else { return thumbnail(file, format: format, alt: alt) }
        return "<div class=\"fig\">"
            + ExplainedFigureMarkup.svg(imageHref: file, hotspots: hotspots, label: alt)
            + "<p class=\"note\">Hover over a location to read the matcher's reasons; "
            + "<a href=\"\(escape(file))\">open the figure</a> on its own.</p></div>\n"
    }

    /// The page; `explaining` adds the hover layer's styles and its click-for-details script.
    static func page(title: String, body: String, explaining: Bool = false) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        \(style)
        \(explaining ? ExplainedFigureMarkup.css : "")
        </style>
        </head>
        <body>
        \(body)
        \(explaining ? "<script>\(ExplainedFigureMarkup.script)</script>" : "")
        </body>
        </html>

        """
    }

    static let style = """
        body { font: 14px/1.45 system-ui, -apple-system, "DejaVu Sans", sans-serif; color: #222; margin: 24px auto; max-width: 1400px; padding: 0 16px; }
        h1 { font-size: 22px; margin-bottom: 4px; }
        h2 { font-size: 18px; margin: 36px 0 4px; padding-top: 12px; border-top: 1px solid #ddd; }
        p.note, p.size { color: #555; margin: 4px 0; }
        table { border-collapse: collapse; margin: 10px 0; font-size: 13px; }
        td:not(:last-child), th { white-space: nowrap; }
        th, td { border-bottom: 1px solid #e4e4e4; padding: 3px 10px 3px 4px; text-align: left; vertical-align: top; }
        th { background: #f4f4f1; font-weight: 600; }
        .n { text-align: right; font-variant-numeric: tabular-nums; }
        tr.warn td { color: #B0001E; background: #fff3f3; }
        span.sw { display: inline-block; width: 11px; height: 11px; margin-right: 6px; border: 1px solid #0005; vertical-align: -1px; }
        a.fig img, div.fig svg { max-width: 100%; border: 1px solid #ccc; }
        div.zooms { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 12px; }
        div.zooms p { margin: 0; }
        .problems { color: #B0001E; }
        code { font-size: 12px; }
        """
}
