import Canvas
import FCOS
import Foundation

/// How one NMS frame draws its boxes. A detection keeps one colour in every frame: its ground
/// truth's colour when it names one (``ScoredBox/groundTruth``), else a neutral ink. Its *state*
/// is drawn by line weight and dash, never by hue, so the reader can follow one box from frame to
/// frame and still see what happened to it:
///
/// | state | line |
/// |---|---|
/// | kept at this step | 4.5 px solid, white halo, `▶` chip |
/// | kept earlier | 3 px solid, `✓` chip |
/// | suppressed now | 2.2 px long dashes, `✗` chip with its IoU with the kept box |
/// | suppressed earlier | 1.2 px dots, faded, no chip |
/// | waiting | 1.5 px solid, chip with its IoU with the kept box |
///
/// Ground-truth boxes, when given, are drawn first: 1.2 px in their colour over a light tint.
struct NMSStyle {
    static let neutral = Color.gray(0.25)
    static let current = StrokeStyle(width: 4.5)
    static let kept = StrokeStyle(width: 3)
    static let suppressedNow = StrokeStyle(width: 2.2, dash: [7, 4])
    static let suppressedBefore = StrokeStyle(width: 1.2, dash: [2, 3])
    static let waiting = StrokeStyle(width: 1.5)

    var detections: [ScoredBox]
    var names: [String]
    var groundTruths: [GroundTruth] = []

    func color(_ i: Int) -> Color {
        detections[i].groundTruth.map { BoxColors.color(forBox: $0) } ?? Self.neutral
    }

    func draw(_ step: NMSStep, in ctx: DrawingContext, mapping: ImageMapping) {
        var labels: [(Int, String, LabelStyle)] = []
        let chipFont = Font.bold(12)
        ctx.withClip(to: mapping.frame) {
            for (g, truth) in groundTruths.enumerated() {
                let rect = mapping.rect(truth.box)
                ctx.fillRect(rect, BoxColors.color(forBox: g).withAlpha(0.10))
                ctx.strokeRect(rect, BoxColors.color(forBox: g), style: StrokeStyle(width: 1.2))
            }
            for (i, _) in step.suppressedBefore.sorted(by: { $0.key < $1.key }) {
                ctx.strokeRect(
                    mapping.rect(detections[i].box), color(i).withAlpha(0.7), style: Self.suppressedBefore)
            }
            for i in step.remaining {
                ctx.strokeRect(mapping.rect(detections[i].box), color(i), style: Self.waiting)
                let overlap =
                    step.overlapsKept[i].map { " · IoU \(NumberText.format(Double($0), decimals: 2)) with ▶" }
                    ?? ""
                labels.append(
                    (
                        i, names[i] + overlap,
                        LabelStyle(
                            font: Font(size: 12), background: Color.white.withAlpha(0.9),
                            textColor: Color.gray(0.15), border: color(i))
                    ))
            }
            for (i, iou) in step.suppressedNow.sorted(by: { $0.key < $1.key }) {
                ctx.strokeRect(mapping.rect(detections[i].box), color(i), style: Self.suppressedNow)
                labels.append(
                    (
                        i, "✗ \(names[i]) · IoU \(NumberText.format(Double(iou), decimals: 2)) with ▶",
                        LabelStyle(
                            font: chipFont, background: Color.white.withAlpha(0.92),
                            textColor: Color.gray(0.1), border: color(i), borderWidth: 1.5)
                    ))
            }
            for i in step.kept {
                ctx.strokeRect(mapping.rect(detections[i].box), color(i), style: Self.kept)
                labels.append((i, "✓ " + names[i], .filled(color(i), font: chipFont)))
            }
            if let c = step.current {
                let r = mapping.rect(detections[c].box)
                ctx.strokeRect(r, Color.white.withAlpha(0.9), style: .solid(8.5))
                ctx.strokeRect(r, color(c), style: Self.current)
                labels.append((c, "▶ " + names[c], .filled(color(c), font: .bold(13))))
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
