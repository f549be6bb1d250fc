/// Step 2 of ATSS (paper Algorithm 1, lines 7–10): the IoU threshold of one box,
///
/// ```
/// t_g = m_g + v_g,   m_g = mean(D_g),   v_g = std(D_g)
/// ```
///
/// over the IoUs `D_g` of all its candidates, **pooled over the levels**: a high `v_g` means one
/// level fits the box much better than the others and only that level's best anchors pass; a low
/// `v_g` lets several levels contribute.
///
/// Both references call `Tensor.std`, which divides by `n − 1`. With one candidate that is
/// `0 / 0 = NaN`; here the deviation and the threshold are then `nil` and no candidate passes,
/// which is what the reference's `IoU >= NaN` (always false) does. When all IoUs are equal the
/// deviation is 0, `t_g = m_g` and, because the test is `≥`, every candidate passes.
///
/// Sums are accumulated in `Double`; the mean and the deviation are each rounded to float32 and
/// added in float32, as the references add two float32 tensors. PyTorch's float32 mean can differ
/// from this in the last bit, which matters only for an IoU within one ulp of the threshold.
public struct AdaptiveThreshold: Hashable, Sendable {
    /// `m_g`, rounded to float32 as the reference's tensor is; `nil` without candidates.
    public var mean: Float?
    /// The deviation under the chosen ``Deviation``; `nil` when undefined.
    public var deviation: Float?
    /// `t_g = m_g + v_g`; `nil` when the deviation is undefined, so that nothing passes as in the
    /// reference.
    public var threshold: Float?
    /// The threshold with the population deviation (defined for one candidate: the IoU itself).
    public var populationThreshold: Float?

    /// The statistics of one box's pooled candidate IoUs, computed the way the references round
    /// them.
    public init(ious: [Float], deviation rule: Deviation) {
        guard !ious.isEmpty else {
            mean = nil
            deviation = nil
            threshold = nil
            populationThreshold = nil
            return
        }
        let n = Double(ious.count)
        var sum = 0.0
        for v in ious { sum += Double(v) }
        let m = sum / n
        var squares = 0.0
        for v in ious {
            let d = Double(v) - m
            squares += d * d
        }
        let mean = Float(m)
        let population = Float((squares / n).squareRoot())
        let sample: Float? = ious.count > 1 ? Float((squares / (n - 1)).squareRoot()) : nil
        self.mean = mean
        populationThreshold = mean + population
        switch rule {
        case .sample: deviation = sample
        case .population: deviation = population
        }
        threshold = deviation.map { mean + $0 }
    }
}
