import ATSS
import FCOS
import Numerics
import Testing

/// COCO `[x, y, w, h]` as each reference's data path turns it into corners: the authors'
/// maskrcnn-benchmark loader writes `x1 = x + w − 1` (inclusive pixels), mmdetection `x1 = x + w`.
func cocoBox(_ x: Float, _ y: Float, _ w: Float, _ h: Float, for preset: ATSSPreset) -> GroundTruth {
    switch preset.rules.anchors.boxes {
    case .inclusivePixels: return GroundTruth(box: Box(x0: x, y0: y, x1: x + w - 1, y1: y + h - 1))
    case .continuous: return GroundTruth(box: Box(x0: x, y0: y, x1: x + w, y1: y + h))
    }
}

/// The test vectors of `research/beyond-fcos.md` §8, produced there by running the unmodified
/// official `prepare_targets` and mmdetection `ATSSAssigner`: one box on a square image, k = 9.
@Suite("ATSS: the research notes' vectors A–D")
struct ResearchVectorTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        var name: String
        var image: Int
        var xywh: (Float, Float, Float, Float)
        var preset: ATSSPreset
        var threshold: Double
        var tolerance: Double
        var positives: [Int]
        var testDescription: String { "\(name) \(preset.name)" }
    }

    static let vectors: [Vector] = [
        Vector(
            name: "A", image: 512, xywh: (331, 295, 37, 164), preset: .atss, threshold: 0.2640,
            tolerance: 5e-5,
            positives: [9, 6, 0, 0, 0]),
        Vector(
            name: "A", image: 512, xywh: (331, 295, 37, 164), preset: .atssMmdet, threshold: 0.2620,
            tolerance: 5e-5, positives: [9, 4, 0, 0, 0]),
        Vector(
            name: "B", image: 512, xywh: (348, 136, 111, 260), preset: .atss, threshold: 0.37760,
            tolerance: 5e-6,
            positives: [0, 8, 3, 0, 0]),
        Vector(
            name: "B", image: 512, xywh: (348, 136, 111, 260), preset: .atssMmdet, threshold: 0.38406,
            tolerance: 5e-6, positives: [0, 9, 7, 0, 0]),
        Vector(
            name: "C", image: 512, xywh: (209, 145, 209, 144), preset: .atss, threshold: 0.43967,
            tolerance: 5e-6,
            positives: [0, 9, 6, 0, 0]),
        Vector(
            name: "C", image: 512, xywh: (209, 145, 209, 144), preset: .atssMmdet, threshold: 0.44175,
            tolerance: 5e-6, positives: [0, 8, 6, 0, 0]),
        Vector(
            name: "D", image: 800, xywh: (373, 204, 36, 254), preset: .atss, threshold: 0.2087,
            tolerance: 5e-5,
            positives: [9, 6, 0, 0, 0]),
    ]

    @Test(arguments: vectors)
    func thresholdAndPositivesPerLevel(_ v: Vector) {
        let gt = cocoBox(v.xywh.0, v.xywh.1, v.xywh.2, v.xywh.3, for: v.preset)
        let a = v.preset.assigner.assign([gt], imageWidth: v.image, imageHeight: v.image)
        let box = a.boxes[0]
        #expect(box.candidateCount == 45)
        #expect(!box.hasTie, "the notes chose vectors without ties at the 9th distance")
        let t = Double(box.threshold ?? .nan)
        #expect(t.isApproximatelyEqual(to: v.threshold, absoluteTolerance: v.tolerance), "threshold \(t)")
        #expect(box.positivesPerLevel == v.positives)
        #expect(a.levels.map(\.positiveCount) == v.positives)
    }

    /// Vector A, official: the three P4 candidates of column 20 (centre x = 20·16 + 8 = 328) are
    /// above the threshold but left of x0 = 331.
    @Test func vectorACentreTestRemovesThreeP4Candidates() {
        let gt = cocoBox(331, 295, 37, 164, for: .atss)
        let box = ATSSPreset.atss.assigner.assign([gt], imageWidth: 512, imageHeight: 512).boxes[0]
        let outside = box.levels[1].candidates.filter { $0.verdict == .centerOutside }
        #expect(outside.count == 3)
        #expect(outside.allSatisfy { $0.center.x == 328 && $0.iou >= box.threshold! })
    }

    /// Vector B, official: with the population deviation the threshold drops to 0.37581, under
    /// the three P5 candidates at IoU 0.37627, which then pass.
    @Test func vectorBSampleVersusPopulationDeviation() {
        let gt = cocoBox(348, 136, 111, 260, for: .atss)
        var rules = ATSSPreset.atss.rules
        let sample = ATSSAssigner(rules: rules).assign([gt], imageWidth: 512, imageHeight: 512).boxes[0]
        rules.deviation = .population
        let population = ATSSAssigner(rules: rules).assign([gt], imageWidth: 512, imageHeight: 512).boxes[0]
        #expect(Double(population.threshold!).isApproximatelyEqual(to: 0.37581, absoluteTolerance: 5e-6))
        #expect(population.threshold == sample.populationThreshold)
        #expect(population.positivesPerLevel == [0, 8, 6, 0, 0])
        let flipped = sample.levels[2].candidates.filter {
            $0.verdict == .belowThreshold && $0.iou >= population.threshold!
        }
        #expect(flipped.count == 3)
        #expect(
            flipped.allSatisfy { Double($0.iou).isApproximatelyEqual(to: 0.37627, absoluteTolerance: 5e-6) })
    }

    /// Vector B in mmdetection's conventions: the population deviation changes nothing.
    @Test func vectorBMmdetUnchangedByPopulationDeviation() {
        let gt = cocoBox(348, 136, 111, 260, for: .atssMmdet)
        var rules = ATSSPreset.atssMmdet.rules
        rules.deviation = .population
        let box = ATSSAssigner(rules: rules).assign([gt], imageWidth: 512, imageHeight: 512).boxes[0]
        #expect(box.positivesPerLevel == [0, 9, 7, 0, 0])
    }

    /// Vector C in mmdetection's conventions: the population deviation adds one P4 positive.
    @Test func vectorCMmdetPopulationDeviation() {
        let gt = cocoBox(209, 145, 209, 144, for: .atssMmdet)
        var rules = ATSSPreset.atssMmdet.rules
        rules.deviation = .population
        let box = ATSSAssigner(rules: rules).assign([gt], imageWidth: 512, imageHeight: 512).boxes[0]
        #expect(box.positivesPerLevel == [0, 9, 6, 0, 0])
    }

    /// Vector D: the P4 candidates of column 25 have centre x = 408 = x1, so `r = 0`, not > 0.01.
    @Test func vectorDCentreOnTheRightEdgeFails() {
        let gt = cocoBox(373, 204, 36, 254, for: .atss)
        #expect(gt.box.x1 == 408)
        let box = ATSSPreset.atss.assigner.assign([gt], imageWidth: 800, imageHeight: 800).boxes[0]
        let onEdge = box.levels[1].candidates.filter { $0.center.x == 408 }
        #expect(onEdge.count == 3)
        #expect(onEdge.allSatisfy { $0.verdict == .centerOutside })
    }
}
