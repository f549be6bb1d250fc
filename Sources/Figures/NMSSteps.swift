import FCOS

/// A box the NMS figures draw: its score and, optionally, a class name to print with it.
///
/// Not FCOS's `Detection`, which carries a class index and the location it came from; convert
/// with ``init(_:label:groundTruth:)``.
public struct ScoredBox: Hashable, Sendable {
    /// The detection's box in image pixels.
    public var box: Box
    /// The confidence NMS sorts by, printed on the box.
    public var score: Float
    /// A class name printed with the score.
    public var label: String?
    /// The ground-truth box this detection is about, when known: the figure draws it in that
    /// box's colour, as every other figure does (lesson 3's promise), and shows its state by
    /// line weight and dash instead of hue.
    public var groundTruth: Int?

    /// A detection of `box` with `score`.
    public init(box: Box, score: Float, label: String? = nil, groundTruth: Int? = nil) {
        self.box = box
        self.score = score
        self.label = label
        self.groundTruth = groundTruth
    }

    /// A post-processed detection, named for the figure (e.g. by its class index).
    public init(_ detection: FCOS.Detection, label: String? = nil, groundTruth: Int? = nil) {
        self.init(box: detection.box, score: detection.score, label: label, groundTruth: groundTruth)
    }
}

/// One step of greedy NMS as the frames show it: the highest-scoring box still in play is kept
/// and every remaining box overlapping it by more than the threshold is suppressed.
public struct NMSStep: Hashable, Sendable {
    /// The box kept at this step; `nil` for the final "result" frame.
    public var current: Int?
    /// Boxes kept at earlier steps.
    public var kept: [Int]
    /// Boxes suppressed at this step, with the IoU with `current` that suppressed them.
    public var suppressedNow: [Int: Float]
    /// Boxes suppressed at earlier steps, with their IoU.
    public var suppressedBefore: [Int: Float]
    /// Boxes still waiting, in score order.
    public var remaining: [Int]
    /// The IoU of each waiting box that overlaps `current` at all: why it was spared.
    public var overlapsKept: [Int: Float] = [:]
}

extension NMSStep {
    /// Greedy NMS traced step by step: boxes visited by descending score (ties by index, as a
    /// stable sort gives), suppressed at `IoU > threshold` (torchvision's and mmcv's comparison),
    /// plus a last step holding the result.
    public static func trace(_ detections: [ScoredBox], iouThreshold: Double) -> [NMSStep] {
        let order = detections.indices.sorted {
            (detections[$0].score, -$0) > (detections[$1].score, -$1)
        }
        var kept: [Int] = []
        var suppressed: [Int: Float] = [:]
        var steps: [NMSStep] = []
        for (position, candidate) in order.enumerated() where suppressed[candidate] == nil {
            var now: [Int: Float] = [:]
            var remaining: [Int] = []
            var spared: [Int: Float] = [:]
            for other in order[(position + 1)...] where suppressed[other] == nil {
                let iou = intersectionOverUnion(detections[candidate].box, detections[other].box)
                if Double(iou) > iouThreshold {
                    now[other] = iou
                } else {
                    remaining.append(other)
                    if iou > 0 { spared[other] = iou }
                }
            }
            steps.append(
                NMSStep(
                    current: candidate, kept: kept, suppressedNow: now, suppressedBefore: suppressed,
                    remaining: remaining, overlapsKept: spared))
            kept.append(candidate)
            suppressed.merge(now) { a, _ in a }
        }
        steps.append(
            NMSStep(current: nil, kept: kept, suppressedNow: [:], suppressedBefore: suppressed, remaining: [])
        )
        return steps
    }
}
