import ATSS
import FCOS
import GFL
import Numerics
import Testing

@Suite("GFL: quality focal loss, distribution focal loss, targets, DGQP statistics")
struct GFLTests {
    let logitOfPoint2 = Float(-1.3862944)  // σ = 0.2

    /// y = 0.5, σ = 0.2: 0.3² · BCE = 0.09 · −(0.5 ln 0.2 + 0.5 ln 0.8) = 0.09 · 0.916291 = 0.0824662.
    @Test func qflOfAPositive() {
        let v = Double(QualityFocalLoss.value(logit: logitOfPoint2, quality: 0.5))
        #expect(v.isApproximatelyEqual(to: 0.0824662, relativeTolerance: 1e-5))
    }

    /// A negative (y = 0) at σ = 0.2: 0.2² · −ln 0.8 = 0.04 · 0.2231436 = 0.00892574.
    @Test func qflOfANegative() {
        let v = Double(QualityFocalLoss.value(logit: logitOfPoint2, quality: 0))
        #expect(v.isApproximatelyEqual(to: 0.00892574, relativeTolerance: 1e-5))
    }

    /// At σ = y the loss vanishes whatever y; β = 0 gives plain BCE.
    @Test func qflVanishesAtTheTargetAndIsBCEAtBetaZero() {
        #expect(QualityFocalLoss.value(logit: 0, quality: 0.5) == 0)
        let bce = BinaryCrossEntropy.value(logit: 0.7, target: 0.3)
        #expect(QualityFocalLoss.value(logit: 0.7, quality: 0.3, beta: 0) == bce)
    }

