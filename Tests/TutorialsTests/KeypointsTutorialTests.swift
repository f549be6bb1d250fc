import ATSS
import FCOS
import Foundation
import Keypoints
import Testing

/// The numbers `Keypoints.docc/Tutorials/KeypointsTutorial.tutorial` quotes, computed by the
/// same calls as its code listings (11-*.swift).
@Suite("Tutorials: lesson 11, keypoint heads")
struct KeypointsTutorialTests {
    let tutorial: TutorialText
    let boxes = [
        GroundTruth(box: Box(x0: 380, y0: 110, x1: 700, y1: 790), label: 1, name: "person"),
        GroundTruth(box: Box(x0: 590, y0: 150, x1: 760, y1: 370), label: 43, name: "tennis racket"),
        GroundTruth(box: Box(x0: 800, y0: 120, x1: 832, y1: 152), label: 37, name: "sports ball"),
    ]
    let inputBoxes: [GroundTruth]

    init() throws {
        tutorial = try TutorialText(module: "Keypoints", name: "KeypointsTutorial")
        inputBoxes = SquareInput(imageWidth: 1066, imageHeight: 800, side: 512).inputGroundTruths(boxes)
    }

    @Test func cornerNetTargetsAndEmbeddings() throws {
        let square = SquareInput(imageWidth: 1066, imageHeight: 800, side: 511)
        let targets = try CornerNetTargets(
            square.inputGroundTruths(boxes), inputWidth: 511, inputHeight: 511, classes: 44)
        let objects = targets.objects.compactMap { $0 }
        #expect(objects.count == 3 && targets.grid.width == 128 && targets.grid.height == 128)
        let corners = objects.map {
            (
                "(\($0.topLeft.cellX), \($0.topLeft.cellY))",
                "(\($0.bottomRight.cellX), \($0.bottomRight.cellY))"
            )
        }
        #expect(
            tutorial.says(
                "The person's corners fall on cells \(corners[0].0) and \(corners[0].1) with a drawn radius of \(objects[0].drawnRadius), the racket's on \(corners[1].0) and \(corners[1].1) with \(objects[1].drawnRadius); the ball's radius of \(String(format: "%.2f", objects[2].radius.value)) truncates to \(objects[2].drawnRadius)"
            ))
        let four = { (x: Float) in String(format: "%.4f", Double(x)) }
        let separated = EmbeddingLoss.pullPush(topLeft: [0, 1.5, 3], bottomRight: [0.1, 1.6, 3.1])
        let muddled = EmbeddingLoss.pullPush(topLeft: [0, 0.3, 0.6], bottomRight: [0.6, 0.9, 1.2])
        #expect(
            tutorial.says(
                "well-separated embeddings cost a pull of \(four(separated.pull)) and a push of \(four(separated.push)); muddled ones a pull of \(four(muddled.pull)) and a push of \(four(muddled.push))"
            ))
    }

    @Test func centerNetTargetsOfTheScene() throws {
        let square = SquareInput(imageWidth: 1066, imageHeight: 800, side: 512)
        #expect(tutorial.says("scaled by 512 / 1066 = \(String(format: "%.2f", square.scale))"))
        let targets = try CenterNetTargets(inputBoxes, inputWidth: 512, inputHeight: 512, classes: 44)
        let objects = targets.objects.compactMap { $0 }
        #expect(objects.count == 3)
        let cells = objects.map { "(\($0.cellX), \($0.cellY))" }
        let radii = objects.map(\.drawnRadius)
        #expect(
            tutorial.says(
                "The person's centre falls on cell \(cells[0]) with a drawn radius of \(radii[0]), the racket's on \(cells[1]) with \(radii[1]), and the ball's on \(cells[2]) with \(radii[2])"
            ))
        let values = targets.heatmaps.reduce(0) { $0 + $1.values.count }
        #expect(values == 720_896)
        #expect(
            tutorial.says("Of the 720\u{A0}896 target values only \(targets.positiveCount) are exactly 1"))
    }

    @Test func theRacketsRadiusUnderBothFormulas() throws {
        let targets = try CenterNetTargets(inputBoxes, inputWidth: 512, inputHeight: 512, classes: 44)
        let racket = try #require(targets.objects[1])
        let h = Int(racket.size.height.rounded(.up))
        let w = Int(racket.size.width.rounded(.up))
        #expect(tutorial.says("which is \(w) × \(h) cells after rounding up"))
        let original = GaussianRadius(height: h, width: w, minOverlap: 0.7, formula: .original)
        let corrected = GaussianRadius(height: h, width: w, minOverlap: 0.7, formula: .corrected)
        let cornerNet = GaussianRadius(height: h, width: w, minOverlap: 0.3, formula: .corrected)
        #expect(original.limitingCase == 3 && cornerNet.limitingCase == 2)
        #expect(tutorial.says("the corrected formula at `t = 0.3` is bound by case 2"))
        #expect(
            tutorial.says(
                "CenterNet trains with the original formula, ``RadiusFormula/original``, at `t = 0.7`"))
        #expect(CenterNetTargets.formula == .original && CenterNetTargets.minOverlap == 0.7)
        #expect(racket.radius == original && racket.drawnRadius == original.truncated)
        let two = { (x: Double) in String(format: "%.2f", x) }
        #expect(
            tutorial.says(
                "case 3 wins with \(two(original.value)), drawn as \(original.truncated). The corrected roots at the same `t` give \(two(corrected.value)), so CenterNet's bumps are about \(two(original.value / corrected.value)) times wider"
            ))
        #expect(
            tutorial.says(
                "at CornerNet's `t = 0.3` the radius is \(two(cornerNet.value)), drawn as \(cornerNet.truncated)"
            ))
    }

    @Test func overlappingBumpsKeepTheMaximum() throws {
        let pair = [
            GroundTruth(box: Box(x0: 150, y0: 120, x1: 290, y1: 440), label: 0, name: "person A"),
            GroundTruth(box: Box(x0: 198, y0: 120, x1: 338, y1: 440), label: 0, name: "person B"),
        ]
        let targets = try CenterNetTargets(pair, inputWidth: 512, inputHeight: 512, classes: 1)
        let a = try #require(targets.objects[0])
        let b = try #require(targets.objects[1])
        #expect(a.cellY == b.cellY)
        let halfway = (a.cellX + b.cellX) / 2
        let fromA = GaussianKernel(radius: a.drawnRadius).value(dx: halfway - a.cellX, dy: 0)
        let fromB = GaussianKernel(radius: b.drawnRadius).value(dx: halfway - b.cellX, dy: 0)
        let map = targets.heatmaps[0][halfway, a.cellY]
        #expect(map == max(fromA, fromB))
        let two = { (x: Float) in String(format: "%.2f", Double(x)) }
        #expect(tutorial.says("their centres on cells \(a.cellX) and \(b.cellX) of row \(a.cellY)"))
        #expect(
            tutorial.says(
                "Halfway, at x = \(halfway), the map holds \(two(map)) where the sum of the two bumps would be \(two(fromA + fromB))"
            ))
        #expect(targets.heatmaps[0][a.cellX, a.cellY] == 1 && targets.heatmaps[0].values.max() == 1)
    }

    @Test func thePenaltyReducedCostAlongTheRacketsRow() throws {
        let targets = try CenterNetTargets(inputBoxes, inputWidth: 512, inputHeight: 512, classes: 44)
        #expect(targets.objects[1]?.drawnRadius == 6)
        let kernel = GaussianKernel(radius: 6)
        let cost = { (y: Float) -> Float in
            let r = PenaltyReducedFocalLoss.loss(probabilities: [0.3], targets: [y])
            return -(r.positive + r.negative)
        }
        let four = { (x: Float) in String(format: "%.4f", Double(x)) }
        let next = kernel.value(dx: 1, dy: 0)
        #expect(
            tutorial.says(
                "costs \(four(cost(1))) at the centre, the one positive; \(four(cost(next))) one cell away, where `y` = \(String(format: "%.3f", Double(next))); and the full \(four(cost(0))) only outside"
            ))
    }

    @Test func whichCellsLearnTheRacket() throws {
        let fcos = Preset.official.matcher.assign(inputBoxes, imageWidth: 512, imageHeight: 512)
        let atss = ATSSPreset.atss.assigner.assign(inputBoxes, imageWidth: 512, imageHeight: 512)
        let centerNet = try CenterNetTargets(inputBoxes, inputWidth: 512, inputHeight: 512, classes: 44)
        #expect(centerNet.objects[1] != nil && centerNet.positiveCount == 3)
        #expect(
            tutorial.says(
                "FCOS's official preset makes \(fcos.positivesPerGroundTruth[1]) locations positives of the racket, ATSS \(atss.positivesPerGroundTruth[1]), and CenterNet exactly 1"
            ))
    }
}
