import Testing

@testable import FCOS

@Suite("Ground-truth matching")
struct MatcherTests {
    /// Official rules with locations moved to the cell corner, so P3 and P4 share the location
    /// (64, 64) and both gates can be probed at the same m.
    static let officialOnCorners: AssignmentRules = {
        var rules = Preset.official.assignment
        rules.locationOffset = .zero
        return rules
    }()

    @Test("m = 64 exactly: positive on both P3 and P4 under inclusive ranges")
    func inclusiveBoundary() {
        // Box [0, 0, 128, 128] at (64, 64): l = t = r = b = 64, so m = 64, in [-1, 64] and [64, 128].
        let a = Matcher(rules: Self.officialOnCorners).assign(
            [box(0, 0, 128, 128)], imageWidth: 256, imageHeight: 256)
        #expect(a.matched(level: "P3", x: 64, y: 64) == 0)
        #expect(a.matched(level: "P4", x: 64, y: 64) == 0)
        #expect(SizeGate.inclusive.admits(64, in: SizeRange(lower: -1, upper: 64)))
        #expect(SizeGate.inclusive.admits(64, in: SizeRange(lower: 64, upper: 128)))
    }

    @Test("m = 64 exactly: positive on neither P3 nor P4 under strict ranges")
    func strictBoundary() {
        // torchvision: same box and location; (0, 64) and (64, 128) both exclude 64. The location
        // is the box centre, so center sampling does not interfere.
        let a = Preset.torchvision.matcher.assign([box(0, 0, 128, 128)], imageWidth: 256, imageHeight: 256)
        #expect(a.matched(level: "P3", x: 64, y: 64) == -1)
        #expect(a.matched(level: "P4", x: 64, y: 64) == -1)
        // Away from the boundary the strict gate admits it: at (48, 64) l = 48 and r = 80, so m = 80,
        // inside P4's (64, 128), and |48 − 64| = 16 < 1.5 · 16 keeps it in the centre region.
        #expect(a.matched(level: "P4", x: 48, y: 64) == 0)
    }

    @Test("The official preset on its own grid: m = 64 at (68, 68) is a P3 positive")
    func officialGridBoundary() {
        let a = Preset.official.matcher.assign([box(4, 4, 132, 132)], imageWidth: 256, imageHeight: 256)
        #expect(a.matched(level: "P3", x: 68, y: 68) == 0)
        let b = Preset.official.matcher.assign([box(8, 8, 136, 136)], imageWidth: 256, imageHeight: 256)
        #expect(b.matched(level: "P4", x: 72, y: 72) == 0)
    }

    @Test("A location exactly on an edge is background")
    func locationOnEdge() {
        // Official P3 locations are 4, 12, 20, …; the box's left and top edges pass through 4.
        let a = Preset.official.matcher.assign(
            [box(4, 4, 50, 50)], imageWidth: 64, imageHeight: 64, explain: true)
        #expect(a.matched(level: "P3", x: 4, y: 12) == -1)
        #expect(a.matched(level: "P3", x: 12, y: 4) == -1)
        #expect(a.matched(level: "P3", x: 12, y: 12) == 0)
        let explained = a.explanation!.levels[0].map(\.location)
        #expect(!explained.contains(Point(x: 4, y: 12)))
        #expect(explained.contains(Point(x: 12, y: 12)))
    }

    @Test("Two boxes of equal area: the lower index wins")
    func equalAreas() {
        // (28, 28) lies in both 40×40 boxes; m is 28 and 32, both within P3.
        let a = Preset.official.matcher.assign(
            [box(0, 0, 40, 40), box(20, 20, 60, 60)], imageWidth: 64, imageHeight: 64, explain: true)
        #expect(a.matched(level: "P3", x: 28, y: 28) == 0)
        let b = Preset.official.matcher.assign(
            [box(20, 20, 60, 60), box(0, 0, 40, 40)], imageWidth: 64, imageHeight: 64)
        #expect(b.matched(level: "P3", x: 28, y: 28) == 0)
        let note = a.explanation!.levels[0].first { $0.location == Point(x: 28, y: 28) }!
        #expect(note.isAmbiguous)
        #expect(note.candidates == [0, 1])
        #expect(note.winner == 0)
    }

    @Test("The smaller box wins an ambiguous location")
    func smallestAreaWins() {
        let a = Preset.official.matcher.assign(
            [box(0, 0, 60, 60), box(20, 20, 40, 40)], imageWidth: 64, imageHeight: 64)
        #expect(a.matched(level: "P3", x: 28, y: 28) == 1)
        #expect(a.matched(level: "P3", x: 12, y: 12) == 0)
    }

