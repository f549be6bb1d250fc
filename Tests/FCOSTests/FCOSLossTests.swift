import Foundation
import RealModule
import Testing

@testable import FCOS

/// Three locations, two classes, stride 8, every class logit 0:
///
/// | location | point | target class | target (l,t,r,b) | prediction | ctr logit |
/// |---|---|---|---|---|---|
/// | 0 | (10, 10) | 0 | (2, 2, 2, 2) | (1, 1, 1, 1) | 1 |
/// | 1 | (30, 10) | 1 | (1, 1, 3, 1) | (1, 1, 1, 1) | −1 |
/// | 2 | (50, 50) | background | — | (5, 5, 5, 5) | 3 |
///
/// Focal loss at logit 0: ln 2 · 0.25 · α_t, so 0.0433217 for each of the 2 positive elements and
/// 0.1299651 for each of the 4 negative ones: Σ = 0.875 · ln 2 = 0.6065038.
/// Centerness targets: 1 and √((1/3)·(1/1)) = 0.5773503; Σ = 1.5773503.
/// Centerness BCE: x = 1, z = 1: 1 − 1 + log1p(e⁻¹) = 0.3132617;
///                 x = −1, z = 0.5773503: 0 + 0.5773503 + 0.3132617 = 0.8906120; Σ = 1.2038736.
/// Regression, location 0: I = 4, U = 16, C = 16 → official IoU = 5/17 = GIoU; decoded, boxes
/// [9,9,11,11] in [8,8,12,12] → IoU = GIoU = 1/4.
/// Location 1: areas 4 and 8, I = (1 + 1)(1 + 1) = 4, U = 8, C = 4 · 2 = 8 → official IoU = 5/9
/// = GIoU; decoded, [29,9,31,11] in [29,9,33,11] → IoU = GIoU = 1/2.
func threeLocationInputs(targetBoxes: [Box]? = nil) -> FCOSLossInputs {
    FCOSLossInputs(
        classTargets: [0, 1, -1],
        regressionTargets: [
            LTRB(l: 2, t: 2, r: 2, b: 2), LTRB(l: 1, t: 1, r: 3, b: 1), LTRB(l: 0, t: 0, r: 0, b: 0),
        ],
        classLogits: [0, 0, 0, 0, 0, 0],
        regression: [
            LTRB(l: 1, t: 1, r: 1, b: 1), LTRB(l: 1, t: 1, r: 1, b: 1), LTRB(l: 5, t: 5, r: 5, b: 5),
        ],
        centernessLogits: [1, -1, 3],
        locations: [Point(x: 10, y: 10), Point(x: 30, y: 10), Point(x: 50, y: 50)],
        strides: [8, 8, 8], targetBoxes: targetBoxes, classCount: 2)
}

func expectLoss(_ value: FCOSLossValue, _ expected: (Double, Double, Double)) {
    #expect(Double(value.classification).isApproximatelyEqual(to: expected.0, relativeTolerance: 1e-5))
    #expect(Double(value.regression).isApproximatelyEqual(to: expected.1, relativeTolerance: 1e-5))
    #expect(Double(value.centerness).isApproximatelyEqual(to: expected.2, relativeTolerance: 1e-5))
    #expect(
        Double(value.total).isApproximatelyEqual(
            to: expected.0 + expected.1 + expected.2, relativeTolerance: 1e-5))
}

@Suite struct FCOSLossTests {
    @Test func officialByHand() {
        // cls 0.6065038 / 2; ctr 1.2038736 / 2;
        // reg (1 · −log(5/17) + 0.5773503 · −log(5/9)) / 1.5773503
        //   = (1.2237754 + 0.5773503 · 0.5877867) / 1.5773503 = 1.5631340 / 1.5773503.
        expectLoss(
            FCOSLoss.compute(threeLocationInputs(), rules: .official),
            (0.303_251_89, 0.990_987_39, 0.601_936_82))
    }

    @Test func officialImprovedUsesGIoU() {
        // reg (1 · (1 − 5/17) + 0.5773503 · (1 − 5/9)) / 1.5773503 = 0.9624825 / 1.5773503.
        expectLoss(
            FCOSLoss.compute(threeLocationInputs(), rules: .officialImprv),
            (0.303_251_89, 0.610_189_44, 0.601_936_82))
    }

    @Test func mmdetectionByHand() {
        // reg (1 · (1 − 1/4) + 0.5773503 · (1 − 1/2)) / (1.5773503 + ε) = 1.0386751 / 1.5773503;
        // cls and ctr divided by 2 + ε, which rounds to 2.
        expectLoss(
            FCOSLoss.compute(threeLocationInputs(), rules: .mmdet),
            (0.303_251_89, 0.658_493_65, 0.601_936_82))
    }

