import FCOS

/// The targets of one image under ATSS: per level which box each anchor regresses (FCOS's
/// `FCOS.LevelTargets`, whose locations are the anchor centres), and per box the story of how its
/// positives were chosen.
public struct ATSSAssignment: Sendable {
    /// The rules that produced these targets, kept so a reader can tell which reference they
    /// reproduce.
    public var rules: ATSSRules
    /// The input width in pixels, which fixed the feature-map sizes.
    public var imageWidth: Int
    /// The input height in pixels, which fixed the feature-map sizes.
    public var imageHeight: Int
    /// The boxes as given, so that a matched index in ``levels`` can be read back to a box.
    public var groundTruths: [GroundTruth]
    /// Per level: matched box per anchor (−1 background), and for positives `(l, t, r, b)` in
    /// pixels from the anchor centre with the centerness ATSS trains (computed from the anchor
    /// centre, `loss.py` `compute_centerness_targets`); zeros for background.
    public var levels: [LevelTargets]
    /// One explanation per box, in input order.
    public var boxes: [BoxExplanation]

    /// Positive anchors over all levels.
    public var positiveCount: Int { levels.reduce(0) { $0 + $1.positiveCount } }

    /// Positive anchors per box, summed over levels.
    public var positivesPerGroundTruth: [Int] { boxes.map(\.positiveCount) }

    /// Indices of the non-crowd boxes that received no positive.
    public var groundTruthsWithoutPositives: [Int] {
        boxes.indices.filter { !groundTruths[$0].isCrowd && boxes[$0].positiveCount == 0 }
    }

    /// The ATSS counterpart of the paper's Table 1 quantities (`FCOS.AssignmentStatistics`):
    /// a box is recalled when it owns at least one anchor; an anchor is **ambiguous** when it
    /// passed the threshold and the centre test for two or more boxes (before the highest-IoU
    /// rule), and ambiguous between classes when those boxes carry different labels. A box's
    /// "candidates" there are the anchors it passed both tests on, so a box with candidates and
    /// no positive lost every one to a box it overlaps less than that box does.
    public var statistics: AssignmentStatistics {
        var passedBy: [Int: [Int]] = [:]
        var offsets = [0]
        for level in levels { offsets.append(offsets[offsets.count - 1] + level.map.count) }
        for box in boxes {
            for (l, level) in box.levels.enumerated() {
                for c in level.candidates where c.verdict.passedTests {
                    passedBy[offsets[l] + c.index, default: []].append(box.groundTruth)
                }
            }
        }
        var ambiguous = 0
        var mixed = 0
        for owners in passedBy.values where owners.count >= 2 {
            ambiguous += 1
            let first = groundTruths[owners[0]].label
            if owners.contains(where: { groundTruths[$0].label != first }) { mixed += 1 }
        }
        var masks = [UInt32](repeating: 0, count: groundTruths.count)
        for (g, box) in boxes.enumerated() {
            for (l, n) in box.positivesPerLevel.enumerated() where n > 0 { masks[g] |= 1 << UInt32(l) }
        }
        return AssignmentStatistics(
            levelNames: levels.map(\.map.level.name), positivesPerLevel: levels.map(\.positiveCount),
            ambiguous: ambiguous, ambiguousDifferentClass: mixed,
            positivesPerGroundTruth: positivesPerGroundTruth,
            levelMaskPerGroundTruth: masks, candidatesPerGroundTruth: boxes.map(\.passedCount),
            isCrowd: groundTruths.map(\.isCrowd))
    }
}

extension ATSSAssignment {
    /// The per-level targets without the rules and explanations.
    public var targets: DenseTargets {
        DenseTargets(
            imageWidth: imageWidth, imageHeight: imageHeight, groundTruths: groundTruths, levels: levels)
    }
}
