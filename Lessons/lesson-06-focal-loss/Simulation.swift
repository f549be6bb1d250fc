import FCOS

/// Made-up classifier outputs for every location and class of an assignment, to see which side
/// of the target carries the focal loss. Not a network: every negative entry gets the same small
/// probability and each positive a probability drawn uniformly from a range, from a fixed seed.
struct SimulatedPredictions {
    /// The logit of each positive location in its own class.
    var positiveLogits: [Float]
    /// How many (location, class) entries have target 0.
    var negativeCount: Int
    var negativeP: Double
    var positiveRange: ClosedRange<Double>

    var positiveCount: Int { positiveLogits.count }

    /// The summed focal loss of the positive entries and of the negative entries. The positives
    /// go through `FocalLoss.sum(logits:targets:)`; every negative has the same logit, so their
    /// sum is their count times `FocalLoss.value` of one of them (summing 1.4 million equal
    /// numbers one by one gives the same, only slower).
    func sums(alpha: Float, gamma: Float) -> (positives: Double, negatives: Double) {
        let positives = FocalLoss.sum(
            logits: positiveLogits, targets: [Float](repeating: 1, count: positiveLogits.count), alpha: alpha,
            gamma: gamma)
        let oneNegative = FocalLoss.value(logit: logit(negativeP), target: 0, alpha: alpha, gamma: gamma)
        return (Double(positives), Double(negativeCount) * Double(oneNegative))
    }
}

/// Predictions for every location of `assignment` and `classCount` classes: negatives at
/// `negativeP` (0.01, the prior the classifier's bias starts from), each positive drawn from
/// `positiveRange`, in the order the levels list their locations.
func simulatedPredictions(
    _ assignment: Assignment, classCount: Int, seed: UInt64, negativeP: Double = 0.01,
    positiveRange: ClosedRange<Double> = 0.05...0.95
) -> SimulatedPredictions {
    var random = SeededRandom(seed: seed)
    var positives: [Float] = []
    var locations = 0
    for level in assignment.levels {
        locations += level.map.count
        for index in 0..<level.map.count where level.matched[index] >= 0 {
            positives.append(logit(random.uniform(positiveRange.lowerBound, positiveRange.upperBound)))
        }
    }
    return SimulatedPredictions(
        positiveLogits: positives, negativeCount: locations * classCount - positives.count,
        negativeP: negativeP,
        positiveRange: positiveRange)
}

/// A prediction and a target box for the IoU/GIoU comparison.
struct BoxPair {
    var name: String
    var target: Box
    var prediction: Box

    /// Both boxes as distances from one location inside both (the centre of their overlap), as a
    /// positive's prediction and target are in FCOS; `nil` when the boxes do not overlap.
    var sharedDistances: SharedDistances? {
        let x0 = max(target.x0, prediction.x0)
        let y0 = max(target.y0, prediction.y0)
        let x1 = min(target.x1, prediction.x1)
        let y1 = min(target.y1, prediction.y1)
        guard x1 > x0 && y1 > y0 else { return nil }
        let location = Point(x: (x0 + x1) / 2, y: (y0 + y1) / 2)
        return SharedDistances(
            prediction: LTRB(from: location, to: prediction), target: LTRB(from: location, to: target))
    }

    /// One target, five predictions: the same, shifted, nested inside, and disjoint at two
    /// distances.
    static let examples: [BoxPair] = {
        let target = Box(x0: 120, y0: 80, x1: 320, y1: 240)
        return [
            BoxPair(name: "identical", target: target, prediction: target),
            BoxPair(name: "shifted", target: target, prediction: Box(x0: 170, y0: 120, x1: 370, y1: 280)),
            BoxPair(name: "nested", target: target, prediction: Box(x0: 170, y0: 120, x1: 270, y1: 200)),
            BoxPair(
                name: "disjoint, near", target: target, prediction: Box(x0: 360, y0: 80, x1: 560, y1: 240)),
            BoxPair(
                name: "disjoint, far", target: target, prediction: Box(x0: 520, y0: 80, x1: 720, y1: 240)),
        ]
    }()
}

extension LTRB {
    /// Every distance multiplied by `factor`, e.g. `1/8` to express pixels in strides of 8.
    func scaled(by factor: Float) -> LTRB { LTRB(l: l * factor, t: t * factor, r: r * factor, b: b * factor) }
}

/// A prediction and a target as distances from one shared location.
struct SharedDistances {
    var prediction: LTRB
    var target: LTRB

    /// Both in other units, e.g. `1/8` to express pixels in strides of 8.
    func scaled(by factor: Float) -> SharedDistances {
        SharedDistances(prediction: prediction.scaled(by: factor), target: target.scaled(by: factor))
    }
}
