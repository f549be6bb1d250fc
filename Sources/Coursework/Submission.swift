import FCOS

/// A student's functions as closures, one per homework function; a part missing from the
/// course is `nil`.
///
/// The grader never calls a student's code through this in earnest: ``PackageGrading`` runs it
/// in a sandboxed child and hands the checks an `AnswerReplay` whose closures return the
/// child's recorded answers, and a `CallRecorder` whose closures learn which calls a check
/// makes. Tests pass closures directly, to grade in-process.
public struct Submission: Sendable {
    /// Part 1: every location of a `width × height` feature map of stride `stride`, row-major.
    public typealias LocationsFunction =
        @Sendable (_ width: Int, _ height: Int, _ stride: Int) throws -> [Point]
    /// Part 2: per location, the index of the box it regresses on `level`, or −1.
    public typealias MatchFunction =
        @Sendable (_ locations: [Point], _ level: FeatureLevel, _ boxes: [Box]) throws -> [Int]
    /// Part 3: `(l*, t*, r*, b*)` from a location to a box on a level of `stride`.
    public typealias DeltasFunction = @Sendable (_ location: Point, _ box: Box, _ stride: Int) throws -> LTRB
    /// Part 3: the box that deltas describe, the inverse of ``DeltasFunction``.
    public typealias ApplyDeltasFunction =
        @Sendable (_ deltas: LTRB, _ location: Point, _ stride: Int) throws -> Box
    /// Part 4: the centerness target of one positive location.
    public typealias CenternessFunction = @Sendable (_ deltas: LTRB) throws -> Float
    /// Part 5: element-wise sigmoid focal loss.
    public typealias FocalLossFunction =
        @Sendable (_ logits: [Float], _ targets: [Float], _ alpha: Float, _ gamma: Float) throws -> [Float]
    /// Part 6: one image's three normalised loss terms from its flattened head outputs
    /// and targets, and its number of ground-truth boxes.
    public typealias LossFunction =
        @Sendable (_ inputs: FCOSLossInputs, _ boxCount: Int) throws -> FCOSLossValue
    /// Part 7: greedy NMS, kept indices from the highest score down.
    public typealias NMSFunction =
        @Sendable (_ boxes: [Box], _ scores: [Float], _ iouThreshold: Float) throws -> [Int]
    /// Part 8: one image's dense head outputs, level by level, to detections in descending score
    /// order. Only each detection's box, score and label are graded; its `level` and
    /// `locationIndex` are ignored (the student's type has no such fields).
    public typealias InferenceFunction =
        @Sendable (_ levels: [DensePredictions], _ imageWidth: Int, _ imageHeight: Int) throws -> [Detection]

    /// Part 1, or nil when not submitted.
    public var locations: LocationsFunction?
    /// Part 2, or nil when not submitted.
    public var match: MatchFunction?
    /// Part 3's deltas, or nil when not submitted.
    public var deltas: DeltasFunction?
    /// Part 3's inverse, or nil when not submitted.
    public var applyDeltas: ApplyDeltasFunction?
    /// Part 4, or nil when not submitted.
    public var centerness: CenternessFunction?
    /// Part 5, or nil when not submitted.
    public var focalLoss: FocalLossFunction?
    /// Part 6, or nil when not submitted.
    public var loss: LossFunction?
    /// Part 7, or nil when not submitted.
    public var nms: NMSFunction?
    /// Part 8, or nil when not submitted.
    public var inference: InferenceFunction?

    /// A submission of the given functions; omitted parts count as not attempted.
    public init(
        locations: LocationsFunction? = nil, match: MatchFunction? = nil, deltas: DeltasFunction? = nil,
        applyDeltas: ApplyDeltasFunction? = nil, centerness: CenternessFunction? = nil,
        focalLoss: FocalLossFunction? = nil, loss: LossFunction? = nil, nms: NMSFunction? = nil,
        inference: InferenceFunction? = nil
    ) {
        self.locations = locations
        self.match = match
        self.deltas = deltas
        self.applyDeltas = applyDeltas
        self.centerness = centerness
        self.focalLoss = focalLoss
        self.loss = loss
        self.nms = nms
        self.inference = inference
    }
}
