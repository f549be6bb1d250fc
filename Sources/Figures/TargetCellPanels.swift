import Canvas
import FCOS
import Foundation

/// Small multiples of ``TargetCellPanel``s over one scene at one scale: a keypoint head's heat map
/// per class (each bump with its radius circle and integer centre cell), or the same box under
/// several methods ("which cells learn this box, and with what target").
///
/// Cells are tinted in viridis by their target value and positives are outlined in their box's
/// colour, so "how many cells learn the box" and "what they learn" read at once. Where a cell is
/// at least 30 px wide in the figure its value is printed in it.
public struct TargetCellPanels: FigureDrawable {
    /// The panels, one per method or class.
    public var panels: [TargetCellPanel]
    /// The ground-truth boxes, drawn in their fixed colours.
    public var groundTruths: [GroundTruth]
    /// The image's width in pixels, which fixes the picture's aspect ratio.
    public var imageWidth: Int
    /// The image's height in pixels, which fixes the picture's aspect ratio.
    public var imageHeight: Int
    /// What is drawn behind the boxes: the scene's illustration, a photo, or plain paper.
    public var backdrop: Backdrop
    /// The figure's title.
    public var title: String
    /// A second line under the title.
    public var subtitle: String?
    /// What the colour means, for the colour bar.
    public var valueName: String
    /// Legend lines that explain what the panels' cells are.
    public var notes: [String] = []
    /// Draw only cells with at least this value (the Gaussian tail is long and faint).
    public var minimumValue: Float = 0.01
    /// The image region shown in every panel, in image pixels; `nil` shows the whole image.
    public var viewport: Box?
    /// Width of one panel's picture in figure pixels; every panel shares the scale.
    public var panelWidth: Double = 440
    /// Panels per row; `nil` puts up to three side by side.
    public var columns: Int?
    /// Magnifies a box whose positive cells would be too small to see (``InsetZoom``).
    public var insetZoom: InsetZoom = .automatic
    /// Which boxes are drawn in colour (``FocusMode``): by default all up to
    /// ``FocusMode/crowdedCount`` boxes, and beyond, ``emphasized`` first, then the boxes the
    /// insets zoom on and each panel's busiest box, in distinct colours.
    public var focus: FocusMode = .automatic
    /// The boxes the figure is about before any other in a crowded scene, e.g. those without a
    /// positive.
    public var emphasized: [Int] = []
    /// Fonts, margins and inks shared by every figure kind, so figures set side by side match.
    public var style: FigureStyle = .standard

    /// Small multiples of `panels` over the scene's boxes.
    public init(
        panels: [TargetCellPanel], groundTruths: [GroundTruth], imageWidth: Int, imageHeight: Int,
        backdrop: Backdrop = .plain, title: String, valueName: String
    ) {
        self.panels = panels
        self.groundTruths = groundTruths
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        self.backdrop = backdrop
        self.title = title
        self.valueName = valueName
    }

    var gridWidth: Double {
        PanelLayout.gridWidth(panels: panels.count, panelWidth: panelWidth, columns: columns, gap: style.gap)
    }

    var titleBlock: TitleBlock {
        TitleBlock(title: title, subtitle: subtitle, style: style, width: gridWidth)
    }

    var titleLines: [[String]] {
        panels.map { PanelPainter.titleLines($0.title, font: style.panelTitleFont, width: panelWidth) }
    }

    var hasKeypoints: Bool { panels.contains { !$0.keypoints.isEmpty } }

    var legend: Legend {
        var entries = [
            Legend.Entry(.outline(.gray(0.2), dashed: false), "positive cell, outlined in its box's colour")
        ]
        if hasKeypoints {
            entries.append(
                Legend.Entry(.outline(.gray(0.2), dashed: true), "Gaussian radius r around the centre cell"))
            entries.append(Legend.Entry(.none, "white dot: the exact centre, before truncation"))
        }
        entries += notes.map { Legend.Entry(.none, $0) }
        let (muted, coloring) = focusPlan
        var boxes = groundTruths.indices.filter { !muted.contains($0) }.map { g in
            Legend.Entry(
                .outline(coloring.color(forBox: g), dashed: false),
                BoxColors.label(forBox: g, in: groundTruths))
        }
        if !muted.isEmpty {
            boxes.append(
                Legend.Entry(
                    .outline(FocusMode.mutedColor, dashed: false),
                    "\(NumberText.count(muted.count, "other box", "other boxes")), grey and unlabelled"))
        }
        var legend = Legend(
            sections: [.init(entries: entries), .init(title: "Boxes", entries: boxes)], font: style.labelFont,
            titleFont: style.labelFont.bold, ink: style.ink)
        legend.maxColumns = 2
        legend.reservedTop = colorBar.height + 6
        return legend
    }

    var colorBar: ColorBar {
        ColorBar(title: valueName, font: style.smallFont, titleFont: style.labelFont.bold, ink: style.ink)
    }

    /// Where each panel, its title and the shared legend go, computed once for drawing and hotspots.
    public var layout: PanelLayout {
        PanelLayout(
            count: panels.count,
            viewport: viewport?.cgRect ?? CGRect(x: 0, y: 0, width: imageWidth, height: imageHeight),
            panelWidth: panelWidth, columns: columns, titleBlock: titleBlock, titleLines: titleLines,
            legend: legend, style: style)
    }

    /// The whole figure's size in pixels, known before drawing so a page can lay it out.
    public var size: CGSize { layout.size }