    @Test("The official +1 area convention flips which box is smaller")
    func inclusiveAreaDecides() {
        // A is 1×50 (area 50, or 2·51 = 102 with +1); B is 8×8 (64, or 9·9 = 81).
        // Both contain (12, 28): A gives l = r = 0.5, t = b = 25; B gives 4, 4, 4, 4.
        let boxes = [box(11.5, 3, 12.5, 53), box(8, 24, 16, 32)]
        let official = Preset.official.matcher.assign(boxes, imageWidth: 64, imageHeight: 64)
        #expect(official.matched(level: "P3", x: 12, y: 28) == 1)
        var continuous = Preset.official.assignment
        continuous.areaConvention = .continuous
        let plain = Matcher(rules: continuous).assign(boxes, imageWidth: 64, imageHeight: 64)
        #expect(plain.matched(level: "P3", x: 12, y: 28) == 0)
    }

    @Test("torchvision ranks by float32 1e8 − area: areas 4 796 and 4 800 tie and the lower index wins")
    func float32RankTie() {
        // Box 0 is 60×80 = 4 800; box 1 is 44×109 = 4 796, smaller. 1e8 − 4 796 = 99 995 204 rounds to
        // 99 995 200 in float32 (spacing 8, ties to even), the same as 1e8 − 4 800.
        #expect(Float(100_000_000) - Float(4796) == Float(100_000_000) - Float(4800))
        let boxes = [box(100, 100, 160, 180), box(108, 86, 152, 195)]
        let tv = Preset.torchvision.matcher.assign(boxes, imageWidth: 256, imageHeight: 256, explain: true)
        // (128, 136): inside both, m = 44 and 59, within 12 px of both centres.
        #expect(tv.matched(level: "P3", x: 128, y: 136) == 0)
        // mmdetection compares the areas themselves: the smaller box 1 wins at its (132, 140).
        let mm = Preset.mmdet.matcher.assign(boxes, imageWidth: 256, imageHeight: 256)
        #expect(mm.matched(level: "P3", x: 132, y: 140) == 1)
    }

    @Test("A 3×3 box no location falls in gets no positive")
    func tinyBox() {
        // Official P3 locations 4, 12: neither is strictly inside (5, 8); P4's 8 lies on the edge.
        let a = Preset.official.matcher.assign([box(5, 5, 8, 8)], imageWidth: 64, imageHeight: 64)
        #expect(a.positiveCount == 0)
        #expect(a.groundTruthsWithoutPositives == [0])
    }

    @Test("A whole-image box on 128×128 lands entirely on P4")
    func wholeImageBox() {
        // P3: m = max(x, 128 − x, y, 128 − y) > 64 everywhere (64 is not on the 8j+4 grid).
        // P4 (8, 24, …, 120): m in [72, 120], all 8×8 pass [64, 128]. P5 (16, 48, 80, 112): m ≤ 112 < 128.
        // P6 (32, 96): m = 96; P7 (64): m = 64. Both below their lower bounds.
        let a = Preset.official.matcher.assign([box(0, 0, 128, 128)], imageWidth: 128, imageHeight: 128)
        #expect(a.positives(level: "P3") == 0)
        #expect(a.positives(level: "P4") == 64)
        #expect(a.positiveCount == 64)
    }

    @Test("official-imprv center sampling on a 200×200 box: 9 positives on P4, 5 on P5")
    func clippedCenterSampling() {
        // Centre (100, 100). P3: square 100 ± 12 holds 92, 100, 108, but m ≥ 92 > 64 there.
        // P4: 100 ± 24 → 88, 104, 120 (3×3), m between 104 and 120, all in [64, 128].
        // P5: 100 ± 48 → 80, 112, 144; m ≥ 128 only where x or y is 144: 5 locations.
        // P6: 100 ± 96 → 32, 96, 160; m ≤ 168 < 256. P7: m = 136 at (64, 64) < 512.
        let a = Preset.officialImprv.matcher.assign([box(0, 0, 200, 200)], imageWidth: 256, imageHeight: 256)
        #expect(a.positives(level: "P3") == 0)
        #expect(a.positives(level: "P4") == 9)
        #expect(a.positives(level: "P5") == 5)
        #expect(a.positiveCount == 14)
        #expect(a.matched(level: "P5", x: 144, y: 80) == 0)
        #expect(a.matched(level: "P5", x: 112, y: 80) == -1)
    }

    @Test("Center sampling keeps regression targets on the full box")
    func samplingKeepsFullBoxTargets() {
        let a = Preset.officialImprv.matcher.assign([box(0, 0, 200, 200)], imageWidth: 256, imageHeight: 256)
        let p4 = a.levels[1]
        let index = (0..<p4.map.count).first { p4.map.location(at: $0) == Point(x: 88, y: 104) }!
        // (88, 104) on P4 (s = 16): l = 88, t = 104, r = 112, b = 96, divided by 16.
        #expect(p4.ltrb[index] == LTRB(l: 5.5, t: 6.5, r: 7, b: 6))
    }

