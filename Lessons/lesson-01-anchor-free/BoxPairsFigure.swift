import Canvas
import FCOS
import Figures
import Foundation

/// Two boxes and what IoU and GIoU make of them.
struct BoxPair {
    var name: String
    var a: Box
    var b: Box
    /// Draw the pixel grid and shade the pixels each box covers when `x1` and `y1` name the last
    /// pixel inside it (the official code's `+1` widths).
    var showsPixels = false

    var iou: Float { intersectionOverUnion(a, b) }
    var iouInclusive: Float { intersectionOverUnion(a, b, convention: .inclusivePixels) }
    var giou: Float { generalizedIntersectionOverUnion(a, b) }

    /// The smallest box enclosing both, the `C` of GIoU.
    var enclosing: Box {
        Box(x0: min(a.x0, b.x0), y0: min(a.y0, b.y0), x1: max(a.x1, b.x1), y1: max(a.y1, b.y1))
    }
}

/// Small multiples of box pairs, one panel each, drawn with Canvas and the Figures toolkit's
/// colours, image mapping and legend. Figures has no box-pair figure, so this lesson draws its own.
struct BoxPairsFigure: FigureDrawable {
    var pairs: [BoxPair]
    var title: String
    var columns = 3
    var panelSide = 250.0
    var style = FigureStyle.standard

    private let captionHeight = 44.0
    private let panelTitleHeight = 22.0

    static let colorA = BoxColors.color(forBox: 0)
    static let colorB = BoxColors.color(forBox: 1)
    static let overlapFill = Color.gray(0.25, alpha: 0.35)
    static let enclosingInk = Color.gray(0.35)

    private var rows: Int { (pairs.count + columns - 1) / columns }
    private var gridWidth: Double { Double(columns) * panelSide + Double(columns - 1) * style.gap }
    private var headerHeight: Double { 36 }
    private var cellHeight: Double { panelTitleHeight + panelSide + captionHeight }

    var legend: Legend {
        Legend(
            sections: [
                .init(entries: [
                    .init(.outline(Self.colorA, dashed: false), "box A"),
                    .init(.outline(Self.colorB, dashed: false), "box B"),
                    .init(.swatch(Self.overlapFill), "A ∩ B, the intersection"),
                    .init(
                        .outline(Self.enclosingInk, dashed: true),
                        "C, the smallest box enclosing A and B (GIoU)"),
                    .init(
                        .swatch(Self.colorA.withAlpha(0.3)),
                        "pixels a box covers when x1, y1 name its last pixel (+1 widths)"),
                ])
            ], font: style.labelFont, titleFont: style.labelFont.bold, ink: style.ink)
    }

    private var legendHeight: Double { Double(legend.size(maxWidth: gridWidth).height) }

    var size: CGSize {
        let height =
            style.margin + headerHeight + Double(rows) * cellHeight + Double(rows - 1) * style.gap + style.gap
            + legendHeight + style.margin
        return CGSize(width: (2 * style.margin + gridWidth).rounded(.up), height: height.rounded(.up))
    }

    func draw(in ctx: DrawingContext) {
        ctx.drawText(
            title, at: CGPoint(x: style.margin, y: style.margin), font: style.titleFont, color: style.ink,
            anchor: .topLeft)
        for (index, pair) in pairs.enumerated() {
            let x = style.margin + Double(index % columns) * (panelSide + style.gap)
            let y = style.margin + headerHeight + Double(index / columns) * (cellHeight + style.gap)
            ctx.drawText(
                pair.name, at: CGPoint(x: x, y: y + panelTitleHeight - 5), font: style.panelTitleFont,
                color: style.ink, anchor: .bottomLeft)
            let frame = CGRect(x: x, y: y + panelTitleHeight, width: panelSide, height: panelSide)
            drawPanel(pair, in: frame, ctx: ctx)
            let caption = [
                "IoU \(Self.format(pair.iou)) · GIoU \(Self.format(pair.giou))",
                "IoU with +1 widths \(Self.format(pair.iouInclusive))",
            ]
            for (line, text) in caption.enumerated() {
                ctx.drawText(
                    text, at: CGPoint(x: x, y: Double(frame.maxY) + 6 + Double(line) * 18),
                    font: line == 0 ? style.labelFont.bold : style.labelFont,
                    color: line == 0 ? style.ink : style.mutedInk, anchor: .topLeft)
            }
        }
        let legendTop = style.margin + headerHeight + Double(rows) * cellHeight + Double(rows - 1) * style.gap
        legend.draw(in: ctx, at: CGPoint(x: style.margin, y: legendTop + style.gap), maxWidth: gridWidth)
    }

