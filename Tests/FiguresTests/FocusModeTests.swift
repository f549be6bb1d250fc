import FCOS
import Testing

@testable import Figures

@Suite("Focus mode")
struct FocusModeTests {
    @Test func automaticFocusOnlyActsOnCrowdedScenes() {
        #expect(FocusMode.automatic.muted(count: 10, relevant: [0]).isEmpty)
        #expect(FocusMode.automatic.muted(count: 12, relevant: [0, 5]) == Set(0..<12).subtracting([0, 5]))
        #expect(FocusMode.all.muted(count: 60, relevant: [1]).isEmpty)
        #expect(FocusMode.boxes([3]).muted(count: 4, relevant: []) == [0, 1, 2])
    }

    @Test func crowdedComparisonKeepsTheMostDifferingBoxesInColour() throws {
        // Twelve small boxes in a row, each centred between P3 locations differently.
        var boxes: [GroundTruth] = []
        for i in 0..<12 {
            let x0 = Float(20 + 60 * i)
            let width = Float(32 + (i % 3) * 4)
            boxes.append(GroundTruth(box: Box(x0: x0, y0: 100, x1: x0 + width, y1: 132), label: 1))
        }
        let panels = DisagreementPanels(
            first: .official, second: .torchvision, groundTruths: boxes, imageWidth: 800, imageHeight: 320)
        let focused = panels.differingBoxes
        #expect(focused.count <= FocusMode.focusLimit && !focused.isEmpty)
        let muted = panels.focus.muted(count: boxes.count, relevant: focused)
        #expect(muted.count == boxes.count - focused.count)
        let legendBoxes = try #require(panels.legend.sections.last).entries
        #expect(legendBoxes.count == focused.count + 1)
        #expect(legendBoxes.last?.text.contains("\(muted.count) other boxes") == true)
    }
}
