import Canvas
import FCOS
import Figures
import Foundation

/// Two overlapping boxes of different classes under both kinds of NMS, side by side: ignoring
/// classes (`NMS.greedy`) the lower-scoring one is suppressed; class-aware (`NMS.batched`, what
/// every preset runs) both stay. Each box keeps its class's colour in both panels; only the line
/// (solid kept, dashed suppressed) and the chip's mark change.
struct ClassAwareFigure: FigureDrawable {
    struct Entry {
        var box: Box
        var score: Float
        var name: String
        var color: Color
    }

    var entries: [Entry]
    /// Indices of `entries` each kind of NMS keeps.
    var keptIgnoringClasses: [Int]
    var keptClassAware: [Int]
    var iou: Float
    var threshold: Double
    var imageWidth: Int
    var imageHeight: Int
    var illustration: String?
    var title: String
    var panelWidth = 370.0
    var style = FigureStyle.standard

    let headerHeight = 64.0
    let panelTitleHeight = 24.0
    let gap = 24.0

    /// The pair with a margin, squared towards the panel's shape, inside the image.
    var viewport: CGRect {
        let rect = { (b: Box) in
            CGRect(x: Double(b.x0), y: Double(b.y0), width: Double(b.width), height: Double(b.height))
        }
        var r = rect(entries[0].box)
        for e in entries { r = r.union(rect(e.box)) }
        let pad = 0.35 * max(Double(r.width), Double(r.height))
        let image = CGRect(x: 0, y: 0, width: imageWidth, height: imageHeight)
        let padded = r.insetBy(dx: -pad, dy: -pad).intersection(image)
        return padded.isNull ? image : padded
    }

    var panelHeight: Double { panelWidth * Double(viewport.height) / Double(viewport.width) }

    func mapping(panel: Int) -> ImageMapping {
        ImageMapping(
            viewport: viewport,
            frame: CGRect(
                x: style.margin + Double(panel) * (panelWidth + gap),
                y: style.margin + headerHeight + panelTitleHeight,
                width: panelWidth, height: panelHeight))
    }

    var legend: Legend {
        var entriesShown = entries.map { Legend.Entry(.swatch($0.color), $0.name) }
        entriesShown.append(Legend.Entry(.line(.gray(0.25), dash: [], width: 3), "✓ kept"))
        if keptIgnoringClasses.count < entries.count || keptClassAware.count < entries.count {
            entriesShown.append(
                Legend.Entry(
                    .line(.gray(0.25), dash: [7, 4], width: 2.2), "✗ suppressed (IoU with the ✓ box)"))
        }
        return Legend(
            sections: [Legend.Section(entries: entriesShown)], font: style.labelFont, ink: style.ink)
    }

    var subtitle: String {
        "IoU of the pair \(String(format: "%.2f", Double(iou))) > \(String(format: "%.1f", threshold)): only whether "
            + "the classes are compared differs"
    }

    var size: CGSize {
        let width = max(
            2 * panelWidth + gap, style.titleFont.measure(title).width,
            style.subtitleFont.measure(subtitle).width)
        let legendHeight = Double(legend.size(maxWidth: width).height)
        return CGSize(
            width: width + 2 * style.margin,
            height: style.margin + headerHeight + panelTitleHeight + panelHeight + 14 + legendHeight
                + style.margin)
    }

    func draw(in ctx: DrawingContext) {
        ctx.drawText(
            title, at: CGPoint(x: style.margin, y: style.margin), font: style.titleFont, color: style.ink,
            anchor: .topLeft)
        ctx.drawText(
            subtitle, at: CGPoint(x: style.margin, y: style.margin + 30), font: style.subtitleFont,
            color: style.mutedInk,
            anchor: .topLeft)
        let panels: [(String, [Int])] = [
            (
                "Ignoring classes (NMS.greedy): \(keptIgnoringClasses.count) of \(entries.count) kept",
                keptIgnoringClasses
            ),
            (
                "Class-aware (NMS.batched, FCOS): \(keptClassAware.count) of \(entries.count) kept",
                keptClassAware
            ),
        ]
        for (panel, (heading, kept)) in panels.enumerated() {
            let m = mapping(panel: panel)
            ctx.drawText(
                heading, at: CGPoint(x: Double(m.frame.minX), y: Double(m.frame.minY) - panelTitleHeight + 2),
                font: style.panelTitleFont, color: style.ink, anchor: .topLeft)
            ctx.withClip(to: m.frame) {
                ctx.withSavedState {
                    ctx.translate(
                        x: Double(m.frame.minX) - Double(viewport.minX) * m.scale,
                        y: Double(m.frame.minY) - Double(viewport.minY) * m.scale)
                    ctx.scale(m.scale)
                    let size = CGSize(width: imageWidth, height: imageHeight)
                    let drawn =
                        illustration.map { Illustration.draw(named: $0, in: ctx, size: size) } ?? false
                    if !drawn { ctx.fillRect(CGRect(origin: .zero, size: size), Color(hex: 0xF6F5F0)) }
                }
                ctx.fillRect(m.frame, Color.white.withAlpha(0.45))
                for (i, e) in entries.enumerated() {
                    let keptHere = kept.contains(i)
                    ctx.strokeRect(
                        m.rect(e.box), e.color,
                        style: keptHere ? StrokeStyle(width: 3) : StrokeStyle(width: 2.2, dash: [7, 4]))
                }
            }
            ctx.strokeRect(m.frame, .gray(0.6), style: .solid(1))
            for (i, e) in entries.enumerated() {
                let keptHere = kept.contains(i)
                let keeper = kept.first.map { entries[$0].name } ?? ""
                let text =
                    keptHere
                    ? "✓ \(e.name) \(String(format: "%.2f", Double(e.score)))"
                    : "✗ \(e.name) · IoU \(String(format: "%.2f", Double(iou))) with \(keeper)"
                let rect = m.rect(e.box)
                let chip: LabelStyle =
                    keptHere
                    ? .filled(e.color, font: .bold(12))
                    : LabelStyle(
                        font: .bold(12), background: .white.withAlpha(0.92), textColor: .gray(0.1),
                        border: e.color,
                        borderWidth: 1.5)
                let point =
                    i == 0
                    ? CGPoint(x: Double(rect.minX), y: Double(rect.minY))
                    : CGPoint(x: Double(rect.minX) + 3, y: Double(rect.maxY) - 3)
                ctx.drawLabel(
                    text, at: point, style: chip, anchor: i == 0 ? .bottomLeft : .bottomLeft,
                    within: m.frame.insetBy(dx: 2, dy: 2))
            }
        }
        legend.draw(
            in: ctx, at: CGPoint(x: style.margin, y: Double(mapping(panel: 0).frame.maxY) + 14),
            maxWidth: 2 * panelWidth + gap)
    }
}
