import Canvas
import Foundation

/// How a feature-map location is drawn; panels and legends draw the same glyphs, so the legend
/// shows exactly what the panels show.
public enum LocationMarker: Hashable, Sendable {
    /// Any location: a faint dot, so the grid's density is visible at every level.
    case location
    /// A positive of the box with this index: filled in its color.
    case positive(box: Int)
    /// A positive for which several boxes qualified: the winner's colour inside a black ring.
    case ambiguous(winner: Int)
    /// Inside a box but `m` is outside the level's size range: a grey ring.
    case rejectedBySizeGate
    /// Inside a box but outside its centre-sampling region: a dashed ring in that box's colour.
    case rejectedByCenterSampling(box: Int)
    /// Inside a crowd region, which never matches: a grey cross.
    case crowd
    /// Positive under the second preset of a comparison: a hollow square in the box's colour.
    case comparedPositive(box: Int)
    /// The two presets of a comparison disagree here: a thick black ring around the location.
    case disagreement

    /// The marker's meaning regardless of box, for legends.
    var kind: String {
        switch self {
        case .location: return "location"
        case .positive: return "positive"
        case .ambiguous: return "ambiguous"
        case .rejectedBySizeGate: return "sizeGate"
        case .rejectedByCenterSampling: return "centerSampling"
        case .crowd: return "crowd"
        case .comparedPositive: return "comparedPositive"
        case .disagreement: return "disagreement"
        }
    }

    /// Lower layers first: rings under fills, the comparison's squares and rings on top.
    var layer: Int {
        switch self {
        case .location: return 0
        case .crowd, .rejectedBySizeGate, .rejectedByCenterSampling: return 1
        case .positive, .ambiguous: return 2
        case .comparedPositive: return 3
        case .disagreement: return 4
        }
    }
}

/// Marker sizes for an on-screen grid spacing `spacing`.
///
/// A P7 location is 40 px from its neighbours in a typical panel and a P3 location 3 px: fixed
/// sizes would either vanish at P7 or merge into mud at P3. Radii are fractions of the spacing,
/// clamped so that P3's dots still read as a filled region (positives slightly overlap) and P7's
/// do not become blobs. Positives never go below 1.5 px, which covers a whole pixel.
struct MarkerMetrics {
    var spacing: Double
    /// Boxes out of focus (``FocusMode``): their markers are drawn grey.
    var muted: Set<Int> = []
    /// The colours of the boxes in focus.
    var coloring: BoxColoring = .usual

    func color(forBox box: Int) -> Color {
        muted.contains(box) ? FocusMode.mutedColor : coloring.color(forBox: box)
    }
    func edge(forBox box: Int) -> Color {
        muted.contains(box) ? FocusMode.mutedColor.darkened(by: 0.3) : coloring.edge(forBox: box)
    }

    var dotRadius: Double { clamp(0.12 * spacing, 0.55, 1.8) }
    var positiveRadius: Double { clamp(0.42 * spacing, 1.5, 6.5) }
    var ringRadius: Double { clamp(0.36 * spacing, 1.3, 5.5) }
    var ringWidth: Double { clamp(0.14 * spacing, 0.7, 1.8) }
    var squareHalf: Double { clamp(0.34 * spacing, 2.5, 7) }
    var disagreementRadius: Double { clamp(0.5 * spacing, 2.4, 9) }
    /// Rings are dashed only when large enough for dashes to show.
    var dashesShow: Bool { ringRadius >= 3.5 }
    /// Rings fade on dense grids, where hundreds of them would otherwise form a grey mesh that
    /// hides the boxes and the positives.
    var ringOpacity: Double { clamp((spacing - 2) / 8, 0.35, 1) }
    /// Fills get a darker rim only when there is room for it.
    var rimsShow: Bool { spacing >= 4.5 }
    var rimWidth: Double { clamp(0.1 * spacing, 0.6, 1) }

    private func clamp(_ x: Double, _ low: Double, _ high: Double) -> Double { min(max(x, low), high) }
}

/// Markers collected by kind and painted one path per kind: a P3 panel has 16 000 dots, and one
/// path per colour keeps drawing fast and SVG files small.
struct MarkerBatch {
    private var points: [LocationMarker: [CGPoint]] = [:]

    mutating func add(_ marker: LocationMarker, at point: CGPoint) {
        points[marker, default: []].append(point)
    }

