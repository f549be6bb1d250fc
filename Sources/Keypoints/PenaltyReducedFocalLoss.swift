/// The penalty-reduced pixel-wise focal loss of CornerNet (Eq. 1) that CenterNet reuses (Eq. 1),
/// over predicted probabilities `p` and Gaussian targets `y` on the heat maps:
///
/// ```
///            ⎧ (1 − p)^α · log(p)                 if y = 1
/// L = −1/N Σ ⎨
///            ⎩ (1 − y)^β · p^α · log(1 − p)       otherwise (y < 1)
/// ```
///
/// with `α = 2`, `β = 4` and `N` the number of cells whose target is exactly 1. The reference
/// (`_neg_loss` in CornerNet's `models/py_utils/kp_utils.py` and CenterNet's
/// `src/lib/models/losses.py`) divides by `N` only when it is positive; an image without any
/// positive returns `−Σ negatives` undivided. A target above 1 is neither positive nor negative.
///
/// Against the FCOS focal loss (`FCOS.FocalLoss`): FCOS's targets are 0 or 1 and a negative
/// costs `(1 − α_f)·p^γ·log(1 − p)` wherever it is; here a negative near a keypoint costs less
/// by `(1 − y)^4`, so a prediction one cell off the centre is barely punished, and there is no
/// class-balancing `α_f` (`α` here is the focusing exponent, FCOS's `γ`). The normalisation is the
/// same idea: FCOS divides by the number of positive locations.
///
/// Computed in float32 element by element, as the references do, and summed in float64.
public enum PenaltyReducedFocalLoss {
    /// `α`, the focusing exponent on `(1 − p)` and `p` (FCOS's `γ`).
    public static let alpha: Float = 2
    /// `β`, the exponent of `(1 − y)` that forgives negatives near a keypoint.
    public static let beta: Float = 4

    /// The clamp both references apply after the sigmoid (`_sigmoid`: `[1e−4, 1 − 1e−4]`), so
    /// `log` never sees 0.
    public static let probabilityFloor: Float = 1e-4

    /// The two sums and their normalisation.
    public struct Result: Hashable, Sendable {
        /// `Σ (1 − p)^α log p` over positives (≤ 0).
        public var positive: Float
        /// `Σ (1 − y)^β p^α log(1 − p)` over negatives (≤ 0).
        public var negative: Float
        /// Cells with `y == 1`.
        public var positiveCount: Int
        /// The loss as the reference returns it.
        public var loss: Float {
            positiveCount == 0 ? -negative : -(positive + negative) / Float(positiveCount)
        }
    }

    /// The loss of probabilities `p` against targets `y` (same count, any layout).
    public static func loss(probabilities p: [Float], targets y: [Float]) -> Result {
        precondition(p.count == y.count, "one target per prediction")
        var positive = 0.0
        var negative = 0.0
        var count = 0
        for i in p.indices {
            let pi = p[i]
            let yi = y[i]
            if yi == 1 {
                let q = 1 - pi
                positive += Double(CMath.log(pi) * (q * q))
                count += 1
            } else if yi < 1 {
                let weight = CMath.pow(1 - yi, beta)
                negative += Double(CMath.log(1 - pi) * (pi * pi) * weight)
            }
        }
        return Result(positive: Float(positive), negative: Float(negative), positiveCount: count)
    }

    /// The loss of logits, through the references' clamped sigmoid.
    public static func loss(logits: [Float], targets: [Float]) -> Result {
        loss(probabilities: logits.map(clampedSigmoid), targets: targets)
    }

    /// `clamp(σ(x), 1e−4, 1 − 1e−4)`.
    public static func clampedSigmoid(_ x: Float) -> Float {
        let s = 1 / (1 + CMath.exp(-x))
        return min(max(s, probabilityFloor), 1 - probabilityFloor)
    }
}
