import Testing

@testable import FCOS

@Suite("Per-box scan agrees with the plain matcher")
struct FastMatcherTests {
    @Test("Identical targets on seeded random scenes, for every preset", arguments: Preset.all.map(\.name))
    func agreesOnRandomScenes(presetName: String) {
        var preset = Preset.named(presetName)!
        var rng = SplitMix64(seed: UInt64(presetName.utf8.count) &* 7919)
        var positives = 0
        var ambiguous = 0
        for round in 0..<60 {
            if presetName == "torchvision" { preset.assignment.derivedGridSpacing = round % 2 == 1 }
            let width = Int.random(in: 32...420, using: &rng)
            let height = Int.random(in: 32...420, using: &rng)
            let boxes = randomScene(
                &rng, width: width, height: height, boxes: Int.random(in: 0...14, using: &rng))
            let plain = preset.matcher.assignByLocation(
                boxes, imageWidth: width, imageHeight: height, explain: true)
            positives += plain.positiveCount
            ambiguous += plain.explanation!.levels.joined().filter(\.isAmbiguous).count
            let fast = preset.matcher.assignByBox(boxes, imageWidth: width, imageHeight: height)
            for (p, f) in zip(plain.levels, fast.levels) {
                #expect(p.matched == f.matched, "round \(round), \(p.map.level.name)")
                #expect(p.ltrb == f.ltrb)
                #expect(p.centerness == f.centerness)
            }
        }
        // The scenes must exercise the interesting paths, or agreement proves little.
        #expect(positives > 300)
        #expect(ambiguous > 5)
    }

    @Test("The explanation's winners are the targets")
    func explanationAgrees() {
        var rng = SplitMix64(seed: 99)
        let boxes = randomScene(&rng, width: 300, height: 300, boxes: 10)
        for preset in Preset.all {
            let a = preset.matcher.assign(boxes, imageWidth: 300, imageHeight: 300, explain: true)
            for (level, notes) in zip(a.levels, a.explanation!.levels) {
                for note in notes {
                    #expect(Int32(note.winner ?? -1) == level.matched[note.index])
                }
                // Every positive is explained.
                let explained = Set(notes.map(\.index))
                for i in 0..<level.map.count where level.matched[i] >= 0 { #expect(explained.contains(i)) }
            }
        }
    }

    @Test("A box of area ≥ 1e8 follows the official INF rule literally")
    func hugeBox() {
        // 20 000 × 20 000 px: area 4e8 > INF = 1e8. At P7's only location (64, 64), m ≈ 10 000 is in
        // [512, 1e8]. Alone, the box is the row's only entry: the minimum is 4e8 ≠ INF, a positive.
        let huge = box(-10_000, -10_000, 10_000, 10_000)
        let alone = Preset.official.matcher.assign([huge], imageWidth: 64, imageHeight: 64)
        #expect(alone.positives(level: "P7") == 1)
        #expect(alone.positiveCount == 1)
        // With a second box that is no candidate there, that box's INF is the row's minimum: background.
        let pair = Preset.official.matcher.assign([huge, box(0, 0, 8, 8)], imageWidth: 64, imageHeight: 64)
        #expect(pair.positives(level: "P7") == 0)
    }

    @Test(
        "Boxes of area ≥ 1e8 among ordinary ones: the scan leaves them out and agrees with the plain matcher",
        arguments: Preset.all.map(\.name))
    func hugeBoxesAmongOrdinaryOnes(presetName: String) {
        let preset = Preset.named(presetName)!
        var rng = SplitMix64(seed: 4242)
        var positives = 0
        for round in 0..<20 {
            var boxes = randomScene(&rng, width: 300, height: 260, boxes: 1 + round % 6)
            // The fuzzing case (y1 = 3.4e38, an infinite area), one exactly at INF and one just above.
            let huge = [
                box(10, 10, 200, 3.4e38), box(0, 0, 10_000, 10_000), box(-1, -1, 10_000, 10_001),
            ]
            boxes.insert(huge[round % 3], at: round % boxes.count)
            #expect(preset.matcher.canAssignByBox(boxes))
            let plain = preset.matcher.assignByLocation(
                boxes, imageWidth: 300, imageHeight: 260, explain: false)
            let scanned = preset.matcher.assign(boxes, imageWidth: 300, imageHeight: 260)
            positives += plain.positiveCount
            for (p, f) in zip(plain.levels, scanned.levels) {
                #expect(p.matched == f.matched, "round \(round), \(p.map.level.name)")
                #expect(p.ltrb == f.ltrb)
                #expect(p.centerness == f.centerness)
            }
        }
        #expect(positives > 100)
    }

    @Test("Only boxes above INF, none crowd: the plain matcher decides (the scan cannot)")
    func onlyHugeBoxes() {
        let boxes = [box(-10_000, -10_000, 10_000, 10_000), box(-20_000, -20_000, 20_000, 20_000)]
        #expect(!Preset.official.matcher.canAssignByBox(boxes))
        #expect(Preset.torchvision.matcher.canAssignByBox(boxes))
        // Both are candidates at P7's only location and neither is INF: the smaller one wins there.
        let a = Preset.official.matcher.assign(boxes, imageWidth: 64, imageHeight: 64)
        #expect(a.positives(level: "P7") == 1)
        #expect(a.levels.last!.matched == [0])
    }
}
