import ATSS
import Canvas
import FCOS
import Foundation

/// ATSS step 2 for each box, the paper's Figure 3 made exact: every candidate's IoU with its box
/// as a dot, grouped and coloured by level, with lines at the mean `m_g` and at the threshold
/// `t_g = m_g + v_g` (sample std, as both references compute it), the band between them shaded
/// in the box's colour, and optionally the population-std threshold as a faint line.
///
/// A level whose dots clear the threshold line is the level ATSS picks for the box; a dot that
/// clears it but is drawn as a square failed the centre test.
public struct IoUStripPlot: FigureDrawable {
    /// The ATSS assignment whose candidates' IoUs are plotted.
    public var assignment: ATSSAssignment
    /// The boxes to plot, one panel each, in this order.
    public var boxes: [Int]
    /// The preset's name in the title.
    public var presetName: String
    /// Names the scene in the generated title, e.g. `tennis`.
    public var sceneName: String?
    /// Draws `mean + population std` as a faint dotted line.
    public var showsPopulationThreshold = true
    /// Width of one box's plot in figure pixels.
    public var panelWidth: Double = 330
    /// Height of one box's plot in figure pixels.
    public var plotHeight: Double = 260
    /// Panels per row; `nil` puts up to three side by side.
    public var columns: Int?
    /// Replaces the generated title when set.
    public var title: String?
    /// Replaces the generated subtitle when set.
    public var subtitle: String?
    /// Fonts, margins and inks shared by every figure kind, so figures set side by side match.
    public var style: FigureStyle = .standard

    /// Strip plots of `boxes` (all boxes when `nil`) of `assignment`.
    public init(assignment: ATSSAssignment, boxes: [Int]? = nil, presetName: String) {
        self.assignment = assignment
        self.boxes = boxes ?? Array(assignment.boxes.indices.filter { !assignment.groundTruths[$0].isCrowd })
        self.presetName = presetName
    }

    /// Colours for P3…P7: stops of viridis, dark to light, apart from the box palette's hues.
    public static func levelColor(_ level: Int) -> Color {
        Palette.viridis(0.05 + 0.21 * Double(level))
    }

    var levelNames: [String] { assignment.rules.levels.map(\.name) }

    var columnCount: Int {
        PanelLayout.columnCount(panels: boxes.count, requested: columns ?? min(3, boxes.count))
    }

    var yAxis: LinearAxis {
        let top = boxes.flatMap { assignment.boxes[$0].candidates.map { Double($0.iou) } }.max() ?? 1
        return LinearAxis(covering: 0, max(0.2, min(1, top + 0.05)), count: 6)
    }

    var titleBlock: TitleBlock {
        let text =
            (sceneName.map { "\($0): " } ?? "")
            + "each box's candidate IoUs and its threshold t = m + v (ATSS Figure 3, per box)"
        let k = assignment.rules.candidatesPerLevel
        let sub =
            "preset “\(presetName)” · \(k) candidates per level, one dot each, coloured by level · "
            + "m = mean, v = sample std (n − 1) of all the box's candidate IoUs, levels pooled"
        return TitleBlock(title: title ?? text, subtitle: subtitle ?? sub, style: style, width: gridWidth)
    }

    var insets: (left: Double, bottom: Double) { ChartFrame.insets(y: yAxis, style: style) }

    var cellWidth: Double { insets.left + panelWidth }

    var gridWidth: Double { Double(columnCount) * cellWidth + Double(columnCount - 1) * style.gap }

    var panelTitleHeight: Double { 2 * TextLayout.lineHeight(style.panelTitleFont) + 4 }

    var cellHeight: Double { panelTitleHeight + plotHeight + insets.bottom }

    var rows: Int { max(1, (boxes.count + columnCount - 1) / columnCount) }

    var top: Double { style.margin + titleBlock.height + 10 }

    /// The plot area of panel `i`.
    public func plotFrame(_ i: Int) -> CGRect {
        let column = i % columnCount
        let row = i / columnCount
        let x = style.margin + Double(column) * (cellWidth + style.gap) + insets.left
        let y = top + Double(row) * (cellHeight + style.gap) + panelTitleHeight
        return CGRect(x: x, y: y, width: panelWidth, height: plotHeight)
    }

