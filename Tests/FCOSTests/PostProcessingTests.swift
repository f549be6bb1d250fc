import Foundation
import RealModule
import Testing

@testable import FCOS

/// A 100 × 80 image, one stride-8 level, two classes, four locations:
///
/// | location | point | logits (c0, c1) | ctr logit | distances (px) | box |
/// |---|---|---|---|---|---|
/// | 0 | (20, 20) | (2, −3) | 1 | (10, 10, 10, 10) | [10, 10, 30, 30] |
/// | 1 | (28, 20) | (1, −5) | 0 | (12, 10, 8, 10) | [16, 10, 36, 30] |
/// | 2 | (60, 40) | (−4, 0.5) | −1 | (30, 10, 30, 10) | [30, 30, 90, 50] |
/// | 3 | (96, 76) | (−1, −2.5) | 2 | (20, 20, 20, 20) | [76, 56, 116, 96] |
///
/// p = σ(logit): 0.880797, 0.047426 | 0.731059, 0.006693 | 0.017986, 0.622459 | 0.268941, 0.075858;
/// ctr = σ: 0.731059, 0.5, 0.268941, 0.880797.
/// p·ctr: 0.643914, 0.034671 | 0.365529, 0.003346 | 0.004837, 0.167405 | 0.236883, 0.066816;
/// √(p·ctr): 0.802443, 0.186202 | 0.604590, 0.057848 | 0.069550, 0.409152 | 0.486706, 0.258487.
/// Boxes 0 and 1 overlap with IoU 280/520 = 0.5385 (14 × 20 over 400 + 400 − 280), or with +1
/// widths 315/567 = 0.5556 (15 × 21 over 441 + 441 − 315).
func postProcessingScene(units: RegressionUnits) -> DensePredictions {
    let distances = [
        LTRB(l: 10, t: 10, r: 10, b: 10), LTRB(l: 12, t: 10, r: 8, b: 10), LTRB(l: 30, t: 10, r: 30, b: 10),
        LTRB(l: 20, t: 20, r: 20, b: 20),
    ]
    let k: Float = units == .stride ? 8 : 1
    return DensePredictions(
        locations: [Point(x: 20, y: 20), Point(x: 28, y: 20), Point(x: 60, y: 40), Point(x: 96, y: 76)],
        stride: 8,
        classLogits: [2, -3, 1, -5, -4, 0.5, -1, -2.5],
        regression: distances.map { LTRB(l: $0.l / k, t: $0.t / k, r: $0.r / k, b: $0.b / k) },
        centernessLogits: [1, 0, -1, 2])
}

func expectDetections(_ detections: [Detection], _ expected: [(Int, Int, Double)]) {
    #expect(detections.count == expected.count)
    for (detection, (location, label, score)) in zip(detections, expected) {
        #expect(detection.locationIndex == location && detection.label == label && detection.level == 0)
        #expect(Double(detection.score).isApproximatelyEqual(to: score, relativeTolerance: 2e-5))
    }
}

@Suite struct PostProcessingTests {
    @Test func official() {
        // p > 0.05 keeps (0,c0) (1,c0) (2,c1) (3,c0) (3,c1); scores √(p·ctr); loc 3 clipped to
        // [0, 99] × [0, 79]; boxes 0 and 1 (IoU 0.5556 with +1 widths) are both under 0.6.
        let detections = PostProcessing.detections(
            levels: [postProcessingScene(units: .pixels)], imageWidth: 100, imageHeight: 80, rules: .official)
        expectDetections(
            detections,
            [(0, 0, 0.802_443), (1, 0, 0.604_590), (3, 0, 0.486_706), (2, 1, 0.409_152), (3, 1, 0.258_487)])
        #expect(detections[2].box == Box(x0: 76, y0: 56, x1: 99, y1: 79))
        #expect(detections[0].box == Box(x0: 10, y0: 10, x1: 30, y1: 30))
        let improved = PostProcessing.detections(
            levels: [postProcessingScene(units: .stride)], imageWidth: 100, imageHeight: 80,
            rules: .officialImprv)
        #expect(improved == detections)
    }

