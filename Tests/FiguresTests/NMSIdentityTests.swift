import Canvas
import FCOS
import Foundation
import Testing

@testable import Figures

/// NMS frames keep each detection in its object's colour and show what NMS did by the line.
@Suite("NMS frames: colour is identity, line is state")
struct NMSIdentityTests {
    static let truth = GroundTruth(box: Box(x0: 100, y0: 100, x1: 300, y1: 260), label: 1, name: "dog")
    static func makeFrames() -> NMSFrames {
        var frames = NMSFrames(
            detections: [
                ScoredBox(
                    box: Box(x0: 100, y0: 100, x1: 300, y1: 260), score: 0.9, label: "a", groundTruth: 0),
                ScoredBox(
                    box: Box(x0: 110, y0: 105, x1: 305, y1: 265), score: 0.6, label: "b", groundTruth: 0),
            ], imageWidth: 400, imageHeight: 400)
        frames.groundTruths = [truth]
        frames.viewport = Box(x0: 0, y0: 0, x1: 400, y1: 400)
        return frames
    }

    @Test func keptAndSuppressedShareTheObjectsColour() throws {
        let frames = Self.makeFrames()
        let steps = frames.steps
        #expect(steps[0].current == 0 && steps[0].suppressedNow.keys.contains(1))
        let image = try frames.render()
        let mapping = frames.layout.mapping(panel: 0)
        let colour = BoxColors.color(forBox: 0)
        // The kept box's left side, halfway down: a 4.5-px solid line in the dog's colour.
        let kept = mapping.point(x: 100, y: 180)
        #expect(image.pixel(x: Int(kept.x), y: Int(kept.y)).isClose(to: colour, tolerance: 40))
        // The suppressed box's left side is dashed in the same colour: somewhere along it, that colour.
        let along = stride(from: 120.0, through: 240.0, by: 2).map { mapping.point(x: 110, y: $0) }
        #expect(along.contains { image.pixel(x: Int($0.x), y: Int($0.y)).isClose(to: colour, tolerance: 60) })
        #expect(frames.legend.sections.count == 2, "line meanings, then the objects' colours")
    }
}
