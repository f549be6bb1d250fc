import Canvas
import Foundation

/// Line breaking for titles and legend text: figures are drawn at many widths and a long title
/// must wrap rather than run off the edge.
enum TextLayout {
    /// `text` broken at spaces into lines no wider than `width`; a single word wider than that
    /// keeps a line to itself.
    static func wrap(_ text: String, font: Font, width: Double) -> [String] {
        guard font.measure(text).width > width else { return [text] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if font.measure(candidate).width <= width || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// Line spacing for `font`.
    static func lineHeight(_ font: Font) -> Double {
        (font.size * 1.3).rounded(.up)
    }

    /// Draws `lines` from `top`, anchored per `horizontal`, and returns the bottom.
    @discardableResult
    static func draw(
        _ lines: [String], in ctx: DrawingContext, x: Double, top: Double, font: Font, color: Color,
        horizontal: TextAnchor.Horizontal = .left
    ) -> Double {
        var y = top
        for line in lines {
            ctx.drawText(
                line, at: CGPoint(x: x, y: y), font: font, color: color, anchor: TextAnchor(horizontal, .top))
            y += lineHeight(font)
        }
        return y
    }
}

/// A figure's title and subtitle, wrapped to the figure width.
struct TitleBlock {
    var title: String
    var subtitle: String?
    var style: FigureStyle
    var width: Double

    var titleLines: [String] { TextLayout.wrap(title, font: style.titleFont, width: width) }
    var subtitleLines: [String] {
        (subtitle?.split(separator: "\n").map(String.init) ?? []).flatMap {
            TextLayout.wrap($0, font: style.subtitleFont, width: width)
        }
    }

    var height: Double {
        Double(titleLines.count) * TextLayout.lineHeight(style.titleFont) + Double(subtitleLines.count)
            * TextLayout.lineHeight(style.subtitleFont) + 6
    }

    func draw(in ctx: DrawingContext, at origin: CGPoint) {
        let bottom = TextLayout.draw(
            titleLines, in: ctx, x: Double(origin.x), top: Double(origin.y), font: style.titleFont,
            color: style.ink)
        TextLayout.draw(
            subtitleLines, in: ctx, x: Double(origin.x), top: bottom + 2, font: style.subtitleFont,
            color: style.mutedInk)
    }
}
