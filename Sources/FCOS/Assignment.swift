/// The training targets of one image: per level, which box each location regresses, with
/// its `(l*, t*, r*, b*)` and centerness.
public struct Assignment: Sendable {
    public var rules: AssignmentRules
    public var imageWidth: Int
    public var imageHeight: Int
    public var groundTruths: [GroundTruth]
    public var levels: [LevelTargets]
    /// Why each location inside some box ended as it did; `nil` unless asked for.
    public var explanation: Explanation?

    /// Positive locations over all levels.
    public var positiveCount: Int { levels.reduce(0) { $0 + $1.positiveCount } }

    /// Positive locations per ground-truth box, summed over levels.
    public var positivesPerGroundTruth: [Int] { targets.positivesPerGroundTruth }

    /// Indices of the boxes that received no positive location on any level.
    public var groundTruthsWithoutPositives: [Int] {
        positivesPerGroundTruth.enumerated().compactMap { $0.element == 0 ? $0.offset : nil }
    }
}

/// One level's targets, indexed like ``FeatureMap/location(at:)``.
public struct LevelTargets: Sendable {
    public var map: FeatureMap
    /// Ground-truth index per location, `−1` for background.
    public var matched: [Int32]
    /// Regression targets in the rules' units. For background: zeros, or `(−1, −1, −1, −1)` under
    /// background sentinels.
    public var ltrb: [LTRB]
    /// Centerness targets. For background: 0, or `−1` under background sentinels.
    public var centerness: [Float]

    public init(map: FeatureMap, matched: [Int32], ltrb: [LTRB], centerness: [Float]) {
        self.map = map
        self.matched = matched
        self.ltrb = ltrb
        self.centerness = centerness
    }

    public var positiveCount: Int { matched.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) } }

    public func isPositive(_ index: Int) -> Bool { matched[index] >= 0 }
}
