import CCairo
import Foundation

/// The look of an arrow: a stroked shaft plus filled triangular heads.
public struct ArrowStyle: Hashable, Sendable {
    /// Which ends get a head.
    public enum Heads: Sendable, Hashable {
        /// A head at the end point only, the usual "points to" arrow.
        case end
        /// A head at the start point only.
        case start
        /// Heads at both ends, for a dimension line such as a regression distance.
        case both
    }

    /// The shaft; a dash pattern here dashes the shaft only, heads stay solid.
    public var line: StrokeStyle
    /// Distance from the tip to the base of a head.
    public var headLength: Double
    /// Width of a head at its base.
    public var headWidth: Double
    /// Which ends get a head.
    public var heads: Heads

    /// Head proportions default to multiples of the line width so that thin and thick arrows
    /// look alike.
    public init(
        width: Double = 1.5, headLength: Double? = nil, headWidth: Double? = nil, heads: Heads = .end,
        dash: [Double] = []
    ) {
        let length = headLength ?? max(6, 4 * width)
        self.line = StrokeStyle(width: width, dash: dash, cap: .butt, join: .miter)
        self.headLength = length
        self.headWidth = headWidth ?? max(5, 0.8 * length)
        self.heads = heads
    }
}

extension DrawingContext {
    /// Draws an arrow whose tip lands exactly on `end` (and on `start` for `.start`/`.both`), e.g.
    /// the l, t, r, b regression distances from a location to the sides of its box.
    ///
    /// The shaft stops under the head instead of running to the tip, otherwise its square end would
    /// poke out beside a sharp tip. Heads shrink on arrows too short for them, so that a distance
    /// of a few pixels is still drawn as an arrow rather than as a blob.
    public func drawArrow(
        from start: CGPoint, to end: CGPoint, _ color: Color, style: ArrowStyle = ArrowStyle()
    ) {
        let dx = Double(end.x - start.x)
        let dy = Double(end.y - start.y)
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 1e-9 else { return }
        let ux = dx / length
        let uy = dy / length

        let headCount = style.heads == .both ? 2.0 : 1.0
        let shrink = min(1, 0.6 * length / (headCount * style.headLength))
        let headLength = style.headLength * shrink
        let headWidth = style.headWidth * shrink
        // Overlap the shaft a little into each head, so antialiasing leaves no hairline gap.
        let inset = headLength * 0.75

        let headAtStart = style.heads != .end
        let headAtEnd = style.heads != .start
        let shaftStart = headAtStart ? offset(start, ux * inset, uy * inset) : start
        let shaftEnd = headAtEnd ? offset(end, -ux * inset, -uy * inset) : end
        strokeLine(from: shaftStart, to: shaftEnd, color, style: style.line)

        if headAtEnd {
            fillArrowHead(tip: end, ux: ux, uy: uy, length: headLength, width: headWidth, color)
        }
        if headAtStart {
            fillArrowHead(tip: start, ux: -ux, uy: -uy, length: headLength, width: headWidth, color)
        }
    }

    /// A triangle pointing along `(ux, uy)` with its tip at `tip`.
    private func fillArrowHead(
        tip: CGPoint, ux: Double, uy: Double, length: Double, width: Double, _ color: Color
    ) {
        let base = offset(tip, -ux * length, -uy * length)
        let half = width / 2
        fillPolygon(
            [tip, offset(base, -uy * half, ux * half), offset(base, uy * half, -ux * half)], color)
    }

    private func offset(_ point: CGPoint, _ dx: Double, _ dy: Double) -> CGPoint {
        CGPoint(x: Double(point.x) + dx, y: Double(point.y) + dy)
    }
}
