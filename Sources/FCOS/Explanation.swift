/// The story behind an assignment, kept for the lessons' figures and for `fcos inspect`: for
/// every location inside at least one box, what each box's tests said and who won.
public struct Explanation: Sendable {
    /// Per level, the explained locations in increasing index order.
    public var levels: [[LocationExplanation]]
}

/// Why one location ended as a positive of some box, or as background although it lies inside
/// one or more boxes.
public struct LocationExplanation: Hashable, Sendable {
    /// The location's index in its level (row-major, x fastest).
    public var index: Int
    /// The location in image pixels.
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
    /// The box's index in the input.
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

    /// Whether the box passed every test here, so the ambiguity rule considered it.
    public var isCandidate: Bool { !isCrowd && passesCenterSampling && passesSizeGate }

    /// The first test that failed, in the order the lessons present them.
    public var rejection: Rejection? {
        if isCrowd { return .crowd }
        if !passesCenterSampling { return .centerSampling }
        if !passesSizeGate { return .sizeGate }
        return nil
    }

    /// The test that ruled a box out at a location.
    public enum Rejection: String, Hashable, Sendable {
        /// The box is a crowd region.
        case crowd
        /// The location lies outside the box's center-sampling region.
        case centerSampling = "center-sampling"
        /// `m` lies outside the level's size range.
        case sizeGate = "size-gate"
    }
}
