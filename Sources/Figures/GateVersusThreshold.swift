import ATSS
import Canvas
import FCOS
import Foundation

/// How FCOS and ATSS choose the levels of the same box, one above the other: FCOS's size gate
/// (a location is kept on the level whose range holds `m = max(l*, t*, r*, b*)`) in the top row,
/// ATSS's IoU threshold (the `k` nearest anchors per level, kept when `IoU ≥ t_g`) in the bottom
/// row, P3–P7 across, every panel the same view of the box.
///
/// FCOS decides per location from a fixed table of ranges; ATSS decides per box from the
/// statistics of its own candidates. Where the two rows light up different columns, the methods
/// put the box on different levels.
public struct GateVersusThreshold: FigureDrawable {
    /// The FCOS assignment of the top row.
    public var fcos: Assignment
    /// The FCOS preset's name in the row heading.
    public var fcosName: String
    /// The ATSS assignment of the bottom row (same boxes, same image).
    public var atss: ATSSAssignment
    /// The ATSS preset's name in the row heading.
    public var atssName: String
    /// The ground-truth box compared.
    public var box: Int
    /// What is drawn behind the boxes: the scene's illustration, a photo, or plain paper.
    public var backdrop: Backdrop
    /// Names the scene in the generated title, e.g. `tennis`.
    public var sceneName: String?
    /// Width of one panel's picture in figure pixels; every panel shares the scale.
    public var panelWidth: Double = 230
    /// Replaces the generated title when set.
    public var title: String?
    /// Replaces the generated subtitle when set.
    public var subtitle: String?
    /// Fonts, margins and inks shared by every figure kind, so figures set side by side match.
    public var style: FigureStyle = .standard

    /// `fcos` must carry its explanation (`explain: true`) for the size-gate rings.
    public init(
        fcos: Assignment, fcosName: String, atss: ATSSAssignment, atssName: String, box: Int,
        backdrop: Backdrop = .plain
    ) {
        self.fcos = fcos
        self.fcosName = fcosName
        self.atss = atss
        self.atssName = atssName
        self.box = box
        self.backdrop = backdrop
    }

    var levelCount: Int { min(fcos.levels.count, atss.levels.count) }

    /// The box with a margin, at least 10 P3 strides across so small boxes are not specks.
    public var viewport: CGRect {
        let b = atss.groundTruths[box].box
        let margin = max(0.12 * Double(max(b.width, b.height)), 16)
        var rect = CGRect(
            x: Double(b.x0) - margin, y: Double(b.y0) - margin, width: Double(b.width) + 2 * margin,
            height: Double(b.height) + 2 * margin)
        let minimum = 96.0
        if rect.width < minimum { rect = rect.insetBy(dx: -(minimum - rect.width) / 2, dy: 0) }
        if rect.height < minimum { rect = rect.insetBy(dx: 0, dy: -(minimum - rect.height) / 2) }
        return rect
    }

    var panelHeight: Double { (panelWidth * Double(viewport.height) / Double(viewport.width)).rounded() }

    func fcosTitle(_ l: Int) -> String {
        let level = fcos.levels[l]
        let range = NumberText.sizeRange(level.map.level.sizeRange, gate: fcos.rules.sizeGate)
        let n = level.matched.filter { $0 == box }.count
        return "\(level.map.level.name) · \(range) · \(n)"
    }

    func atssTitle(_ l: Int) -> String {
        let level = atss.boxes[box].levels[l]
        let best = level.candidates.map(\.iou).max() ?? 0
        let t = atss.boxes[box].threshold
        let op = t.map { best >= $0 ? "≥" : "<" } ?? "?"
        return
            "\(level.map.level.name) · best IoU \(NumberText.fixed(best, decimals: 2)) \(op) t · \(level.positiveCount)"
    }

    var rowHeadings: [String] {
        let fcosTotal = fcos.levels.reduce(0) { $0 + $1.matched.filter { $0 == box }.count }
        let e = atss.boxes[box]
        let t = e.threshold.map { NumberText.fixed($0) } ?? "undefined"
        return [
            "FCOS “\(fcosName)”: kept where the level's range holds m = max(l*, t*, r*, b*) · \(NumberText.count(fcosTotal, "positive"))",
            "ATSS “\(atssName)”: the \(atss.rules.candidatesPerLevel) nearest anchors per level, kept when IoU ≥ t = \(t) · \(NumberText.count(e.positiveCount, "positive"))",
        ]
    }

    var titleBlock: TitleBlock {
        let label = BoxColors.label(forBox: box, in: atss.groundTruths)
        let text =
            (sceneName.map { "\($0): " } ?? "")
            + "\(label): the size gate vs the IoU threshold, level by level"
        let sub =
            "panel titles: level · rule · positives of this box · every panel shows the same view of the box"
        return TitleBlock(title: title ?? text, subtitle: subtitle ?? sub, style: style, width: gridWidth)
    }

    var gridWidth: Double { Double(levelCount) * panelWidth + Double(levelCount - 1) * 8 }

    var headingHeight: Double { TextLayout.lineHeight(style.subtitleFont.bold) + 4 }

