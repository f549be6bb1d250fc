import Canvas
import FCOS
import Figures
import Testing

@Suite struct BoxColorsTests {
    @Test func coloursFollowThePaletteAndLabelsTheirIndex() {
        #expect(BoxColors.color(forBox: 0) == Palette.categorical(0))
        #expect(BoxColors.hex(forBox: 1) == "#d55e00")
        #expect(BoxColors.label(forBox: 2, name: "sports ball") == "#2 sports ball")
        #expect(BoxColors.label(forBox: 3, name: nil) == "#3")
        #expect((0..<13).allSatisfy { BoxColors.color(forBox: $0) != BoxColors.warning })
    }
}

@Suite struct ScoredBoxTests {
    @Test func convertsAPostProcessedDetection() {
        let detection = FCOS.Detection(
            box: Box(x0: 1, y0: 2, x1: 30, y1: 40), score: 0.7, label: 3, level: 1, locationIndex: 12)
        let scored = ScoredBox(detection, label: "car")
        #expect(scored == ScoredBox(box: detection.box, score: 0.7, label: "car"))
    }

    @Test func nmsTraceKeepsTheBestOfTwoOverlappingBoxes() {
        let boxes = [
            ScoredBox(box: Box(x0: 0, y0: 0, x1: 10, y1: 10), score: 0.5),
            ScoredBox(box: Box(x0: 1, y0: 0, x1: 11, y1: 10), score: 0.9),
            ScoredBox(box: Box(x0: 50, y0: 50, x1: 60, y1: 60), score: 0.7),
        ]
        let steps = NMSStep.trace(boxes, iouThreshold: 0.6)
        #expect(steps.map(\.current) == [1, 2, nil])
        #expect(steps[0].suppressedNow.keys.sorted() == [0])
        #expect(steps.last?.kept == [1, 2])
    }
}
