/// What one image's target assignment looks like in numbers: the quantities behind the paper's
/// Table 1 (best possible recall) and §4.1.1 (ambiguous samples).
///
/// - A **candidate** of a location is a non-crowd box that passes the inside (or center-sampling)
///   test and the level's size gate there: the boxes the ambiguity rule chooses among.
/// - A **positive** is a location that ends with a box after the smallest-area rule.
/// - An **ambiguous** positive has two or more candidates; it is **ambiguous between different
///   classes** when its candidates carry two or more different labels. The paper counts only
///   those among the positives ("the ratio of ambiguous samples to all positive samples"), and its
///   "(diff.)" column only the second kind, since boxes of one class predict the same class anyway.
/// - A box is **recalled** when at least one location regresses it *after* the ambiguity rule
///   (the paper's BPR, §4.1.1: "assigned to at least one sample during training"): a box that
///   loses every location to smaller boxes is not recalled.
///
/// Counts are summable over images, so a data set's totals are plain sums.
public struct AssignmentStatistics: Hashable, Sendable {
    /// Level names in the rules' order (`P3` … `P7`; `P4` alone without FPN).
    public var levelNames: [String]
    /// Positive locations per level.
    public var positivesPerLevel: [Int]
    /// Positive locations with two or more candidates.
    public var ambiguous: Int
    /// Positive locations whose candidates carry two or more different labels.
    public var ambiguousDifferentClass: Int
    /// Positive locations won by each box, summed over levels, indexed like the input.
    public var positivesPerGroundTruth: [Int]
    /// Per box, bit `l` set when the box won at least one location on level `l`.
    public var levelMaskPerGroundTruth: [UInt32]
    /// Per box, the locations (over all levels) where it was a candidate, won or not: a box
    /// with candidates but no positive lost them all to smaller boxes.
    public var candidatesPerGroundTruth: [Int]
    /// Per box, whether it is a crowd region (never a candidate, left out of recall).
    public var isCrowd: [Bool]

    /// Statistics from counts already taken, e.g. to sum images or decode a saved report.
    public init(
        levelNames: [String], positivesPerLevel: [Int], ambiguous: Int, ambiguousDifferentClass: Int,
        positivesPerGroundTruth: [Int], levelMaskPerGroundTruth: [UInt32], candidatesPerGroundTruth: [Int],
        isCrowd: [Bool]
    ) {
        self.levelNames = levelNames
        self.positivesPerLevel = positivesPerLevel
        self.ambiguous = ambiguous
        self.ambiguousDifferentClass = ambiguousDifferentClass
        self.positivesPerGroundTruth = positivesPerGroundTruth
        self.levelMaskPerGroundTruth = levelMaskPerGroundTruth
        self.candidatesPerGroundTruth = candidatesPerGroundTruth
        self.isCrowd = isCrowd
    }

    /// Positive locations over all levels.
    public var positives: Int { positivesPerLevel.reduce(0, +) }

    /// Non-crowd boxes: the denominator of the best possible recall.
    public var eligibleGroundTruths: Int { isCrowd.reduce(0) { $0 + ($1 ? 0 : 1) } }

    /// Non-crowd boxes that won at least one location.
    public var recalledGroundTruths: Int {
        zip(positivesPerGroundTruth, isCrowd).reduce(0) { $0 + ($1.0 > 0 && !$1.1 ? 1 : 0) }
    }

    /// Indices of non-crowd boxes that won no location.
    public var unrecalledGroundTruths: [Int] {
        isCrowd.indices.filter { !isCrowd[$0] && positivesPerGroundTruth[$0] == 0 }
    }
}

extension AssignmentRules {
    /// The paper's "without FPN" baseline (Table 1: "w/o FPN … P4"): a single feature map of
    /// stride 16 with the same location offset, feature-size and center-sampling rules, and no
    /// size gate, so every location inside a box (inside its centre region under center sampling,
    /// measured with stride 16) is a candidate, and the smallest-area rule resolves the rest.
    ///
    /// Keeping the preset's center sampling is a choice: the paper's numbers come from its own code
    /// without center sampling (`official`); for a center-sampling preset the honest single-level
    /// counterpart is the same rule on one level, so that "with FPN" and "without FPN" differ only
    /// in the levels.
    public var withoutFPN: AssignmentRules {
        var rules = self
        rules.levels = [
            FeatureLevel(name: "P4", stride: 16, sizeRange: SizeRange(lower: -.infinity, upper: .infinity))
        ]
        rules.derivedGridSpacing = false
        return rules
    }
}
