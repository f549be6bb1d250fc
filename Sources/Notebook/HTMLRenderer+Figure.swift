import Canvas
import Figures
import Foundation

/// Figures on the notebook page: embedded (the page stays one file), as wide as the window
/// allows rather than the reading column, opened at full size by a click (a CSS-only toggle, so
/// it works without script), and, for figures that explain their marks, an inline SVG layer of
/// tooltips over the drawing.
extension HTMLRenderer {
    func figure(_ spec: FigureSpec, written: WrittenFigure?) -> String {
        let label = written.map { "Figure \($0.number)." } ?? "Figure."
        var caption = "<figcaption><span class=\"label\">\(label)</span> \(inline(spec.caption))"
        if written?.hotspots != nil {
            caption += " <span class=\"hint\">Hover over a location to read why it is what it is.</span>"
        }
        caption += "</figcaption>"
        let anchor = "fig-\(escape(spec.name))"
        guard let written, let data = load(written.path) else {
            return
                "<figure class=\"figure missing\" id=\"\(anchor)\"><p>Figure file missing.</p>\(caption)</figure>"
        }
        let alt = escape(InlineMarkup.parse(spec.caption).map(\.text).joined())
        let fileName = escape(URL(fileURLWithPath: written.path).lastPathComponent)
        let mime: String
        switch written.format {
        case .png: mime = "image/png"
        case .svg: mime = "image/svg+xml"
        case .pdf:
            let link = "<a class=\"pdf\" href=\"\(fileName)\">Open \(fileName)</a> (PDF, next to this page)"
            return "<figure class=\"figure\" id=\"\(anchor)\">\(link)\(caption)</figure>"
        }
        let source = "data:\(mime);base64,\(data.base64EncodedString())"
        let content: String
        let width: Int?
        if let hotspots = written.hotspots {
            content = ExplainedFigureMarkup.svg(
                imageHref: source, hotspots: hotspots,
                label: InlineMarkup.parse(spec.caption).map(\.text).joined())
            width = Int(hotspots.size.width.rounded(.up))
        } else {
            // An <img> rather than inline <svg>: Cairo names glyphs and clip paths with the same
            // ids in every file, and two inlined figures would draw each other's glyphs.
            content = "<img src=\"\(source)\" alt=\"\(alt)\">"
            width = FigureFileSize.width(of: data, format: written.format)
        }
        let zoom = "zoom-\(escape(spec.name))"
        let style = width.map { " style=\"--w:\($0)px\"" } ?? ""
        return "<figure class=\"figure\" id=\"\(anchor)\"\(style)>"
            + "<input type=\"checkbox\" class=\"zoom\" id=\"\(zoom)\" aria-label=\"Show \(label.lowercased()) at full size\">"
            + "<label for=\"\(zoom)\" title=\"Click for full size; click again to close\">\(content)</label>"
            + "\(caption)</figure>"
    }

    /// The tooltip layer's script, once, when some figure on the page has hotspots.
    func scripts(pages: [StepPage]) -> String {
        let explaining = pages.contains { $0.figures.values.contains { $0.hotspots != nil } }
        return explaining ? "<script>\(ExplainedFigureMarkup.script)</script>" : ""
    }
}

/// A figure file's width in pixels, read from its header, so the page can show it no wider
/// than it was drawn.
enum FigureFileSize {
    static func width(of data: Data, format: FileFormat) -> Int? {
        switch format {
        case .png:
            // The IHDR chunk follows the 8-byte signature: length, "IHDR", width (big-endian).
            let bytes = [UInt8](data.prefix(24))
            guard bytes.count == 24, bytes[12..<16].elementsEqual("IHDR".utf8) else { return nil }
            return bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
        case .svg:
            // Cairo writes `width="640pt"` on the root element; its points are the figure's pixels.
            guard let head = String(data: data.prefix(512), encoding: .utf8),
                let range = head.range(of: #"width="([0-9.]+)"#, options: .regularExpression)
            else { return nil }
            let digits = head[range].dropFirst(7).prefix { $0.isNumber || $0 == "." }
            return Double(digits).map { Int($0.rounded(.up)) }
        case .pdf:
            return nil
        }
    }
}
