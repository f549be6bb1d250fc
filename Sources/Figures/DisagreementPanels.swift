import Canvas
import FCOS
import Foundation

/// The same scene under two presets, level by level, with every cell where they disagree ringed:
/// "official vs torchvision at the 64-px boundary", or `fcos compare`.
///
/// Cells are compared by grid position `(row, column)`, not by pixel position, because a
/// network's output at a cell is what the loss supervises; when the presets place that cell's
/// location differently (`j·s + ⌊s/2⌋` vs `j·s`), that difference is part of what is shown.
/// Preset A's positives are filled dots, B's are hollow squares around B's location.
///
/// ```swift
/// let figure = DisagreementPanels(
///     first: .official, second: .torchvision, groundTruths: boxes, imageWidth: 1066, imageHeight: 800)
/// print(figure.disagreementCounts)  // per level
/// ```
public struct DisagreementPanels: FigureDrawable {
    /// The first side's dense targets (filled dots).
    public var first: DenseTargets
    /// The second side's dense targets (hollow squares).
    public var second: DenseTargets
    /// The first side's name in titles and legend.
    public var firstName: String
    /// The second side's name in titles and legend.
    public var secondName: String
    /// What is drawn behind the boxes: the scene's illustration, a photo, or plain paper.
    public var backdrop: Backdrop
    /// Names the scene in the generated title, e.g. `tennis`.
    public var sceneName: String?
    /// The image region shown in every panel, in image pixels; `nil` shows the whole image.
    public var viewport: Box?
    /// Width of one panel's picture in figure pixels; every panel shares the scale.
    public var panelWidth: Double = 440
    /// Panels per row; `nil` puts up to three side by side.
    public var columns: Int?
    /// Replaces the generated title when set.
    public var title: String?
    /// Magnifies a box too small to see on a level where either rule set has positives for it.
    public var insetZoom: InsetZoom = .automatic
    /// In a crowded scene, only the boxes whose targets differ are drawn in colour (``FocusMode``).
    public var focus: FocusMode = .automatic
    /// Fonts, margins and inks shared by every figure kind, so figures set side by side match.
    public var style: FigureStyle = .standard
    /// What the two assignments are, for the legend and subtitle: two presets, or a student's
    /// answer and the reference (the coursework's comparison, where "the presets disagree"
    /// would mislead).
    public var sides: Sides = .presets
    /// More entries for the "Locations" section, for marks drawn over the panels.
    public var extraLegendEntries: [Legend.Entry] = []
    /// The FCOS assignments behind `first` and `second`, when both sides are FCOS presets: their
    /// explanations give each ringed cell its full story on hover (the gate, center sampling, the
    /// area rule). Other methods' cells get the winner only.
    public var firstAssignment: Assignment?
    /// The FCOS assignment behind `second`; see `firstAssignment`.
    public var secondAssignment: Assignment?

    /// Who the two sides are, which decides the legend's and subtitle's wording.
    public enum Sides: Sendable {
        /// Two presets of the same method.
        case presets
        /// A student's answer (first) against the reference (second).
        case answerAndReference
    }

    /// Any two methods' targets of the same boxes (FCOS, ATSS, …).
    public init(
        first: DenseTargets, firstName: String, second: DenseTargets, secondName: String,
        backdrop: Backdrop = .plain
    ) {
        self.first = first
        self.second = second
        self.firstName = firstName
        self.secondName = secondName
        self.backdrop = backdrop
    }

    /// Two FCOS presets' assignments of the same boxes, compared cell by cell.
    public init(
        first: Assignment, firstName: String, second: Assignment, secondName: String,
        backdrop: Backdrop = .plain
    ) {
        self.init(
            first: first.targets, firstName: firstName, second: second.targets, secondName: secondName,
            backdrop: backdrop)
        firstAssignment = first
        secondAssignment = second
    }

