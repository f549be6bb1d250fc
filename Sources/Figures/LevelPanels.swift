import Canvas
import FCOS
import Foundation

/// The centrepiece: one panel per FPN level, all at the same scale, showing every location of
/// the level and what became of it: positive (in its box's colour), ambiguous, rejected by the
/// size gate, outside the center-sampling region, or plain background.
///
/// ```swift
/// let panels = LevelPanels(
///     preset: .official, groundTruths: scene.groundTruths,
///     imageWidth: scene.width, imageHeight: scene.height, backdrop: .illustration(.tennis))
/// try panels.write(toPath: "/tmp/tennis-levels.png")
/// ```
public struct LevelPanels: FigureDrawable {
    /// The FCOS assignment drawn, one panel per level.
    public var assignment: Assignment
    /// The rule set's name, printed in titles and legends so a figure says which preset it shows.
    public var presetName: String
    /// One line describing the preset's rules, shown under the title.
    public var presetSummary: String?
    /// What is drawn behind the boxes: the scene's illustration, a photo, or plain paper.
    public var backdrop: Backdrop
    /// Names the scene in the title, e.g. "tennis".
    public var sceneName: String?
    /// Indices into `assignment.levels` to show; all levels when `nil`.
    public var levels: [Int]?
    /// The part of the image to show, in image pixels, to zoom on a dense level; the whole image
    /// when `nil`.
    public var viewport: Box?
    /// The width of one panel; the figure grows with the number of columns.
    public var panelWidth: Double = 440
    /// Panels per row; 3 (or the number of levels, if fewer) when `nil`.
    public var columns: Int?
    /// Replaces the generated title when set.
    public var title: String?
    /// Replaces the generated subtitle when set.
    public var subtitle: String?
    /// Magnifies a box whose positives on a level would be too small to see (``InsetZoom``).
    public var insetZoom: InsetZoom = .automatic
    /// Which boxes are drawn in colour (``FocusMode``). `.automatic`, the default, colours every
    /// box up to ``FocusMode/crowdedCount`` boxes; in a more crowded scene it keeps in colour
    /// the boxes the figure is about (those without a positive, those the insets zoom on, and
    /// the busiest box of each level) in distinct colours, and draws the rest grey.
    public var focus: FocusMode = .automatic
    /// Fonts, margins and inks shared by every figure kind, so figures set side by side match.
    public var style: FigureStyle = .standard

    /// Panels of `assignment`, named `presetName` in the title.
    public init(
        assignment: Assignment, presetName: String, presetSummary: String? = nil, backdrop: Backdrop = .plain
    ) {
        self.assignment = assignment
        self.presetName = presetName
        self.presetSummary = presetSummary
        self.backdrop = backdrop
    }

    /// Runs `preset`'s matcher with explanations and shows the result.
    public init(
        preset: Preset, groundTruths: [GroundTruth], imageWidth: Int, imageHeight: Int,
        backdrop: Backdrop = .plain
    ) {
        let assignment = preset.matcher.assign(
            groundTruths, imageWidth: imageWidth, imageHeight: imageHeight, explain: true)
        self.init(
            assignment: assignment, presetName: preset.name, presetSummary: preset.summary, backdrop: backdrop
        )
    }

    var shownLevels: [Int] { levels ?? Array(assignment.levels.indices) }

    var viewportRect: CGRect {
        viewport?.cgRect ?? CGRect(x: 0, y: 0, width: assignment.imageWidth, height: assignment.imageHeight)
    }

    var painter: PanelPainter {
        PanelPainter(
            groundTruths: assignment.groundTruths, imageWidth: assignment.imageWidth,
            imageHeight: assignment.imageHeight, backdrop: backdrop, style: style)
    }

    /// Whether there is anything to match: a figure of bare locations (no boxes) counts
    /// locations, not positives, and its legend has no positives or boxes to explain.
    var hasBoxes: Bool { !assignment.groundTruths.isEmpty }