    var panelTitleHeight: Double { TextLayout.lineHeight(style.labelFont) + 4 }

    var rowHeight: Double { headingHeight + panelTitleHeight + panelHeight }

    var top: Double { style.margin + titleBlock.height + 8 }

    /// The picture area of one panel (row 0 FCOS, row 1 ATSS) in figure pixels.
    public func panelFrame(row: Int, level: Int) -> CGRect {
        CGRect(
            x: style.margin + Double(level) * (panelWidth + 8),
            y: top + Double(row) * (rowHeight + style.gap) + headingHeight + panelTitleHeight,
            width: panelWidth,
            height: panelHeight)
    }

    /// The part of the image an inset magnifies on level `l`'s ATSS panel: the candidates and a
    /// cell around them, when at the panel's `scale` they would span less than 40 px.
    public func insetViewport(level l: Int) -> CGRect? {
        insetViewport(level: l, scale: panelWidth / Double(viewport.width))
    }

    func insetViewport(level l: Int, scale: Double) -> CGRect? {
        let candidates = atss.boxes[box].levels[l].candidates
        guard let first = candidates.first else { return nil }
        var x0 = first.center.x
        var y0 = first.center.y
        var x1 = x0
        var y1 = y0
        for c in candidates {
            x0 = min(x0, c.center.x)
            y0 = min(y0, c.center.y)
            x1 = max(x1, c.center.x)
            y1 = max(y1, c.center.y)
        }
        let stride = Double(atss.levels[l].map.stride)
        let side = Double(max(x1 - x0, y1 - y0)) + 2 * stride
        guard side * scale < 40 else { return nil }
        let cx = Double(x0 + x1) / 2
        let cy = Double(y0 + y1) / 2
        return CGRect(x: cx - side / 2, y: cy - side / 2, width: side, height: side)
    }

    /// A magnified square in the panel's lower-right corner, tied to the region it shows.
    func drawInset(
        _ zoom: CGRect, level l: Int, panel: CGRect, mapping: ImageMapping, painter: PanelPainter,
        in ctx: DrawingContext
    ) {
        let side = min(Double(panel.width), Double(panel.height)) * 0.58
        let frame = CGRect(
            x: Double(panel.maxX) - side - 4, y: Double(panel.maxY) - side - 4, width: side, height: side)
        let source = mapping.rect(zoom.box)
        let inset = ImageMapping(viewport: zoom, frame: frame)
        ctx.strokeLine(
            from: CGPoint(x: source.maxX, y: source.maxY), to: CGPoint(x: frame.minX, y: frame.minY),
            style.ink,
            style: .solid(1))
        ctx.strokeRect(source.insetBy(dx: -1, dy: -1), style.ink, style: .solid(1.2))
        ctx.fillRect(frame.insetBy(dx: -3, dy: -3), .white)
        painter.drawBackground(in: ctx, mapping: inset, dimming: 0.7)
        let map = atss.levels[l].map
        let candidates = atss.boxes[box].levels[l].candidates
        ctx.withClip(to: frame) {
            ctx.strokeRect(
                inset.rect(atss.groundTruths[box].box), BoxColors.edge(forBox: box), style: .solid(2))
            let chosen = Set(candidates.map(\.index))
            var batch = MarkerBatch()
            for index in 0..<map.count where !chosen.contains(index) {
                let p = map.location(at: index)
                if inset.shows(p, margin: Double(map.stride)) { batch.add(.location, at: inset.point(p)) }
            }
            batch.draw(in: ctx, metrics: MarkerMetrics(spacing: Double(map.stride) * inset.scale))
            let r = min(8, max(3, 0.32 * Double(map.stride) * inset.scale))
            for c in candidates {
                CandidateGlyph(c.verdict, box: box).draw(at: inset.point(c.center), radius: r, in: ctx)
            }
        }
        ctx.strokeRect(frame.insetBy(dx: -0.5, dy: -0.5), style.ink, style: .solid(1.2))
        ctx.drawLabel(
            "×\(NumberText.format(inset.scale / mapping.scale, decimals: 0))",
            at: CGPoint(x: frame.minX + 2, y: frame.minY + 2), style: LabelStyle(font: style.smallFont.bold),
            anchor: .topLeft)
    }

    /// The one legend shared by all panels, so each encoding is explained once.
    public var legend: Legend {
        var legend = Legend(
            sections: [
                .init(
                    title: "FCOS row",
                    entries: [
                        .init(.marker(.positive(box: box)), "positive of this box"),
                        .init(.marker(.rejectedBySizeGate), "inside the box, m outside the level's range"),
                    ]),
                .init(
                    title: "ATSS row",
                    entries: [
                        .init(.candidate(CandidateGlyph(.positive(box: box))), "positive"),
                        .init(.candidate(CandidateGlyph(.belowThreshold)), "candidate below t"),
                        .init(.candidate(CandidateGlyph(.centerOutside)), "IoU ≥ t, centre outside"),
                        .init(
                            .candidate(CandidateGlyph(.lost(winner: box == 0 ? 1 : 0))), "lost to another box"
                        ),
                    ]),
                .init(title: "Both", entries: [.init(.marker(.location), "location / anchor centre")]),
            ], font: style.labelFont, titleFont: style.labelFont.bold, ink: style.ink)
        legend.markerSpacing = 15
        return legend
    }

