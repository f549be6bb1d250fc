/// One image's per-level targets, whatever method produced them (FCOS's ``Assignment``, ATSS's
/// assignment, …): which box each location regresses, and the boxes. Code that only compares or
/// draws positives (``LevelTargets/matched``) takes this, so that it works for every method
/// without knowing its rules.
public struct DenseTargets: Sendable {
    /// The network input's width in pixels, before padding.
    public var imageWidth: Int
    /// The network input's height in pixels, before padding.
    public var imageHeight: Int
    /// The boxes, in input order: `matched` values index this array.
    public var groundTruths: [GroundTruth]
    /// One entry per pyramid level, finest first.
    public var levels: [LevelTargets]

    /// Targets from any method's per-level results.
    public init(imageWidth: Int, imageHeight: Int, groundTruths: [GroundTruth], levels: [LevelTargets]) {
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        self.groundTruths = groundTruths
        self.levels = levels
    }

    /// Positive locations over all levels.
    public var positiveCount: Int { levels.reduce(0) { $0 + $1.positiveCount } }

    /// Positive locations per box, summed over levels.
    public var positivesPerGroundTruth: [Int] {
        var counts = [Int](repeating: 0, count: groundTruths.count)
        for level in levels {
            for g in level.matched where g >= 0 { counts[Int(g)] += 1 }
        }
        return counts
    }
}

extension Assignment {
    /// The per-level targets without the FCOS rules and explanation.
    public var targets: DenseTargets {
        DenseTargets(
            imageWidth: imageWidth, imageHeight: imageHeight, groundTruths: groundTruths, levels: levels)
    }
}
