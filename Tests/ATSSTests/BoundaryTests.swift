import ATSS
import FCOS
import Testing

@Suite("ATSS: rules at their boundaries")
struct BoundaryTests {
    let authors = ATSSPreset.atss.assigner
    let mmdet = ATSSPreset.atssMmdet.assigner

    func oneLevel(stride: Int, k: Int, anchors: AnchorConvention = .mmdetection) -> ATSSAssigner {
        ATSSAssigner(
            rules: ATSSRules(
                levels: [
                    FeatureLevel(
                        name: "P\(stride.trailingZeroBitCount)", stride: stride,
                        sizeRange: SizeRange(lower: 0, upper: .infinity))
                ],
                anchors: anchors, candidatesPerLevel: k))
    }

    @Test func anchorBoxesFollowEachConvention() {
        // Authors: stride 8, j = 0 → centre 4, [−27.5, 35.5] (width + 1 = 64); mmdetection: centre 0, ±32.
        let a = AnchorConvention.authors.box(centeredOn: Point(x: 4, y: 4), stride: 8)
        #expect(a == Box(x0: -27.5, y0: -27.5, x1: 35.5, y1: 35.5))
        let m = AnchorConvention.mmdetection.box(centeredOn: Point(x: 0, y: 0), stride: 8)
        #expect(m == Box(x0: -32, y0: -32, x1: 32, y1: 32))
        let maps = ATSSPreset.atss.rules.featureMaps(imageWidth: 100, imageHeight: 100)
        #expect(maps.map(\.width) == [16, 8, 4, 2, 1])  // padded to 128, P6/P7 halved with ceil
        #expect(maps[0].location(at: 0) == Point(x: 4, y: 4))
        #expect(
            ATSSPreset.atssMmdet.rules.featureMaps(imageWidth: 100, imageHeight: 100)[1].location(at: 1)
                == Point(x: 16, y: 0))
    }

    @Test func iouConventions() {
        // +1 widths: two 1-px boxes on the same pixel overlap fully; continuously they are points.
        let g = Box(x0: 10, y0: 10, x1: 10, y1: 10)
        #expect(AnchorConvention.authors.iou(anchor: g, box: g) == 1)
        #expect(AnchorConvention.mmdetection.iou(anchor: g, box: g) == 0)
        // Continuous: [0, 4]² vs [2, 6]²: 4 / (16 + 16 − 4) = 1/7. Inclusive: 9 / (25 + 25 − 9) = 9/41.
        let a = Box(x0: 0, y0: 0, x1: 4, y1: 4)
        let b = Box(x0: 2, y0: 2, x1: 6, y1: 6)
        #expect(AnchorConvention.mmdetection.iou(anchor: a, box: b) == Float(4) / 28)
        #expect(AnchorConvention.authors.iou(anchor: a, box: b) == Float(9) / 41)
    }

    /// A 64×64 image has 4 anchors on P5 and 1 on P6 and P7: `min(k, n_l)` candidates there.
    @Test func levelWithFewerAnchorsThanKGivesThemAll() {
        let box = mmdet.assign(
            [GroundTruth(box: Box(x0: 10, y0: 10, x1: 50, y1: 40))], imageWidth: 64, imageHeight: 64
        )
        .boxes[0]
        #expect(box.levels.map(\.candidates.count) == [9, 9, 4, 1, 1])
        #expect(box.candidateCount == 24)
        #expect(box.threshold != nil)
        #expect(box.positiveCount > 0)
    }

    /// One candidate in total: the sample deviation of one IoU is 0/0, NaN in the reference, and
    /// `IoU >= NaN` is false, so the box gets nothing; the population deviation would be 0.
    @Test func singleCandidateHasNoThresholdAndNoPositive() {
        let assigner = oneLevel(stride: 8, k: 1)
        let a = assigner.assign(
            [GroundTruth(box: Box(x0: 0, y0: 0, x1: 30, y1: 30))], imageWidth: 64, imageHeight: 64)
        let box = a.boxes[0]
        #expect(box.candidateCount == 1)
        #expect(box.mean != nil && box.standardDeviation == nil && box.threshold == nil)
        #expect(box.candidates[0].verdict == .noThreshold)
        #expect(box.remark == .undefinedDeviation)
        #expect(a.positiveCount == 0)
        #expect(box.populationThreshold == box.candidates[0].iou)

        var rules = assigner.rules
        rules.deviation = .population
        let population = ATSSAssigner(rules: rules).assign(a.groundTruths, imageWidth: 64, imageHeight: 64)
        #expect(population.positiveCount == 1)
    }

    /// Two candidates with the same IoU: deviation 0, threshold = mean, and `≥` lets both pass
    /// (MMYOLO's `>` would let none pass).
    @Test func zeroDeviationAndInclusiveTestLetEveryCandidatePass() {
        // Anchors at x = 8 and 16 (mmdetection, stride 8), both 4 px from the centre (12, 16);
        // the box lies inside both 64-px anchors, so both IoUs are 24·32 / 64² = 0.1875.
        let a = oneLevel(stride: 8, k: 2).assign(
            [GroundTruth(box: Box(x0: 0, y0: 0, x1: 24, y1: 32))], imageWidth: 64, imageHeight: 64)
        let box = a.boxes[0]
        #expect(box.candidates.map(\.iou) == [0.1875, 0.1875])
        #expect(box.standardDeviation == 0)
        #expect(box.threshold == 0.1875)
        #expect(box.candidates.allSatisfy { $0.verdict == .positive })
        #expect(a.positiveCount == 2)
    }

    /// Two identical boxes: every anchor passes for both with equal IoU and goes to the first.
    @Test func equalIoUConflictGoesToTheFirstBox() {
        let gt = GroundTruth(box: Box(x0: 100, y0: 100, x1: 180, y1: 160), label: 1)
        for assigner in [authors, mmdet] {
            let a = assigner.assign([gt, gt], imageWidth: 320, imageHeight: 320)
            #expect(a.boxes[0].positiveCount > 0)
            #expect(a.boxes[1].positiveCount == 0)
            #expect(a.boxes[1].remark == .lostEveryAnchor)
            for c in a.boxes[1].candidates where c.verdict.passedTests {
                #expect(c.verdict == .lostToHigherIoU(winner: 0, iou: c.iou))
            }
            #expect(a.statistics.ambiguous == a.boxes[0].positiveCount)
            #expect(a.statistics.candidatesPerGroundTruth[1] == a.boxes[0].positiveCount)
        }
    }

    /// An anchor positive for two boxes goes to the one it overlaps more, even the later one.
    @Test func conflictGoesToTheHigherIoU() {
        let first = GroundTruth(box: Box(x0: 100, y0: 100, x1: 200, y1: 200))
        let second = GroundTruth(box: Box(x0: 116, y0: 104, x1: 236, y1: 214))
        let a = mmdet.assign([first, second], imageWidth: 256, imageHeight: 256)
        var lost = 0
        defer { #expect(lost > 0, "the scene must contain a conflict") }
        for box in a.boxes {
            for (l, level) in box.levels.enumerated() {
                for c in level.candidates {
                    if case .lostToHigherIoU(let winner, let iou) = c.verdict {
                        lost += 1
                        #expect(iou > c.iou || (iou == c.iou && winner < box.groundTruth))
                        #expect(a.levels[l].matched[c.index] == Int32(winner))
                    }
                    if c.verdict == .positive {
                        #expect(a.levels[l].matched[c.index] == Int32(box.groundTruth))
                    }
                }
            }
        }
    }

    /// A 4-px-wide box between anchor columns: no anchor centre is inside it on any level.
    @Test func fourPixelWideBoxGetsNoPositive() {
        for preset in ATSSPreset.all {
            let gt = cocoBox(97, 100, 4, 120, for: preset)
            let a = preset.assigner.assign([gt], imageWidth: 320, imageHeight: 320)
            #expect(a.positiveCount == 0, "\(preset.name)")
            #expect(a.boxes[0].remark == .centerOutside, "\(preset.name)")
            #expect(a.groundTruthsWithoutPositives == [0])
        }
    }

    /// A box centred on a cell corner (mmdetection anchors at multiples of 8, centre (108, 108)):
    /// 4 anchors at √0.5·s, then 8 at √2.5·s; k = 9 admits 5 of the 8 — flagged, lower index first.
    @Test func tieAtTheKthDistanceIsFlagged() {
        let a = mmdet.assign(
            [GroundTruth(box: Box(x0: 78, y0: 78, x1: 138, y1: 138))], imageWidth: 320, imageHeight: 320)
        let p3 = a.boxes[0].levels[0]
        let distance = (Float(2.5) * 64).squareRoot()
        let all8 = (0..<p3.map.count).filter {
            CandidateSelection.distance(p3.map.location(at: $0), Point(x: 108, y: 108)) == distance
        }
        #expect(all8.count == 8)
        // The five lowest flat indices of the eight are taken, the other three flagged as left out.
        #expect(p3.tie == DistanceTie(distance: distance, admitted: 5, leftOutIndices: Array(all8.suffix(3))))
        #expect(p3.candidates.filter { $0.distance == distance }.map(\.index) == Array(all8.prefix(5)))
        #expect(a.boxes[0].hasTie)
        // The tied anchors overlap the box differently, so another choice could move the threshold.
        #expect(p3.tieCanChangePositives)
        // A box centred on an anchor has no tie at 9 (1 + 4 + 4 nearest).
        let centred = mmdet.assign(
            [GroundTruth(box: Box(x0: 74, y0: 74, x1: 134, y1: 134))], imageWidth: 320, imageHeight: 320)
        #expect(centred.boxes[0].levels[0].tie == nil)
    }

    /// A tie among anchors that all have IoU 0 with a small box, far below its threshold, cannot
    /// change anything: flagged, but as harmless.
    @Test func tieAmongEqualIoUsBelowTheThresholdIsHarmless() {
        // A 32-px box centred on a P7 cell corner (mmdetection anchors at multiples of 128).
        let a = mmdet.assign(
            [GroundTruth(box: Box(x0: 176, y0: 176, x1: 208, y1: 208))], imageWidth: 1024, imageHeight: 1024)
        let box = a.boxes[0]
        let harmless = box.levels.filter { $0.tie != nil && !$0.tieCanChangePositives }
        #expect(!harmless.isEmpty)
        for level in harmless {
            let tied = level.candidates.filter { $0.distance == level.tie!.distance }
            #expect(tied.allSatisfy { $0.iou == tied[0].iou && $0.verdict == .belowThreshold })
        }
    }

    @Test func emptyImageIsAllBackground() {
        for preset in ATSSPreset.all {
            let a = preset.assigner.assign([], imageWidth: 1333, imageHeight: 800)
            #expect(a.positiveCount == 0)
            #expect(a.boxes.isEmpty)
            #expect(a.levels.map(\.map.count) == [168 * 100, 84 * 50, 42 * 25, 21 * 13, 11 * 7])
            #expect(a.statistics.positives == 0)
        }
    }

    /// Zero width: IoUs are 0 (continuous) or tiny (+1 widths), the threshold is a number, and no
    /// centre is strictly inside, so no positive — and nothing is NaN.
    @Test func zeroAreaBoxHasFiniteNumbersAndNoPositive() {
        for preset in ATSSPreset.all {
            let a = preset.assigner.assign(
                [GroundTruth(box: Box(x0: 100, y0: 100, x1: 100, y1: 150))], imageWidth: 320, imageHeight: 320
            )
            let box = a.boxes[0]
            #expect(a.positiveCount == 0)
            #expect(box.threshold?.isFinite == true)
            #expect(box.candidates.allSatisfy { $0.iou.isFinite })
        }
    }

    /// Boxes beyond float32's range give infinite distances and NaN IoUs: no hang, no crash,
    /// no positive, and the JSON writer turns the non-finite numbers into null.
    @Test func absurdlyLargeBoxesEndNormally() {
        let huge = GroundTruth(box: Box(x0: -3e38, y0: 0, x1: 3e38, y1: 3e38))
        let far = GroundTruth(box: Box(x0: 1e30, y0: 1e30, x1: 2e30, y1: 2e30))
        for preset in ATSSPreset.all {
            let a = preset.assigner.assign([huge, far], imageWidth: 200, imageHeight: 100)
            #expect(a.boxes.map(\.candidateCount) == [37, 37])  // 9 + 9 + 9 + 8 (P6 4×2) + 2 (P7 2×1)
            #expect(a.boxes[1].positiveCount == 0)
        }
    }

    @Test func crowdBoxIsNeverMatched() {
        let crowd = GroundTruth(box: Box(x0: 40, y0: 40, x1: 200, y1: 200), isCrowd: true)
        let a = authors.assign([crowd], imageWidth: 256, imageHeight: 256)
        #expect(a.positiveCount == 0)
        #expect(a.boxes[0].remark == .crowd)
        #expect(a.groundTruthsWithoutPositives.isEmpty)
        #expect(a.statistics.eligibleGroundTruths == 0)
    }

    /// `k` is a parameter: a larger k takes more candidates and (here) lowers the threshold.
    @Test func kSweepChangesCandidatesAndThreshold() {
        let gt = GroundTruth(box: Box(x0: 150, y0: 120, x1: 260, y1: 300))
        var counts: [Int] = []
        for k in [3, 9, 19] {
            var rules = ATSSPreset.atss.rules
            rules.candidatesPerLevel = k
            let box = ATSSAssigner(rules: rules).assign([gt], imageWidth: 512, imageHeight: 512).boxes[0]
            #expect(box.levels.allSatisfy { $0.candidates.count == min(k, $0.map.count) })
            counts.append(box.candidateCount)
        }
        #expect(counts == [15, 45, 95 - 19 + 16])  // P7 on 512 is 4×4 = 16 anchors
    }
}