    @Test func torchvisionByHand() {
        // Decoded with the stride: [2,2,18,18] inside [−6,−6,26,26]: IoU = 256/1024 = GIoU → 0.75;
        // [22,2,38,18] inside [22,2,54,18]: 256/512 → 0.5. Unweighted, over max(1, 2) = 2: 1.25 / 2.
        let expected = (0.303_251_89, 0.625, 0.601_936_82)
        expectLoss(FCOSLoss.compute(threeLocationInputs(), rules: .torchvision), expected)
        let boxes = [
            Box(x0: -6, y0: -6, x1: 26, y1: 26), Box(x0: 22, y0: 2, x1: 54, y1: 18),
            Box(x0: 0, y0: 0, x1: 1, y1: 1),
        ]
        expectLoss(FCOSLoss.compute(threeLocationInputs(targetBoxes: boxes), rules: .torchvision), expected)
    }

    @Test func detectron2DividesByTheGivenNormalizer() {
        // n = 4: 0.6065038 / 4, 1.25 / 4, 1.2038736 / 4.
        expectLoss(
            FCOSLoss.compute(threeLocationInputs(), rules: .detectron2, normalizer: 4),
            (0.151_625_95, 0.3125, 0.300_968_41))
        expectLoss(
            FCOSLoss.compute(threeLocationInputs(), rules: .detectron2), (0.303_251_89, 0.625, 0.601_936_82))
    }

    @Test func eecs498ByHand() {
        // L1: location 0 costs 0.25 · (1 + 1 + 1 + 1) = 1, location 1 0.25 · (0 + 0 + 2 + 0) = 0.5;
        // over 2 positives.
        expectLoss(
            FCOSLoss.compute(threeLocationInputs(), rules: .eecs498), (0.303_251_89, 0.75, 0.601_936_82))
        // One image: the EMA starts at 150 and sees 2 positives: 0.9 · 150 + 0.1 · 2 = 135.2.
        var ema = LossNormalizerEMA(initial: 150)
        let n = Float(ema.update(2) * 1)
        #expect(n == 135.2)
        expectLoss(
            FCOSLoss.compute(threeLocationInputs(), rules: .eecs498, normalizer: n),
            (0.606_503_78 / 135.2, 1.5 / 135.2, 1.203_873_64 / 135.2))
    }

    @Test func detectron2RectifiesNegativePredictions() {
        // Location 1 predicts l = −1: detectron2's ReLU makes it 0, torchvision decodes it as given.
        var inputs = threeLocationInputs()
        inputs.regression[1] = LTRB(l: -1, t: 1, r: 3, b: 1)
        // torchvision: [38,2,54,18] (16 × 16) inside [22,2,54,18] (32 × 16): IoU = GIoU = 1/2.
        // detectron2: [30,2,54,18] (24 × 16): IoU = GIoU = 3/4. Sums 0.75 + 0.5 and 0.75 + 0.25.
        #expect(FCOSLoss.compute(inputs, rules: .torchvision).regression.isApproximatelyEqual(to: 1.25 / 2))
        #expect(FCOSLoss.compute(inputs, rules: .detectron2).regression.isApproximatelyEqual(to: 1.0 / 2))
    }

    @Test func withoutPositives() {
        var inputs = threeLocationInputs()
        inputs.classTargets = [-1, -1, -1]
        // Six negatives at logit 0: 6 · 0.1299651 = 1.125 · ln 2 = 0.7797906, divided by max(0, 1) = 1.
        for rules in [LossRules.official, .officialImprv, .torchvision, .detectron2, .eecs498] {
            let value = FCOSLoss.compute(inputs, rules: rules)
            #expect(value.classification.isApproximatelyEqual(to: 0.779_790_6, relativeTolerance: 1e-5))
            #expect(value.regression == 0 && value.centerness == 0)
        }
    }

