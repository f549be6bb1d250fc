import ATSS
import FCOS
import Foundation
import GFL
import Testing

/// The numbers `GFL.docc/Tutorials/GFLTutorial.tutorial` quotes, computed by the same calls as
/// its code listings (10-gfl-1.swift, 10-qfl-*.swift, 10-dfl-*.swift).
@Suite("Tutorials: lesson 10, GFL")
struct GFLTutorialTests {
    let tutorial: TutorialText

    init() throws {
        tutorial = try TutorialText(module: "GFL", name: "GFLTutorial")
    }

    func qfl(_ sigma: Float, _ y: Float) -> Float {
        QualityFocalLoss.value(logit: log(sigma / (1 - sigma)), quality: y)
    }

    @Test func theFollowedAnchorAndItsTargets() throws {
        let boxes = [
            GroundTruth(box: Box(x0: 380, y0: 110, x1: 700, y1: 790), name: "person"),
            GroundTruth(box: Box(x0: 590, y0: 150, x1: 760, y1: 370), name: "tennis racket"),
            GroundTruth(box: Box(x0: 800, y0: 120, x1: 832, y1: 152), name: "sports ball"),
        ]
        let preset = GFLPreset.gfl
        let assignment = preset.assigner.assign(boxes, imageWidth: 1066, imageHeight: 800)
        let positives = assignment.boxes[0].levels.enumerated().flatMap { l, level in
            level.candidates.filter { $0.verdict == .positive }.map {
                (level: l, stride: level.map.stride, anchor: $0)
            }
        }
        let followed = try #require(positives.max { $0.anchor.iou < $1.anchor.iou })
        #expect(
            followed.level == 3 && followed.stride == 64 && followed.anchor.center == Point(x: 512, y: 448))
        #expect(
            tutorial.says(
                "the anchor centred at (512, 448) on P6 (stride 64), whose IoU with the person is \(fixed(followed.anchor.iou))"
            ))
        let target = GFLTargets.distance(
            from: followed.anchor.center, to: boxes[0].box, stride: 64, maximum: preset.maximum)
        let sides = [target.l, target.t, target.r, target.b].map { fixed($0) }
        #expect(tutorial.says("its target in strides: \(sides[0]), \(sides[1]), \(sides[2]) and \(sides[3])"))
        // The clamp: 16 − 0.1, and no positive of the scene reaches it.
        #expect(preset.maximum == 16)
        #expect(
            tutorial.says("clamped to \(fixed(GFLTargets.upperBound(maximum: preset.maximum), 1)) strides"))
        let all = GFLTargets(assignment, maximum: preset.maximum).distances.flatMap { $0.compactMap { $0 } }
        #expect(all.count == assignment.positiveCount && !all.isEmpty)
        #expect(
            !all.contains { [$0.l, $0.t, $0.r, $0.b].contains { $0 >= GFLTargets.upperBound(maximum: 16) } })
        #expect(tutorial.says("none of this scene's positives needs it"))
        // The listings 10-dfl-* take sides l and b from the pixels 132 and 342 on stride 64.
        #expect(LTRB(from: followed.anchor.center, to: boxes[0].box) == LTRB(l: 132, t: 338, r: 188, b: 342))
    }

    @Test func qualityTargetsAndQFL() {
        let person = Box(x0: 380, y0: 110, x1: 700, y1: 790)
        let half = Box(x0: 460, y0: 280, x1: 620, y1: 620)
        #expect(half.width * 2 == person.width && half.height * 2 == person.height)
        let y = QualityFocalLoss.qualityTarget(prediction: half, box: person)
        #expect(tutorial.says("half its width and height trains the score towards \(fixed(y))"))
        #expect(
            tutorial.says(
                "scored `σ = 0.2` costs \(fixed(qfl(0.2, 0.5))); a negative scored 0.2 costs \(fixed(qfl(0.2, 0), 4))"
            ))
        let focal = FocalLoss.value(logit: log(0.7 / 0.3), target: 1, alpha: -1, gamma: 2)
        #expect(fixed(qfl(0.7, 1), 4) == fixed(focal, 4))
        #expect(tutorial.says("`σ = 0.7` both give \(fixed(focal, 4))"))
    }

    @Test func dflTargetsAndTheirEntropy() {
        let y: Float = 132.0 / 64
        let (left, right, weightLeft, weightRight) = DistributionFocalLoss.bins(for: y)
        #expect(left == 2 && right == 3)
        #expect(
            tutorial.says(
                "`y = \(fixed(y))`, into \(fixed(weightLeft)) on bin 2 and \(fixed(weightRight)) on bin 3"))
        let best = (0...16).map { bin -> Float in
            bin == left ? log(weightLeft) : bin == right ? log(weightRight) : -60
        }
        let loss = DistributionFocalLoss.value(logits: best, target: y)
        let entropy = -(weightLeft * log(weightLeft) + weightRight * log(weightRight))
        #expect(abs(loss - entropy) < 1e-4)
        #expect(tutorial.says("the entropy of the two weights: \(fixed(loss)) nats for side `l`"))
    }

    @Test func sharpAndFlatPredictions() {
        let y: Float = 342.0 / 64
        func gaussian(_ width: Float) -> BoxDistribution {
            BoxDistribution(logits: (0...16).map { -(Float($0) - y) * (Float($0) - y) / (2 * width * width) })
        }
        let sharp = gaussian(0.6)
        let flat = gaussian(3)
        let loss = { (d: BoxDistribution) in
            DistributionFocalLoss.value(logits: d.probabilities.map { log($0) }, target: y)
        }
        #expect(tutorial.says("side `b` (`y = \(fixed(y))`)"))
        #expect(tutorial.says("(\(fixed(sharp.expectation)) and \(fixed(flat.expectation)))"))
        #expect(
            tutorial.says(
                "charges the flat one \(fixed(loss(flat))) against the sharp one's \(fixed(loss(sharp)))"))
        #expect(
            tutorial.says(
                "the sharp prediction's best bin holds \(fixed(sharp.topK(1, mean: false)[0])) and the flat one's \(fixed(flat.topK(1, mean: false)[0]))"
            ))
        #expect(sharp.topK(4).count == 5)
    }
}
