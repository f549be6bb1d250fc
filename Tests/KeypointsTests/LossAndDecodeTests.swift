import FCOS
import Numerics
import Testing

@testable import Keypoints

@Suite("Penalty-reduced focal loss, embeddings, peak extraction")
struct LossAndDecodeTests {
    @Test func focalLossByHand() {
        // pos: log 0.9 · 0.1²; negatives: 0.5⁴ · 0.2² · log 0.8 and 1 · 0.1² · log 0.9; N = 1.
        let r = PenaltyReducedFocalLoss.loss(probabilities: [0.9, 0.2, 0.1], targets: [1, 0.5, 0])
        let pos = Float(0.01 * (0.9).logValue)
        let neg = Float(0.0625 * 0.04 * (0.8).logValue + 0.01 * (0.9).logValue)
        #expect(r.positiveCount == 1)
        #expect(r.positive.isApproximatelyEqual(to: pos, relativeTolerance: 1e-5))
        #expect(r.negative.isApproximatelyEqual(to: neg, relativeTolerance: 1e-5))
        #expect(r.loss.isApproximatelyEqual(to: 0.0026650704, relativeTolerance: 1e-5))
    }

    @Test func noPositiveMeansNoDivision() {
        let r = PenaltyReducedFocalLoss.loss(probabilities: [0.5, 0.5], targets: [0, 0])
        let neg = 2 * 0.25 * Float((0.5).logValue)
        #expect(r.positiveCount == 0)
        #expect(r.loss.isApproximatelyEqual(to: -neg, relativeTolerance: 1e-6))
        // Two positives halve the sum.
        let two = PenaltyReducedFocalLoss.loss(probabilities: [0.5, 0.5], targets: [1, 1])
        #expect(two.loss.isApproximatelyEqual(to: -(0.25 * Float((0.5).logValue)), relativeTolerance: 1e-6))
    }

    @Test func targetsAboveOneCountNowhere() {
        let r = PenaltyReducedFocalLoss.loss(probabilities: [0.3], targets: [1.5])
        #expect(r.positiveCount == 0 && r.positive == 0 && r.negative == 0)
    }

    @Test func logitsGoThroughTheClampedSigmoid() {
        #expect(PenaltyReducedFocalLoss.clampedSigmoid(100) == 1 - 1e-4)
        #expect(PenaltyReducedFocalLoss.clampedSigmoid(-100) == 1e-4)
        let r = PenaltyReducedFocalLoss.loss(logits: [0], targets: [1])
        #expect(r.loss.isApproximatelyEqual(to: -(0.25 * Float((0.5).logValue)), relativeTolerance: 1e-6))
    }

    @Test func pullAndPushAsTheReferenceEvaluatesThem() {
        // Means 0.25 and 2.25: pull = 4 · 0.25² / 2.0001; the means are 2 apart so only the
        // diagonal and its offsets are left in push (≈ 5e−5).
        let far = EmbeddingLoss.pullPush(topLeft: [0, 2], bottomRight: [0.5, 2.5])
        #expect(far.pull.isApproximatelyEqual(to: 0.25 / 2.0001, relativeTolerance: 1e-5))
        #expect(far.push.isApproximatelyEqual(to: 4.9948692e-05, relativeTolerance: 1e-2))
        // Means 0.1 and 0.5: push ≈ 2 · (1 − 0.4)/2 = 0.6.
        let near = EmbeddingLoss.pullPush(topLeft: [0, 0.4], bottomRight: [0.2, 0.6])
        #expect(near.push.isApproximatelyEqual(to: 0.60002, relativeTolerance: 1e-4))
        #expect(near.pull.isApproximatelyEqual(to: 0.019999005, relativeTolerance: 1e-4))
        // One object: the diagonal is not cancelled and push is about 1.
        let lone = EmbeddingLoss.pullPush(topLeft: [0.3], bottomRight: [0.7])
        #expect(lone.push.isApproximatelyEqual(to: 1.0001659, relativeTolerance: 1e-3))
        let none = EmbeddingLoss.pullPush(topLeft: [], bottomRight: [])
        #expect(none.pull == 0 && none.push == 0)
    }

    @Test func peaksSurviveTheThreeByThreeMaxPool() {
        var map = HeatMap(width: 5, height: 5)
        map[1, 1] = 0.9
        map[2, 1] = 0.5
        map[4, 3] = 0.7
        map[0, 4] = 0.3
        map[1, 4] = 0.3
        let peaks = PeakExtraction.peaks(map)
        #expect(peaks[1, 1] == 0.9 && peaks[4, 3] == 0.7)
        #expect(peaks[2, 1] == 0, "beside a higher cell")
        #expect(peaks[0, 4] == 0.3 && peaks[1, 4] == 0.3, "a plateau keeps both")
        let sizes = [(width: Float, height: Float)](repeating: (4, 2), count: 25)
        var offsets = [(x: Float, y: Float)](repeating: (0, 0), count: 25)
        offsets[1 * 5 + 1] = (0.25, 0.5)
        let found = PeakExtraction.decode(heatmaps: [map], sizes: sizes, offsets: offsets, k: 4)
        #expect(found.map(\.score) == [0.9, 0.7, 0.3, 0.3])
        #expect(found[0].box == Box(x0: -0.75, y0: 0.5, x1: 3.25, y1: 2.5))
        #expect(found[2].cellX == 0 && found[3].cellX == 1)
        let padded = PeakExtraction.decode(heatmaps: [map], sizes: sizes, offsets: nil, k: 6)
        #expect(padded.count == 6 && padded[4].score == 0, "zeros fill the list as torch.topk does")
        #expect(padded[1].box.x0 == 4.5 - 2, "without offsets the centre is the cell + 0.5")
    }

    @Test func decodeRecoversTheTargetBoxes() throws {
        let boxes = [
            GroundTruth(box: Box(x0: 101, y0: 62, x1: 167, y1: 103), label: 1),
            GroundTruth(box: Box(x0: 300, y0: 200, x1: 420, y1: 330), label: 0),
        ]
        let t = try CenterNetTargets(boxes, inputWidth: 512, inputHeight: 512, classes: 2)
        var sizes = [(width: Float, height: Float)](repeating: (0, 0), count: 128 * 128)
        var offsets = [(x: Float, y: Float)](repeating: (0, 0), count: 128 * 128)
        for case let o? in t.objects {
            sizes[o.index] = o.size
            offsets[o.index] = o.offset
        }
        let found = PeakExtraction.decode(heatmaps: t.heatmaps, sizes: sizes, offsets: offsets, k: 2)
        let decoded = Set(found.map { $0.box })
        let expected = Set(t.objects.compactMap { $0?.box })
        #expect(decoded == expected)
    }
}

extension Double {
    var logValue: Double {
        var x = self
        var n = 0.0
        while x > 2 {
            x /= 2
            n += 1
        }
        // ln x via atanh series: ln x = 2 atanh((x − 1)/(x + 1)).
        let z = (x - 1) / (x + 1)
        var term = z
        var sum = 0.0
        var k = 1.0
        while abs(term) > 1e-18 {
            sum += term / k
            term *= z * z
            k += 2
        }
        return 2 * sum + n * 0.6931471805599453
    }
}
