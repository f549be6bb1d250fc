/// The radius of the Gaussian bump drawn around a keypoint, from CornerNet (Law & Deng 2018,
/// §3.2): how far a predicted corner may stray from the true one while the box it makes still has
/// IoU ≥ `t` (the "min overlap") with the ground truth. The code solves three quadratics
/// `a·r² + b·r + c = 0`, one per way the two corners can move, and keeps the smallest answer:
///
/// ```
/// case 1  one corner in, one out:  a = 1,   b = h + w,        c = w·h·(1 − t)/(1 + t)
/// case 2  both corners inward:     a = 4,   b = 2(h + w),     c = (1 − t)·w·h
/// case 3  both corners outward:    a = 4t,  b = −2t(h + w),   c = (t − 1)·w·h
/// ```
///
/// `h` and `w` are whole numbers (the callers pass `ceil` of the box's size on the output map)
/// and everything is evaluated in float64, as NumPy does with Python numbers. The drawn radius is
/// ``truncated``, `max(0, int(r))`: truncation, not rounding.
///
/// Two versions of the root formula exist, and which one a reference runs is part of the lesson:
/// see ``RadiusFormula``.
public struct GaussianRadius: Hashable, Sendable {
    /// The three roots as the formula computes them, in the code's order.
    public var r1: Double
    /// Case 2, both corners moved inward.
    public var r2: Double
    /// Case 3, both corners moved outward: the only case the original formula ever returns as the
    /// minimum.
    public var r3: Double

    /// Solves the three cases for an `height × width` box with minimum IoU `minOverlap`.
    public init(height: Int, width: Int, minOverlap: Double, formula: RadiusFormula) {
        let h = Double(height)
        let w = Double(width)
        let t = minOverlap
        let b1 = h + w
        let c1 = w * h * (1 - t) / (1 + t)
        let sq1 = (b1 * b1 - 4 * 1 * c1).squareRoot()
        let b2 = 2 * (h + w)
        let c2 = (1 - t) * w * h
        let sq2 = (b2 * b2 - 4 * 4 * c2).squareRoot()
        let a3 = 4 * t
        let b3 = -2 * t * (h + w)
        let c3 = (t - 1) * w * h
        let sq3 = (b3 * b3 - 4 * a3 * c3).squareRoot()
        switch formula {
        case .original:
            r1 = (b1 + sq1) / 2
            r2 = (b2 + sq2) / 2
            r3 = (b3 + sq3) / 2
        case .corrected:
            r1 = (b1 - sq1) / (2 * 1)
            r2 = (b2 - sq2) / (2 * 4)
            r3 = (b3 + sq3) / (2 * a3)
        }
    }

    /// `min(r1, r2, r3)`, the radius before truncation.
    public var value: Double { Swift.min(r1, Swift.min(r2, r3)) }

    /// Which case gave the minimum (1, 2 or 3; the first on a tie, as Python's `min`).
    public var limitingCase: Int {
        if r1 <= r2 && r1 <= r3 { return 1 }
        return r2 <= r3 ? 2 : 3
    }

    /// `max(0, int(r))`: the integer radius both references draw with.
    public var truncated: Int {
        let v = value
        guard v.isFinite, v > 0 else { return 0 }
        return Int(v)
    }
}

/// The two versions of CornerNet's `gaussian_radius`.
///
/// - `original`: CornerNet's first release (`sample/utils.py` at commit 0017821) returns
///   `(b + √Δ)/2` in all three cases: the larger root, and without dividing by `a`. CenterNet
///   copied it into `src/lib/utils/image.py` and its master branch kept it (the maintainer's
///   replies in CenterNet issues #273 and #848 say the fix was never applied to CenterNet's
///   training). Only case 3 is ever the minimum, and it is `4t` times the root it means.
/// - `corrected`: CornerNet's fix (commit 3e71377, after issue #37) returns the smaller root
///   `(b − √Δ)/(2a)` in cases 1 and 2 and `(b + √Δ)/(2a)` in case 3, and the same commit lowers
///   CornerNet's `gaussian_iou` from 0.7 to 0.3 to keep bumps about as wide as before.
public enum RadiusFormula: String, Sendable, CaseIterable {
    /// `(b + √Δ)/2`, as CenterNet's master trains with.
    case original
    /// `(b ∓ √Δ)/(2a)`, as CornerNet runs since its fix.
    case corrected
}
