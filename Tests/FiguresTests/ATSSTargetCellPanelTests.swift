import ATSS
import FCOS
import Figures
import Testing

@Suite struct ATSSTargetCellPanelTests {
    /// A dog and a cat apart, plus a racket inside the cat that takes some of its anchors.
    static let boxes = [
        GroundTruth(box: Box(x0: 101, y0: 62, x1: 167, y1: 103), label: 0, name: "dog"),
        GroundTruth(box: Box(x0: 300, y0: 300, x1: 420, y1: 460), label: 1, name: "cat"),
        GroundTruth(box: Box(x0: 330, y0: 320, x1: 400, y1: 420), label: 2, name: "racket"),
    ]

    /// The panel's cells are exactly the anchors the assignment's per-level `matched` gives the
    /// box (read independently of the explanation the factory reads), each coloured by the IoU
    /// of its anchor box recomputed with the preset's own convention.
    @Test(arguments: ATSSPreset.all.map(\.name))
    func cellsAreTheAssignersPositives(_ name: String) throws {
        let preset = try #require(ATSSPreset.named(name))
        let a = preset.assigner.assign(Self.boxes, imageWidth: 512, imageHeight: 512)
        var total = 0
        for g in Self.boxes.indices {
            let panel = TargetCellPanel.atssBox(g, assignment: a, title: "ATSS")
            var expected: [Box: Float] = [:]
            for level in a.levels {
                let s = Float(level.map.stride)
                for i in level.matched.indices where level.matched[i] == Int32(g) {
                    let c = level.map.location(at: i)
                    let anchor = preset.rules.anchors.box(centeredOn: c, stride: level.map.stride)
                    expected[Box(x0: c.x - s / 2, y0: c.y - s / 2, x1: c.x + s / 2, y1: c.y + s / 2)] =
                        preset.rules.anchors.iou(anchor: anchor, box: Self.boxes[g].box)
                }
            }
            let drawn = Dictionary(uniqueKeysWithValues: panel.cells.map { ($0.rect, $0.value) })
            #expect(drawn == expected, "\(name) box \(g)")
            #expect(panel.cells.count == expected.count)
            #expect(panel.cells.allSatisfy { $0.isPositive && $0.box == g })
            #expect(panel.positiveCount == a.boxes[g].positiveCount)
            let threshold = try #require(a.boxes[g].threshold)
            #expect(panel.cells.allSatisfy { $0.value >= threshold })
            total += panel.positiveCount
        }
        #expect(total == a.positiveCount && total > 0)
    }

    /// The title names the levels with their counts and the threshold.
    @Test func titleCountsPositivesPerLevel() {
        let a = ATSSPreset.atss.assigner.assign(Self.boxes, imageWidth: 512, imageHeight: 512)
        let panel = TargetCellPanel.atssBox(1, assignment: a, title: "ATSS")
        let names = a.levels.filter { $0.matched.contains(1) }.map(\.map.level.name)
        #expect(!names.isEmpty)
        for name in names { #expect(panel.title.contains(" on \(name)")) }
        #expect(panel.title.contains(" · t = 0."))
    }

    /// A 4-px-wide box between anchor columns has no anchor centre inside it: no cell, and the
    /// title says why in ATSS's own words.
    @Test func boxWithoutPositiveSaysWhy() {
        let gt = GroundTruth(box: Box(x0: 97, y0: 100, x1: 101, y1: 220), label: 0)
        let a = ATSSPreset.atssMmdet.assigner.assign([gt], imageWidth: 320, imageHeight: 320)
        let panel = TargetCellPanel.atssBox(0, assignment: a, title: "ATSS")
        #expect(panel.cells.isEmpty)
        #expect(panel.title.hasPrefix("ATSS · no positive (center-outside)"))
    }

    /// `toImage` carries every corner to the scene, as for FCOS's panel.
    @Test func cellsAreCarriedToTheScene() {
        let a = ATSSPreset.atss.assigner.assign(Self.boxes, imageWidth: 512, imageHeight: 512)
        let input = TargetCellPanel.atssBox(0, assignment: a, title: "ATSS")
        let scene = TargetCellPanel.atssBox(0, assignment: a, title: "ATSS") {
            Point(x: $0.x * 2, y: $0.y * 2)
        }
        #expect(
            scene.cells.map(\.rect)
                == input.cells.map {
                    Box(x0: $0.rect.x0 * 2, y0: $0.rect.y0 * 2, x1: $0.rect.x1 * 2, y1: $0.rect.y1 * 2)
                })
    }

    /// A level's panel holds every positive anchor of that level, each in its owner's colour.
    @Test func levelPanelHoldsEveryPositiveOfTheLevel() {
        let a = ATSSPreset.atss.assigner.assign(Self.boxes, imageWidth: 512, imageHeight: 512)
        for (l, level) in a.levels.enumerated() {
            let panel = TargetCellPanel.atssLevel(l, assignment: a)
            #expect(panel.cells.count == level.positiveCount)
            let s = Float(level.map.stride)
            var owners: [Box: Int] = [:]
            for i in level.matched.indices where level.matched[i] >= 0 {
                let c = level.map.location(at: i)
                owners[Box(x0: c.x - s / 2, y0: c.y - s / 2, x1: c.x + s / 2, y1: c.y + s / 2)] = Int(
                    level.matched[i])
            }
            #expect(Dictionary(uniqueKeysWithValues: panel.cells.map { ($0.rect, $0.box ?? -1) }) == owners)
            #expect(
                panel.title
                    == "\(level.map.level.name) · stride \(level.map.stride) · \(level.positiveCount) positive"
                    + (level.positiveCount == 1 ? "" : "s"))
        }
    }
}