    /// Runs both presets on the same boxes and compares them, the preset names as the sides' names.
    public init(
        first: Preset, second: Preset, groundTruths: [GroundTruth], imageWidth: Int, imageHeight: Int,
        backdrop: Backdrop = .plain
    ) {
        func run(_ p: Preset) -> Assignment {
            p.matcher.assign(groundTruths, imageWidth: imageWidth, imageHeight: imageHeight)
        }
        self.init(
            first: run(first), firstName: first.name, second: run(second), secondName: second.name,
            backdrop: backdrop)
    }

    /// Level pairs compared: levels of the same name present under both presets.
    public var comparedLevels: [(first: Int, second: Int)] {
        first.levels.indices.compactMap { i in
            let name = first.levels[i].map.level.name
            return second.levels.firstIndex { $0.map.level.name == name }.map { (i, $0) }
        }
    }

    /// Cell indices (in the first preset's indexing) where the two disagree on a level: one is
    /// positive and the other not, or they regress different boxes. A cell missing from the
    /// second grid (EECS 498's grids can be smaller) counts as background there.
    public func disagreements(first a: Int, second b: Int) -> [Int] {
        let la = first.levels[a]
        let lb = second.levels[b]
        var cells: [Int] = []
        for index in la.matched.indices {
            let row = index / la.map.width
            let column = index % la.map.width
            let other: Int32 =
                row < lb.map.height && column < lb.map.width ? lb.matched[row * lb.map.width + column] : -1
            if la.matched[index] != other { cells.append(index) }
        }
        return cells
    }

    /// Disagreeing cells per compared level.
    public var disagreementCounts: [Int] {
        comparedLevels.map { disagreements(first: $0.first, second: $0.second).count }
    }

    var viewportRect: CGRect {
        viewport?.cgRect ?? CGRect(x: 0, y: 0, width: first.imageWidth, height: first.imageHeight)
    }

    func panelTitle(_ pair: (first: Int, second: Int)) -> String {
        let level = first.levels[pair.first]
        let n = disagreements(first: pair.first, second: pair.second).count
        return "\(level.map.level.name) · stride \(level.map.stride) · "
            + (n == 0 ? "no disagreement" : NumberText.count(n, "cell differs", "cells differ"))
            + " · \(firstName) \(level.positiveCount), \(secondName) \(second.levels[pair.second].positiveCount)"
    }

    var titleBlock: TitleBlock {
        let total = disagreementCounts.reduce(0, +)
        let text =
            title ?? (sceneName.map { "\($0): " } ?? "")
            + "\(firstName) vs \(secondName): \(NumberText.count(total, "cell", "cells")) get a different target"
        let sub: String
        switch sides {
        case .presets:
            sub =
                "Same boxes, two rule sets · \(first.imageWidth) × \(first.imageHeight) px · \(firstName) \(first.positiveCount) positives,"
                + " \(secondName) \(second.positiveCount) · cells compared by grid position"
        case .answerAndReference:
            sub =
                "Same boxes and locations · \(first.imageWidth) × \(first.imageHeight) px · \(firstName): "
                + "\(NumberText.count(first.positiveCount, "positive", "positives")), \(secondName): "
                + "\(NumberText.count(second.positiveCount, "positive", "positives"))"
        }
        return TitleBlock(title: text, subtitle: sub, style: style, width: gridWidth)
    }

    private var gridWidth: Double {
        PanelLayout.gridWidth(
            panels: comparedLevels.count, panelWidth: panelWidth, columns: columns, gap: style.gap)
    }

    var titleLines: [[String]] {
        comparedLevels.map {
            PanelPainter.titleLines(panelTitle($0), font: style.panelTitleFont, width: panelWidth)
        }
    }