    @Test func mmdetection() {
        // Same candidates (threshold on p); scores p·ctr; loc 3 clipped to [0, 100] × [0, 80];
        // NMS at 0.5 removes box 1 (IoU 0.5385 with box 0, same class).
        let detections = PostProcessing.detections(
            levels: [postProcessingScene(units: .stride)], imageWidth: 100, imageHeight: 80, rules: .mmdet)
        expectDetections(
            detections, [(0, 0, 0.643_914), (3, 0, 0.236_883), (2, 1, 0.167_405), (3, 1, 0.066_816)])
        #expect(detections[1].box == Box(x0: 76, y0: 56, x1: 100, y1: 80))
    }

    @Test func torchvisionAndDetectron2() {
        // √(p·ctr) > 0.2 keeps the same five pairs ((0,c1) at 0.186 is out); IoU 0.5385 < 0.6.
        let expected: [(Int, Int, Double)] = [
            (0, 0, 0.802_443), (1, 0, 0.604_590), (3, 0, 0.486_706), (2, 1, 0.409_152), (3, 1, 0.258_487),
        ]
        for rules in [PostProcessingRules.torchvision, .detectron2] {
            let detections = PostProcessing.detections(
                levels: [postProcessingScene(units: .stride)], imageWidth: 100, imageHeight: 80, rules: rules)
            expectDetections(detections, expected)
            #expect(detections[2].box == Box(x0: 76, y0: 56, x1: 100, y1: 80))
        }
    }

    @Test func eecs498KeepsOneClassPerLocationAndNoCap() {
        // Best class per location: (0,c0) 0.802, (1,c0) 0.605, (2,c1) 0.409, (3,c0) 0.487, all > 0.3;
        // NMS at 0.5 removes (1,c0).
        let detections = PostProcessing.detections(
            levels: [postProcessingScene(units: .stride)], imageWidth: 100, imageHeight: 80, rules: .eecs498)
        expectDetections(detections, [(0, 0, 0.802_443), (3, 0, 0.486_706), (2, 1, 0.409_152)])
    }

    @Test func topKRanksByEachReferencesScore() {
        // Keep 3 per level. By p·ctr (official): 0.6439 (0,c0), 0.3655 (1,c0), 0.2369 (3,c0).
        // By p (mmdetection 3): 0.8808 (0,c0), 0.7311 (1,c0), 0.6225 (2,c1).
        var official = PostProcessingRules.official
        official.candidatesPerLevel = 3
        var mmdet = PostProcessingRules.mmdet
        mmdet.candidatesPerLevel = 3
        let byProduct = PostProcessing.candidates(
            levels: [postProcessingScene(units: .pixels)], imageWidth: 100, imageHeight: 80, rules: official)
        let byProbability = PostProcessing.candidates(
            levels: [postProcessingScene(units: .stride)], imageWidth: 100, imageHeight: 80, rules: mmdet)
        #expect(byProduct.map { [$0.locationIndex, $0.label] } == [[0, 0], [1, 0], [3, 0]])
        #expect(byProbability.map { [$0.locationIndex, $0.label] } == [[0, 0], [1, 0], [2, 1]])
    }

    @Test func detectron2ClipsOnlyAfterNMS() {
        // Same class, near the right edge of a 100-wide image. Unclipped, A = [80,0,140,20] and
        // B = [86,0,100,20] overlap 280 / (1200 + 280 − 280) = 0.233; clipped, A = [80,0,100,20]
        // and the IoU is 280 / 400 = 0.7 > 0.6. torchvision suppresses B, detectron2 keeps it and
        // clips A afterwards.
        let level = DensePredictions(
            locations: [Point(x: 90, y: 10), Point(x: 93, y: 10)], stride: 8, classLogits: [3, 2],
            regression: [LTRB(l: 10, t: 10, r: 50, b: 10), LTRB(l: 7, t: 10, r: 7, b: 10)].map {
                LTRB(l: $0.l / 8, t: $0.t / 8, r: $0.r / 8, b: $0.b / 8)
            }, centernessLogits: [0, 0])
        let torchvision = PostProcessing.detections(
            levels: [level], imageWidth: 100, imageHeight: 80, rules: .torchvision)
        let detectron2 = PostProcessing.detections(
            levels: [level], imageWidth: 100, imageHeight: 80, rules: .detectron2)
        #expect(torchvision.map(\.locationIndex) == [0])
        #expect(detectron2.map(\.locationIndex) == [0, 1])
        #expect(detectron2[0].box == Box(x0: 80, y0: 0, x1: 100, y1: 20))
    }