    /// The one legend shared by all panels, so each encoding is explained once.
    public var legend: Legend {
        let levels = levelNames.indices.map { Legend.Entry(.swatch(Self.levelColor($0)), levelNames[$0]) }
        var states: [Legend.Entry] = [
            .init(.candidate(CandidateGlyph(.positive(box: 0))), "positive (ring in the box's colour)"),
            .init(.candidate(CandidateGlyph(.centerOutside)), "IoU ≥ t, centre not inside the box"),
        ]
        let verdicts = boxes.flatMap { assignment.boxes[$0].candidates.map(\.verdict) }
        if verdicts.contains(where: { if case .lostToHigherIoU = $0 { return true } else { return false } }) {
            states.append(
                .init(.candidate(CandidateGlyph(.lost(winner: 1))), "lost to a box it overlaps more"))
        }
        states.append(.init(.candidate(CandidateGlyph(.belowThreshold)), "below t (faded)"))
        var lines: [Legend.Entry] = [
            .init(.line(style.ink, dash: [], width: 2.4), "t = m + v, the threshold"),
            .init(.line(style.mutedInk, dash: [6, 4], width: 1.6), "m, the mean IoU"),
        ]
        if showsPopulationThreshold {
            lines.append(
                .init(.line(Self.ghost, dash: [2, 3], width: 2), "m + population std (÷ n): not used"))
        }
        var legend = Legend(
            sections: [
                .init(title: "Level", entries: levels), .init(title: "Candidate", entries: states),
                .init(title: "Lines", entries: lines),
            ], font: style.labelFont, titleFont: style.labelFont.bold, ink: style.ink)
        legend.markerSpacing = 15
        return legend
    }

    static let ghost = Color.gray(0.62)

    var legendPlacementWidth: Double { gridWidth }

    /// The whole figure's size in pixels, known before drawing so a page can lay it out.
    public var size: CGSize {
        let legendHeight = Double(legend.placement(maxWidth: legendPlacementWidth - 24).size.height) + 24
        let height = top + Double(rows) * cellHeight + Double(rows - 1) * style.gap + style.gap + legendHeight
        return CGSize(
            width: (gridWidth + 2 * style.margin).rounded(.up), height: (height + style.margin).rounded(.up))
    }

    /// Where candidate `rank` of level `level` of panel `i` sits horizontally: its level's slot,
    /// spread by rank so equal IoUs stay countable.
    func x(panel i: Int, level: Int, rank: Int, of count: Int) -> Double {
        let plot = plotFrame(i)
        let slot = Double(plot.width) / Double(levelNames.count)
        let spread = min(7.5, slot * 0.8 / Double(max(count, 1)))
        return Double(plot.minX) + slot * (Double(level) + 0.5) + (Double(rank) - Double(count - 1) / 2)
            * spread
    }

    /// The vertical position of IoU `iou` in panel `i`, for marks drawn over it.
    public func y(_ iou: Float, panel i: Int) -> Double {
        let plot = plotFrame(i)
        return yAxis.position(Double(iou), from: Double(plot.maxY), to: Double(plot.minY))
    }

    func panelTitle(_ g: Int) -> [String] {
        let e = assignment.boxes[g]
        let label = BoxColors.label(forBox: g, in: assignment.groundTruths)
        guard let m = e.mean else { return [label, "no candidates"] }
        let second: String
        if let t = e.threshold, let v = e.standardDeviation {
            second =
                "m \(NumberText.fixed(m)) + v \(NumberText.fixed(v)) = t \(NumberText.fixed(t)) · "
                + NumberText.count(e.positiveCount, "positive")
        } else {
            second = "one candidate: sample std undefined, nothing passes"
        }
        return [label, second]
    }