    private func drawPanel(_ pair: BoxPair, in frame: CGRect, ctx: DrawingContext) {
        let c = pair.enclosing
        // With pixels shown, frame the +1 pixels too, with one pixel to spare on each side.
        let shown = pair.showsPixels ? Box(x0: c.x0 - 1, y0: c.y0 - 1, x1: c.x1 + 2, y1: c.y1 + 2) : c
        let side = Double(max(shown.width, shown.height)) * (pair.showsPixels ? 1 : 1.3)
        let cx = Double(shown.x0 + shown.x1) / 2
        let cy = Double(shown.y0 + shown.y1) / 2
        let viewport = CGRect(x: cx - side / 2, y: cy - side / 2, width: side, height: side)
        let mapping = ImageMapping(viewport: viewport, frame: frame)
        ctx.fillRect(frame, Color(hex: 0xFAFAF7))
        ctx.withClip(to: frame) {
            if pair.showsPixels { drawPixels(pair, mapping: mapping, ctx: ctx) }
            // The intersection, where there is one.
            let overlap = Box(
                x0: max(pair.a.x0, pair.b.x0), y0: max(pair.a.y0, pair.b.y0), x1: min(pair.a.x1, pair.b.x1),
                y1: min(pair.a.y1, pair.b.y1))
            if !overlap.isEmpty { ctx.fillRect(mapping.rect(overlap), Self.overlapFill) }
            ctx.strokeRect(
                mapping.rect(c).insetBy(dx: -4, dy: -4), Self.enclosingInk,
                style: StrokeStyle(width: 1.3, dash: [5, 4]))
            ctx.strokeRect(mapping.rect(pair.a), Self.colorA, style: .solid(3))
            ctx.strokeRect(
                mapping.rect(pair.b), Self.colorB,
                style: StrokeStyle(width: 3, dash: pair.a == pair.b ? [8, 8] : []))
            let chip = Font.bold(12)
            let a = mapping.rect(pair.a)
            let b = mapping.rect(pair.b)
            ctx.drawLabel(
                "A", at: CGPoint(x: a.minX, y: a.minY), style: .filled(Self.colorA, font: chip),
                anchor: .topLeft)
            ctx.drawLabel(
                "B", at: CGPoint(x: b.maxX, y: b.maxY), style: .filled(Self.colorB, font: chip),
                anchor: .bottomRight)
        }
        ctx.strokeRect(frame.insetBy(dx: -0.5, dy: -0.5), .gray(0.7), style: .solid(1))
    }

    /// One square per image pixel, and each box's pixels under the `+1` convention: a box with
    /// `x0 = 2, x1 = 6` covers pixel columns 2, 3, 4, 5 and 6, five pixels, not four.
    private func drawPixels(_ pair: BoxPair, mapping: ImageMapping, ctx: DrawingContext) {
        for (box, color) in [(pair.a, Self.colorA), (pair.b, Self.colorB)] {
            let cells = Box(x0: box.x0, y0: box.y0, x1: box.x1 + 1, y1: box.y1 + 1)
            ctx.fillRect(mapping.rect(cells), color.withAlpha(0.3))
        }
        let v = mapping.viewport
        ctx.beginPath()
        for x in Int(Double(v.minX).rounded(.down))...Int(Double(v.maxX).rounded(.up)) {
            let p = mapping.point(x: Double(x), y: 0)
            ctx.addLine(
                from: CGPoint(x: p.x, y: mapping.frame.minY), to: CGPoint(x: p.x, y: mapping.frame.maxY))
        }
        for y in Int(Double(v.minY).rounded(.down))...Int(Double(v.maxY).rounded(.up)) {
            let p = mapping.point(x: 0, y: Double(y))
            ctx.addLine(
                from: CGPoint(x: mapping.frame.minX, y: p.y), to: CGPoint(x: mapping.frame.maxX, y: p.y))
        }
        ctx.stroke(.gray(0.8), style: .solid(0.8))
    }

    static func format(_ value: Float) -> String {
        let text = String(format: "%.3f", Double(value))
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }
}