    /// A row sums its classes: the positive class with y, the others with 0; background
    /// (label = C) has every class at 0.
    @Test func qflRowsAndReductions() {
        let logits: [[Float]] = [[logitOfPoint2, logitOfPoint2], [logitOfPoint2, logitOfPoint2]]
        let rows = QualityFocalLoss.loss(
            logits: logits, labels: [0, 2], scores: [0.5, 0.9], reduction: .none)
        #expect(Double(rows[0]).isApproximatelyEqual(to: 0.0824662 + 0.00892574, relativeTolerance: 1e-5))
        #expect(Double(rows[1]).isApproximatelyEqual(to: 2 * 0.00892574, relativeTolerance: 1e-5))
        let sum = QualityFocalLoss.loss(logits: logits, labels: [0, 2], scores: [0.5, 0.9], reduction: .sum)
        #expect(sum == [rows[0] + rows[1]])
        let mean = QualityFocalLoss.loss(
            logits: logits, labels: [0, 2], scores: [0.5, 0.9], reduction: .mean)
        #expect(
            Double(mean[0]).isApproximatelyEqual(to: Double(rows[0] + rows[1]) / 2, relativeTolerance: 1e-6))
    }

    func logits(_ probabilities: [Int: Float], bins: Int = 17) -> [Float] {
        (0..<bins).map { probabilities[$0].map { Float(Double($0).logNaturally()) } ?? -1e4 }
    }

    /// y = 3.3: at P₃ = 0.7, P₄ = 0.3 (expectation exactly 3.3) the loss is the two-point entropy,
    /// −(0.7 ln 0.7 + 0.3 ln 0.3) = 0.6108643, and any other split is worse.
    @Test func dflMinimumIsTheTwoPointEntropy() {
        let best = DistributionFocalLoss.value(logits: logits([3: 0.7, 4: 0.3]), target: 3.3)
        #expect(Double(best).isApproximatelyEqual(to: 0.6108643, relativeTolerance: 1e-5))
        #expect(
            BoxDistribution(logits: logits([3: 0.7, 4: 0.3])).expectation.isApproximatelyEqual(
                to: 3.3, relativeTolerance: 1e-5))
        for split: Float in [0.5, 0.6, 0.8, 0.9] {
            #expect(
                DistributionFocalLoss.value(logits: logits([3: split, 4: 1 - split]), target: 3.3) > best)
        }
    }

    /// Integer y: a plain one-bin cross-entropy; uniform logits give ln 17 for any target.
    @Test func dflIntegerTargetAndUniformLogits() {
        let uniform = [Float](repeating: 0, count: 17)
        for y: Float in [0, 3.3, 15.9] {
            #expect(
                Double(DistributionFocalLoss.value(logits: uniform, target: y)).isApproximatelyEqual(
                    to: 2.8332133, relativeTolerance: 1e-5))
        }
        let sharp = logits([5: 0.9, 6: 0.1])
        #expect(
            Double(DistributionFocalLoss.value(logits: sharp, target: 5)).isApproximatelyEqual(
                to: -Double(0.9).logNaturally(), relativeTolerance: 1e-5))
    }

    /// mmdetection's clamp is `reg_max − 0.1` = 15.9 (`bbox2distance`, eps 0.1), distances in strides
    /// from the anchor centre.
    @Test func targetsInStridesClampedTo15Point9() {
        let d = GFLTargets.distance(
            from: Point(x: 16, y: 16), to: Box(x0: 0, y0: 4, x1: 300, y1: 40), stride: 8, maximum: 16)
        #expect(d == LTRB(l: 2, t: 1.5, r: Float(16) - 0.1, b: 3))
        #expect(GFLTargets.upperBound(maximum: 16) == Float(15.9))
    }

    @Test func targetsOfAnAssignmentAreThePositivesDistances() {
        let gts = [
            GroundTruth(box: Box(x0: 30, y0: 40, x1: 330, y1: 210)),
            GroundTruth(box: Box(x0: 200, y0: 200, x1: 240, y1: 260)),
        ]
        let preset = GFLPreset.gfl
        let a = preset.assigner.assign(gts, imageWidth: 400, imageHeight: 300)
        let targets = GFLTargets(a, maximum: preset.maximum)
        var positives = 0
        for (l, level) in a.levels.enumerated() {
            for i in 0..<level.map.count {
                let t = targets.distances[l][i]
                #expect((t == nil) == (level.matched[i] < 0))
                guard let t else { continue }
                positives += 1
                let s = Float(level.map.stride)
                let p = level.map.location(at: i)
                let box = gts[Int(level.matched[i])].box
                #expect(t.l == min(p.x / s - box.x0 / s, 15.9))
                #expect(t.array.allSatisfy { $0 >= 0 && $0 <= 15.9 })
            }
        }
        #expect(positives == a.positiveCount && positives > 0)
        #expect(preset.assignment == ATSSPreset.atssMmdet.rules)
    }

    @Test func dflBinsAndQualityTarget() {
        let b = DistributionFocalLoss.bins(for: 3.25)
        #expect(b.left == 3 && b.right == 4 && b.weightLeft == 0.75 && b.weightRight == 0.25)
        // [0, 10]² vs [5, 15] × [0, 10]: 50 / 150.
        let y = QualityFocalLoss.qualityTarget(
            prediction: Box(x0: 5, y0: 0, x1: 15, y1: 10), box: Box(x0: 0, y0: 0, x1: 10, y1: 10))
        #expect(y == Float(50) / 150)
        #expect(
            QualityFocalLoss.qualityTarget(
                prediction: Box(x0: 1, y0: 1, x1: 1, y1: 1), box: Box(x0: 1, y0: 1, x1: 1, y1: 1)) == 0)
    }

    /// GFL v2: top-4 probabilities of each side, largest first, and their mean: 4 × 5 = 20.
    @Test func dgqpStatistics() {
        let sharp = BoxDistribution(probabilities: [0, 0.05, 0.9, 0.05] + [Float](repeating: 0, count: 13))
        #expect(sharp.topK() == [0.9, 0.05, 0.05, 0, 0.25])
        let flat = BoxDistribution(logits: [Float](repeating: 0, count: 17))
        let stats = flat.topK()
        #expect(stats.count == 5)
        #expect(stats.allSatisfy { Double($0).isApproximatelyEqual(to: 1.0 / 17, relativeTolerance: 1e-5) })
        #expect(BoxDistribution.qualityStatistics(sides: [sharp, flat, sharp, flat]).count == 20)
        #expect(sharp.topK(2, mean: false) == [0.9, 0.05])
        #expect(sharp.expectation.isApproximatelyEqual(to: 2, relativeTolerance: 1e-6))
    }
}

extension Double {
    func logNaturally() -> Double { Double.log(self) }
}