    @Test func mmdetectionDropsEmptyBoxes() {
        // A box lying entirely right of the image clips to zero width: mmdetection drops it
        // (w > 0 required), torchvision keeps it.
        let level = DensePredictions(
            locations: [Point(x: 120, y: 10)], stride: 8, classLogits: [3],
            regression: [LTRB(l: 1, t: 1, r: 1, b: 1)], centernessLogits: [2])
        #expect(
            PostProcessing.detections(levels: [level], imageWidth: 100, imageHeight: 80, rules: .mmdet)
                .isEmpty)
        let kept = PostProcessing.detections(
            levels: [level], imageWidth: 100, imageHeight: 80, rules: .torchvision)
        #expect(kept.map(\.box) == [Box(x0: 100, y0: 2, x1: 100, y1: 18)])
    }

    @Test func detectionCaps() {
        // Five separate locations; logits give p = σ(3), σ(1), σ(1), σ(1), σ(0) with ctr = 0.5.
        let level = DensePredictions(
            locations: (0..<5).map { Point(x: Float($0) * 20 + 10, y: 10) }, stride: 8,
            classLogits: [3, 1, 1, 1, 0],
            regression: [LTRB](repeating: LTRB(l: 4, t: 4, r: 4, b: 4), count: 5),
            centernessLogits: [Float](repeating: 0, count: 5))
        var rules = PostProcessingRules.official
        rules.detectionCap = .scoresAtLeastKth(2)
        // The 2nd highest score is shared by three detections: all three stay, four in total.
        let atLeastKth = PostProcessing.detections(
            levels: [level], imageWidth: 200, imageHeight: 40, rules: rules)
        #expect(atLeastKth.map(\.locationIndex) == [0, 1, 2, 3])
        rules.detectionCap = .first(2)
        #expect(
            PostProcessing.detections(levels: [level], imageWidth: 200, imageHeight: 40, rules: rules).map(
                \.locationIndex)
                == [0, 1])
        rules.detectionCap = .none
        #expect(
            PostProcessing.detections(levels: [level], imageWidth: 200, imageHeight: 40, rules: rules).count
                == 5)
    }

    @Test func topKMatchesAFullStableSort() {
        var rng = LossTestRandom(seed: 40)
        for _ in 0..<50 {
            let values = (0..<Int.random(in: 0...400, using: &rng)).map { _ in
                Float(Int.random(in: 0...30, using: &rng)) / 30
            }
            let sorted = values.indices.sorted {
                values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1)
            }
            for k in [0, 1, 7, 100, 1000] {
                #expect(PostProcessing.topK(values, k) == Array(sorted.prefix(k)))
            }
        }
    }

    @Test func levelsAreNumberedAndEmptyInputsWork() {
        let scene = postProcessingScene(units: .stride)
        let empty = DensePredictions(
            locations: [], stride: 16, classLogits: [], regression: [], centernessLogits: [])
        let detections = PostProcessing.detections(
            levels: [empty, scene], imageWidth: 100, imageHeight: 80, rules: .torchvision)
        #expect(detections.count == 5 && detections.allSatisfy { $0.level == 1 })
        #expect(
            PostProcessing.detections(levels: [], imageWidth: 10, imageHeight: 10, rules: .official).isEmpty)
    }
}