    @Test("Chebyshev sampling (torchvision) versus the clipped square (mmdet) near a box edge")
    func chebyshevVersusClipped() {
        // A 20-px-wide, 300-px-tall box: its centre region reaches past its left and right edges.
        let boxes = [box(90, 0, 110, 300)]
        let tv = Preset.torchvision.matcher.assign(boxes, imageWidth: 320, imageHeight: 320, explain: true)
        // P5 (s = 32, r·s = 48) at (96, 128): |96 − 100| = 4 and |128 − 150| = 22 < 48, inside, m = 172.
        #expect(tv.matched(level: "P5", x: 96, y: 128) == 0)
        // (96, 192) too; (96, 96) is 54 px from the centre vertically: rejected by sampling.
        #expect(tv.matched(level: "P5", x: 96, y: 96) == -1)
        let note = tv.explanation!.levels[2].first { $0.location == Point(x: 96, y: 96) }!
        #expect(note.verdicts[0].rejection == .centerSampling)
    }

    @Test("An image without boxes is all background")
    func emptyImage() {
        for preset in Preset.all {
            let a = preset.matcher.assign([], imageWidth: 320, imageHeight: 200, explain: true)
            #expect(a.positiveCount == 0)
            #expect(a.explanation!.levels.allSatisfy { $0.isEmpty })
        }
    }

    @Test("Zero-area boxes get no positives and do not disturb others")
    func zeroAreaBoxes() {
        let boxes = [box(10, 10, 10, 60), box(0, 0, 40, 40), box(20, 20, 60, 20)]
        for preset in Preset.all {
            let a = preset.matcher.assign(boxes, imageWidth: 64, imageHeight: 64)
            let counts = a.positivesPerGroundTruth
            #expect(counts[0] == 0 && counts[2] == 0)
            #expect(counts[1] > 0)
        }
    }

    @Test("Crowd boxes keep their index but are never matched")
    func crowdBoxes() {
        var crowd = box(0, 0, 40, 40)
        crowd.isCrowd = true
        let a = Preset.official.matcher.assign(
            [crowd, box(20, 20, 60, 60)], imageWidth: 64, imageHeight: 64, explain: true)
        #expect(a.positivesPerGroundTruth[0] == 0)
        #expect(a.matched(level: "P3", x: 28, y: 28) == 1)
        let note = a.explanation!.levels[0].first { $0.location == Point(x: 12, y: 12) }!
        #expect(note.verdicts.first?.rejection == .crowd)
        #expect(note.winner == nil)
    }

    @Test("EECS 498 marks background with −1 deltas and centerness")
    func eecs498Sentinels() {
        let a = Preset.eecs498.matcher.assign([box(0, 0, 40, 40)], imageWidth: 64, imageHeight: 64)
        let p3 = a.levels[0]
        let background = p3.matched.firstIndex(of: -1)!
        #expect(p3.ltrb[background] == LTRB(l: -1, t: -1, r: -1, b: -1))
        #expect(p3.centerness[background] == -1)
        let positive = p3.matched.firstIndex(of: 0)!
        // (4, 4) in [0, 0, 40, 40] on P3: (4, 4, 36, 36) / 8.
        #expect(p3.ltrb[positive] == LTRB(l: 0.5, t: 0.5, r: 4.5, b: 4.5))
        #expect(p3.centerness[positive] > 0)
    }

    @Test("Every positive's centerness lies in (0, 1] and matches Eq. 3")
    func centernessOfPositives() {
        var rng = SplitMix64(seed: 7)
        let boxes = randomScene(&rng, width: 400, height: 300, boxes: 12)
        for preset in Preset.all {
            let a = preset.matcher.assign(boxes, imageWidth: 400, imageHeight: 300)
            for level in a.levels {
                for i in 0..<level.map.count where level.matched[i] >= 0 {
                    #expect(level.centerness[i] > 0 && level.centerness[i] <= 1)
                    #expect(level.centerness[i] == Centerness.value(level.ltrb[i]))
                }
            }
        }
    }

    @Test("Reference quirks not copied: radius 0 means off; a first box centred on x = 0 keeps positives")
    func quirksNotCopied() {
        // torchvision compares the Chebyshev distance with `< 0·s`, which nothing satisfies.
        var noSampling = Preset.torchvision.assignment
        noSampling.centerSampling = .chebyshev(radius: 0)
        var off = Preset.torchvision.assignment
        off.centerSampling = .off
        let boxes = [box(0, 0, 40, 40), box(100, 100, 180, 150)]
        let zero = Matcher(rules: noSampling).assign(boxes, imageWidth: 256, imageHeight: 256)
        let none = Matcher(rules: off).assign(boxes, imageWidth: 256, imageHeight: 256)
        #expect(zero.positiveCount > 0)
        #expect(zero.levels.map(\.matched) == none.levels.map(\.matched))
        // The official get_sample_region returns "no positives" when box 0's centre x is exactly 0.
        let centred = [box(-20, 0, 20, 40), box(100, 100, 180, 150)]
        let imprv = Preset.officialImprv.matcher.assign(centred, imageWidth: 256, imageHeight: 256)
        #expect(imprv.positivesPerGroundTruth[1] > 0)
    }
}