    @Test func mmdetectionAddsMachineEpsilonToItsAverageFactor() {
        // With one positive the focal sum is divided by 1 + 2⁻²³, one ulp-scale step below the
        // official division by 1; with two, 2 + 2⁻²³ rounds back to 2.
        var one = threeLocationInputs()
        one.classTargets = [0, -1, -1]
        let official = FCOSLoss.compute(one, rules: .official).classification
        let mmdet = FCOSLoss.compute(one, rules: .mmdet).classification
        #expect(mmdet < official && mmdet >= official.nextDown.nextDown)
        #expect(
            FCOSLoss.compute(threeLocationInputs(), rules: .mmdet).classification
                == FCOSLoss.compute(threeLocationInputs(), rules: .official).classification)
    }

    @Test func movingAverageNormalizer() {
        // detectron2: starts at 300; 0.9 · 300 + 0.1 · 10 = 271; 0.9 · 271 + 1 = 244.9.
        var ema = LossNormalizerEMA(initial: 300)
        #expect(ema.update(10).isApproximatelyEqual(to: 271))
        #expect(ema.update(10).isApproximatelyEqual(to: 244.9))
        #expect(ema.value.isApproximatelyEqual(to: 244.9))
    }

    @Test func classificationUsesTheLabelFastPath() {
        // The classification term equals the focal loss over the explicit one-hot matrix.
        var rng = LossTestRandom(seed: 30)
        let n = 50
        let classes = 7
        let labels = (0..<n).map { _ in Int.random(in: -1..<classes, using: &rng) }
        let logits = (0..<(n * classes)).map { _ in Float.random(in: -6...3, using: &rng) }
        var oneHot = [Float](repeating: 0, count: n * classes)
        for (i, label) in labels.enumerated() where label >= 0 { oneHot[i * classes + label] = 1 }
        let inputs = FCOSLossInputs(
            classTargets: labels,
            regressionTargets: [LTRB](repeating: LTRB(l: 1, t: 1, r: 1, b: 1), count: n),
            classLogits: logits, regression: [LTRB](repeating: LTRB(l: 1, t: 1, r: 1, b: 1), count: n),
            centernessLogits: [Float](repeating: 0, count: n),
            locations: [Point](repeating: Point(x: 5, y: 5), count: n),
            strides: [Float](repeating: 8, count: n), classCount: classes)
        let positives = Float(max(labels.filter { $0 >= 0 }.count, 1))
        #expect(
            FCOSLoss.compute(inputs, rules: .torchvision).classification.isApproximatelyEqual(
                to: FocalLoss.sum(logits: logits, targets: oneHot) / positives, relativeTolerance: 1e-6))
    }
}

/// The sums and divisors behind each term, against the hand values of `threeLocationInputs`.
@Suite struct FCOSLossBreakdownTests {
    @Test func officialSumsAndDivisors() {
        let b = FCOSLoss.breakdown(threeLocationInputs(), rules: .official)
        #expect(b.positiveCount == 2)
        #expect(Double(b.classificationSum).isApproximatelyEqual(to: 0.606_503_8, relativeTolerance: 1e-5))
        #expect(b.classificationDivisor == 2 && b.centernessDivisor == 2)
        #expect(b.regressionIsWeighted)
        #expect(Double(b.regressionSum).isApproximatelyEqual(to: 1.563_134_0, relativeTolerance: 1e-5))
        #expect(Double(b.regressionDivisor).isApproximatelyEqual(to: 1.577_350_3, relativeTolerance: 1e-6))
        #expect(b.regressionDivisor == b.centernessTargetSum)
        #expect(Double(b.centernessSum).isApproximatelyEqual(to: 1.203_873_6, relativeTolerance: 1e-5))
        #expect(b.value == FCOSLoss.compute(threeLocationInputs(), rules: .official))
    }

    @Test func torchvisionDividesEverythingByThePositives() {
        let b = FCOSLoss.breakdown(threeLocationInputs(), rules: .torchvision)
        #expect(!b.regressionIsWeighted)
        #expect([b.classificationDivisor, b.regressionDivisor, b.centernessDivisor] == [2, 2, 2])
        // Unweighted GIoU losses of the decoded boxes: (1 − 1/4) + (1 − 1/2).
        #expect(Double(b.regressionSum).isApproximatelyEqual(to: 1.25, relativeTolerance: 1e-5))
        #expect(b.value == FCOSLoss.compute(threeLocationInputs(), rules: .torchvision))
    }

    @Test func mmdetAddsEpsilonAndEmptyImagesDivideByOne() {
        let b = FCOSLoss.breakdown(threeLocationInputs(), rules: .mmdet)
        #expect(b.classificationDivisor == 2 + .ulpOfOne)
        #expect(b.regressionDivisor == b.centernessTargetSum + .ulpOfOne)
        var empty = threeLocationInputs()
        empty.classTargets = [-1, -1, -1]
        let none = FCOSLoss.breakdown(empty, rules: .official)
        #expect(none.positiveCount == 0 && none.classificationDivisor == 1)
        #expect(none.value.regression == 0 && none.value.centerness == 0)
        let ema = FCOSLoss.breakdown(threeLocationInputs(), rules: .detectron2, normalizer: 300)
        #expect(ema.classificationDivisor == 300 && ema.regressionDivisor == 300)
    }
}
