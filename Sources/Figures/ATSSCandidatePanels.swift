import ATSS
import Canvas
import FCOS
import Foundation

/// ATSS step 1 and its outcome for one box, level by level (Zhang et al. 2020, Algorithm 1):
/// every anchor centre near the box centre, the `k` nearest ringed with their distance rank
/// (1 = nearest), the circle through the `k`-th, and each candidate's fate as a
/// ``CandidateGlyph``.
///
/// Each panel is zoomed on its own level's candidates, so every level shows about the same
/// number of grid cells and the rank labels stay legible: on P3 the candidates of a 1 000-px box
/// span 30 px, on P7 400. The box is drawn at each panel's scale, which makes the point of ATSS
/// visible: the same box is a speck against P7's grid and a wall against P3's.
///
/// When the `k`-th distance is shared by anchors that did not make the cut (a regular grid makes
/// such ties common, `DistanceTie`), those anchors get a red dashed ring and the panel title
/// says how many of the tied anchors were admitted.
public struct ATSSCandidatePanels: FigureDrawable {
    /// The ATSS assignment whose candidates are drawn.
    public var assignment: ATSSAssignment
    /// The box whose candidates are shown.
    public var box: Int
    /// The rule set's name, printed in titles and legends so a figure says which preset it shows.
    public var presetName: String
    /// What is drawn behind the boxes: the scene's illustration, a photo, or plain paper.
    public var backdrop: Backdrop
    /// Names the scene in the generated title, e.g. `tennis`.
    public var sceneName: String?
    /// Width of one panel's picture in figure pixels; every panel shares the scale.
    public var panelWidth: Double = 250
    /// Panels per row; 3 by default, which leaves the sixth cell to the legend.
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

    static let tieColor = Color(hex: 0xB0001E)

    /// The square of the image a level's panel shows: centred on the box centre, wide enough for
    /// the circle through the `k`-th candidate and a ring of cells around it.
    public func viewport(level l: Int) -> CGRect {
        let level = explanation.levels[l]
        let stride = Double(level.map.stride)
        let radius = Double(level.cutoffDistance ?? 0)
        let half = max(radius + 0.9 * stride, 1.9 * stride)
        let c = explanation.center
        return CGRect(x: Double(c.x) - half, y: Double(c.y) - half, width: 2 * half, height: 2 * half)
    }

    /// Anchors at exactly the `k`-th distance that were left out (the tie the cut split).
    public func leftOutAtCutoff(level l: Int) -> [Point] {
        let level = explanation.levels[l]
        guard level.tie != nil, let cutoff = level.cutoffDistance else { return [] }
        let chosen = Set(level.candidates.map(\.index))
        let view = viewport(level: l)
        var points: [Point] = []
        for index in 0..<level.map.count where !chosen.contains(index) {
            let p = level.map.location(at: index)
            guard view.contains(CGPoint(x: Double(p.x), y: Double(p.y))) else { continue }
            if CandidateSelection.distance(p, explanation.center) == cutoff { points.append(p) }
        }
        return points
    }

    func panelTitle(level l: Int) -> String {
        let level = explanation.levels[l]
        let best = level.candidates.map(\.iou).max() ?? 0
        var title =
            "\(level.map.level.name) · stride \(level.map.stride) · best IoU \(NumberText.fixed(best))"
            + " · " + NumberText.count(level.positiveCount, "positive")
        if let tie = level.tie {
            let verdict = level.tieCanChangePositives ? "can change positives" : "harmless"
            title +=
                " · \(BoxColors.warningSymbol) tie: kept \(tie.admitted) of \(tie.admitted + tie.leftOut) at \(NumberText.format(tie.distance)) px, \(verdict)"
        }
        return title
    }

    var titleBlock: TitleBlock {
        let e = explanation
        let label = BoxColors.label(forBox: box, in: assignment.groundTruths)
        let k = assignment.rules.candidatesPerLevel
        var text = (sceneName.map { "\($0): " } ?? "") + "\(label): ATSS candidates per level"
        if let t = e.threshold {
            let levels = e.positivesPerLevel.indices.filter { e.positivesPerLevel[$0] > 0 }
                .map { e.levels[$0].map.level.name }
            text +=
                " · t = \(NumberText.fixed(t)) → \(NumberText.count(e.positiveCount, "positive"))"
                + (levels.isEmpty ? "" : " on \(levels.joined(separator: ", "))")
        }
        let sub =
            "preset “\(presetName)” · the \(k) anchor centres nearest the box centre on each level, numbered by distance (1 = nearest)"
            + " · dashed circle through the \(k)th · each panel zoomed on its own level"
        return TitleBlock(title: title ?? text, subtitle: subtitle ?? sub, style: style, width: gridWidth)
    }

    private var shownCount: Int { explanation.levels.count }

    private var gridWidth: Double {
        PanelLayout.gridWidth(panels: shownCount, panelWidth: panelWidth, columns: columns, gap: style.gap)
    }

    var panelTitleLines: [[String]] {
        explanation.levels.indices.map {
            PanelPainter.titleLines(panelTitle(level: $0), font: style.panelTitleFont, width: panelWidth)
        }
    }

