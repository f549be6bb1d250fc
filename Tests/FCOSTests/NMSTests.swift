import Testing

@testable import FCOS

/// Random NMS inputs that are hard on exactness: coordinates often snapped to a coarse grid (so
/// IoUs land exactly on thresholds), duplicated boxes, tied scores, empty and inverted boxes,
/// and a few boxes much larger than the rest.
func randomDetections(_ rng: inout LossTestRandom, count: Int) -> (
    boxes: [Box], scores: [Float], labels: [Int]
) {
    var boxes: [Box] = []
    var scores: [Float] = []
    var labels: [Int] = []
    for _ in 0..<count {
        let snap = Int.random(in: 0..<3, using: &rng) == 0
        func coordinate(_ range: ClosedRange<Float>) -> Float {
            let value = Float.random(in: range, using: &rng)
            return snap ? (value / 4).rounded() * 4 : value
        }
        let x = coordinate(0...600)
        let y = coordinate(0...600)
        var w = coordinate(4...120)
        var h = coordinate(4...120)
        switch Int.random(in: 0..<40, using: &rng) {
        case 0: w = 0
        case 1: h = -3
        case 2:
            w *= 8
            h *= 8
        default: break
        }
        if let previous = boxes.last, Int.random(in: 0..<10, using: &rng) == 0 {
            boxes.append(previous)
        } else {
            boxes.append(Box(x0: x, y0: y, x1: x + w, y1: y + h))
        }
        let tied = Int.random(in: 0..<4, using: &rng) == 0
        scores.append(
            tied ? Float(Int.random(in: 0...4, using: &rng)) / 4 : Float.random(in: 0...1, using: &rng))
        labels.append(Int.random(in: 0..<3, using: &rng))
    }
    return (boxes, scores, labels)
}

@Suite struct NMSTests {
    @Test func keepsASubsetInDescendingScoreOrder() {
        var rng = LossTestRandom(seed: 20)
        let (boxes, scores, _) = randomDetections(&rng, count: 300)
        let kept = NMS.greedy(boxes: boxes, scores: scores, iouThreshold: 0.5)
        #expect(Set(kept).count == kept.count)
        #expect(!kept.isEmpty && kept.count < boxes.count)
        for (a, b) in zip(kept, kept.dropFirst()) {
            #expect(scores[a] > scores[b] || (scores[a] == scores[b] && a < b))
        }
        // No two kept boxes overlap above the threshold.
        for (position, a) in kept.enumerated() {
            for b in kept[(position + 1)...] {
                #expect(!(intersectionOverUnion(boxes[a], boxes[b]) > 0.5))
            }
        }
    }

