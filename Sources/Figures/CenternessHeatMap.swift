import Canvas
import FCOS
import Foundation

/// Centerness targets of the positives, level by level, in viridis: the same small-multiples
/// layout and scale as ``LevelPanels``, so a student can lay the two figures side by side and see
/// that centerness is 1 at a box's centre and fades towards its edges. Background cells have no
/// centerness target and stay uncoloured.
///
/// ```swift
/// let heat = CenternessHeatMap(assignment: assignment, presetName: "official", backdrop: .illustration(.tennis))
/// try heat.write(toPath: "/tmp/centerness.png")
/// ```
public struct CenternessHeatMap: FigureDrawable {
    /// The FCOS assignment whose positives' centerness targets are drawn.
    public var assignment: Assignment
    /// The rule set's name, printed in titles and legends so a figure says which preset it shows.
    public var presetName: String
    /// What is drawn behind the boxes: the scene's illustration, a photo, or plain paper.
    public var backdrop: Backdrop
    /// Names the scene in the generated title, e.g. `tennis`.
    public var sceneName: String?
    /// Indices into `assignment.levels` to show; `nil` shows every level.
    public var levels: [Int]?
    /// The image region shown in every panel, in image pixels; `nil` shows the whole image.
    public var viewport: Box?
    /// Width of one panel's picture in figure pixels; every panel shares the scale.
    public var panelWidth: Double = 440
    /// Panels per row; `nil` puts up to three side by side.
    public var columns: Int?
    /// Replaces the generated title when set.
    public var title: String?
    /// Magnifies a box whose heat map on a level would be a smudge (``InsetZoom``).
    public var insetZoom: InsetZoom = .automatic
    /// Fonts, margins and inks shared by every figure kind, so figures set side by side match.
    public var style: FigureStyle = .standard

    /// A heat map of `assignment`, named `presetName` in the title.
    public init(assignment: Assignment, presetName: String, backdrop: Backdrop = .plain) {
        self.assignment = assignment
        self.presetName = presetName
        self.backdrop = backdrop
    }

    var shownLevels: [Int] { levels ?? Array(assignment.levels.indices) }

    func values(_ level: LevelTargets) -> [Float] {
        level.matched.indices.compactMap { level.matched[$0] >= 0 ? level.centerness[$0] : nil }
    }

    func mean(_ values: [Float]) -> Double {
        values.isEmpty ? 0 : Double(values.reduce(0, +)) / Double(values.count)
    }

    func panelTitle(_ index: Int) -> String {
        let level = assignment.levels[index]
        let v = values(level)
        let stats =
            v.isEmpty
            ? "no positives" : "\(v.count) positives · mean \(NumberText.format(mean(v), decimals: 2))"
        return "\(level.map.level.name) · stride \(level.map.stride) · " + stats
    }

    var titleBlock: TitleBlock {
        let all = assignment.levels.flatMap(values)
        let text =
            title ?? (sceneName.map { "\($0): " } ?? "")
            + "centerness targets of the positives · mean \(NumberText.format(mean(all), decimals: 2)) over \(all.count)"
        let sub =
            "preset “\(presetName)” · √(min(l*,r*)/max(l*,r*) · min(t*,b*)/max(t*,b*)) · 1 at the box center,"
            + " 0 at its edges · every panel at the same scale"
        return TitleBlock(title: text, subtitle: sub, style: style, width: gridWidth)
    }

    private var gridWidth: Double {
        PanelLayout.gridWidth(
            panels: shownLevels.count, panelWidth: panelWidth, columns: columns, gap: style.gap)
    }

    var titleLines: [[String]] {
        shownLevels.map {
            PanelPainter.titleLines(panelTitle($0), font: style.panelTitleFont, width: panelWidth)
        }
    }

