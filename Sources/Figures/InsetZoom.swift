import Canvas
import FCOS
import Foundation

/// When what a panel must show is smaller than a reader can see, the panel magnifies it in an
/// inset instead of asking the reader to squint (STYLE.md: "what a figure is about must be
/// visible at the size it is shown").
///
/// A panel names its ``Subject``s: each box it is about (for a level panel, the boxes with a
/// positive on that level) with the region its marks cover there (its positives' cells). A
/// subject is too small to read when, on screen,
/// - the box spans fewer than ``minimumSpan`` pixels, or
/// - its marks span fewer than ``minimumSpan`` pixels *and* sit closer than ``readablePitch``
///   to one another, so they merge into a blob: a large box can own a tight cluster (the
///   tennis racket's dozen P4 positives, 36 × 12 px at lesson 3's scale), while a single P7
///   positive is a large, plain dot that needs no zoom.
///
/// The subject that looks smallest gets an inset in the corner farthest from it: its marks (and
/// the box, when the box is small) with a margin, magnified to ``insetFraction`` of the panel,
/// its source outlined in the panel and joined to the inset, and a chip saying the
/// magnification. Counts printed for a magnified region say "in view".
///
/// ```swift
/// var panels = LevelPanels(assignment: a, presetName: "official")
/// panels.insetZoom = .off        // the default is .automatic
/// ```
public struct InsetZoom: Hashable, Sendable {
    /// Whether small boxes get insets at all.
    public var isEnabled: Bool
    /// Below this span (figure pixels, the larger side) a box or a cluster of marks is too small:
    /// about 40 px, where a 4 × 4 grid of positives stops being countable.
    public var minimumSpan: Double
    /// Marks closer than this (figure pixels between neighbouring locations) are drawn so small
    /// that they touch; from about 10 px on each is a distinct dot.
    public var readablePitch: Double
    /// The inset's side as a fraction of the panel's shorter side.
    public var insetFraction: Double

    /// Inset settings; the defaults suit every figure in the lessons.
    public init(
        isEnabled: Bool = true, minimumSpan: Double = 40, readablePitch: Double = 10,
        insetFraction: Double = 0.42
    ) {
        self.isEnabled = isEnabled
        self.minimumSpan = minimumSpan
        self.readablePitch = readablePitch
        self.insetFraction = insetFraction
    }

    /// Insets wherever a box or its marks are too small to read.
    public static let automatic = InsetZoom()
    /// No insets, e.g. for a figure that is already zoomed.
    public static let off = InsetZoom(isEnabled: false)

    /// What a panel shows of one box.
    public struct Subject: Hashable, Sendable {
        /// The box's index into the figure's ground truths.
        public var index: Int
        /// The box, in image pixels.
        public var box: Box
        /// The region its marks cover on this panel (e.g. each positive location ± half a
        /// stride), in image pixels; `nil` when the panel draws nothing for it but the box.
        public var marks: Box?
        /// Image pixels between neighbouring marks (the level's stride).
        public var pitch: Double

        /// Box `index` with marks covering `marks`, `pitch` image pixels apart.
        public init(index: Int, box: Box, marks: Box? = nil, pitch: Double = 0) {
            self.index = index
            self.box = box
            self.marks = marks
            self.pitch = pitch
        }

        /// One subject per box with a positive on `level`: its positive locations, each as the
        /// cell around it (± half a step), so one positive has the extent of one cell.
        public static func positives(on level: LevelTargets, groundTruths: [GroundTruth]) -> [Subject] {
            let halfX = Float(level.map.stepX) / 2
            let halfY = Float(level.map.stepY) / 2
            var regions: [Int: Box] = [:]
            for index in level.matched.indices where level.matched[index] >= 0 {
                let p = level.map.location(at: index)
                let cell = Box(x0: p.x - halfX, y0: p.y - halfY, x1: p.x + halfX, y1: p.y + halfY)
                let g = Int(level.matched[index])
                regions[g] = regions[g].map { $0.union(cell) } ?? cell
            }
            return regions.keys.sorted().map {
                Subject(
                    index: $0, box: groundTruths[$0].box, marks: regions[$0],
                    pitch: Double(min(level.map.stepX, level.map.stepY)))
            }
        }

        /// What must be readable: the marks, joined by the box when the box itself is small on
        /// screen; `nil` when neither is too small under `zoom` at `scale` figure px per image px.
        func region(zoom: InsetZoom, scale: Double) -> Box? {
            let boxIsSmall = Self.span(box) * scale < zoom.minimumSpan
            let marksAreSmall =
                marks.map {
                    Self.span($0) * scale < zoom.minimumSpan && pitch * scale < zoom.readablePitch
                } ?? false
            switch (boxIsSmall, marksAreSmall) {
            case (false, false): return nil
            case (true, _): return marks.map { $0.union(box) } ?? box
            case (false, true): return marks
            }
        }

        static func span(_ box: Box) -> Double { max(Double(box.width), Double(box.height)) }

