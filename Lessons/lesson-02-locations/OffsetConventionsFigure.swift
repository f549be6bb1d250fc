import Canvas
import FCOS
import Figures
import Foundation

/// The three places a reference puts the location of cell `(i, j)`, drawn on one grid per level
/// for the image's top-left corner. Figures has no multi-convention grid, so the lesson draws
/// its own with Canvas primitives and Figures' `ImageMapping` and styles.
struct OffsetConventionsFigure: FigureDrawable {
    /// The levels to show, one panel each (P4 and P5 in the lesson).
    var levels: [FeatureLevel]
    /// The part of the image shown, in image pixels; may start left of and above the image.
    var viewport: CGRect
    /// The convention the lesson's preset uses, marked in the legend.
    var presetOffset: LocationOffset
    var presetName: String
    var title: String
    var panelWidth = 320.0
    var style = FigureStyle.standard

    static let officialInk = Color.gray(0.08)
    static let halfStrideInk = Color(hex: 0xD55E00)
    static let zeroInk = Color(hex: 0x0072B2)
    static let gridInk = Color.gray(0.72)
    static let edgeInk = Color.gray(0.15)
    static let outsideFill = Color.gray(0.86)

    /// Who uses each convention.
    static func users(_ offset: LocationOffset) -> String {
        switch offset {
        case .flooredHalfStride: return "official FCOS (the paper)"
        case .halfStride: return "mmdetection, EECS 498"
        case .zero: return "torchvision, detectron2"
        }
    }

    static func formula(_ offset: LocationOffset) -> String {
        switch offset {
        case .flooredHalfStride: return "x = ⌊s/2⌋ + j·s"
        case .halfStride: return "x = (j + 0.5)·s"
        case .zero: return "x = j·s"
        }
    }

    /// Draws the glyph of `offset` centred at `point`; sizes suit a grid spacing of 40+ px.
    static func drawGlyph(_ offset: LocationOffset, at point: CGPoint, in ctx: DrawingContext) {
        switch offset {
        case .halfStride:
            ctx.strokeCircle(center: point, radius: 8.5, halfStrideInk, style: .solid(2.4))
        case .flooredHalfStride:
            ctx.beginPath()
            ctx.addCircle(center: point, radius: 4.2)
            ctx.fillAndStroke(fill: officialInk, stroke: .white, style: .solid(1))
        case .zero:
            let r = 6.0
            let diamond = [
                CGPoint(x: point.x, y: point.y - r), CGPoint(x: point.x + r, y: point.y),
                CGPoint(x: point.x, y: point.y + r), CGPoint(x: point.x - r, y: point.y),
            ]
            ctx.beginPath()
            ctx.addPolygon(diamond)
            ctx.fillAndStroke(fill: zeroInk, stroke: .white, style: .solid(1.2))
        }
    }

    private let panelTitleHeight = 26.0
    private let tickSpace = 18.0
    private var headerHeight: Double { 34 }
    private var panelHeight: Double {
        (panelWidth * Double(viewport.height) / Double(viewport.width)).rounded()
    }
    private var gridWidth: Double {
        Double(levels.count) * (panelWidth + tickSpace) + Double(max(levels.count - 1, 0)) * style.gap
    }

    var legend: GlyphLegend {
        let offsets: [LocationOffset] = [.flooredHalfStride, .halfStride, .zero]
        var rows = offsets.map { offset in
            GlyphLegend.Row(
                text: "\(Self.formula(offset)): \(Self.users(offset))"
                    + (offset == presetOffset ? "  ← preset “\(presetName)”" : ""),
                symbol: { ctx, c in Self.drawGlyph(offset, at: c, in: ctx) })
        }
        rows.append(
            GlyphLegend.Row(
                text: "cell boundaries, every s pixels",
                symbol: { ctx, c in
                    ctx.strokeLine(
                        from: CGPoint(x: c.x - 11, y: c.y), to: CGPoint(x: c.x + 11, y: c.y), Self.gridInk,
                        style: .solid(1))
                }))
        rows.append(
            GlyphLegend.Row(
                text: "image edge; grey beyond it is outside the image",
                symbol: { ctx, c in
                    ctx.fillRect(CGRect(x: c.x - 11, y: c.y - 7, width: 22, height: 7), Self.outsideFill)
                    ctx.strokeLine(
                        from: CGPoint(x: c.x - 11, y: c.y), to: CGPoint(x: c.x + 11, y: c.y), Self.edgeInk,
                        style: .solid(2.5))
                }))
        return GlyphLegend(rows: rows, columns: 1, style: style)
    }

    var size: CGSize {
        let height =
            style.margin + headerHeight + panelTitleHeight + tickSpace + panelHeight + style.gap
            + legend.height
            + style.margin
        return CGSize(width: (2 * style.margin + gridWidth).rounded(.up), height: height.rounded(.up))
    }

