/// When a location passes the tests for several boxes it is *ambiguous*; the paper (§3.2)
/// "simply chooses the ground-truth box with minimal area as its target". The references
/// implement that in two ways that disagree at the edges:
///
/// - ``minimumArea``: official FCOS and mmdetection build an area matrix with
///   ``FeatureLevel/referenceInfinity`` (1e8) for non-candidates, take `min` along the boxes,
///   and call a location background when the minimum equals 1e8.
/// - ``float32Rank``: torchvision, detectron2 and EECS 498 multiply a 0/1 match matrix by
///   `1e8 − area` in float32, take `max`, and call it background below `1e-5`. Near 1e8 a
///   float32 has a spacing of 8, so areas that round to the same `1e8 − area` tie: 4 796 to
///   4 804 all give 99 995 200, and the *lower index* wins even when its box is larger.
///
/// Equal keys go to the lowest box index: that is what `torch.min`/`torch.max` along a
/// dimension return on the CPU, a behaviour PyTorch documented only after FCOS was written.
public enum AmbiguityRule: String, Sendable, CaseIterable {
    /// The smallest area among the candidates (official FCOS, mmdetection).
    case minimumArea = "minimum-area"
    /// The largest `1e8 − area` in float32 (torchvision, detectron2, EECS 498), where near-equal areas tie.
    case float32Rank = "float32-rank"

    /// The number compared across boxes for a candidate of `area`.
    @inline(__always) public func key(area: Float) -> Float {
        switch self {
        case .minimumArea: return area
        case .float32Rank: return FeatureLevel.referenceInfinity - area
        }
    }

    /// Whether candidate key `a` beats the current best `b` (strictly, so ties keep the earlier box).
    @inline(__always) public func prefers(_ a: Float, over b: Float) -> Bool {
        switch self {
        case .minimumArea: return a < b
        case .float32Rank: return a > b
        }
    }

    /// Resolves one location exactly as the reference does, given every box's entry in the
    /// reference's matrix (`nil` for a box that is not a candidate here). Returns the winning
    /// box index, or `nil` for background.
    public func resolve(_ keys: [Float?]) -> Int? {
        switch self {
        case .minimumArea:
            let inf = FeatureLevel.referenceInfinity
            var best = -1
            var bestValue = Float.infinity
            for (g, key) in keys.enumerated() {
                let value = key ?? inf
                if value < bestValue {
                    best = g
                    bestValue = value
                }
            }
            return best >= 0 && bestValue != inf ? best : nil
        case .float32Rank:
            var best = -1
            var bestValue = -Float.infinity
            for (g, key) in keys.enumerated() {
                let value = key ?? 0
                if value > bestValue {
                    best = g
                    bestValue = value
                }
            }
            return best >= 0 && bestValue >= 1e-5 ? best : nil
        }
    }
}
