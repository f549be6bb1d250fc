import CCairo

/// How the ends of open lines are drawn.
public enum LineCap: Sendable, Hashable {
    /// The line stops flat at its end point, so lengths are exact.
    case butt
    /// A half-disc past the end point, for dots and soft ends.
    case round
    /// A half-square past the end point.
    case square

    var cairoValue: cairo_line_cap_t {
        switch self {
        case .butt: return CAIRO_LINE_CAP_BUTT
        case .round: return CAIRO_LINE_CAP_ROUND
        case .square: return CAIRO_LINE_CAP_SQUARE
        }
    }
}

/// How corners between segments are drawn.
public enum LineJoin: Sendable, Hashable {
    /// Sharp corners, the default, which keep boxes crisp.
    case miter
    /// Rounded corners.
    case round
    /// Cut-off corners, for very sharp angles.
    case bevel

    var cairoValue: cairo_line_join_t {
        switch self {
        case .miter: return CAIRO_LINE_JOIN_MITER
        case .round: return CAIRO_LINE_JOIN_ROUND
        case .bevel: return CAIRO_LINE_JOIN_BEVEL
        }
    }
}

/// Everything about a stroke except its colour, as one value so a figure can define its line
/// styles once ("ground truth: 2.5 pt solid", "sampling region: 1.5 pt dashed") and reuse them.
public struct StrokeStyle: Hashable, Sendable {
    /// Line width in user units (pixels in a PNG, points in SVG/PDF).
    public var width: Double
    /// Alternating on/off lengths; empty means a solid line.
    public var dash: [Double]
    /// How far into the dash pattern the stroke starts.
    public var dashOffset: Double
    /// How the ends of open lines are drawn.
    public var cap: LineCap
    /// How corners between segments are drawn.
    public var join: LineJoin

    /// A stroke with every setting given; ``solid(_:)``, ``dashed(_:on:off:)`` and ``dotted(_:)`` cover the
    /// usual cases.
    public init(
        width: Double = 1, dash: [Double] = [], dashOffset: Double = 0, cap: LineCap = .butt,
        join: LineJoin = .miter
    ) {
        self.width = width
        self.dash = dash
        self.dashOffset = dashOffset
        self.cap = cap
        self.join = join
    }

    /// A solid line.
    public static func solid(_ width: Double) -> StrokeStyle {
        StrokeStyle(width: width)
    }

    /// A dashed line; dashes default to proportions that stay readable at any width.
    public static func dashed(_ width: Double, on: Double? = nil, off: Double? = nil) -> StrokeStyle {
        let on = on ?? max(4, 3 * width)
        return StrokeStyle(width: width, dash: [on, off ?? on * 0.75])
    }

    /// A dotted line: round caps on zero-length dashes, so dots stay round at any width.
    public static func dotted(_ width: Double) -> StrokeStyle {
        StrokeStyle(width: width, dash: [0, 2 * width + 1], cap: .round, join: .round)
    }
}
