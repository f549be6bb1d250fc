import Foundation
import RealModule
import Testing

@testable import FCOS

/// Seeded generator for the loss and NMS tests (SplitMix64).
struct LossTestRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Distance from `value` to the double-precision `reference`, in float32 ulps at the reference.
func ulpDistance(_ value: Float, _ reference: Double) -> Double {
    let rounded = Float(reference)
    if rounded == 0 { return value == 0 ? 0 : abs(Double(value)) / Double(Float.leastNonzeroMagnitude) }
    return abs(Double(value) - reference) / Double(rounded.ulp)
}

/// `max(x, 0) − x·z + log1p(exp(−|x|))` in double precision.
func referenceBCE(_ x: Float, _ z: Float) -> Double {
    let x = Double(x)
    let z = Double(z)
    return max(x, 0) - x * z + log1p(exp(-abs(x)))
}

@Suite struct BinaryCrossEntropyTests {
    @Test func logitZeroCostsLnTwoWhateverTheTarget() {
        // max(0, 0) − 0·z + log(1 + e⁰) = ln 2 ≈ 0.6931472 for every z.
        for z: Float in [0, 0.3, 1] {
            #expect(
                BinaryCrossEntropy.value(logit: 0, target: z).isApproximatelyEqual(
                    to: Float(M_LN2), relativeTolerance: 1e-6))
        }
    }

    @Test func extremeLogitsStayFinite() {
        // x = ±1e4: exp(−|x|) underflows to 0, so the loss is max(x, 0) − x·z exactly.
        #expect(BinaryCrossEntropy.value(logit: 1e4, target: 1) == 0)  // 1e4 − 1e4 + 0
        #expect(BinaryCrossEntropy.value(logit: 1e4, target: 0) == 1e4)  // 1e4 − 0 + 0
        #expect(BinaryCrossEntropy.value(logit: -1e4, target: 1) == 1e4)  // 0 + 1e4 + 0
        #expect(BinaryCrossEntropy.value(logit: -1e4, target: 0) == 0)  // 0 − 0 + 0
        #expect(
            BinaryCrossEntropy.value(logit: -1e4, target: 0.5).isApproximatelyEqual(
                to: 5000, relativeTolerance: 1e-7))
    }

    @Test func softTargetByHand() {
        // x = 2, z = 0.25: 2 − 0.5 + log(1 + e⁻²) = 1.5 + 0.1269280 = 1.6269280.
        #expect(
            BinaryCrossEntropy.value(logit: 2, target: 0.25).isApproximatelyEqual(
                to: 1.626_928, relativeTolerance: 1e-6))
        // x = −3, z = 1: 0 + 3 + log(1 + e⁻³) = 3 + 0.0485873 = 3.0485873.
        #expect(
            BinaryCrossEntropy.value(logit: -3, target: 1).isApproximatelyEqual(
                to: 3.048_587_3, relativeTolerance: 1e-6))
    }

    @Test func tinyLossesKeepTheirValue() {
        // x = −20, z = 0: the loss is log1p(e⁻²⁰) = 2.0611537e-9, far below ulp(20).
        #expect(
            BinaryCrossEntropy.value(logit: -20, target: 0).isApproximatelyEqual(
                to: 2.061_153_6e-9, relativeTolerance: 1e-5))
        #expect(BinaryCrossEntropy.value(logit: 100, target: 1) > 0)  // e⁻¹⁰⁰ is a float32 subnormal
    }

    @Test func withinTwoUlpsOfDoublePrecision() {
        var rng = LossTestRandom(seed: 1)
        var worst = 0.0
        for _ in 0..<200_000 {
            let x = Float.random(in: -30...30, using: &rng)
            let z: Float = [0, 1, Float.random(in: 0...1, using: &rng)].randomElement(using: &rng)!
            worst = max(worst, ulpDistance(BinaryCrossEntropy.value(logit: x, target: z), referenceBCE(x, z)))
        }
        #expect(worst <= 2)
    }

    @Test func kernelTermsAreAccurate() {
        var rng = LossTestRandom(seed: 2)
        var worst = (e: 0.0, tail: 0.0, p: 0.0)
        for _ in 0..<200_000 {
            let x = Float.random(in: -110...110, using: &rng)
            let terms = LogisticKernel.terms(.init(repeating: x))
            let e = exp(-abs(Double(x)))
            worst.e = max(worst.e, ulpDistance(terms.e[0], e))
            worst.tail = max(worst.tail, ulpDistance(Float(terms.tail[0]), log1p(e)))
            worst.p = max(worst.p, ulpDistance(terms.p[0], 1 / (1 + exp(-Double(x)))))
        }
        #expect(worst.e <= 1.5)
        #expect(worst.tail <= 2)
        #expect(worst.p <= 2.5)
    }

    @Test func arraysMatchTheScalarBitForBit() {
        var rng = LossTestRandom(seed: 3)
        for count in [0, 1, 7, 8, 9, 23, 64] {
            let logits = (0..<count).map { _ in Float.random(in: -12...12, using: &rng) }
            let targets = (0..<count).map { _ in Float.random(in: 0...1, using: &rng) }
            let elements = BinaryCrossEntropy.elements(logits: logits, targets: targets)
            #expect(elements == zip(logits, targets).map { BinaryCrossEntropy.value(logit: $0, target: $1) })
            let sum = BinaryCrossEntropy.sum(logits: logits, targets: targets)
            #expect(sum.isApproximatelyEqual(to: Reduction.sum(elements), absoluteTolerance: 1e-5))
            #expect(BinaryCrossEntropy.loss(logits: logits, targets: targets, reduction: .none) == elements)
            #expect(BinaryCrossEntropy.loss(logits: logits, targets: targets, reduction: .sum) == [sum])
        }
    }

    @Test func meanDividesByTheElementCount() {
        // Elements at x = 0 are ln 2 each, so the mean of any number of them is ln 2.
        let mean = BinaryCrossEntropy.loss(logits: [0, 0, 0], targets: [0, 1, 0.5], reduction: .mean)
        #expect(mean[0].isApproximatelyEqual(to: Float(M_LN2), relativeTolerance: 1e-6))
        #expect(BinaryCrossEntropy.loss(logits: [], targets: [], reduction: .mean)[0].isNaN)
    }
}

@Suite struct FocalLossReductionTests {
    @Test func reductionsFollowPyTorch() {
        #expect(Reduction.none.reduce([1, 2, 4]) == [1, 2, 4])
        #expect(Reduction.sum.reduce([1, 2, 4]) == [7])
        #expect(Reduction.mean.reduce([1, 2, 4]) == [Float(7.0 / 3.0)])
        #expect(Reduction.sum.reduce([]) == [0])
        #expect(Reduction.mean.reduce([])[0].isNaN)
    }

    @Test func sumsAreAccumulatedInDouble() {
        // 1 + 4096 × 2⁻²⁴ = 1 + 2⁻¹²; adding 2⁻²⁴ to 1 in float32 rounds back to 1 every time.
        let elements = [Float(1)] + [Float](repeating: 0x1p-24, count: 4096)
        #expect(Reduction.sum(elements) == 1 + 0x1p-12)
    }
}
