import FCOS

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Distribution Focal Loss (Li et al., NeurIPS 2020): each side's distance is predicted as a distribution
/// over the bins `0, 1, …, n` (`n = reg_max = 16`, 17 bins) and trained by cross-entropy on the
/// two bins around the continuous target `y`, weighted by closeness:
///
/// ```
/// y_l = ⌊y⌋,  y_r = y_l + 1
/// DFL(S) = −((y_r − y)·log S_{y_l} + (y − y_l)·log S_{y_r}),   S = softmax(logits)
/// ```
///
/// mmdetection's `distribution_focal_loss`, term by term. The minimum is reached at
/// `S_{y_l} = y_r − y, S_{y_r} = y − y_l` (whose expectation is exactly `y`) and is the entropy of
/// that two-point distribution, not 0: for `y = 3.3`, weights 0.7/0.3, the minimum is
/// `−(0.7 ln 0.7 + 0.3 ln 0.3) = 0.611` nats. An integer `y` is a plain one-bin cross-entropy.
///
/// `y` must lie in `[0, n)`: the reference indexes bin `⌊y⌋ + 1`, which does not exist for
/// `y ≥ n` (that is why targets are clamped to `n − 0.1`, ``GFLTargets``).
public enum DistributionFocalLoss {
    /// The two bins a target `y` is spread over and their weights, `(⌊y⌋, ⌊y⌋ + 1)` with
    /// `(⌊y⌋ + 1 − y, y − ⌊y⌋)`: the distribution DFL pulls the prediction towards, whose
    /// expectation is exactly `y`.
    public static func bins(for target: Float) -> (
        left: Int, right: Int, weightLeft: Float, weightRight: Float
    ) {
        let left = Int(target)
        return (left, left + 1, Float(left + 1) - target, target - Float(left))
    }

    /// The loss of one side: `logits` over bins `0…n`, `target` in `[0, n)`.
    public static func value(logits: [Float], target: Float) -> Float {
        precondition(target >= 0 && target < Float(logits.count - 1), "target in [0, n)")
        let (left, right, weightLeft, weightRight) = bins(for: target)
        let logZ = logSumExp(logits)
        let ceLeft = Float(logZ - Double(logits[left]))
        let ceRight = Float(logZ - Double(logits[right]))
        return ceLeft * weightLeft + ceRight * weightRight
    }

    /// One loss per row, then `reduction`, as `DistributionFocalLoss(reduction=…)` with no weights.
    public static func loss(logits: [[Float]], targets: [Float], reduction: Reduction) -> [Float] {
        precondition(logits.count == targets.count, "one target per row")
        return reduction.reduce(logits.indices.map { value(logits: logits[$0], target: targets[$0]) })
    }

    /// `log Σ exp(x_i)`, shifted by the maximum so that no exponent overflows, in `Double`.
    static func logSumExp(_ x: [Float]) -> Double {
        let m = Double(x.max() ?? 0)
        var s = 0.0
        for v in x { s += exp(Double(v) - m) }
        return m + log(s)
    }
}
