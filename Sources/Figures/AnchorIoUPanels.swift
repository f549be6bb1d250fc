import ATSS
import Canvas
import FCOS
import Foundation

/// What ATSS actually thresholds: for one box, one candidate per level (the nearest by default)
/// with its `8s` anchor drawn over the box, the overlap shaded and the IoU in the panel title.
///
/// ATSS selects candidates by *distance* but judges them by *IoU*, and the anchor only exists
/// for that judgement (both references regress from the anchor centre). Each panel is zoomed to
/// fit the box and the anchor together, because a P7 anchor (1 024 px) and a P3 anchor (64 px)
/// cannot both be seen at one scale; the titles give the sizes.
public struct AnchorIoUPanels: FigureDrawable {
    /// The ATSS assignment whose candidates' anchors are drawn.
    public var assignment: ATSSAssignment
    /// The ground-truth box whose anchors are judged.
    public var box: Int
    /// The rule set's name, printed in titles and legends so a figure says which preset it shows.
    public var presetName: String
    /// What is drawn behind the boxes: the scene's illustration, a photo, or plain paper.
    public var backdrop: Backdrop
    /// Per level, the distance rank (0 = nearest) of the candidate shown.
    public var rank: Int = 0
    /// Names the scene in the generated title, e.g. `tennis`.
    public var sceneName: String?
    /// Width of one panel's picture in figure pixels; every panel shares the scale.
    public var panelWidth: Double = 220
    /// Panels per row; `nil` puts up to three side by side.
    public var columns: Int?
    /// Replaces the generated title when set.
    public var title: String?
    /// Replaces the generated subtitle when set.
    public var subtitle: String?
    /// Fonts, margins and inks shared by every figure kind, so figures set side by side match.
    public var style: FigureStyle = .standard

    /// Shows box `box` of `assignment`, named `presetName` in the title.
    public init(assignment: ATSSAssignment, box: Int, presetName: String, backdrop: Backdrop = .plain) {
        self.assignment = assignment
        self.box = box
        self.presetName = presetName
        self.backdrop = backdrop
    }

    var explanation: BoxExplanation { assignment.boxes[box] }

    /// The candidate shown on level `l`, if the level has one of that rank.
    public func candidate(level l: Int) -> Candidate? {
        let candidates = explanation.levels[l].candidates
        return candidates.indices.contains(rank) ? candidates[rank] : candidates.last
    }

    /// The square that holds the box and the level's anchor, with a margin.
    func viewport(level l: Int) -> CGRect {
        let gt = assignment.groundTruths[box].box
        var x0 = Double(gt.x0)
        var y0 = Double(gt.y0)
        var x1 = Double(gt.x1)
        var y1 = Double(gt.y1)
        if let a = candidate(level: l)?.anchor {
            x0 = min(x0, Double(a.x0))
            y0 = min(y0, Double(a.y0))
            x1 = max(x1, Double(a.x1))
            y1 = max(y1, Double(a.y1))
        }
        let side = max(x1 - x0, y1 - y0) * 1.12
        let cx = (x0 + x1) / 2
        let cy = (y0 + y1) / 2
        return CGRect(x: cx - side / 2, y: cy - side / 2, width: side, height: side)
    }

    func panelTitle(level l: Int) -> String {
        let map = explanation.levels[l].map
        guard let c = candidate(level: l) else { return "\(map.level.name) · no candidate" }
        let side = NumberText.format(assignment.rules.anchors.scale * Float(map.stride))
        var text = "\(map.level.name) · anchor \(side) px · IoU \(NumberText.fixed(c.iou))"
        if let t = explanation.threshold {
            text += c.iou >= t ? " ≥ t" : " < t"
        }
        return text
    }

    var titleBlock: TitleBlock {
        let label = BoxColors.label(forBox: box, in: assignment.groundTruths)
        let which = rank == 0 ? "the nearest candidate's" : "candidate \(rank + 1)'s"
        var text =
            (sceneName.map { "\($0): " } ?? "") + "\(label): \(which) anchor on each level, and its IoU"
        if let t = explanation.threshold { text += " · t = \(NumberText.fixed(t))" }
        let sub =
            "preset “\(presetName)” · one square anchor of side 8s per location · shaded: anchor ∩ box"
            + " · each panel zoomed to fit box and anchor"
        return TitleBlock(title: title ?? text, subtitle: subtitle ?? sub, style: style, width: gridWidth)
    }

