/// Centerness (the paper's Eq. 3):
///
/// ```
/// centerness* = sqrt( min(l*, r*) / max(l*, r*) × min(t*, b*) / max(t*, b*) )
/// ```
///
/// It is 1 at a box's centre and falls towards 0 at its edges; at test time it multiplies the
/// classification score so that boxes predicted far from an object's centre rank lower.
///
/// - Every positive location has `l*, t*, r*, b* > 0`, so the ratio is well defined there.
/// - The ratio is scale-free, so stride-normalised distances give the same value as pixels.
/// - A location on or outside an edge (any distance `≤ 0`) has centerness 0, and so does any
///   non-finite input: the function never returns NaN, which the references do for `0 / 0`.
public enum Centerness {
    /// The centerness of a location with distances `d`; 0 when any distance is not positive.
    public static func value(_ d: LTRB) -> Float {
        guard d.minimum > 0, d.maximum.isFinite else { return 0 }
        let lr = min(d.l, d.r) / max(d.l, d.r)
        let tb = min(d.t, d.b) / max(d.t, d.b)
        return (lr * tb).squareRoot()
    }
}