    var legendTop: Double { top + 2 * rowHeight + 2 * style.gap }

    /// The whole figure's size in pixels, known before drawing so a page can lay it out.
    public var size: CGSize {
        let legendHeight = Double(legend.placement(maxWidth: gridWidth - 24).size.height) + 24
        return CGSize(
            width: (gridWidth + 2 * style.margin).rounded(.up),
            height: (legendTop + legendHeight + style.margin).rounded(.up))
    }

    /// Draws the figure with its top-left corner at the origin of `ctx`.
    public func draw(in ctx: DrawingContext) {
        titleBlock.draw(in: ctx, at: CGPoint(x: style.margin, y: style.margin))
        let painter = PanelPainter(
            groundTruths: atss.groundTruths, imageWidth: atss.imageWidth, imageHeight: atss.imageHeight,
            backdrop: backdrop, style: style)
        let fcosNotes = fcos.explanation?.levels ?? []
        for row in 0..<2 {
            let headingTop = top + Double(row) * (rowHeight + style.gap)
            ctx.drawText(
                rowHeadings[row], at: CGPoint(x: style.margin, y: headingTop), font: style.subtitleFont.bold,
                color: style.ink, anchor: .topLeft)
            for l in 0..<levelCount {
                let frame = panelFrame(row: row, level: l)
                let mapping = ImageMapping(viewport: viewport, frame: frame)
                painter.drawBackground(in: ctx, mapping: mapping, dimming: 0.7)
                let map = atss.levels[l].map
                let spacing = Double(map.stride) * mapping.scale
                let metrics = MarkerMetrics(spacing: spacing)
                ctx.withClip(to: frame) {
                    BoxOverlay(groundTruths: atss.groundTruths, lineWidth: 1.2, hidden: [box])
                        .drawOutlines(in: ctx, mapping: mapping, faded: true)
                    ctx.strokeRect(
                        mapping.rect(atss.groundTruths[box].box), BoxColors.edge(forBox: box),
                        style: .solid(2.2))
                    var batch = MarkerBatch()
                    let slack = Double(map.stride)
                    if row == 0 {
                        let level = fcos.levels[l]
                        var rejected = Set<Int>()
                        if l < fcosNotes.count {
                            for note in fcosNotes[l]
                            where note.verdicts.contains(where: {
                                $0.groundTruth == box && $0.rejection == .sizeGate
                            }) { rejected.insert(note.index) }
                        }
                        for index in 0..<level.map.count {
                            let p = level.map.location(at: index)
                            guard mapping.shows(p, margin: slack) else { continue }
                            let marker: LocationMarker =
                                level.matched[index] == box
                                ? .positive(box: box)
                                : rejected.contains(index) ? .rejectedBySizeGate : .location
                            batch.add(marker, at: mapping.point(p))
                        }
                        batch.draw(in: ctx, metrics: metrics)
                    } else {
                        let candidates = atss.boxes[box].levels[l].candidates
                        let chosen = Set(candidates.map(\.index))
                        for index in 0..<map.count where !chosen.contains(index) {
                            let p = map.location(at: index)
                            if mapping.shows(p, margin: slack) { batch.add(.location, at: mapping.point(p)) }
                        }
                        batch.draw(in: ctx, metrics: metrics)
                        let r = max(3, metrics.positiveRadius + 1)
                        for c in candidates {
                            CandidateGlyph(c.verdict, box: box).draw(
                                at: mapping.point(c.center), radius: r, in: ctx)
                        }
                    }
                }
                if row == 1, let zoom = insetViewport(level: l, scale: mapping.scale) {
                    drawInset(zoom, level: l, panel: frame, mapping: mapping, painter: painter, in: ctx)
                }
                painter.drawFrame(in: ctx, mapping: mapping)
                let text = row == 0 ? fcosTitle(l) : atssTitle(l)
                let positives =
                    row == 0
                    ? fcos.levels[l].matched.contains(Int32(box))
                    : atss.boxes[box].levels[l].positiveCount > 0
                ctx.drawText(
                    text, at: CGPoint(x: Double(frame.minX), y: Double(frame.minY) - 3),
                    font: style.labelFont.sized(12),
                    color: positives ? BoxColors.edge(forBox: box) : style.mutedInk, anchor: .bottomLeft)
            }
        }
        let placement = legend.placement(maxWidth: gridWidth - 24)
        let card = CGRect(
            x: style.margin, y: legendTop, width: Double(placement.size.width) + 24,
            height: Double(placement.size.height) + 24)
        ctx.beginPath()
        ctx.addRoundedRect(card, cornerRadius: 6)
        ctx.fillAndStroke(fill: Color(hex: 0xFAFAF7), stroke: .gray(0.82), style: .solid(1))
        legend.draw(placement, in: ctx, at: CGPoint(x: card.minX + 12, y: card.minY + 12))
    }
}
