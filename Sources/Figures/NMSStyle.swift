import Canvas
import FCOS
import Foundation

/// How one NMS frame draws its boxes. Colour encodes the box's state, not its identity: what a
/// student follows from frame to frame is which boxes survive.
struct NMSStyle {
    static let current = Color(hex: 0xE69F00)
    static let kept = Color(hex: 0x0072B2)
    static let suppressed = Color(hex: 0xD55E00)
    static let faded = Color.gray(0.45, alpha: 0.7)
    static let waiting = Color.gray(0.25)

    var detections: [ScoredBox]
    var names: [String]

    func draw(_ step: NMSStep, in ctx: DrawingContext, mapping: ImageMapping) {
        var labels: [(Int, String, LabelStyle)] = []
        let chipFont = Font.bold(12)
        ctx.withClip(to: mapping.frame) {
            for (i, _) in step.suppressedBefore.sorted(by: { $0.key < $1.key }) {
                ctx.strokeRect(
                    mapping.rect(detections[i].box), Self.faded, style: StrokeStyle(width: 1.5, dash: [6, 4]))
            }
            for i in step.remaining {
                ctx.strokeRect(mapping.rect(detections[i].box), Self.waiting, style: .solid(1.5))
                let overlap =
                    step.overlapsKept[i].map { " · IoU \(NumberText.format(Double($0), decimals: 2))" } ?? ""
                labels.append(
                    (
                        i, names[i] + overlap,
                        LabelStyle(
                            font: Font(size: 12), background: Color.white.withAlpha(0.9),
                            textColor: Self.waiting, border: Self.waiting)
                    ))
            }
            for (i, iou) in step.suppressedNow.sorted(by: { $0.key < $1.key }) {
                ctx.strokeRect(
                    mapping.rect(detections[i].box), Self.suppressed,
                    style: StrokeStyle(width: 2.2, dash: [7, 4]))
                labels.append(
                    (
                        i, "\(names[i]) · IoU \(NumberText.format(Double(iou), decimals: 2))",
                        LabelStyle(
                            font: chipFont, background: Color.white.withAlpha(0.92),
                            textColor: Self.suppressed.darkened(by: 0.2), border: Self.suppressed)
                    ))
            }
            for i in step.kept {
                ctx.strokeRect(mapping.rect(detections[i].box), Self.kept, style: .solid(3))
                labels.append((i, "✓ " + names[i], .filled(Self.kept, font: chipFont)))
            }
            if let c = step.current {
                let r = mapping.rect(detections[c].box)
                ctx.strokeRect(r, Color.white.withAlpha(0.9), style: .solid(8))
                ctx.strokeRect(r, Self.current, style: .solid(4))
                labels.append((c, "▶ " + names[c], .filled(Self.current, font: .bold(13))))
            }
        }
        // Most important chips first, so they get the best spots.
        var placer = ChipPlacer(bounds: mapping.frame.insetBy(dx: 2, dy: 2))
        for (i, text, style) in labels.reversed() {
            let r = mapping.rect(detections[i].box)
            let chip = ctx.labelFrame(text, at: .zero, style: style)
            let frame = placer.place(
                size: chip.size,
                spots: [
                    (CGPoint(x: r.minX, y: r.minY - 1), .bottomLeft),
                    (CGPoint(x: r.minX + 2, y: r.minY + 2), .topLeft),
                    (CGPoint(x: r.maxX, y: r.minY - 1), .bottomRight),
                    (CGPoint(x: r.minX + 2, y: r.maxY - 2), .bottomLeft),
                    (CGPoint(x: r.minX, y: r.maxY + 1), .topLeft),
                    (CGPoint(x: r.maxX - 2, y: r.maxY - 2), .bottomRight),
                ])
            ctx.drawLabel(text, at: frame.origin, style: style, anchor: .topLeft)
        }
    }
}
