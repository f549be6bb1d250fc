import Canvas
import FCOS
import Foundation

/// The parts every per-level panel shares: the dimmed backdrop, the boxes, their center-sampling
/// regions, the frame and the title line. Keeping them in one place keeps positives, heat maps
/// and comparisons visually interchangeable.
struct PanelPainter {
    var groundTruths: [GroundTruth]
    var imageWidth: Int
    var imageHeight: Int
    var backdrop: Backdrop
    var style: FigureStyle
    /// Boxes out of focus (``FocusMode``).
    var muted: Set<Int> = []
    /// The colours of the boxes in focus.
    var coloring: BoxColoring = .usual

    func drawBackground(in ctx: DrawingContext, mapping: ImageMapping, dimming: Double? = nil) {
        backdrop.draw(
            in: ctx, mapping: mapping, imageWidth: imageWidth, imageHeight: imageHeight,
            dimming: dimming ?? style.backdropDimming)
    }

    /// Each box's center-sampling region on a level of `stride`, dashed in the box's colour.
    func drawSamplingRegions(
        in ctx: DrawingContext, mapping: ImageMapping, sampling: CenterSampling, stride: Int
    ) {
        guard sampling.radius != nil else { return }
        ctx.withClip(to: mapping.frame) {
            for (index, gt) in groundTruths.enumerated() where !gt.isCrowd && !muted.contains(index) {
                let region = mapping.rect(sampling.region(for: gt.box, stride: stride))
                ctx.strokeRect(
                    region, coloring.edge(forBox: index), style: StrokeStyle(width: 1.3, dash: [5, 3]))
            }
        }
    }

    /// The edge colour of box `index`'s marks: its own, or grey out of focus.
    func edge(forBox index: Int) -> Color {
        muted.contains(index) ? FocusMode.mutedColor.darkened(by: 0.3) : coloring.edge(forBox: index)
    }

    func drawBoxes(in ctx: DrawingContext, mapping: ImageMapping) {
        BoxOverlay(groundTruths: groundTruths, lineWidth: 1.8, muted: muted, coloring: coloring).drawOutlines(
            in: ctx, mapping: mapping)
    }

    /// `#0` chips: names would crowd a small panel, and the legend gives them.
    func drawBoxLabels(in ctx: DrawingContext, mapping: ImageMapping, warnings: Set<Int> = []) {
        BoxOverlay(
            groundTruths: groundTruths, labels: .index, font: .bold(12), warnings: warnings, muted: muted,
            coloring: coloring
        )
        .drawLabels(in: ctx, mapping: mapping, bounds: mapping.frame.insetBy(dx: 1, dy: 1))
    }

    func drawFrame(in ctx: DrawingContext, mapping: ImageMapping) {
        ctx.strokeRect(mapping.frame.insetBy(dx: -0.5, dy: -0.5), style.frameColor, style: .solid(1))
    }

    /// Lines of a panel title that fit `width`: one line, or broken at its ` · ` separators.
    static func titleLines(_ title: String, font: Font, width: Double) -> [String] {
        guard font.measure(title).width > width else { return [title] }
        let parts = title.components(separatedBy: " · ")
        var lines: [String] = []
        var current = ""
        for part in parts {
            let candidate = current.isEmpty ? part : current + " · " + part
            if font.measure(candidate).width <= width || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = part
            }
        }
        lines.append(current)
        return lines.flatMap { TextLayout.wrap($0, font: font, width: width) }
    }

    func drawTitle(_ lines: [String], in rect: CGRect, in ctx: DrawingContext, color: Color? = nil) {
        let lineHeight = TextLayout.lineHeight(style.panelTitleFont)
        let top = Double(rect.maxY) - Double(lines.count) * lineHeight - 3
        TextLayout.draw(
            lines, in: ctx, x: Double(rect.minX), top: top, font: style.panelTitleFont,
            color: color ?? style.ink)
    }
}