    /// Box names under room for the colour bar.
    var legend: Legend {
        let boxes = assignment.groundTruths.indices.map { g in
            Legend.Entry(
                .outline(BoxColors.color(forBox: g), dashed: false),
                BoxColors.label(forBox: g, in: assignment.groundTruths))
        }
        let entries = [Legend.Entry(.swatch(Color.gray(0.9)), "background: no centerness target")]
        var legend = Legend(
            sections: [.init(entries: entries), .init(title: "Boxes", entries: boxes)], font: style.labelFont,
            titleFont: style.labelFont.bold, ink: style.ink)
        legend.reservedTop = colorBar.height + 6
        return legend
    }

    var colorBar: ColorBar {
        ColorBar(
            title: "centerness target", font: style.smallFont, titleFont: style.labelFont.bold, ink: style.ink
        )
    }

    /// Where each panel, its title and the shared legend go, computed once for drawing and hotspots.
    public var layout: PanelLayout {
        PanelLayout(
            count: shownLevels.count,
            viewport: viewport?.cgRect
                ?? CGRect(x: 0, y: 0, width: assignment.imageWidth, height: assignment.imageHeight),
            panelWidth: panelWidth, columns: columns, headerHeight: titleBlock.height + 8,
            panelTitleHeight: Double(titleLines.map(\.count).max() ?? 1)
                * TextLayout.lineHeight(style.panelTitleFont) + 4,
            legend: legend, style: style)
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
        let titles = titleLines
        for (panel, index) in shownLevels.enumerated() {
            let level = assignment.levels[index]
            let mapping = layout.mapping(panel: panel)
            func content(_ mapping: ImageMapping) {
                painter.drawBackground(in: ctx, mapping: mapping, dimming: 0.5)
                ctx.fillRect(mapping.frame, Color.gray(0.55, alpha: 0.25))
                // Tiles fill dense grids like a heat map; on coarse levels they shrink to location-sized
                // squares, rimmed in their box's colour, so that a P7 cell does not paint far outside
                // its box and each square says whose target it is.
                let side = min(Double(min(level.map.stepX, level.map.stepY)) * mapping.scale, 22)
                let inset = side >= 8 ? 1.0 : 0
                ctx.withClip(to: mapping.frame) {
                    for i in level.matched.indices where level.matched[i] >= 0 {
                        let c = mapping.point(level.map.location(at: i))
                        let cell = CGRect(x: c.x - side / 2, y: c.y - side / 2, width: side, height: side)
                        ctx.beginPath()
                        ctx.addRoundedRect(cell.insetBy(dx: inset, dy: inset), cornerRadius: inset * 2)
                        let fill = Palette.viridis(Double(level.centerness[i]))
                        if side >= 18 {
                            ctx.fillAndStroke(
                                fill: fill, stroke: BoxColors.color(forBox: Int(level.matched[i])),
                                style: .solid(1.5))
                        } else {
                            ctx.fill(fill)
                        }
                    }
                }
                painter.drawBoxes(in: ctx, mapping: mapping)
                painter.drawBoxLabels(in: ctx, mapping: mapping)
            }
            content(mapping)
            if let plan = insetZoom.plan(
                subjects: InsetZoom.Subject.positives(on: level, groundTruths: assignment.groundTruths),
                panel: mapping)
            {
                let inView = level.matched.indices.filter {
                    level.matched[$0] >= 0 && plan.mapping.shows(level.map.location(at: $0))
                }.count
                insetZoom.draw(
                    plan, panel: mapping, in: ctx, style: style,
                    note: NumberText.count(inView, "positive") + " in view", content: content)
            }
            painter.drawFrame(in: ctx, mapping: mapping)
            painter.drawTitle(titles[panel], in: layout.panelTitles[panel], in: ctx)
        }
        layout.drawLegend(legend, in: ctx, style: style)
        let bar = colorBar
        let frame = layout.legendFrame
        bar.draw(
            in: ctx, at: CGPoint(x: frame.minX + 12, y: frame.minY + 12),
            width: min(Double(frame.width) - 24, 300))
    }
}
