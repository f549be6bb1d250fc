/// Colour schemes chosen so that figures read the same for colour-blind viewers and in print.
public enum Palette {
    /// Okabe & Ito's qualitative palette without its black, which we reserve for text and axes.
    ///
    /// The order puts the strongest, most mutually distinct hues first, because most figures show
    /// two or three ground-truth boxes; the pale yellow comes last since it all but vanishes as a
    /// thin line on white (see ``Color/darkened(by:)``), although it is the best choice on dark photos.
    public static let okabeIto: [Color] = [
        Color(hex: 0x0072B2),  // blue
        Color(hex: 0xD55E00),  // vermillion
        Color(hex: 0x009E73),  // bluish green
        Color(hex: 0xE69F00),  // orange
        Color(hex: 0xCC79A7),  // reddish purple
        Color(hex: 0x56B4E9),  // sky blue
        Color(hex: 0xF0E442),  // yellow
    ]

    /// Paul Tol's "muted" hues that differ most from ``okabeIto``, for scenes with more than seven
    /// objects; beyond these the sequence repeats, since no palette keeps 14+ hues apart.
    public static let extended: [Color] = [
        Color(hex: 0x332288),  // indigo
        Color(hex: 0x117733),  // green
        Color(hex: 0x882255),  // wine
        Color(hex: 0x999933),  // olive
        Color(hex: 0x44AA99),  // teal
        Color(hex: 0xAA4499),  // purple
    ]

    /// Every categorical colour in order: ``okabeIto`` then ``extended``.
    public static let categoricalColors: [Color] = okabeIto + extended

    /// The colour for the `index`-th category (ground-truth box, class, FPN level…). Negative and
    /// large indices wrap around, so callers never need to bounds-check.
    public static func categorical(_ index: Int) -> Color {
        let count = categoricalColors.count
        return categoricalColors[((index % count) + count) % count]
    }

    /// Matplotlib's viridis sampled at ten evenly spaced stops (the values viridisLite publishes);
    /// linear interpolation between this many stops stays within a few 8-bit steps of the full map.
    static let viridisStops: [Color] = [
        0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E,
        0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C, 0xFDE725,
    ].map { Color(hex: $0) }

    /// The viridis sequential colour map at `t` in `0...1` (dark purple → yellow), for heat maps of
    /// scores such as centerness. It is perceptually uniform and stays ordered in greyscale, unlike
    /// a rainbow map. `t` is clamped; NaN maps to the low end.
    public static func viridis(_ t: Double) -> Color {
        interpolate(viridisStops, at: t)
    }

    /// Piecewise-linear interpolation through evenly spaced `stops`.
    static func interpolate(_ stops: [Color], at t: Double) -> Color {
        guard !t.isNaN else { return stops[0] }
        let clamped = min(max(t, 0), 1)
        let position = clamped * Double(stops.count - 1)
        let lower = min(Int(position), stops.count - 2)
        return stops[lower].mixed(with: stops[lower + 1], fraction: position - Double(lower))
    }
}