    /// Draws the figure with its top-left corner at the origin of `ctx`.
    public func draw(in ctx: DrawingContext) {
        titleBlock.draw(in: ctx, at: CGPoint(x: style.margin, y: style.margin))
        let axis = yAxis
        let slotNames = levelNames
        for (i, g) in boxes.enumerated() {
            let plot = plotFrame(i)
            let e = assignment.boxes[g]
            let lines = panelTitle(g)
            let titleTop = Double(plot.minY) - panelTitleHeight
            ctx.drawText(
                lines[0], at: CGPoint(x: Double(plot.minX), y: titleTop), font: style.panelTitleFont,
                color: BoxColors.edge(forBox: g), anchor: .topLeft)
            ctx.drawText(
                lines[1],
                at: CGPoint(x: Double(plot.minX), y: titleTop + TextLayout.lineHeight(style.panelTitleFont)),
                font: style.labelFont, color: style.ink, anchor: .topLeft)
            ChartFrame(x: nil, y: axis, xLabel: "", yLabel: "IoU with the box", style: style, plot: plot)
                .draw(in: ctx)
            let slot = Double(plot.width) / Double(slotNames.count)
            for (l, name) in slotNames.enumerated() {
                ctx.drawText(
                    name,
                    at: CGPoint(x: Double(plot.minX) + slot * (Double(l) + 0.5), y: Double(plot.maxY) + 6),
                    font: style.labelFont, color: style.ink, anchor: .top)
            }
            if let m = e.mean, let t = e.threshold {
                let band = CGRect(
                    x: plot.minX, y: y(t, panel: i), width: plot.width,
                    height: y(m, panel: i) - y(t, panel: i))
                ctx.fillRect(band, BoxColors.color(forBox: g).withAlpha(0.13))
            }
            if showsPopulationThreshold, let p = e.populationThreshold, e.threshold != nil {
                let py = y(p, panel: i)
                ctx.strokeLine(
                    from: CGPoint(x: plot.minX, y: py), to: CGPoint(x: plot.maxX, y: py), Self.ghost,
                    style: StrokeStyle(width: 2, dash: [2, 3]))
            }
            if let m = e.mean {
                let my = y(m, panel: i)
                ctx.strokeLine(
                    from: CGPoint(x: plot.minX, y: my), to: CGPoint(x: plot.maxX, y: my), style.mutedInk,
                    style: StrokeStyle(width: 1.6, dash: [6, 4]))
                // Outside the plot's right edge, where no dot can cover it.
                ctx.drawText(
                    "m",
                    at: CGPoint(
                        x: Double(plot.maxX) + 3, y: max(my, (e.threshold.map { y($0, panel: i) } ?? 0) + 13)),
                    font: style.smallFont, color: style.mutedInk,
                    anchor: .left)
            }
            if let t = e.threshold {
                let ty = y(t, panel: i)
                ctx.strokeLine(
                    from: CGPoint(x: plot.minX, y: ty), to: CGPoint(x: plot.maxX, y: ty), style.ink,
                    style: .solid(2.4))
                ctx.drawText(
                    "t", at: CGPoint(x: Double(plot.maxX) + 3, y: ty), font: style.smallFont.bold,
                    color: style.ink,
                    anchor: .left)
            }
            ctx.withClip(to: plot.insetBy(dx: -8, dy: -8)) {
                for (l, level) in e.levels.enumerated() {
                    // Passed candidates last, so they sit on top.
                    let order = level.candidates.sorted { !$0.verdict.passedTests && $1.verdict.passedTests }
                    for c in order {
                        let centre = CGPoint(
                            x: x(panel: i, level: l, rank: c.rank, of: level.candidates.count),
                            y: y(c.iou, panel: i))
                        let glyph = CandidateGlyph(c.verdict, box: g)
                        var fill = Self.levelColor(l)
                        switch glyph.state {
                        case .belowThreshold, .noThreshold:
                            fill = fill.mixed(with: .white, fraction: 0.55)
                            CandidateGlyph(.belowThreshold).draw(at: centre, radius: 4.5, fill: fill, in: ctx)
                        case .positive:
                            ctx.fillCircle(center: centre, radius: 7.5, BoxColors.edge(forBox: g))
                            ctx.fillCircle(center: centre, radius: 5.4, fill)
                        case .lost, .centerOutside:
                            glyph.draw(
                                at: centre, radius: 5.5, fill: glyph.state == .centerOutside ? fill : nil,
                                in: ctx)
                        }
                    }
                }
            }
        }
        let legendTop = top + Double(rows) * cellHeight + Double(rows - 1) * style.gap + style.gap
        let placement = legend.placement(maxWidth: legendPlacementWidth - 24)
        let card = CGRect(
            x: style.margin, y: legendTop, width: Double(placement.size.width) + 24,
            height: Double(placement.size.height) + 24)
        ctx.beginPath()
        ctx.addRoundedRect(card, cornerRadius: 6)
        ctx.fillAndStroke(fill: Color(hex: 0xFAFAF7), stroke: .gray(0.82), style: .solid(1))
        legend.draw(placement, in: ctx, at: CGPoint(x: card.minX + 12, y: card.minY + 12))
    }
}