    func draw(in ctx: DrawingContext, metrics: MarkerMetrics) {
        let kinds = points.keys.sorted { ($0.layer, "\($0)") < ($1.layer, "\($1)") }
        for kind in kinds {
            LocationMarker.draw(kind, at: points[kind]!, in: ctx, metrics: metrics)
        }
    }
}

extension LocationMarker {
    static let sizeGateGray = Color.gray(0.42)
    static let dotGray = Color.gray(0.35, alpha: 0.55)

    /// Paints `marker` at every point in one go.
    static func draw(
        _ marker: LocationMarker, at centers: [CGPoint], in ctx: DrawingContext, metrics m: MarkerMetrics
    ) {
        func circles(_ radius: Double) {
            ctx.beginPath()
            for c in centers { ctx.addCircle(center: c, radius: radius) }
        }
        switch marker {
        case .location:
            if m.dotRadius < 1.2 {
                // Squares of the same area: indistinguishable at this size, and a fifth of the
                // bytes of a circle in SVG and PDF, which matters for 16 000 P3 dots.
                let h = m.dotRadius * 0.886
                ctx.beginPath()
                for c in centers { ctx.addRect(CGRect(x: c.x - h, y: c.y - h, width: 2 * h, height: 2 * h)) }
            } else {
                circles(m.dotRadius)
            }
            ctx.fill(dotGray)
        case .positive(let box):
            circles(m.positiveRadius)
            if m.rimsShow {
                ctx.fillAndStroke(
                    fill: m.color(forBox: box), stroke: m.edge(forBox: box),
                    style: .solid(m.rimWidth))
            } else {
                ctx.fill(m.color(forBox: box))
            }
        case .ambiguous(let winner):
            circles(m.positiveRadius + m.ringWidth * 0.5)
            ctx.stroke(.black, style: .solid(m.ringWidth * 1.4))
            circles(m.positiveRadius)
            ctx.fill(m.color(forBox: winner))
        case .rejectedBySizeGate:
            circles(m.ringRadius)
            ctx.fill(Color.white.withAlpha(0.75 * m.ringOpacity))
            circles(m.ringRadius)
            ctx.stroke(sizeGateGray.withAlpha(m.ringOpacity), style: .solid(m.ringWidth))
        case .rejectedByCenterSampling(let box):
            circles(m.ringRadius)
            ctx.fill(Color.white.withAlpha(0.75 * m.ringOpacity))
            circles(m.ringRadius)
            let edge = m.edge(forBox: box).withAlpha(m.ringOpacity)
            // A whole number of even dashes, so the ring reads as a dashed circle, not a star.
            let circumference = 2 * Double.pi * m.ringRadius
            let count = max(6, (circumference / 3.2).rounded())
            let dash = m.dashesShow ? [0.55 * circumference / count, 0.45 * circumference / count] : []
            ctx.stroke(edge, style: StrokeStyle(width: m.ringWidth, dash: dash))
        case .crowd:
            let r = m.ringRadius * 0.8
            ctx.beginPath()
            for c in centers {
                ctx.addLine(from: CGPoint(x: c.x - r, y: c.y - r), to: CGPoint(x: c.x + r, y: c.y + r))
                ctx.addLine(from: CGPoint(x: c.x - r, y: c.y + r), to: CGPoint(x: c.x + r, y: c.y - r))
            }
            ctx.stroke(sizeGateGray, style: .solid(m.ringWidth))
        case .comparedPositive(let box):
            let h = m.squareHalf
            ctx.beginPath()
            for c in centers { ctx.addRect(CGRect(x: c.x - h, y: c.y - h, width: 2 * h, height: 2 * h)) }
            ctx.stroke(Color.white.withAlpha(0.8), style: .solid(max(1, m.ringWidth) + 2))
            ctx.beginPath()
            for c in centers { ctx.addRect(CGRect(x: c.x - h, y: c.y - h, width: 2 * h, height: 2 * h)) }
            ctx.stroke(m.edge(forBox: box), style: .solid(max(1.4, m.ringWidth)))
        case .disagreement:
            circles(m.disagreementRadius)
            ctx.stroke(.black, style: .solid(clampWidth(m)))
        }
    }

    private static func clampWidth(_ m: MarkerMetrics) -> Double { min(max(0.2 * m.spacing, 1.2), 2.4) }
}
