import FCOS

/// The story of one box under ATSS, kept for every box because it is cheap (at most `k` anchors
/// per level): its candidates per level with their distance rank and IoU, the statistics of
/// those IoUs, the threshold, and what became of each candidate.
public struct BoxExplanation: Hashable, Sendable {
    /// The box's index in the input.
    public var groundTruth: Int
    /// `((x0 + x1)/2, (y0 + y1)/2)`, the point candidates are measured from.
    public var center: Point
    /// One entry per level, in the rules' order. Empty for a crowd box, which ATSS never matches.
    public var levels: [LevelCandidates]
    /// `m_g`, the mean IoU of all candidates (all levels pooled); `nil` without candidates.
    public var mean: Float?
    /// `v_g`, the rules' standard deviation of the same IoUs; `nil` when undefined (the sample
    /// deviation of a single IoU: NaN in the reference).
    public var standardDeviation: Float?
    /// `t_g = m_g + v_g`; `nil` when the deviation is undefined, in which case no candidate passes.
    public var threshold: Float?
    /// The threshold with the population deviation (÷ n), for teaching: the reference's
    /// sample deviation (÷ n − 1) is always at least as high.
    public var populationThreshold: Float?

    /// An explanation assembled by hand, for tests and for figures that replay a stored story.
    public init(
        groundTruth: Int, center: Point, levels: [LevelCandidates], mean: Float?, standardDeviation: Float?,
        threshold: Float?, populationThreshold: Float?
    ) {
        self.groundTruth = groundTruth
        self.center = center
        self.levels = levels
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.threshold = threshold
        self.populationThreshold = populationThreshold
    }

    /// All candidates, level after level, in rank order.
    public var candidates: [Candidate] { levels.flatMap(\.candidates) }

    /// Candidates over all levels: `n` in the threshold's statistics, normally `9 × 5 = 45`.
    public var candidateCount: Int { levels.reduce(0) { $0 + $1.candidates.count } }

    /// Anchors this box finally owns.
    public var positiveCount: Int { levels.reduce(0) { $0 + $1.positiveCount } }

    /// Positives per level, in the rules' order.
    public var positivesPerLevel: [Int] { levels.map(\.positiveCount) }

    /// Anchors that passed the threshold and the centre test, before conflicts were resolved.
    public var passedCount: Int {
        levels.reduce(0) { $0 + $1.candidates.filter(\.verdict.passedTests).count }
    }

    /// A level's cut at the `k`-th distance split equal distances (see ``DistanceTie``).
    public var hasTie: Bool { levels.contains { $0.tie != nil } }

    /// A tie on some level could change this box's positives under another tie rule.
    public var tieCanChangePositives: Bool { levels.contains { $0.tieCanChangePositives } }

    /// Why the box has no positive, or `nil` when it has one.
    public var remark: Remark? {
        guard positiveCount == 0 else { return nil }
        if levels.isEmpty { return .crowd }
        if candidateCount == 0 { return .noCandidates }
        if threshold == nil { return .undefinedDeviation }
        let verdicts = candidates.map(\.verdict)
        if verdicts.contains(where: \.passedTests) { return .lostEveryAnchor }
        if verdicts.contains(.centerOutside) { return .centerOutside }
        return .belowThreshold
    }

    /// Why a box ended without a positive anchor.
    public enum Remark: String, Hashable, Sendable {
        /// A crowd region: never matched.
        case crowd
        /// No anchor at all (no levels).
        case noCandidates = "no-candidates"
        /// A single candidate in total: the sample standard deviation of one value is undefined
        /// (`n − 1 = 0`; NaN in the reference), `IoU ≥ NaN` is false, so nothing passes.
        case undefinedDeviation = "undefined-deviation"
        /// Every candidate at or above the threshold had its centre outside the box (or closer
        /// than the margin to an edge): typical of boxes thinner than about one P3 stride.
        case centerOutside = "center-outside"
        /// Every candidate is below the threshold. The sample deviation makes this possible
        /// when the IoUs split evenly between two values: `a < b` once each gives
        /// `t = (a + b)/2 + (b − a)/√2 > b`, and `0, 0, 1, 1` gives `t = 0.5 + 0.577`.
        case belowThreshold = "below-threshold"
        /// Every anchor that passed went to a box it overlaps more.
        case lostEveryAnchor = "lost-every-anchor"
    }
}