    /// The one legend shared by all panels, so each encoding is explained once.
    public var legend: Legend {
        var entries: [Legend.Entry]
        switch sides {
        case .presets:
            entries = [
                .init(.marker(.positive(box: 0)), "positive under \(firstName) (its box's color)"),
                .init(.marker(.comparedPositive(box: 0)), "positive under \(secondName) (its box's color)"),
                .init(.marker(.disagreement), "the presets disagree on this cell"),
                .init(.marker(.location), "a location under \(firstName)"),
            ]
            if let note = offsetNote { entries.append(.init(.none, note)) }
        case .answerAndReference:
            entries = [
                .init(.marker(.positive(box: 0)), "positive in \(firstName) (its box's color)"),
                .init(.marker(.comparedPositive(box: 0)), "positive in \(secondName) (its box's color)"),
                .init(.marker(.disagreement), "\(firstName) and \(secondName) differ here"),
                .init(.marker(.location), "a location"),
            ]
        }
        entries += extraLegendEntries
        let (muted, coloring) = focus.resolve(count: first.groundTruths.count, relevant: differingBoxes)
        var boxes = first.groundTruths.indices.filter { !muted.contains($0) }.map { g in
            Legend.Entry(
                .swatch(coloring.color(forBox: g)), BoxColors.label(forBox: g, in: first.groundTruths))
        }
        if !muted.isEmpty {
            boxes.append(
                Legend.Entry(
                    .outline(FocusMode.mutedColor, dashed: false),
                    "\(muted.count) other boxes (grey, unlabelled; their targets differ less or not at all)"))
        }
        var legend = Legend(
            sections: [.init(title: "Locations", entries: entries), .init(title: "Boxes", entries: boxes)],
            font: style.labelFont, titleFont: style.labelFont.bold, ink: style.ink)
        legend.markerSpacing = 15
        return legend
    }

    /// How far the second preset moves a cell's location, e.g. torchvision's `j·s` against the
    /// official `j·s + ⌊s/2⌋`, which explains disagreements along every box edge.
    var offsetNote: String? {
        guard let a = first.levels.first?.map, let b = second.levels.first?.map else { return nil }
        let dx = Double(b.location(at: 0).x - a.location(at: 0).x)
        let dy = Double(b.location(at: 0).y - a.location(at: 0).y)
        guard dx != 0 || dy != 0 else { return nil }
        var parts: [String] = []
        if dx != 0 { parts.append("\(NumberText.format(abs(dx))) px \(dx < 0 ? "left" : "right")") }
        if dy != 0 { parts.append("\(NumberText.format(abs(dy))) px \(dy < 0 ? "up" : "down")") }
        return
            "\(secondName) puts each \(a.level.name) location \(parts.joined(separator: " and ")) of \(firstName)'s"
            + " (the shift grows with the stride)"
    }

    /// Where panels go; panel `i` shows `comparedLevels[i]`.
    public var layout: PanelLayout {
        PanelLayout(
            count: comparedLevels.count, viewport: viewportRect, panelWidth: panelWidth, columns: columns,
            headerHeight: titleBlock.height + 8,
            panelTitleHeight: Double(titleLines.map(\.count).max() ?? 1)
                * TextLayout.lineHeight(style.panelTitleFont) + 4,
            legend: legend, style: style)
    }

    /// The whole figure's size in pixels, known before drawing so a page can lay it out.
    public var size: CGSize { layout.size }

