import Canvas
import FCOS
import Foundation

/// When what a panel must show is smaller than a reader can see, the panel magnifies it in an
/// inset instead of asking the reader to squint (STYLE.md: "what a figure is about must be
/// visible at the size it is shown").
///
/// A panel names the boxes it is about (for a level panel: the boxes with a positive on that
/// level). If the smallest of them spans fewer than ``minimumSpan`` figure pixels, the panel
/// gets an inset in the corner farthest from it: the box and a margin around it, magnified to
/// ``insetFraction`` of the panel, with its source outlined in the panel and joined to the inset,
/// and a chip saying the magnification. Counts printed for a magnified region say "in view".
///
/// ```swift
/// var panels = LevelPanels(assignment: a, presetName: "official")
/// panels.insetZoom = .off        // the default is .automatic
/// ```
public struct InsetZoom: Hashable, Sendable {
    /// Whether small boxes get insets at all.
    public var isEnabled: Bool
    /// Below this span (figure pixels, the box's larger side) a box gets an inset: about 40 px,
    /// where a 4 × 4 grid of positives stops being countable.
    public var minimumSpan: Double
    /// The inset's side as a fraction of the panel's shorter side.
    public var insetFraction: Double

    /// Inset settings; the defaults suit every figure in the lessons.
    public init(isEnabled: Bool = true, minimumSpan: Double = 40, insetFraction: Double = 0.42) {
        self.isEnabled = isEnabled
        self.minimumSpan = minimumSpan
        self.insetFraction = insetFraction
    }

    /// Insets wherever a box is smaller than `minimumSpan`.
    public static let automatic = InsetZoom()
    /// No insets, e.g. for a figure that is already zoomed.
    public static let off = InsetZoom(isEnabled: false)

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

    /// The inset for a panel drawn with `panel` whose subject is `boxes` (index and box), or
    /// `nil` when every subject is large enough or the inset would not magnify by at least 2×.
    public func plan(boxes: [(index: Int, box: Box)], panel: ImageMapping) -> Plan? {
        guard isEnabled else { return nil }
        let small = boxes.filter { candidate in
            let rect = panel.rect(candidate.box)
            return max(Double(rect.width), Double(rect.height)) < minimumSpan
                && panel.frame.intersects(rect)
        }
        guard let smallest = small.min(by: { $0.box.area(.continuous) < $1.box.area(.continuous) }) else {
            return nil
        }
        let side = Double(min(panel.frame.width, panel.frame.height)) * insetFraction
        // The box with a margin of half its size (at least 8 px) on every side, squared up.
        let b = smallest.box
        let extent = max(Double(b.width), Double(b.height), 1)
        let half = extent / 2 + max(extent / 2, 8)
        let cx = Double(b.x0 + b.x1) / 2
        let cy = Double(b.y0 + b.y1) / 2
        let source = Box(
            x0: Float(cx - half), y0: Float(cy - half), x1: Float(cx + half), y1: Float(cy + half))
        let magnification = side / (2 * half) / panel.scale
        guard magnification >= 2 else { return nil }
        let centre = panel.point(x: cx, y: cy)
        let right = Double(centre.x) < Double(panel.frame.midX)
        let below = Double(centre.y) < Double(panel.frame.midY)
        let inset = 6.0
        let frame = CGRect(
            x: right ? Double(panel.frame.maxX) - side - inset : Double(panel.frame.minX) + inset,
            y: below ? Double(panel.frame.maxY) - side - inset : Double(panel.frame.minY) + inset,
            width: side, height: side)
        let mapping = ImageMapping(viewport: source.cgRect, frame: frame)
        let covered = small.filter { candidate in
            candidate.box.x0 >= source.x0 && candidate.box.x1 <= source.x1 && candidate.box.y0 >= source.y0
                && candidate.box.y1 <= source.y1
        }.map(\.index)
        return Plan(source: source, mapping: mapping, boxes: covered, magnification: magnification)
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