    @Test func anIoUExactlyAtTheThresholdIsKeptByStrictComparison() {
        // [0,0,2,1] (area 2) and [0,0,1,1] (area 1): I = 1, U = 2 + 1 − 1 = 2, IoU = 0.5 exactly.
        let boxes = [Box(x0: 0, y0: 0, x1: 2, y1: 1), Box(x0: 0, y0: 0, x1: 1, y1: 1)]
        let scores: [Float] = [0.9, 0.8]
        #expect(NMS.greedy(boxes: boxes, scores: scores, iouThreshold: 0.5) == [0, 1])
        #expect(
            NMS.greedy(boxes: boxes, scores: scores, iouThreshold: 0.5, suppression: .greaterThanOrEqual) == [
                0
            ])
        #expect(NMS.greedy(boxes: boxes, scores: scores, iouThreshold: 0.49) == [0])
    }

    @Test func inclusivePixelWidthsAddOne() {
        // [0,0,1,0] and [0,0,0,0] with +1 widths: areas 2 · 1 = 2 and 1; I = (0 − 0 + 1)(0 − 0 + 1) = 1,
        // IoU = 1 / (2 + 1 − 1) = 0.5. Continuously both have area 0: IoU = 0/0, never suppressed.
        let boxes = [Box(x0: 0, y0: 0, x1: 1, y1: 0), Box(x0: 0, y0: 0, x1: 0, y1: 0)]
        let scores: [Float] = [0.9, 0.8]
        #expect(
            NMS.greedy(boxes: boxes, scores: scores, iouThreshold: 0.4, convention: .inclusivePixels) == [0])
        #expect(
            NMS.greedy(
                boxes: boxes, scores: scores, iouThreshold: 0.5, convention: .inclusivePixels,
                suppression: .greaterThanOrEqual) == [0])
        #expect(
            NMS.greedy(boxes: boxes, scores: scores, iouThreshold: 0.5, convention: .inclusivePixels) == [
                0, 1,
            ])
        #expect(NMS.greedy(boxes: boxes, scores: scores, iouThreshold: 0.01) == [0, 1])
    }

    @Test func thresholdPrecisionFollowsTheKernel() {
        // [0,0,5,1] (area 5) and [0,0,3,1] (area 3): IoU = 3/5, which rounds to Float(0.6) =
        // 0.6000000238 > 0.6. torchvision compares against the double 0.6 and suppresses;
        // float32 kernels compare against Float(0.6) and keep.
        let boxes = [Box(x0: 0, y0: 0, x1: 5, y1: 1), Box(x0: 0, y0: 0, x1: 3, y1: 1)]
        let scores: [Float] = [0.9, 0.8]
        #expect(NMS.greedy(boxes: boxes, scores: scores, iouThreshold: 0.6) == [0])
        #expect(NMS.greedy(boxes: boxes, scores: scores, iouThreshold: Double(Float(0.6))) == [0, 1])
    }

    @Test func tiesKeepInputOrder() {
        let box = Box(x0: 10, y0: 10, x1: 20, y1: 20)
        // Identical boxes, equal scores: the first one is visited first and suppresses the rest.
        #expect(NMS.greedy(boxes: [box, box, box], scores: [0.5, 0.5, 0.5], iouThreshold: 0.5) == [0])
        #expect(NMS.greedy(boxes: [box, box, box], scores: [0.5, 0.9, 0.5], iouThreshold: 0.5) == [1])
        // Separate boxes with equal scores come out in input order.
        let apart = (0..<5).map { i in Box(x0: Float(i) * 30, y0: 0, x1: Float(i) * 30 + 10, y1: 10) }
        #expect(
            NMS.greedy(boxes: apart, scores: [0.5, 0.7, 0.5, 0.7, 0.5], iouThreshold: 0.5) == [1, 3, 0, 2, 4])
        #expect(NMS.scoreOrder([0.5, .nan, 0.7, .nan]) == [1, 3, 2, 0])
    }

    @Test func classAwareKeepsOverlapsOfDifferentLabels() {
        let box = Box(x0: 10, y0: 10, x1: 20, y1: 20)
        let shifted = Box(x0: 11, y0: 10, x1: 21, y1: 20)  // IoU 90/110 = 0.818 with `box`
        let boxes = [box, shifted, box]
        let scores: [Float] = [0.6, 0.9, 0.7]
        #expect(NMS.batched(boxes: boxes, scores: scores, labels: [0, 1, 0], iouThreshold: 0.5) == [1, 2])
        #expect(
            NMS.batched(boxes: boxes, scores: scores, labels: [0, 1, 2], iouThreshold: 0.5) == [1, 2, 0])
        #expect(NMS.batched(boxes: boxes, scores: scores, labels: [4, 4, 4], iouThreshold: 0.5) == [1])
        #expect(NMS.batched(boxes: [], scores: [], labels: [], iouThreshold: 0.5) == [])
    }

    @Test func fastPathEqualsThePlainLoop() {
        var rng = LossTestRandom(seed: 21)
        for round in 0..<60 {
            let (boxes, scores, _) = randomDetections(&rng, count: Int.random(in: 30...500, using: &rng))
            let threshold = [0.3, 0.5, 0.6, 0.7, 0.9, 1.0, 0.05][round % 7]
            let convention: BoxConvention = round % 2 == 0 ? .continuous : .inclusivePixels
            let suppression: NMS.Suppression = round % 3 == 0 ? .greaterThanOrEqual : .greaterThan
            let fast = NMS.greedy(
                boxes: boxes, scores: scores, iouThreshold: threshold, convention: convention,
                suppression: suppression)
            let plain = NMS.greedyReference(
                boxes: boxes, scores: scores, iouThreshold: threshold, convention: convention,
                suppression: suppression)
            #expect(fast == plain, "round \(round)")
        }
    }

    @Test func fastPathEqualsThePlainLoopOnTheBenchmarkScene() {
        // The benchmark's distribution: 2 000 boxes uniform in 1000 × 1000, sides in [8, 200].
        var rng = LossTestRandom(seed: 22)
        var boxes: [Box] = []
        for _ in 0..<2000 {
            let x = Float.random(in: 0...1000, using: &rng)
            let y = Float.random(in: 0...1000, using: &rng)
            let w = Float.random(in: 8...200, using: &rng)
            let h = Float.random(in: 8...200, using: &rng)
            boxes.append(Box(x0: x, y0: y, x1: x + w, y1: y + h))
        }
        let scores = boxes.map { _ in Float.random(in: 0...1, using: &rng) }
        for threshold in [0.5, 0.6] {
            let fast = NMS.greedy(boxes: boxes, scores: scores, iouThreshold: threshold)
            #expect(fast == NMS.greedyReference(boxes: boxes, scores: scores, iouThreshold: threshold))
        }
    }

    @Test func nonPositiveThresholdsAndNonFiniteBoxesUseThePlainLoop() {
        var rng = LossTestRandom(seed: 23)
        var (boxes, scores, _) = randomDetections(&rng, count: 80)
        for threshold in [0.0, -0.5] {
            for suppression in NMS.Suppression.allCases {
                #expect(
                    NMS.greedy(
                        boxes: boxes, scores: scores, iouThreshold: threshold, suppression: suppression)
                        == NMS.greedyReference(
                            boxes: boxes, scores: scores, iouThreshold: threshold, suppression: suppression))
            }
        }
        boxes[3] = Box(x0: .nan, y0: 0, x1: 1, y1: 1)
        boxes[5] = Box(x0: 0, y0: 0, x1: .infinity, y1: 1)
        scores[7] = .nan
        #expect(
            NMS.greedy(boxes: boxes, scores: scores, iouThreshold: 0.5)
                == NMS.greedyReference(boxes: boxes, scores: scores, iouThreshold: 0.5))
    }

    @Test func batchedEqualsTheCoordinateOffsetTrick() {
        // torchvision's batched_nms shifts each label's boxes by label · (max coordinate + 1) and
        // runs one NMS; on coordinates that are small integers the shift is exact, so the kept
        // sets must agree.
        var rng = LossTestRandom(seed: 24)
        for round in 0..<30 {
            var boxes: [Box] = []
            var scores: [Float] = []
            var labels: [Int] = []
            for _ in 0..<Int.random(in: 40...300, using: &rng) {
                let x = Float(Int.random(in: 0...200, using: &rng))
                let y = Float(Int.random(in: 0...200, using: &rng))
                let w = Float(Int.random(in: 1...60, using: &rng))
                let h = Float(Int.random(in: 1...60, using: &rng))
                boxes.append(Box(x0: x, y0: y, x1: x + w, y1: y + h))
                scores.append(Float(Int.random(in: 0...50, using: &rng)) / 50)
                labels.append(Int.random(in: 0..<4, using: &rng))
            }
            let offset = boxes.map { max($0.x1, $0.y1) }.max()! + 1
            let shifted = zip(boxes, labels).map { box, label in
                let d = Float(label) * offset
                return Box(x0: box.x0 + d, y0: box.y0 + d, x1: box.x1 + d, y1: box.y1 + d)
            }
            let threshold = [0.3, 0.5, 0.7][round % 3]
            let batched = NMS.batched(boxes: boxes, scores: scores, labels: labels, iouThreshold: threshold)
            let trick = NMS.greedyReference(boxes: shifted, scores: scores, iouThreshold: threshold)
            #expect(batched == trick)
        }
    }
}

