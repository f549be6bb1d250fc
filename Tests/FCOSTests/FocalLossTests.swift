import Foundation
import RealModule
import Testing

@testable import FCOS

@Suite struct FocalLossTests {
    @Test func withoutFocusingOrWeightingItIsBinaryCrossEntropy() {
        var rng = LossTestRandom(seed: 10)
        let logits =
            (0..<1003).map { _ in Float.random(in: -40...40, using: &rng) } + [0, -1e4, 1e4, 90, -90]
        let targets = logits.indices.map { i in
            i % 3 == 2 ? Float.random(in: 0...1, using: &rng) : Float(i % 3)
        }
        let focal = FocalLoss.elements(logits: logits, targets: targets, alpha: -1, gamma: 0)
        #expect(focal == BinaryCrossEntropy.elements(logits: logits, targets: targets))
        #expect(
            FocalLoss.sum(logits: logits, targets: targets, alpha: -1, gamma: 0)
                == BinaryCrossEntropy.sum(logits: logits, targets: targets))
    }

    @Test func workedValuesAtLogitZero() {
        // x = 0: p = 0.5, BCE = ln 2 = 0.6931472, (1 − p_t)² = 0.25 for either target.
        // z = 1: α_t = 0.25 → 0.25 · 0.25 · ln 2 = 0.0433217.
        // z = 0: α_t = 0.75 → 0.75 · 0.25 · ln 2 = 0.1299651.
        #expect(
            FocalLoss.value(logit: 0, target: 1).isApproximatelyEqual(
                to: 0.043_321_7, relativeTolerance: 1e-5))
        #expect(
            FocalLoss.value(logit: 0, target: 0).isApproximatelyEqual(
                to: 0.129_965_1, relativeTolerance: 1e-5))
        // Without α (−1): 0.25 · ln 2 = 0.1732868 for both.
        #expect(
            FocalLoss.value(logit: 0, target: 1, alpha: -1).isApproximatelyEqual(
                to: 0.173_286_8, relativeTolerance: 1e-5))
    }

    @Test func alphaWeightsPositivesAndNegativesApart() {
        var rng = LossTestRandom(seed: 11)
        for _ in 0..<200 {
            let x = Float.random(in: -8...8, using: &rng)
            let plain = (
                FocalLoss.value(logit: x, target: 1, alpha: -1),
                FocalLoss.value(logit: x, target: 0, alpha: -1)
            )
            // α_t = α for a positive and 1 − α for a negative, a single float32 product each.
            #expect(FocalLoss.value(logit: x, target: 1, alpha: 0.25) == 0.25 * plain.0)
            #expect(FocalLoss.value(logit: x, target: 0, alpha: 0.25) == 0.75 * plain.1)
            #expect(FocalLoss.value(logit: x, target: 1, alpha: 0) == 0)
        }
    }

    @Test func focusingShrinksEasyNegatives() {
        // x = −4, z = 0: p = σ(−4) = 0.0179862, (1 − p_t)² = p² = 3.2350e-4 of the BCE.
        let bce = BinaryCrossEntropy.value(logit: -4, target: 0)
        let focal = FocalLoss.value(logit: -4, target: 0, alpha: -1, gamma: 2)
        #expect((focal / bce).isApproximatelyEqual(to: 3.235_0e-4, relativeTolerance: 1e-3))
        // A hard negative (x = 4, p = 0.9820138) keeps almost all of it: p² = 0.9643511.
        let hard =
            FocalLoss.value(logit: 4, target: 0, alpha: -1) / BinaryCrossEntropy.value(logit: 4, target: 0)
        #expect(hard.isApproximatelyEqual(to: 0.964_351, relativeTolerance: 1e-4))
    }

    @Test func generalExponentMatchesDoublePrecision() {
        var rng = LossTestRandom(seed: 12)
        for gamma: Float in [0.5, 1, 1.5, 2, 3, 2.5] {
            for _ in 0..<300 {
                let x = Float.random(in: -10...10, using: &rng)
                let z = Float.random(in: 0...1, using: &rng)
                let p = 1 / (1 + exp(-Double(x)))
                let pt = p * Double(z) + (1 - p) * (1 - Double(z))
                let alphaT = 0.25 * Double(z) + 0.75 * (1 - Double(z))
                let reference = alphaT * pow(1 - pt, Double(gamma)) * referenceBCE(x, z)
                let value = FocalLoss.value(logit: x, target: z, gamma: gamma)
                #expect(
                    Double(value).isApproximatelyEqual(
                        to: reference, absoluteTolerance: 1e-6, relativeTolerance: 1e-4))
            }
        }
    }

    @Test func labelSumEqualsOneHotSum() {
        var rng = LossTestRandom(seed: 13)
        for (rows, classes) in [(7, 3), (20, 80), (1, 1), (33, 5), (0, 4)] {
            let logits = (0..<(rows * classes)).map { _ in Float.random(in: -9...5, using: &rng) }
            let labels = (0..<rows).map { _ in Int.random(in: -1..<classes, using: &rng) }
            var targets = [Float](repeating: 0, count: rows * classes)
            for (row, label) in labels.enumerated() where label >= 0 { targets[row * classes + label] = 1 }
            let elements = FocalLoss.elements(logits: logits, targets: targets)
            let oneHot = FocalLoss.sum(logits: logits, targets: targets)
            let byLabel = FocalLoss.sum(logits: logits, labels: labels, classCount: classes)
            #expect(
                oneHot.isApproximatelyEqual(
                    to: Reduction.sum(elements), absoluteTolerance: 1e-6, relativeTolerance: 1e-6))
            #expect(
                byLabel.isApproximatelyEqual(to: oneHot, absoluteTolerance: 1e-6, relativeTolerance: 1e-6))
            #expect(elements == zip(logits, targets).map { FocalLoss.value(logit: $0, target: $1) })
        }
    }

    @Test func reductionsFollowSigmoidFocalLoss() {
        let logits: [Float] = [0, 0, 0, 0]
        let targets: [Float] = [1, 0, 1, 0]
        // Two of 0.0433217 and two of 0.1299651: sum 0.3465736, mean 0.0866434.
        let sum = FocalLoss.loss(logits: logits, targets: targets, reduction: .sum)
        let mean = FocalLoss.loss(logits: logits, targets: targets, reduction: .mean)
        #expect(sum[0].isApproximatelyEqual(to: 0.346_573_6, relativeTolerance: 1e-5))
        #expect(mean[0].isApproximatelyEqual(to: 0.086_643_4, relativeTolerance: 1e-5))
        #expect(FocalLoss.loss(logits: logits, targets: targets, reduction: .none).count == 4)
        #expect(FocalLoss.loss(logits: [], targets: [], reduction: .mean)[0].isNaN)
        #expect(FocalLoss.sum(logits: [], targets: []) == 0)
    }

    @Test func extremeLogitsStayFinite() {
        for x: Float in [-1e4, 1e4, -90, 90] {
            for z: Float in [0, 1] {
                #expect(FocalLoss.value(logit: x, target: z).isFinite)
            }
        }
        // A confidently wrong positive: (1 − p_t)² = 1, α = 0.25, BCE = 1e4.
        #expect(FocalLoss.value(logit: -1e4, target: 1) == 2500)
    }
}