    /// Draws the figure with its top-left corner at the origin of `ctx`.
    public func draw(in ctx: DrawingContext) {
        let layout = layout
        titleBlock.draw(in: ctx, at: layout.titleOrigin)
        let (muted, coloring) = focusPlan
        let painter = PanelPainter(
            groundTruths: groundTruths, imageWidth: imageWidth, imageHeight: imageHeight, backdrop: backdrop,
            style: style, muted: muted, coloring: coloring)
        let titles = titleLines
        for (index, panel) in panels.enumerated() {
            let mapping = layout.mapping(panel: index)
            func content(_ mapping: ImageMapping) {
                painter.drawBackground(in: ctx, mapping: mapping, dimming: 0.6)
                ctx.withClip(to: mapping.frame) {
                    drawCells(panel, in: ctx, mapping: mapping, painter: painter)
                }
                painter.drawBoxes(in: ctx, mapping: mapping)
                ctx.withClip(to: mapping.frame) {
                    drawKeypoints(panel, in: ctx, mapping: mapping, painter: painter)
                    drawValues(panel, in: ctx, mapping: mapping)
                }
                painter.drawBoxLabels(in: ctx, mapping: mapping)
            }
            content(mapping)
            let subjects = insetSubjects(panel).filter { !muted.contains($0.index) }
            if let plan = insetZoom.plan(subjects: subjects, panel: mapping) {
                let inView = panel.cells.filter { $0.isPositive && plan.mapping.shows($0.rect.center) }.count
                insetZoom.draw(
                    plan, panel: mapping, in: ctx, style: style,
                    note: NumberText.count(inView, "positive") + " in view", content: content)
            }
            painter.drawFrame(in: ctx, mapping: mapping)
            painter.drawTitle(titles[index], in: layout.panelTitles[index], in: ctx)
        }
        layout.drawLegend(legend, in: ctx, style: style)
        let frame = layout.legendFrame
        colorBar.draw(
            in: ctx, at: CGPoint(x: frame.minX + 12, y: frame.minY + 12),
            width: min(Double(frame.width) - 24, 300))
    }

    func drawCells(
        _ panel: TargetCellPanel, in ctx: DrawingContext, mapping: ImageMapping, painter: PanelPainter
    ) {
        let shown = panel.cells.filter { $0.value >= minimumValue || $0.isPositive }
        // Larger cells first, so a fine level's cells stay visible on top of a coarse one's.
        let ordered = shown.sorted { $0.rect.width * $0.rect.height > $1.rect.width * $1.rect.height }
        // Without antialiasing neighbouring cells meet edge to edge instead of leaving faint seams;
        // faint values are more transparent, so the long tail of a bump does not hide the scene.
        ctx.setAntialiasing(false)
        for cell in ordered {
            let rect = mapping.rect(cell.rect)
            ctx.fillRect(rect, Palette.viridis(Double(cell.value)).withAlpha(0.45 + 0.5 * Double(cell.value)))
        }
        ctx.setAntialiasing(true)
        for cell in ordered where cell.isPositive {
            let rect = mapping.rect(cell.rect)
            let color = cell.box.map { painter.edge(forBox: $0) } ?? style.ink
            ctx.strokeRect(rect.insetBy(dx: 1, dy: 1), color, style: .solid(rect.width >= 10 ? 2 : 1))
        }
    }

    /// Each cell's value printed in it, when cells are wide enough to hold the text.
    func drawValues(_ panel: TargetCellPanel, in ctx: DrawingContext, mapping: ImageMapping) {
        let shown = panel.cells.filter { $0.value >= minimumValue || $0.isPositive }
        guard let side = shown.map({ Double(mapping.rect($0.rect).width) }).min(), side >= 30 else { return }
        let font = style.smallFont.sized(min(13, side / 3.2))
        for cell in shown {
            let rect = mapping.rect(cell.rect)
            let fill = Palette.viridis(Double(cell.value))
            ctx.drawLabel(
                NumberText.format(Double(cell.value), decimals: 2), at: CGPoint(x: rect.midX, y: rect.midY),
                style: LabelStyle(font: font, background: fill.withAlpha(0.9), paddingX: 2, paddingY: 1),
                anchor: .center)
        }
    }

    func drawKeypoints(
        _ panel: TargetCellPanel, in ctx: DrawingContext, mapping: ImageMapping, painter: PanelPainter
    ) {
        for k in panel.keypoints {
            let color = painter.edge(forBox: k.box)
            let cell = mapping.rect(k.cell)
            let center = CGPoint(x: cell.midX, y: cell.midY)
            let radius = k.radiusPixels * mapping.scale
            if radius > 2 {
                ctx.strokeCircle(center: center, radius: radius, .white, style: .solid(4.5))
                ctx.strokeCircle(
                    center: center, radius: radius, color, style: StrokeStyle(width: 2.5, dash: [6, 4]))
                ctx.drawLabel(
                    "r = \(k.radiusCells)",
                    at: CGPoint(x: center.x + radius * 0.71, y: center.y - radius * 0.71),
                    style: LabelStyle(
                        font: style.smallFont.bold, background: .white.withAlpha(0.9), border: color),
                    anchor: .bottomLeft, within: mapping.frame.insetBy(dx: 2, dy: 2))
            }
            ctx.strokeRect(cell.insetBy(dx: -1, dy: -1), .white, style: .solid(4))
            ctx.strokeRect(cell.insetBy(dx: -1, dy: -1), color, style: .solid(2))
            let exact = mapping.point(k.exact)
            ctx.fillCircle(center: exact, radius: 3.5, .white)
            ctx.strokeCircle(center: exact, radius: 3.5, .gray(0.1), style: .solid(1.2))
        }
    }
}
