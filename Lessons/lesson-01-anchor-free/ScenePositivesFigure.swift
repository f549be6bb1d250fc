import Annotations
import Canvas
import FCOS
import Figures
import Foundation
import Notebook

/// The scene twice, side by side: RetinaNet's positive anchors (rectangles of fixed shapes) and
/// FCOS's positive locations (points), each in the colour of the box it is assigned to. Built on
/// Figures' `SceneView`, with the anchors and locations drawn over it through its `ImageMapping`.
struct ScenePositivesFigure: FigureDrawable {
    var scene: Scene
    var backdrop: Backdrop
    var anchors: [(anchor: Box, groundTruth: Int)]
    var locations: [(point: Point, groundTruth: Int)]
    var presetName: String
    var title: String
    var panelWidth = 360.0
    var style = FigureStyle.standard

    private let headerHeight = 34.0

    private var panels: [SceneView] {
        let sides = [
            ("RetinaNet", "\(anchors.count) anchors with IoU ≥ \(decimal(RetinaNetAnchors.positiveIoU, 1))"),
            ("FCOS (\(presetName))", "\(locations.count) positive locations"),
        ]
        return sides.map { side in
            var view = SceneView(
                imageWidth: scene.width, imageHeight: scene.height, groundTruths: scene.groundTruths,
                backdrop: backdrop)
            view.width = panelWidth
            view.title = side.0
            view.subtitle = side.1
            view.style = style
            return view
        }
    }

    var legend: Legend {
        Legend(
            sections: [
                .init(entries: [
                    .init(
                        .outline(.gray(0.35), dashed: false),
                        "RetinaNet: a positive anchor, in its box's colour"),
                    .init(.marker(.positive(box: 0)), "FCOS: a positive location, in its box's colour"),
                ])
            ], font: style.labelFont, titleFont: style.labelFont.bold, ink: style.ink)
    }

    private var panelSize: CGSize { panels[0].size }
    private var contentWidth: Double { 2 * Double(panelSize.width) }
    private var legendHeight: Double { Double(legend.size(maxWidth: contentWidth - 2 * style.margin).height) }

    var size: CGSize {
        CGSize(
            width: contentWidth.rounded(.up),
            height: (headerHeight + Double(panelSize.height) + legendHeight + style.margin).rounded(.up))
    }

    func draw(in ctx: DrawingContext) {
        ctx.drawText(
            title, at: CGPoint(x: style.margin, y: style.margin), font: style.titleFont, color: style.ink,
            anchor: .topLeft)
        for (index, view) in panels.enumerated() {
            ctx.withSavedState {
                ctx.translate(x: Double(index) * Double(panelSize.width), y: headerHeight)
                view.draw(in: ctx)
                let mapping = view.mapping
                func marks(_ mapping: ImageMapping) {
                    ctx.withClip(to: mapping.frame) {
                        if index == 0 {
                            for (anchor, g) in anchors {
                                ctx.strokeRect(
                                    mapping.rect(anchor), BoxColors.edge(forBox: g).withAlpha(0.6),
                                    style: .solid(0.8))
                            }
                        } else {
                            for (point, g) in locations {
                                ctx.beginPath()
                                ctx.addCircle(center: mapping.point(point), radius: 2.2)
                                ctx.fillAndStroke(
                                    fill: BoxColors.color(forBox: g), stroke: BoxColors.edge(forBox: g),
                                    style: .solid(0.8))
                            }
                        }
                    }
                }
                marks(mapping)
                // A box too small to see at this scale gets an inset, in both panels alike.
                let subjects = scene.groundTruths.indices.map { ($0, scene.groundTruths[$0].box) }
                if let plan = InsetZoom.automatic.plan(boxes: subjects, panel: mapping) {
                    let count =
                        index == 0
                        ? anchors.filter { plan.boxes.contains($0.groundTruth) }.count
                        : locations.filter {
                            plan.boxes.contains($0.groundTruth) && plan.mapping.shows($0.point)
                        }.count
                    InsetZoom.automatic.draw(
                        plan, panel: mapping, in: ctx, style: style,
                        note: "\(count) \(index == 0 ? "anchors" : "positives") in view"
                    ) { inset in
                        view.drawPicture(in: ctx, mapping: inset)
                        marks(inset)
                    }
                }
            }
        }
        legend.draw(
            in: ctx, at: CGPoint(x: style.margin, y: headerHeight + Double(panelSize.height)),
            maxWidth: contentWidth - 2 * style.margin)
    }
}