/// One level's candidates for one box.
public struct LevelCandidates: Hashable, Sendable {
    /// The level's anchor grid (its locations are the anchor centres).
    public var map: FeatureMap
    /// `min(k, n_l)` candidates, nearest first.
    public var candidates: [Candidate]
    /// Set when the cut at the last candidate's distance split anchors at equal distance.
    public var tie: DistanceTie?
    /// Whether another choice among the tied anchors could change this box's positives: `false`
    /// only when every tied anchor, taken or not, has the same IoU with the box (so the threshold
    /// cannot move) and that IoU is below the threshold (so none of them can be positive).
    public var tieCanChangePositives: Bool

    /// One level's candidates assembled by hand, for tests and figures.
    public init(map: FeatureMap, candidates: [Candidate], tie: DistanceTie?, tieCanChangePositives: Bool) {
        self.map = map
        self.candidates = candidates
        self.tie = tie
        self.tieCanChangePositives = tieCanChangePositives
    }

    /// The distance of the farthest candidate: the radius of the circle a figure draws.
    public var cutoffDistance: Float? { candidates.last?.distance }

    /// Anchors of this level the box finally owns: which levels ATSS chose for it.
    public var positiveCount: Int { candidates.reduce(0) { $0 + ($1.verdict == .positive ? 1 : 0) } }
}

/// One candidate anchor of a box.
public struct Candidate: Hashable, Sendable {
    /// Flat index on its level (row-major, x fastest).
    public var index: Int
    /// 0 for the nearest anchor of the level, 1 for the next, …
    public var rank: Int
    /// The anchor centre.
    public var center: Point
    /// Its distance to the box centre, in pixels.
    public var distance: Float
    /// The anchor box, as the rules draw it (``AnchorConvention/box(centeredOn:stride:)``).
    public var anchor: Box
    /// IoU of the anchor box with the ground-truth box.
    public var iou: Float
    /// What became of the candidate, so a figure can colour it and a table can say why.
    public var verdict: Verdict

    /// A candidate assembled by hand, for tests and figures.
    public init(
        index: Int, rank: Int, center: Point, distance: Float, anchor: Box, iou: Float, verdict: Verdict
    ) {
        self.index = index
        self.rank = rank
        self.center = center
        self.distance = distance
        self.anchor = anchor
        self.iou = iou
        self.verdict = verdict
    }
}

/// What became of a candidate, in the order the tests run.
public enum Verdict: Hashable, Sendable {
    /// The box's threshold is undefined (a single candidate, sample deviation): nothing passes.
    case noThreshold
    /// `IoU < t_g`.
    case belowThreshold
    /// `IoU ≥ t_g`, but `min(l, t, r, b) ≤ 0.01`: the anchor centre is not inside the box.
    case centerOutside
    /// Passed both tests, but the anchor went to box `winner`, whose IoU with it (`iou`) is
    /// higher, or equal with a lower index.
    case lostToHigherIoU(winner: Int, iou: Float)
    /// Passed both tests and the box owns the anchor.
    case positive

    /// Passed the threshold and the centre test (positive, or lost in a conflict).
    public var passedTests: Bool {
        switch self {
        case .positive, .lostToHigherIoU: return true
        case .noThreshold, .belowThreshold, .centerOutside: return false
        }
    }

    /// A short name for tables and JSON.
    public var name: String {
        switch self {
        case .noThreshold: return "no threshold"
        case .belowThreshold: return "below threshold"
        case .centerOutside: return "centre outside"
        case .lostToHigherIoU(let winner, _): return "lost to box \(winner)"
        case .positive: return "positive"
        }
    }
}