    private var count: Int { explanation.levels.count }

    private var gridWidth: Double {
        PanelLayout.gridWidth(panels: count, panelWidth: panelWidth, columns: columns, gap: style.gap)
    }

    var panelTitleLines: [[String]] {
        (0..<count).map {
            PanelPainter.titleLines(panelTitle(level: $0), font: style.panelTitleFont, width: panelWidth)
        }
    }

    /// The one legend shared by all panels, so each encoding is explained once.
    public var legend: Legend {
        let label = BoxColors.label(forBox: box, in: assignment.groundTruths)
        var legend = Legend(
            sections: [
                .init(entries: [
                    .init(.outline(BoxColors.edge(forBox: box), dashed: false), label),
                    .init(.outline(style.ink, dashed: true), "the candidate's anchor (8s × 8s)"),
                    .init(
                        .swatch(BoxColors.color(forBox: box).withAlpha(0.35)),
                        "overlap: IoU = overlap ÷ union"),
                    .init(.marker(.location), "anchor centre"),
                ])
            ], font: style.labelFont, titleFont: style.labelFont.bold, ink: style.ink)
        legend.maxColumns = 1
        return legend
    }

    /// Where each panel, its title and the shared legend go, computed once for drawing and hotspots.
    public var layout: PanelLayout {
        let lines = panelTitleLines.map(\.count).max() ?? 1
        return PanelLayout(
            count: count, viewport: CGRect(x: 0, y: 0, width: 1, height: 1), panelWidth: panelWidth,
            columns: columns, headerHeight: titleBlock.height + 8,
            panelTitleHeight: Double(lines) * TextLayout.lineHeight(style.panelTitleFont) + 4, legend: legend,
            style: style)
    }

    /// The whole figure's size in pixels, known before drawing so a page can lay it out.
    public var size: CGSize { layout.size }

    /// Draws the figure with its top-left corner at the origin of `ctx`.
    public func draw(in ctx: DrawingContext) {
        let layout = layout
        titleBlock.draw(in: ctx, at: layout.titleOrigin)
        let painter = PanelPainter(
            groundTruths: assignment.groundTruths, imageWidth: assignment.imageWidth,
            imageHeight: assignment.imageHeight, backdrop: backdrop, style: style)
        let titles = panelTitleLines
        let gt = assignment.groundTruths[box].box
        for l in 0..<count {
            let mapping = ImageMapping(viewport: viewport(level: l), frame: layout.panels[l])
            painter.drawBackground(in: ctx, mapping: mapping, dimming: 0.72)
            ctx.withClip(to: mapping.frame) {
                let boxRect = mapping.rect(gt)
                if let c = candidate(level: l) {
                    let anchor = mapping.rect(c.anchor)
                    let overlap = boxRect.intersection(anchor)
                    if !overlap.isNull { ctx.fillRect(overlap, BoxColors.color(forBox: box).withAlpha(0.35)) }
                    ctx.strokeRect(boxRect, BoxColors.edge(forBox: box), style: .solid(2.5))
                    ctx.strokeRect(anchor, style.ink, style: StrokeStyle(width: 2, dash: [7, 4]))
                    LocationMarker.draw(
                        .location, at: [mapping.point(c.center)], in: ctx, metrics: MarkerMetrics(spacing: 30)
                    )
                    ctx.fillCircle(center: mapping.point(c.center), radius: 3, style.ink)
                } else {
                    ctx.strokeRect(boxRect, BoxColors.edge(forBox: box), style: .solid(2.5))
                }
            }
            painter.drawFrame(in: ctx, mapping: mapping)
            painter.drawTitle(titles[l], in: layout.panelTitles[l], in: ctx)
        }
        layout.drawLegend(legend, in: ctx, style: style)
    }
}
