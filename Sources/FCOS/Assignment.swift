/// The training targets of one image: per level, which box each location regresses, with
/// its `(l*, t*, r*, b*)` and centerness.
public struct Assignment: Sendable {
    /// The rules that produced these targets.
    public var rules: AssignmentRules
    /// The input width in pixels, after any resizing.
    public var imageWidth: Int
    /// The input height in pixels, after any resizing.
    public var imageHeight: Int
    /// The boxes, indexed as ``LevelTargets/matched`` refers to them.
    public var groundTruths: [GroundTruth]
    /// One entry per FPN level, in the rules' order.
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
    /// The level's grid of locations.
    public var map: FeatureMap
    /// Ground-truth index per location, `−1` for background.
    public var matched: [Int32]
    /// Regression targets in the rules' units. For background: zeros, or `(−1, −1, −1, −1)` under
    /// background sentinels.
    public var ltrb: [LTRB]
    /// Centerness targets. For background: 0, or `−1` under background sentinels.
    public var centerness: [Float]

    /// A level's targets from its parts.
    public init(map: FeatureMap, matched: [Int32], ltrb: [LTRB], centerness: [Float]) {
        self.map = map
        self.matched = matched
        self.ltrb = ltrb
        self.centerness = centerness
    }

    /// How many locations of the level regress some box.
    public var positiveCount: Int { matched.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) } }

    /// Whether location `index` regresses some box.
    public func isPositive(_ index: Int) -> Bool { matched[index] >= 0 }
}