        /// Where the subject stands in line for an inset, `nil` when it needs none: small boxes
        /// first (small objects are what a panel most often loses), then the smallest-looking
        /// region, then the lower index. A large box's lone positive on a fine level waits behind
        /// a small box's cluster.
        func urgency(zoom: InsetZoom, scale: Double) -> Urgency? {
            region(zoom: zoom, scale: scale).map {
                Urgency(
                    boxIsLarge: Self.span(box) * scale >= zoom.minimumSpan, area: $0.area(.continuous),
                    index: index)
            }
        }
    }

    /// The order in which subjects get an inset (``Subject``'s `urgency`).
    struct Urgency: Comparable {
        var boxIsLarge: Bool
        var area: Float
        var index: Int

        static func < (a: Urgency, b: Urgency) -> Bool {
            (a.boxIsLarge ? 1 : 0, a.area, a.index) < (b.boxIsLarge ? 1 : 0, b.area, b.index)
        }
    }

    /// One planned inset: what it shows and where.
    public struct Plan: Hashable, Sendable {
        /// The region magnified, in image pixels.
        public var source: Box
        /// The inset's mapping: `source` drawn into a corner of the panel.
        public var mapping: ImageMapping
        /// The boxes the inset is about (indices into the figure's ground truths).
        public var boxes: [Int]
        /// How many times larger the inset draws `source` than the panel does.
        public var magnification: Double
    }

    /// The inset for a panel drawn with `panel` whose subject is `boxes` (index and box), judged
    /// by the boxes' size alone.
    public func plan(boxes: [(index: Int, box: Box)], panel: ImageMapping) -> Plan? {
        plan(subjects: boxes.map { Subject(index: $0.index, box: $0.box) }, panel: panel)
    }

    /// The inset for a panel drawn with `panel` about `subjects`, or `nil` when every subject
    /// reads at the panel's scale or the inset would not magnify by at least 2×.
    ///
    /// The inset is about the most urgent subject (a small box before a large box's tight
    /// cluster, then the smallest-looking); the other small subjects nearest to
    /// it join it, nearest first, as long as the inset still magnifies enough for their marks to
    /// stand apart (``readablePitch``), so a row of small boxes shares one inset.
    public func plan(subjects: [Subject], panel: ImageMapping) -> Plan? {
        guard isEnabled else { return nil }
        let small: [(subject: Subject, region: Box, urgency: Urgency)] = subjects.compactMap { subject in
            guard let region = subject.region(zoom: self, scale: panel.scale),
                let urgency = subject.urgency(zoom: self, scale: panel.scale),
                panel.frame.intersects(panel.rect(region))
            else { return nil }
            return (subject, region, urgency)
        }
        guard let smallest = small.min(by: { $0.urgency < $1.urgency }) else { return nil }
        var region = smallest.region
        var pitch = smallest.subject.pitch
        guard var shape = insetShape(region, pitch: pitch, panel: panel), shape.magnification >= 2 else {
            return nil
        }
        let centre = smallest.region.center
        let others = small.filter { $0.subject.index != smallest.subject.index }.sorted {
            ($0.region.center.distance(to: centre), $0.subject.index)
                < ($1.region.center.distance(to: centre), $1.subject.index)
        }
        for other in others {
            let joined = region.union(other.region)
            let finest = min(pitch, other.subject.pitch)
            guard let grown = insetShape(joined, pitch: finest, panel: panel),
                grown.magnification >= 2, finest * panel.scale * grown.magnification >= readablePitch
            else { continue }
            (region, pitch, shape) = (joined, finest, grown)
        }
        // Centred on the region, but moved inside the panel's viewport where it fits, so the
        // inset shows picture rather than the void past the image's edge.
        let view = panel.viewport
        let cx = Self.centre(
            Double(region.x0 + region.x1) / 2, half: shape.sourceWidth / 2, within: Double(view.minX),
            Double(view.maxX))
        let cy = Self.centre(
            Double(region.y0 + region.y1) / 2, half: shape.sourceHeight / 2, within: Double(view.minY),
            Double(view.maxY))
        let source = Box(
            x0: Float(cx - shape.sourceWidth / 2), y0: Float(cy - shape.sourceHeight / 2),
            x1: Float(cx + shape.sourceWidth / 2), y1: Float(cy + shape.sourceHeight / 2))
        let onScreen = panel.point(x: cx, y: cy)
        let right = Double(onScreen.x) < Double(panel.frame.midX)
        let below = Double(onScreen.y) < Double(panel.frame.midY)
        let inset = 6.0
        let frame = CGRect(
            x: right ? Double(panel.frame.maxX) - shape.frameWidth - inset : Double(panel.frame.minX) + inset,
            y: below
                ? Double(panel.frame.maxY) - shape.frameHeight - inset : Double(panel.frame.minY) + inset,
            width: shape.frameWidth, height: shape.frameHeight)
        let mapping = ImageMapping(viewport: source.cgRect, frame: frame)
        let covered = small.filter { $0.region.isInside(source) }.map(\.subject.index).sorted()
        return Plan(source: source, mapping: mapping, boxes: covered, magnification: shape.magnification)
    }

