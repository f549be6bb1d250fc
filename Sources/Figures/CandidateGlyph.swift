import ATSS
import Canvas
import Foundation

/// How every ATSS figure draws one candidate anchor: what became of it (its `Verdict`) as a
/// shape and a fill, so the state reads without colour and a positive keeps its box's colour.
///
/// | state | glyph |
/// |---|---|
/// | positive | disc filled in the box's colour |
/// | lost to a higher IoU | white disc, thick dashed ring in the *winning* box's colour |
/// | centre outside the box | amber rounded square (IoU passed, centre test failed) |
/// | below the threshold | pale grey disc |
/// | no threshold (a single candidate) | white disc, dashed grey ring |
///
/// The amber is lighter than the palette's orange box colour and the glyph is the only square,
/// so "centre outside" never reads as a positive of box #3.
public struct CandidateGlyph: Hashable, Sendable {
    /// What became of an ATSS candidate, which picks its glyph.
    public enum State: Hashable, Sendable {
        /// Positive for box `box` (0-based index).
        case positive(box: Int)
        /// Passed both tests but went to box `winner`, which overlaps it more.
        case lost(winner: Int)
        /// IoU passed the threshold but the anchor centre lies outside the box.
        case centerOutside
        /// IoU below the box's threshold `t_g`.
        case belowThreshold
        /// The box had a single candidate, so no deviation and no threshold.
        case noThreshold
    }

    /// The candidate's fate.
    public var state: State

    /// The glyph for `state`.
    public init(_ state: State) {
        self.state = state
    }

    /// The glyph for a candidate of box `box` with verdict `verdict`.
    public init(_ verdict: Verdict, box: Int) {
        switch verdict {
        case .positive: state = .positive(box: box)
        case .lostToHigherIoU(let winner, _): state = .lost(winner: winner)
        case .centerOutside: state = .centerOutside
        case .belowThreshold: state = .belowThreshold
        case .noThreshold: state = .noThreshold
        }
    }

    static let amber = Color(hex: 0xFFD36B)
    static let amberEdge = Color(hex: 0x9A6A00)
    static let belowFill = Color.gray(0.86)
    static let belowEdge = Color.gray(0.55)

    /// The fill, for text drawn on the glyph.
    var fill: Color {
        switch state {
        case .positive(let box): return BoxColors.color(forBox: box)
        case .lost, .noThreshold: return .white
        case .centerOutside: return Self.amber
        case .belowThreshold: return Self.belowFill
        }
    }

    /// Draws the glyph centred on `c`, `label` (e.g. the distance rank) inside when given.
    /// `fill` overrides the state's fill (the strip plot colours by level instead).
    func draw(
        at c: CGPoint, radius r: Double, label: String? = nil, fill override: Color? = nil,
        in ctx: DrawingContext
    ) {
        let fill = override ?? fill
        ctx.beginPath()
        switch state {
        case .centerOutside:
            ctx.addRoundedRect(
                CGRect(x: c.x - r * 0.92, y: c.y - r * 0.92, width: 1.84 * r, height: 1.84 * r),
                cornerRadius: r * 0.3)
        case .positive, .lost, .belowThreshold, .noThreshold:
            ctx.addCircle(center: c, radius: r)
        }
        let width = max(1, r * 0.14)
        switch state {
        case .positive(let box):
            ctx.fillAndStroke(fill: fill, stroke: BoxColors.edge(forBox: box), style: .solid(width))
        case .lost(let winner):
            ctx.fillAndStroke(
                fill: fill, stroke: BoxColors.edge(forBox: winner),
                style: StrokeStyle(width: max(2, r * 0.28), dash: [max(2, r * 0.4), max(1.5, r * 0.25)]))
        case .centerOutside:
            ctx.fillAndStroke(fill: fill, stroke: Self.amberEdge, style: .solid(max(1.2, r * 0.16)))
        case .belowThreshold:
            ctx.fillAndStroke(fill: fill, stroke: Self.belowEdge, style: .solid(width))
        case .noThreshold:
            ctx.fillAndStroke(
                fill: fill, stroke: Self.belowEdge, style: StrokeStyle(width: width, dash: [3, 2]))
        }
        if let label {
            let font = Font.bold(max(9, min(13, r * 1.15)))
            ctx.drawText(label, at: c, font: font, color: fill.readableTextColor, anchor: .center)
        }
    }

    /// The legend's wording for this state.
    var meaning: String {
        switch state {
        case .positive: return "positive: IoU ≥ t and centre inside the box"
        case .lost: return "passed both tests, lost to a box it overlaps more (ring in that box's colour)"
        case .centerOutside: return "IoU ≥ t, but the anchor centre is not inside the box"
        case .belowThreshold: return "IoU below the box's threshold t"
        case .noThreshold: return "no threshold: a single candidate has no sample std"
        }
    }
}