    /// The boxes whose targets differ most between the two rule sets, at most
    /// ``FocusMode/focusLimit`` of them: the ones a crowded comparison is about.
    var differingBoxes: Set<Int> {
        var counts: [Int: Int] = [:]
        for pair in comparedLevels {
            let la = first.levels[pair.first]
            let lb = second.levels[pair.second]
            for index in disagreements(first: pair.first, second: pair.second) {
                if la.matched[index] >= 0 { counts[Int(la.matched[index]), default: 0] += 1 }
                let row = index / la.map.width
                let column = index % la.map.width
                if row < lb.map.height, column < lb.map.width {
                    let other = lb.matched[row * lb.map.width + column]
                    if other >= 0 { counts[Int(other), default: 0] += 1 }
                }
            }
        }
        let ranked = counts.sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }
        return Set(ranked.prefix(FocusMode.focusLimit).map(\.key))
    }

    /// What a pair of panels shows of each box in focus: its positives under either rule set.
    func insetSubjects(_ la: LevelTargets, _ lb: LevelTargets, muted: Set<Int>) -> [InsetZoom.Subject] {
        var merged: [Int: InsetZoom.Subject] = [:]
        for subject in InsetZoom.Subject.positives(on: la, groundTruths: first.groundTruths)
            + InsetZoom.Subject.positives(on: lb, groundTruths: first.groundTruths)
        where !muted.contains(subject.index) {
            if var known = merged[subject.index], let a = known.marks, let b = subject.marks {
                known.marks = a.union(b)
                merged[subject.index] = known
            } else {
                merged[subject.index] = subject
            }
        }
        return merged.keys.sorted().compactMap { merged[$0] }
    }

    /// Draws the figure with its top-left corner at the origin of `ctx`.
    public func draw(in ctx: DrawingContext) {
        let layout = layout
        titleBlock.draw(in: ctx, at: layout.titleOrigin)
        let (muted, coloring) = focus.resolve(count: first.groundTruths.count, relevant: differingBoxes)
        let painter = PanelPainter(
            groundTruths: first.groundTruths, imageWidth: first.imageWidth, imageHeight: first.imageHeight,
            backdrop: backdrop, style: style, muted: muted, coloring: coloring)
        let titles = titleLines
        for (panel, pair) in comparedLevels.enumerated() {
            let la = first.levels[pair.first]
            let lb = second.levels[pair.second]
            let mapping = layout.mapping(panel: panel)
            func content(_ mapping: ImageMapping) {
                painter.drawBackground(in: ctx, mapping: mapping)
                painter.drawBoxes(in: ctx, mapping: mapping)
                var batch = MarkerBatch()
                let slack = Double(la.map.stride)
                for index in la.matched.indices where mapping.shows(la.map.location(at: index), margin: slack)
                {
                    let g = Int(la.matched[index])
                    batch.add(
                        g >= 0 ? .positive(box: g) : .location, at: mapping.point(la.map.location(at: index)))
                }
                for index in lb.matched.indices where lb.matched[index] >= 0 {
                    let location = lb.map.location(at: index)
                    if mapping.shows(location, margin: slack) {
                        batch.add(.comparedPositive(box: Int(lb.matched[index])), at: mapping.point(location))
                    }
                }
                for index in disagreements(first: pair.first, second: pair.second) {
                    let row = index / la.map.width
                    let column = index % la.map.width
                    var location = la.map.location(at: index)
                    // Ring the location that is positive: the first preset's, unless only the second's is.
                    if la.matched[index] < 0, row < lb.map.height, column < lb.map.width {
                        location = lb.map.location(at: row * lb.map.width + column)
                    }
                    if mapping.shows(location, margin: slack) {
                        batch.add(.disagreement, at: mapping.point(location))
                    }
                }
                let spacing = Double(min(la.map.stepX, la.map.stepY)) * mapping.scale
                ctx.withClip(to: mapping.frame) {
                    batch.draw(
                        in: ctx, metrics: MarkerMetrics(spacing: spacing, muted: muted, coloring: coloring))
                }
                painter.drawBoxLabels(in: ctx, mapping: mapping)
            }
            content(mapping)
            if let plan = insetZoom.plan(subjects: insetSubjects(la, lb, muted: muted), panel: mapping) {
                let inView = { (level: LevelTargets) in
                    level.matched.indices.filter {
                        level.matched[$0] >= 0 && plan.mapping.shows(level.map.location(at: $0))
                    }.count
                }
                insetZoom.draw(
                    plan, panel: mapping, in: ctx, style: style,
                    note: "\(inView(la)) vs \(inView(lb)) positives in view", content: content)
            }
            painter.drawFrame(in: ctx, mapping: mapping)
            painter.drawTitle(titles[panel], in: layout.panelTitles[panel], in: ctx)
        }
        layout.drawLegend(legend, in: ctx, style: style)
    }
}
