import FCOS

/// Made-up classifier outputs for every location and class of an assignment, to see which side
/// of the target carries the focal loss. Not a network: each positive gets a probability drawn
/// uniformly from a range, and the negatives a spread of probabilities (see ``NegativeSpread``),
/// from a fixed seed.
struct SimulatedPredictions {
    /// The logit of each positive location in its own class.
    var positiveLogits: [Float]
    /// How many (location, class) entries have target 0.
    var negativeCount: Int
    var negatives: NegativeSpread
    var positiveRange: ClosedRange<Double>

    var positiveCount: Int { positiveLogits.count }

    /// The summed focal loss of the positive entries and of the negative entries. The positives
    /// go through `FocalLoss.sum(logits:targets:)`; the negatives through the same function on
    /// the spread's sample, scaled by how many entries each sampled logit stands for.
    func sums(alpha: Float, gamma: Float) -> (positives: Double, negatives: Double) {
        let positives = FocalLoss.sum(
            logits: positiveLogits, targets: [Float](repeating: 1, count: positiveLogits.count), alpha: alpha,
            gamma: gamma)
        return (Double(positives), negatives.sum(count: negativeCount, alpha: alpha, gamma: gamma))
    }

    /// The share of the negatives' summed loss carried by the hardest `fraction` of them.
    func hardestNegativesShare(_ fraction: Double, alpha: Float, gamma: Float) -> Double {
        let losses = negatives.logits.map {
            Double(FocalLoss.value(logit: $0, target: 0, alpha: alpha, gamma: gamma))
        }.sorted(by: >)
        let total = losses.reduce(0, +)
        let top = losses.prefix(max(1, Int((Double(losses.count) * fraction).rounded()))).reduce(0, +)
        return total > 0 ? top / total : 0
    }
}

/// The scores of the background entries. A half-trained classifier does not give every
/// background entry the prior `p = 0.01`: most are easier than that, and a few (a texture that
/// looks like an object, the edge of a real one) are *hard negatives* scored high. Modelled as a
/// logit-normal spread: `logit(p) ~ N(logit(centre), σ²)`, sampled at `sampleSize` seeded draws,
/// each standing for `count / sampleSize` of the real entries (summing 1.4 million entries one
/// by one gives the same distribution, only slower).
struct NegativeSpread {
    var centre: Double
    var sigma: Double
    /// The sampled logits.
    var logits: [Float]

    init(centre: Double, sigma: Double, sampleSize: Int, random: inout SeededRandom) {
        self.centre = centre
        self.sigma = sigma
        let mean = Double(logit(centre))
        logits = (0..<sampleSize).map { _ in Float(mean + sigma * random.normal()) }
    }

    /// Every negative at `centre`: the idealisation with no hard negatives.
    init(every p: Double) {
        centre = p
        sigma = 0
        logits = [logit(p)]
    }

    /// The share of sampled negatives scored above `p`.
    func share(above p: Double) -> Double {
        let threshold = logit(p)
        return Double(logits.filter { $0 > threshold }.count) / Double(max(logits.count, 1))
    }

    func sum(count: Int, alpha: Float, gamma: Float) -> Double {
        guard !logits.isEmpty else { return 0 }
        let sampled = FocalLoss.sum(
            logits: logits, targets: [Float](repeating: 0, count: logits.count), alpha: alpha, gamma: gamma)
        return Double(sampled) * Double(count) / Double(logits.count)
    }
}

/// Predictions for every location of `assignment` and `classCount` classes: negatives spread
/// around `negativeP` (0.01, the prior the classifier's bias starts from) with logit standard
/// deviation `negativeSigma` (0 puts every negative exactly at `negativeP`), each positive drawn
/// from `positiveRange`, in the order the levels list their locations.
func simulatedPredictions(
    _ assignment: Assignment, classCount: Int, seed: UInt64, negativeP: Double = 0.01,
    negativeSigma: Double = 1.0, positiveRange: ClosedRange<Double> = 0.05...0.95
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
    let negatives =
        negativeSigma > 0
        ? NegativeSpread(centre: negativeP, sigma: negativeSigma, sampleSize: 20_000, random: &random)
        : NegativeSpread(every: negativeP)
    return SimulatedPredictions(
        positiveLogits: positives, negativeCount: locations * classCount - positives.count,
        negatives: negatives, positiveRange: positiveRange)
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

/// One row of the "who carries the loss" table: a way of simulating the negatives, a γ, and the
/// summed focal loss of each side.
struct LossCase {
    var name: String
    var gamma: Float
    var sums: (positives: Double, negatives: Double)
}

extension Box {
    /// The same box moved `distance` px along the unit direction `(dx, dy)`.
    func slid(_ distance: Double, dx: Double, dy: Double) -> Box {
        let x = Float(distance * dx)
        let y = Float(distance * dy)
        return Box(x0: x0 + x, y0: y0 + y, x1: x1 + x, y1: y1 + y)
    }
}