    func draw(in ctx: DrawingContext) {
        ctx.drawText(
            title, at: CGPoint(x: style.margin, y: style.margin), font: style.titleFont, color: style.ink,
            anchor: .topLeft)
        for (index, level) in levels.enumerated() {
            let x = style.margin + Double(index) * (panelWidth + tickSpace + style.gap) + tickSpace
            let top = style.margin + headerHeight
            let s = level.stride
            let floored = NumberFormat.plain(LocationOffset.flooredHalfStride.pixels(stride: s))
            let half = NumberFormat.plain(LocationOffset.halfStride.pixels(stride: s))
            ctx.drawText(
                "\(level.name) · s = \(s) · shifts ⌊s/2⌋ = \(floored), s/2 = \(half), 0",
                at: CGPoint(x: x - tickSpace, y: top), font: style.panelTitleFont, color: style.ink,
                anchor: .topLeft)
            let frame = CGRect(
                x: x, y: top + panelTitleHeight + tickSpace, width: panelWidth, height: panelHeight)
            drawPanel(stride: s, frame: frame, ctx: ctx)
        }
        let legendTop = style.margin + headerHeight + panelTitleHeight + tickSpace + panelHeight + style.gap
        legend.draw(in: ctx, at: CGPoint(x: style.margin + tickSpace, y: legendTop))
    }

    private func drawPanel(stride s: Int, frame: CGRect, ctx: DrawingContext) {
        let mapping = ImageMapping(viewport: viewport, frame: frame)
        let v = viewport
        let origin = mapping.point(x: 0, y: 0)
        ctx.withClip(to: frame) {
            ctx.fillRect(frame, Self.outsideFill)
            ctx.fillRect(
                CGRect(x: origin.x, y: origin.y, width: frame.maxX - origin.x, height: frame.maxY - origin.y),
                Color(hex: 0xFAFAF7))
            // Cell boundaries.
            let columns = Int((Double(v.maxX) / Double(s)).rounded(.up))
            let rows = Int((Double(v.maxY) / Double(s)).rounded(.up))
            ctx.beginPath()
            for j in 1...max(columns, 1) {
                let p = mapping.point(x: Double(j * s), y: 0)
                ctx.addLine(from: CGPoint(x: p.x, y: origin.y), to: CGPoint(x: p.x, y: frame.maxY))
            }
            for i in 1...max(rows, 1) {
                let p = mapping.point(x: 0, y: Double(i * s))
                ctx.addLine(from: CGPoint(x: origin.x, y: p.y), to: CGPoint(x: frame.maxX, y: p.y))
            }
            ctx.stroke(Self.gridInk, style: .solid(1))
            // Image edges.
            ctx.strokeLine(
                from: origin, to: CGPoint(x: frame.maxX, y: origin.y), Self.edgeInk, style: .solid(2.5))
            ctx.strokeLine(
                from: origin, to: CGPoint(x: origin.x, y: frame.maxY), Self.edgeInk, style: .solid(2.5))
            // Locations, widest glyph first so the others stay visible where they coincide.
            for offset in [LocationOffset.halfStride, .zero, .flooredHalfStride] {
                let shift = Double(offset.pixels(stride: s))
                for i in 0...rows {
                    for j in 0...columns {
                        let p = mapping.point(x: Double(j * s) + shift, y: Double(i * s) + shift)
                        guard frame.insetBy(dx: -10, dy: -10).contains(p) else { continue }
                        Self.drawGlyph(offset, at: p, in: ctx)
                    }
                }
            }
        }
        ctx.strokeRect(frame.insetBy(dx: -0.5, dy: -0.5), .gray(0.6), style: .solid(1))
        // Pixel coordinates of the cell boundaries along the top and left edges.
        let columns = Int((Double(v.maxX) / Double(s)).rounded(.down))
        for j in 0...max(columns, 0) {
            let p = mapping.point(x: Double(j * s), y: 0)
            guard p.x >= frame.minX - 1 else { continue }
            ctx.drawText(
                "\(j * s)", at: CGPoint(x: p.x, y: frame.minY - 3), font: style.smallFont,
                color: style.mutedInk,
                anchor: .bottom)
        }
        let rows = Int((Double(v.maxY) / Double(s)).rounded(.down))
        for i in 0...max(rows, 0) {
            let p = mapping.point(x: 0, y: Double(i * s))
            guard p.y >= frame.minY - 1 else { continue }
            ctx.drawText(
                "\(i * s)", at: CGPoint(x: frame.minX - 4, y: p.y), font: style.smallFont,
                color: style.mutedInk,
                anchor: .right)
        }
    }
}

enum NumberFormat {
    /// `8`, `4.5`.
    static func plain(_ value: Float) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", Double(value))
    }
}