    /// The inset's size and what it shows for `region`: the region with a margin on every side
    /// (an eighth of its size, at least one `pitch` so the neighbouring locations show, at least
    /// 8 px), in a frame that follows its shape up to 3 : 2, so a row of positives is not lost
    /// in a square of background; `nil` when the region is larger than the panel can magnify.
    func insetShape(_ region: Box, pitch: Double, panel: ImageMapping) -> InsetShape? {
        let side = Double(min(panel.frame.width, panel.frame.height)) * insetFraction
        let extent = max(Double(region.width), Double(region.height), 1)
        let margin = max(extent / 8, pitch, 8)
        let paddedWidth = Double(region.width) + 2 * margin
        let paddedHeight = Double(region.height) + 2 * margin
        let aspect = min(max(paddedWidth / paddedHeight, 2.0 / 3), 1.5)
        let frameWidth = min(aspect >= 1 ? side * aspect : side, Double(panel.frame.width) * 0.6)
        let frameHeight = min(aspect >= 1 ? side : side / aspect, Double(panel.frame.height) * 0.6)
        let sourceWidth = max(paddedWidth, paddedHeight * frameWidth / frameHeight)
        let sourceHeight = sourceWidth * frameHeight / frameWidth
        guard sourceWidth > 0, frameWidth > 0 else { return nil }
        return InsetShape(
            frameWidth: frameWidth, frameHeight: frameHeight, sourceWidth: sourceWidth,
            sourceHeight: sourceHeight,
            magnification: frameWidth / sourceWidth / panel.scale)
    }

    /// An inset's frame (figure pixels), the region it shows (image pixels) and their ratio.
    struct InsetShape {
        var frameWidth: Double
        var frameHeight: Double
        var sourceWidth: Double
        var sourceHeight: Double
        var magnification: Double
    }

    /// `c` moved so that `c ± half` lies within `lower...upper`, when it can.
    static func centre(_ c: Double, half: Double, within lower: Double, _ upper: Double) -> Double {
        guard 2 * half <= upper - lower else { return c }
        return min(max(c, lower + half), upper - half)
    }

    /// Clears the inset, lets `content` draw into its mapping (clipped), then frames it, outlines
    /// its source in the panel, joins the two, and labels the magnification.
    /// `note` follows the magnification on the chip, e.g. "16 positives in view".
    public func draw(
        _ plan: Plan, panel: ImageMapping, in ctx: DrawingContext, style: FigureStyle, note: String? = nil,
        content: (ImageMapping) -> Void
    ) {
        let frame = plan.mapping.frame
        let sourceRect = panel.rect(plan.source)
        let ink = Color.gray(0.15)
        ctx.withClip(to: panel.frame) {
            ctx.strokeRect(sourceRect, ink, style: StrokeStyle(width: 1.2))
            // One leader line between the facing corners of the source and the inset.
            let towardsRight = Double(frame.midX) > Double(sourceRect.midX)
            let towardsBelow = Double(frame.midY) > Double(sourceRect.midY)
            let from = CGPoint(
                x: towardsRight ? sourceRect.maxX : sourceRect.minX,
                y: towardsBelow ? sourceRect.maxY : sourceRect.minY)
            let to = CGPoint(
                x: towardsRight ? frame.minX : frame.maxX, y: towardsBelow ? frame.minY : frame.maxY)
            ctx.strokeLine(
                from: from, to: to, ink.withAlpha(0.6), style: StrokeStyle(width: 1, dash: [4, 3]))
        }
        ctx.fillRect(frame, .white)
        ctx.withClip(to: frame) { content(plan.mapping) }
        ctx.strokeRect(frame.insetBy(dx: -0.5, dy: -0.5), ink, style: StrokeStyle(width: 1.6))
        // The chip sits on the inset's outer edge, inside the panel, so it never covers the zoom.
        let chip =
            "×\(NumberText.format(plan.magnification.rounded())) zoom" + (note.map { " · \($0)" } ?? "")
        let atTop = Double(frame.minY) - Double(panel.frame.minY) > 22
        ctx.drawLabel(
            chip,
            at: CGPoint(x: Double(frame.minX), y: atTop ? Double(frame.minY) - 2 : Double(frame.maxY) + 2),
            style: LabelStyle(
                font: style.smallFont, background: .white.withAlpha(0.92), textColor: ink, border: ink),
            anchor: atTop ? .bottomLeft : .topLeft, within: panel.frame.insetBy(dx: 2, dy: 2))
    }
}

extension Point {
    /// The straight-line distance to `other`.
    func distance(to other: Point) -> Double {
        let dx = Double(x - other.x)
        let dy = Double(y - other.y)
        return (dx * dx + dy * dy).squareRoot()
    }
}

extension Box {
    /// The smallest box holding both.
    func union(_ other: Box) -> Box {
        Box(x0: min(x0, other.x0), y0: min(y0, other.y0), x1: max(x1, other.x1), y1: max(y1, other.y1))
    }

    /// Whether the box lies within `other`, edges included.
    func isInside(_ other: Box) -> Bool {
        x0 >= other.x0 && y0 >= other.y0 && x1 <= other.x1 && y1 <= other.y1
    }
}
