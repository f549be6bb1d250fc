#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// GFL's "general distribution" of one box side: logits over the bins `0, 1, …, n`, turned into
/// probabilities by softmax and into a distance by their expectation (mmdetection's `Integral`,
/// projection `0…n`), `ŷ = Σ P_i · i`, in strides.
///
/// GFL v2 (Li et al., CVPR 2021) reads the *shape* of these distributions to predict the box's
/// quality: its Distribution-Guided Quality Predictor takes, for each of the four sides, the
/// top-`k` probabilities (`k = 4`, sorted, largest first) and their mean — 4 × 5 = 20 numbers —
/// through a tiny two-layer network. A sharp distribution (one tall bin) means a confident side,
/// a flat one an uncertain side: ``topK(_:mean:)`` gives the statistics a lesson can show.
public struct BoxDistribution: Hashable, Sendable {
    /// `P_0 … P_n`, summing to 1.
    public var probabilities: [Float]

    /// Softmax of `logits`, computed with the maximum subtracted, in `Double`.
    public init(logits: [Float]) {
        let m = Double(logits.max() ?? 0)
        let e = logits.map { exp(Double($0) - m) }
        let z = e.reduce(0, +)
        probabilities = e.map { Float($0 / z) }
    }

    /// A distribution from probabilities already normalised, e.g. a hand-made sharp or flat one for
    /// a lesson.
    public init(probabilities: [Float]) {
        self.probabilities = probabilities
    }

    /// `n`, the largest distance the distribution can express.
    public var maximum: Int { probabilities.count - 1 }

    /// `ŷ = Σ P_i · i`, the predicted distance in strides.
    public var expectation: Float {
        var s = 0.0
        for (i, p) in probabilities.enumerated() { s += Double(p) * Double(i) }
        return Float(s)
    }

    /// GFL v2's statistics of this side: the `k` largest probabilities, largest first, followed
    /// by their mean when `mean` is set (`GFocalV2` `gfocal_head.py`: `topk(4)`, `add_mean=True`).
    /// `k` larger than the bin count is clamped.
    public func topK(_ k: Int = 4, mean: Bool = true) -> [Float] {
        let top = Array(probabilities.sorted(by: >).prefix(max(0, k)))
        guard mean, !top.isEmpty else { return top }
        let m = top.reduce(0.0) { $0 + Double($1) } / Double(top.count)
        return top + [Float(m)]
    }

    /// The 20 DGQP inputs of a box: ``topK(_:mean:)`` of its four sides `l, t, r, b`, concatenated.
    public static func qualityStatistics(sides: [BoxDistribution], k: Int = 4, mean: Bool = true) -> [Float] {
        sides.flatMap { $0.topK(k, mean: mean) }
    }
}