@Suite("NMS progress")
struct NMSProgressTests {
    @Test("Progress is reported every 8 192 candidates and does not change what is kept")
    func progress() {
        var rng = SplitMix64(seed: 5)
        let n = 20_000
        let boxes = (0..<n).map { _ in
            let x = Float.random(in: 0...1000, using: &rng)
            let y = Float.random(in: 0...1000, using: &rng)
            return Box(x0: x, y0: y, x1: x + Float.random(in: 1...60, using: &rng), y1: y + 30)
        }
        let scores = (0..<n).map { _ in Float.random(in: 0...1, using: &rng) }
        var reports: [Int] = []
        let keep = NMS.greedy(boxes: boxes, scores: scores, iouThreshold: 0.5) { done, total in
            #expect(total == n)
            reports.append(done)
        }
        #expect(reports == [0, 8192, 16_384])
        #expect(keep == NMS.greedy(boxes: boxes, scores: scores, iouThreshold: 0.5))
        let labels = (0..<n).map { $0 % 2 }
        var batchedReports: [Int] = []
        let batched = NMS.batched(boxes: boxes, scores: scores, labels: labels, iouThreshold: 0.5) {
            done, _ in
            batchedReports.append(done)
        }
        #expect(batchedReports.count == 4 && batchedReports.sorted() == batchedReports)
        #expect(batched == NMS.batched(boxes: boxes, scores: scores, labels: labels, iouThreshold: 0.5))
    }
}