    /// The states that occur, then the marks, then the box.
    public var legend: Legend {
        let verdicts = explanation.candidates.map { CandidateGlyph($0.verdict, box: box) }
        var seen: [CandidateGlyph] = []
        for glyph in verdicts where !seen.contains(glyph) { seen.append(glyph) }
        let order: (CandidateGlyph) -> Int = {
            switch $0.state {
            case .positive: return 0
            case .lost: return 1
            case .centerOutside: return 2
            case .belowThreshold: return 3
            case .noThreshold: return 4
            }
        }
        let states = seen.sorted { order($0) < order($1) }.map { Legend.Entry(.candidate($0), $0.meaning) }
        var marks: [Legend.Entry] = [
            .init(.marker(.location), "anchor centre"),
            .init(.line(style.ink, dash: [6, 4], width: 1.6), "circle through the k-th nearest"),
        ]
        if explanation.hasTie {
            marks.append(
                .init(
                    .line(Self.tieColor, dash: [3, 2], width: 2), "tie: same distance as the k-th, left out"))
        }
        let label = BoxColors.label(forBox: box, in: assignment.groundTruths)
        var legend = Legend(
            sections: [
                .init(title: "Candidates (number = distance rank)", entries: states),
                .init(title: "Marks", entries: marks),
                .init(
                    title: "Box",
                    entries: [.init(.swatch(BoxColors.color(forBox: box)), "\(label) (+ its centre)")]),
            ],
            font: style.labelFont, titleFont: style.labelFont.bold, ink: style.ink)
        legend.markerSpacing = 15
        legend.maxColumns = 1
        return legend
    }

    /// Where each panel, its title and the shared legend go, computed once for drawing and hotspots.
    public var layout: PanelLayout {
        let lines = panelTitleLines.map(\.count).max() ?? 1
        return PanelLayout(
            count: shownCount, viewport: CGRect(x: 0, y: 0, width: 1, height: 1), panelWidth: panelWidth,
            columns: columns, headerHeight: titleBlock.height + 8,
            panelTitleHeight: Double(lines) * TextLayout.lineHeight(style.panelTitleFont) + 4, legend: legend,
            style: style)
    }

    /// The whole figure's size in pixels, known before drawing so a page can lay it out.
    public var size: CGSize { layout.size }

    /// Where image point `p` lands in level `level`'s panel.
    public func figurePoint(_ p: Point, level: Int) -> CGPoint {
        ImageMapping(viewport: viewport(level: level), frame: layout.panels[level]).point(p)
    }

    /// Draws the figure with its top-left corner at the origin of `ctx`.
    public func draw(in ctx: DrawingContext) {
        let layout = layout
        titleBlock.draw(in: ctx, at: layout.titleOrigin)
        let painter = PanelPainter(
            groundTruths: assignment.groundTruths, imageWidth: assignment.imageWidth,
            imageHeight: assignment.imageHeight, backdrop: backdrop, style: style)
        let titles = panelTitleLines
        let e = explanation
        let gt = assignment.groundTruths[box].box
        for (l, level) in e.levels.enumerated() {
            let mapping = ImageMapping(viewport: viewport(level: l), frame: layout.panels[l])
            painter.drawBackground(in: ctx, mapping: mapping, dimming: 0.7)
            ctx.withClip(to: mapping.frame) {
                BoxOverlay(groundTruths: assignment.groundTruths, lineWidth: 1.2)
                    .drawOutlines(in: ctx, mapping: mapping, faded: true)
                ctx.strokeRect(mapping.rect(gt), BoxColors.edge(forBox: box), style: .solid(3))
                let spacing = Double(level.map.stride) * mapping.scale
                var dots = MarkerBatch()
                let view = mapping.viewport.insetBy(
                    dx: -Double(level.map.stride), dy: -Double(level.map.stride))
                for index in 0..<level.map.count {
                    let p = level.map.location(at: index)
                    if view.contains(CGPoint(x: Double(p.x), y: Double(p.y))) {
                        dots.add(.location, at: mapping.point(p))
                    }
                }
                dots.draw(in: ctx, metrics: MarkerMetrics(spacing: spacing))
                let centre = mapping.point(e.center)
                if let cutoff = level.cutoffDistance {
                    ctx.strokeCircle(
                        center: centre, radius: Double(cutoff) * mapping.scale, style.ink,
                        style: StrokeStyle(width: 1.6, dash: [6, 4]))
                }
                let r = min(11, max(5, 0.3 * spacing))
                for p in leftOutAtCutoff(level: l) {
                    ctx.strokeCircle(
                        center: mapping.point(p), radius: r + 2, Self.tieColor,
                        style: StrokeStyle(width: 2, dash: [3, 2]))
                }
                let arm = 7.0
                ctx.strokeLine(
                    from: CGPoint(x: centre.x - arm, y: centre.y),
                    to: CGPoint(x: centre.x + arm, y: centre.y),
                    BoxColors.edge(forBox: box), style: .solid(2.5))
                ctx.strokeLine(
                    from: CGPoint(x: centre.x, y: centre.y - arm),
                    to: CGPoint(x: centre.x, y: centre.y + arm),
                    BoxColors.edge(forBox: box), style: .solid(2.5))
                for c in level.candidates.reversed() {
                    CandidateGlyph(c.verdict, box: box).draw(
                        at: mapping.point(c.center), radius: r, label: r >= 7 ? "\(c.rank + 1)" : nil, in: ctx
                    )
                }
            }
            painter.drawFrame(in: ctx, mapping: mapping)
            painter.drawTitle(
                titles[l], in: layout.panelTitles[l], in: ctx,
                color: level.tie != nil && level.tieCanChangePositives ? Self.tieColor : nil)
        }
        layout.drawLegend(legend, in: ctx, style: style)
    }
}
