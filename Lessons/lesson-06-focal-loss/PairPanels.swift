import Canvas
import FCOS
import Figures
import Foundation

/// The IoU/GIoU example pairs as small multiples: target solid, prediction dashed, the enclosing
/// box `C` dotted, the overlap shaded. Figures has no kind for box pairs, so this lesson draws
/// them with Canvas primitives and Figures' colours and legend.
struct PairPanels: FigureDrawable {
    var pairs: [BoxPair]
    var columns = 2
    var panelWidth = 320.0
    var style = FigureStyle.standard

    let targetColor = BoxColors.color(forBox: 0)
    let predictionColor = BoxColors.color(forBox: 1)

    /// The image-space window every panel shows: the union of all boxes, padded.
    var viewport: CGRect {
        let boxes = pairs.flatMap { [$0.target, $0.prediction] }
        let x0 = Double(boxes.map(\.x0).min() ?? 0) - 20
        let y0 = Double(boxes.map(\.y0).min() ?? 0) - 20
        let x1 = Double(boxes.map(\.x1).max() ?? 1) + 20
        let y1 = Double(boxes.map(\.y1).max() ?? 1) + 20
        return CGRect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    var scale: Double { panelWidth / Double(viewport.width) }
    var panelHeight: Double { Double(viewport.height) * scale }
    let titleHeight = 42.0
    let headerHeight = 40.0
    var rows: Int { (pairs.count + 1 + columns - 1) / columns }

    var size: CGSize {
        CGSize(
            width: 2 * style.margin + Double(columns) * panelWidth + Double(columns - 1) * style.gap,
            height: 2 * style.margin + headerHeight + Double(rows) * (titleHeight + panelHeight)
                + Double(rows - 1) * style.gap)
    }

    func cellOrigin(_ index: Int) -> CGPoint {
        CGPoint(
            x: style.margin + Double(index % columns) * (panelWidth + style.gap),
            y: style.margin + headerHeight + Double(index / columns) * (titleHeight + panelHeight + style.gap)
        )
    }

    func draw(in ctx: DrawingContext) {
        ctx.drawText(
            "Five predictions against one target", at: CGPoint(x: style.margin, y: style.margin),
            font: style.titleFont, color: style.ink, anchor: .topLeft)
        for (index, pair) in pairs.enumerated() {
            let origin = cellOrigin(index)
            let iou = intersectionOverUnion(pair.prediction, pair.target)
            let giou = generalizedIntersectionOverUnion(pair.prediction, pair.target)
            ctx.drawText(
                pair.name, at: CGPoint(x: Double(origin.x), y: Double(origin.y)), font: style.panelTitleFont,
                color: style.ink, anchor: .topLeft)
            ctx.drawText(
                "IoU \(fixed(Double(iou), 2)) · GIoU \(fixed(Double(giou), 2))",
                at: CGPoint(x: Double(origin.x), y: Double(origin.y) + 19), font: style.labelFont,
                color: style.mutedInk, anchor: .topLeft)
            let frame = CGRect(
                x: Double(origin.x), y: Double(origin.y) + titleHeight, width: panelWidth, height: panelHeight
            )
            drawPanel(pair, in: ctx, frame: frame)
        }
        let legendOrigin = cellOrigin(pairs.count)
        let legend = Legend(sections: [
            Legend.Section(entries: [
                Legend.Entry(.outline(targetColor, dashed: false), "target box"),
                Legend.Entry(.outline(predictionColor, dashed: true), "predicted box"),
                Legend.Entry(.outline(.gray(0.35), dashed: true), "C, the smallest box enclosing both"),
                Legend.Entry(.swatch(targetColor.withAlpha(0.3)), "overlap A ∩ B"),
            ])
        ])
        legend.draw(
            in: ctx, at: CGPoint(x: Double(legendOrigin.x), y: Double(legendOrigin.y) + titleHeight),
            maxWidth: panelWidth)
    }

    func rect(_ box: Box, in frame: CGRect) -> CGRect {
        CGRect(
            x: Double(frame.minX) + (Double(box.x0) - Double(viewport.minX)) * scale,
            y: Double(frame.minY) + (Double(box.y0) - Double(viewport.minY)) * scale,
            width: Double(box.width) * scale, height: Double(box.height) * scale)
    }

    func drawPanel(_ pair: BoxPair, in ctx: DrawingContext, frame: CGRect) {
        ctx.fillRect(frame, Color(hex: 0xF6F5F0))
        ctx.strokeRect(frame, .gray(0.7), style: .solid(1))
        let a = pair.target
        let b = pair.prediction
        let enclosing = Box(
            x0: min(a.x0, b.x0), y0: min(a.y0, b.y0), x1: max(a.x1, b.x1), y1: max(a.y1, b.y1))
        let overlap = Box(
            x0: max(a.x0, b.x0), y0: max(a.y0, b.y0), x1: min(a.x1, b.x1), y1: min(a.y1, b.y1))
        if !overlap.isEmpty { ctx.fillRect(rect(overlap, in: frame), targetColor.withAlpha(0.3)) }
        ctx.strokeRect(rect(enclosing, in: frame).insetBy(dx: -4, dy: -4), .gray(0.35), style: .dotted(1.5))
        ctx.strokeRect(rect(a, in: frame), targetColor, style: .solid(2.5))
        ctx.strokeRect(rect(b, in: frame), predictionColor, style: .dashed(2.5, on: 7, off: 4))
    }
}