    /// `P4 · stride 16 · 64 ≤ m ≤ 128 · 37 positives`; `P4 · stride 16 · 3 400 locations` when
    /// there are no boxes.
    func panelTitle(level index: Int) -> String {
        let level = assignment.levels[index]
        let range = NumberText.sizeRange(level.map.level.sizeRange, gate: assignment.rules.sizeGate)
        let mapping = ImageMapping(viewport: viewportRect, frame: viewportRect)
        guard hasBoxes else {
            var title =
                "\(level.map.level.name) · stride \(level.map.stride) · "
                + NumberText.count(level.map.count, "location")
            if viewport != nil {
                let inView = (0..<level.map.count).filter { mapping.shows(level.map.location(at: $0)) }.count
                title += " (\(inView) in view)"
            }
            return title
        }
        var title =
            "\(level.map.level.name) · stride \(level.map.stride) · \(range) · "
            + NumberText.count(level.positiveCount, "positive")
        if viewport != nil {
            let inView = level.matched.indices.filter {
                level.matched[$0] >= 0 && mapping.shows(level.map.location(at: $0))
            }.count
            title += " (\(inView) in view)"
        }
        return title
    }

    /// The inset a level's panel gets: for the boxes in focus with a positive on that level,
    /// when their positives are too small to read (``InsetZoom``).
    func insetPlan(level index: Int, mapping: ImageMapping, muted: Set<Int>) -> InsetZoom.Plan? {
        insetZoom.plan(
            subjects: insetSubjects(level: index).filter { !muted.contains($0.index) }, panel: mapping)
    }

    var titleBlock: TitleBlock {
        let total = assignment.positiveCount
        let missing = assignment.groundTruthsWithoutPositives.count
        var text = (sceneName.map { "\($0): " } ?? "") + "where FCOS puts its positives, level by level"
        text +=
            " · " + NumberText.count(total, "positive") + " for "
            + NumberText.count(assignment.groundTruths.count, "box", "boxes")
        if missing > 0 {
            text += " · \(BoxColors.warningSymbol) \(NumberText.count(missing, "box gets", "boxes get")) none"
        }
        var sub = "preset “\(presetName)”" + (presetSummary.map { ": \($0)" } ?? "")
        sub += " · \(assignment.imageWidth) × \(assignment.imageHeight) px · every panel at the same scale"
        if let viewport {
            sub += " · zoomed on x \(NumberText.format(viewport.x0))–\(NumberText.format(viewport.x1)),"
            sub += " y \(NumberText.format(viewport.y0))–\(NumberText.format(viewport.y1))"
        }
        return TitleBlock(title: title ?? text, subtitle: subtitle ?? sub, style: style, width: gridWidth)
    }

    private var gridWidth: Double {
        PanelLayout.gridWidth(
            panels: shownLevels.count, panelWidth: panelWidth, columns: columns, gap: style.gap)
    }

    var panelTitleLines: [[String]] {
        shownLevels.map {
            PanelPainter.titleLines(panelTitle(level: $0), font: style.panelTitleFont, width: panelWidth)
        }
    }

    /// The marker kinds that occur in the shown panels (`.positive` and `.ambiguous` for any box
    /// count as one kind), so the legend explains what is there and nothing else.
    func markerKinds(_ assignment: Assignment) -> Set<String> {
        var kinds: Set<String> = []
        for index in shownLevels {
            let markers = LevelMarkers.markers(
                for: assignment.levels[index], explained: assignment.explanation?.levels[index] ?? [],
                groundTruths: assignment.groundTruths)
            for marker in markers { kinds.insert(marker.kind) }
        }
        return kinds
    }

    /// The legend: what each marker means, then each box with its positives over all levels.
    public var legend: Legend { legend(kinds: markerKinds(LevelMarkers.explained(assignment))) }

