import Testing

@testable import FCOS

@Suite("Assignment statistics")
struct StatisticsTests {
    func labelled(_ x0: Float, _ y0: Float, _ x1: Float, _ y1: Float, label: Int, crowd: Bool = false)
        -> GroundTruth
    {
        GroundTruth(box: Box(x0: x0, y0: y0, x1: x1, y1: y1), label: label, isCrowd: crowd)
    }

    @Test(
        "The per-box scan counts exactly what the explanation shows, with and without FPN",
        arguments: Preset.all.map(\.name))
    func scanAgreesWithExplanation(presetName: String) {
        var preset = Preset.named(presetName)!
        var rng = SplitMix64(seed: UInt64(presetName.utf8.count) &* 104_729)
        var scratch = StatisticsScratch()
        var totals = (positives: 0, ambiguous: 0, mixed: 0, single: 0, singleAmbiguous: 0)
        for round in 0..<50 {
            if presetName == "torchvision" { preset.assignment.derivedGridSpacing = round % 2 == 1 }
            let width = Int.random(in: 32...400, using: &rng)
            let height = Int.random(in: 32...400, using: &rng)
            let boxes = randomScene(
                &rng, width: width, height: height, boxes: Int.random(in: 0...14, using: &rng))
            for rules in [preset.assignment, preset.assignment.withoutFPN] {
                let matcher = Matcher(rules: rules)
                let plain = matcher.plainStatistics(boxes, imageWidth: width, imageHeight: height)
                let fast = matcher.statistics(
                    boxes, imageWidth: width, imageHeight: height, scratch: &scratch)
                #expect(fast == plain, "round \(round), \(rules.levels.count) levels")
                // The positives are the matcher's positives.
                let targets = matcher.assign(boxes, imageWidth: width, imageHeight: height)
                #expect(fast.positivesPerLevel == targets.levels.map(\.positiveCount))
                #expect(fast.positivesPerGroundTruth == targets.positivesPerGroundTruth)
                if rules.levels.count == 1 {
                    totals.single += fast.positives
                    totals.singleAmbiguous += fast.ambiguous
                } else {
                    totals.positives += fast.positives
                    totals.ambiguous += fast.ambiguous
                    totals.mixed += fast.ambiguousDifferentClass
                }
            }
        }
        // The scenes must exercise ambiguity on both paths, or agreement proves little.
        #expect(totals.positives > 300 && totals.single > 300)
        #expect(totals.ambiguous > 10 && totals.mixed > 5 && totals.singleAmbiguous > 10)
    }

    // 64×64 input, official preset: P3 locations at 4, 12, …, 60 (j·8 + 4).
    // A = (0,0)-(40,40), label 0, holds P3 columns/rows 4…36 (5×5 = 25 locations).
    // B = (20,20)-(60,60), label 1, holds 28…52 (4×4 = 16). Both share 28, 36 on each axis: 4
    // locations, each with m ≤ 40 (inside P3's [-1, 64]) and no other level's range reached.
    // Equal areas (41 × 41 with +1 widths) tie, and the lower index, A, wins them.
    @Test("Two overlapping boxes of different classes: 4 ambiguous locations on P3")
    func handWorkedOverlap() {
        let a = labelled(0, 0, 40, 40, label: 0)
        let b = labelled(20, 20, 60, 60, label: 1)
        let s = Preset.official.matcher.statistics([a, b], imageWidth: 64, imageHeight: 64)
        #expect(s.levelNames == ["P3", "P4", "P5", "P6", "P7"])
        #expect(s.positivesPerLevel == [37, 0, 0, 0, 0])
        #expect(s.positivesPerGroundTruth == [25, 12])
        #expect(s.ambiguous == 4)
        #expect(s.ambiguousDifferentClass == 4)
        #expect(s.levelMaskPerGroundTruth == [1, 1])
        #expect(s.recalledGroundTruths == 2)

        let sameClass = Preset.official.matcher.statistics(
            [a, labelled(20, 20, 60, 60, label: 0)], imageWidth: 64, imageHeight: 64)
        #expect(sameClass.ambiguous == 4)
        #expect(sameClass.ambiguousDifferentClass == 0)
    }

    // Without FPN: P4 alone, locations at 8, 24, 40, 56, no size gate. A holds 8, 24 on each axis
    // (4 locations), B holds 24, 40, 56 (9); they share only (24, 24): 40 is on A's edge.
    @Test("The same pair without FPN: one ambiguous location on P4")
    func handWorkedOverlapWithoutFPN() {
        let rules = Preset.official.assignment.withoutFPN
        let s = Matcher(rules: rules).statistics(
            [labelled(0, 0, 40, 40, label: 0), labelled(20, 20, 60, 60, label: 1)], imageWidth: 64,
            imageHeight: 64)
        #expect(s.levelNames == ["P4"])
        #expect(s.positivesPerLevel == [12])
        #expect(s.positivesPerGroundTruth == [4, 8])
        #expect(s.ambiguous == 1)
        #expect(s.ambiguousDifferentClass == 1)
    }

    // C = (0,0)-(40,41) holds exactly A's 25 locations but is larger (41 × 42), so it loses all
    // of them: a box that is a candidate everywhere yet is not recalled. The crowd box counts
    // neither as a candidate nor in the recall's denominator.
    @Test("A box that loses every location is not recalled; crowd boxes are left out")
    func unrecalled() {
        let boxes = [
            labelled(0, 0, 40, 40, label: 0), labelled(0, 0, 40, 41, label: 2),
            labelled(0, 0, 64, 64, label: 1, crowd: true),
        ]
        let s = Preset.official.matcher.statistics(boxes, imageWidth: 64, imageHeight: 64)
        #expect(s.positivesPerGroundTruth == [25, 0, 0])
        #expect(s.ambiguous == 25)
        #expect(s.ambiguousDifferentClass == 25)
        #expect(s.eligibleGroundTruths == 2)
        #expect(s.recalledGroundTruths == 1)
        #expect(s.unrecalledGroundTruths == [1])
        #expect(s.candidatesPerGroundTruth == [25, 25, 0])
    }

    @Test("A box of area ≥ 1e8 falls back to the plain matcher and still agrees")
    func hugeBox() {
        let boxes = [labelled(-10_000, -10_000, 10_000, 10_000, label: 0), labelled(0, 0, 8, 8, label: 1)]
        let matcher = Preset.official.matcher
        let fast = matcher.statistics(boxes, imageWidth: 64, imageHeight: 64)
        #expect(fast == matcher.plainStatistics(boxes, imageWidth: 64, imageHeight: 64))
    }

    @Test("One scratch serves images of different sizes in turn")
    func scratchReuse() {
        var rng = SplitMix64(seed: 7)
        var scratch = StatisticsScratch()
        let matcher = Preset.mmdet.matcher
        for size in [400, 64, 300, 64, 512] {
            let boxes = randomScene(&rng, width: size, height: size, boxes: 8)
            let reused = matcher.statistics(boxes, imageWidth: size, imageHeight: size, scratch: &scratch)
            #expect(reused == matcher.statistics(boxes, imageWidth: size, imageHeight: size))
        }
    }
}
