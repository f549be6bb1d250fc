/// One FPN level: its name as the paper writes it (`P3` … `P7`), its stride `s` (how many input
/// pixels one feature-map cell spans), and the range of `m = max(l*, t*, r*, b*)` it is
/// responsible for (paper §3.2).
public struct FeatureLevel: Hashable, Sendable {
    /// `P3` … `P7`.
    public var name: String
    /// Pixels between neighbouring locations, `s`.
    public var stride: Int
    /// The `m` this level accepts (see ``SizeGate``).
    public var sizeRange: SizeRange

    /// A level with its stride and the size range its size gate checks.
    public init(name: String, stride: Int, sizeRange: SizeRange) {
        self.name = name
        self.stride = stride
        self.sizeRange = sizeRange
    }
}

/// The bounds `(m_{i−1}, m_i)` a level's size gate compares `m` with. Whether the bounds
/// themselves belong to the range is the ``SizeGate``'s business, not this value's.
public struct SizeRange: Hashable, Sendable {
    /// `m_{i−1}`: −1 or 0 on the first level, depending on the reference.
    public var lower: Float
    /// `m_i`: ``FeatureLevel/referenceInfinity`` on the last level.
    public var upper: Float

    /// A range from its two bounds; the gate decides whether they are inclusive.
    public init(lower: Float, upper: Float) {
        self.lower = lower
        self.upper = upper
    }
}

extension FeatureLevel {
    /// The official code's stand-in for infinity (`INF = 100000000` in both official FCOS and
    /// mmdetection). It bounds P7's range and marks "not a candidate" in the area matrix.
    public static let referenceInfinity: Float = 100_000_000

    /// P3–P7 with the paper's ranges `[-1, 64], [64, 128], [128, 256], [256, 512], [512, ∞)`,
    /// where ∞ is ``referenceInfinity`` as in the official code.
    public static let paperLevels: [FeatureLevel] = [
        FeatureLevel(name: "P3", stride: 8, sizeRange: SizeRange(lower: -1, upper: 64)),
        FeatureLevel(name: "P4", stride: 16, sizeRange: SizeRange(lower: 64, upper: 128)),
        FeatureLevel(name: "P5", stride: 32, sizeRange: SizeRange(lower: 128, upper: 256)),
        FeatureLevel(name: "P6", stride: 64, sizeRange: SizeRange(lower: 256, upper: 512)),
        FeatureLevel(name: "P7", stride: 128, sizeRange: SizeRange(lower: 512, upper: referenceInfinity)),
    ]

    /// Levels whose ranges are derived from the stride as torchvision, detectron2 and EECS 498 do:
    /// `(4s, 8s)`, with 0 as the first level's lower bound and `+∞` as the last level's upper.
    /// With strides 8…128 this gives the paper's boundaries 64, 128, 256, 512.
    public static func strideDerivedLevels(strides: [Int]) -> [FeatureLevel] {
        strides.enumerated().map { index, stride in
            let s = Float(stride)
            let lower: Float = index == 0 ? 0 : 4 * s
            let upper: Float = index == strides.count - 1 ? .infinity : 8 * s
            let name = "P\(stride.trailingZeroBitCount)"
            return FeatureLevel(name: name, stride: stride, sizeRange: SizeRange(lower: lower, upper: upper))
        }
    }
}