    func legend(kinds: Set<String>) -> Legend {
        let sampling = assignment.rules.centerSampling
        var markers: [Legend.Entry] =
            hasBoxes ? [.init(.marker(.positive(box: 0)), "positive (in its box's color)")] : []
        if kinds.contains("ambiguous") {
            markers.append(
                .init(.marker(.ambiguous(winner: 0)), "ambiguous: several boxes qualify, the smallest wins"))
        }
        if kinds.contains("sizeGate") {
            markers.append(
                .init(.marker(.rejectedBySizeGate), "inside a box, but m is outside the level's range"))
        }
        if let r = sampling.radius {
            if kinds.contains("centerSampling") {
                markers.append(
                    .init(
                        .marker(.rejectedByCenterSampling(box: 0)), "inside a box, outside its center region")
                )
            }
            markers.append(
                .init(
                    .outline(.gray(0.3), dashed: true),
                    "center region (±\(NumberText.format(r)) strides), dashed in the box's color"))
        }
        if kinds.contains("crowd") {
            markers.append(.init(.marker(.crowd), "inside a crowd region (never matched)"))
        }
        markers.append(
            .init(
                .marker(.location), hasBoxes ? "background location" : "location (one per feature-map cell)"))
        let counts = assignment.positivesPerGroundTruth
        let (muted, coloring) = focusPlan
        var boxes: [Legend.Entry] = assignment.groundTruths.indices.filter { !muted.contains($0) }.map { g in
            let label = BoxColors.label(forBox: g, in: assignment.groundTruths)
            if counts[g] == 0 {
                return .init(
                    .swatch(coloring.color(forBox: g)),
                    "\(label): \(BoxColors.warningSymbol) no positive at all",
                    textColor: BoxColors.warning)
            }
            return .init(.swatch(coloring.color(forBox: g)), "\(label) · \(counts[g])")
        }
        if !muted.isEmpty {
            let positives = muted.reduce(0) { $0 + counts[$1] }
            boxes.append(
                .init(
                    .outline(FocusMode.mutedColor, dashed: false),
                    "\(NumberText.count(muted.count, "other box", "other boxes")), grey and unlabelled · "
                        + "\(positives)"))
        }
        var legend = Legend(
            sections: [.init(title: "Locations", entries: markers)]
                + (boxes.isEmpty ? [] : [.init(title: "Boxes · positives", entries: boxes)]),
            font: style.labelFont, titleFont: style.labelFont.bold, ink: style.ink)
        legend.markerSpacing = 15
        return legend
    }

    /// Where panels, titles and the legend go; ``PanelLayout/figurePoint(_:panel:)`` maps a
    /// location to figure pixels (panel `i` shows `shownLevels[i]`, all levels by default).
    public var layout: PanelLayout {
        let lines = panelTitleLines.map(\.count).max() ?? 1
        return PanelLayout(
            count: shownLevels.count, viewport: viewportRect, panelWidth: panelWidth, columns: columns,
            headerHeight: titleBlock.height + 8,
            panelTitleHeight: Double(lines) * TextLayout.lineHeight(style.panelTitleFont) + 4, legend: legend,
            style: style)
    }

    /// The whole figure's size in pixels, known before drawing so a page can lay it out.
    public var size: CGSize { layout.size }

    /// Where location `location` of `assignment.levels[level]` lands in the figure, or `nil` when
    /// that level has no panel.
    public func figurePoint(level: Int, location: Int) -> CGPoint? {
        guard let panel = shownLevels.firstIndex(of: level) else { return nil }
        return layout.figurePoint(assignment.levels[level].map.location(at: location), panel: panel)
    }

    /// Draws the figure with its top-left corner at the origin of `ctx`.
    public func draw(in ctx: DrawingContext) {
        let assignment = LevelMarkers.explained(assignment)
        let layout = layout
        titleBlock.draw(in: ctx, at: layout.titleOrigin)
        let (muted, coloring) = focusPlan
        var painter = painter
        painter.muted = muted
        painter.coloring = coloring
        let titles = panelTitleLines
        for (panel, levelIndex) in shownLevels.enumerated() {
            let level = assignment.levels[levelIndex]
            let mapping = layout.mapping(panel: panel)
            let markers = LevelMarkers.markers(
                for: level, explained: assignment.explanation?.levels[levelIndex] ?? [],
                groundTruths: assignment.groundTruths)
            let warnings = Set(assignment.groundTruthsWithoutPositives)
            func content(_ mapping: ImageMapping) {
                painter.drawBackground(in: ctx, mapping: mapping)
                painter.drawSamplingRegions(
                    in: ctx, mapping: mapping, sampling: assignment.rules.centerSampling,
                    stride: level.map.stride)
                painter.drawBoxes(in: ctx, mapping: mapping)
                var batch = MarkerBatch()
                let slack = Double(max(level.map.stepX, level.map.stepY))
                for index in markers.indices {
                    let location = level.map.location(at: index)
                    guard mapping.shows(location, margin: slack) else { continue }
                    batch.add(markers[index], at: mapping.point(location))
                }
                let spacing = Double(min(level.map.stepX, level.map.stepY)) * mapping.scale
                ctx.withClip(to: mapping.frame) {
                    batch.draw(
                        in: ctx, metrics: MarkerMetrics(spacing: spacing, muted: muted, coloring: coloring))
                }
                painter.drawBoxLabels(in: ctx, mapping: mapping, warnings: warnings)
            }
            content(mapping)
            if let plan = insetPlan(level: levelIndex, mapping: mapping, muted: muted) {
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
        layout.drawLegend(legend(kinds: markerKinds(assignment)), in: ctx, style: style)
    }
}
