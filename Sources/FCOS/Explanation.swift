/// The story behind an assignment, kept for the lessons' figures and for `fcos inspect`: for
/// every location inside at least one box, what each box's tests said and who won.
public struct Explanation: Sendable {
    /// Per level, the explained locations in increasing index order.
    public var levels: [[LocationExplanation]]
}

/// Why one location ended as a positive of some box, or as background although it lies inside
/// one or more boxes.
public struct LocationExplanation: Hashable, Sendable {
    public var index: Int
    public var location: Point
    /// One verdict per box containing the location, in box order.
    public var verdicts: [GroundTruthVerdict]
    /// The box the location regresses, or `nil` when it stays background.
    public var winner: Int?

    /// Boxes that passed every test here.
    public var candidates: [Int] { verdicts.filter(\.isCandidate).map(\.groundTruth) }

    /// More than one box passed every test (the paper's "ambiguous sample"), so the area rule
    /// decided.
    public var isAmbiguous: Bool { candidates.count > 1 }
}

/// What one box's tests said at one location.
public struct GroundTruthVerdict: Hashable, Sendable {
    public var groundTruth: Int
    /// Distances to this box's sides, in pixels.
    public var ltrb: LTRB
    /// `m = max(l*, t*, r*, b*)`, what the size gate compared.
    public var m: Float
    /// The box is a crowd region, which no preset matches.
    public var isCrowd: Bool
    /// The location lies in the box's center-sampling region (true when sampling is off).
    public var passesCenterSampling: Bool
    /// `m` is inside the level's size range.
    public var passesSizeGate: Bool
    /// The number the ambiguity rule compared (area, or `1e8 − area`).
    public var key: Float

    public var isCandidate: Bool { !isCrowd && passesCenterSampling && passesSizeGate }

    /// The first test that failed, in the order the lessons present them.
    public var rejection: Rejection? {
        if isCrowd { return .crowd }
        if !passesCenterSampling { return .centerSampling }
        if !passesSizeGate { return .sizeGate }
        return nil
    }

    public enum Rejection: String, Hashable, Sendable {
        case crowd
        case centerSampling = "center-sampling"
        case sizeGate = "size-gate"
    }
}
