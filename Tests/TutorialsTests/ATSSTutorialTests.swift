import ATSS
import FCOS
import Testing

/// The numbers `ATSS.docc/Tutorials/ATSSTutorial.tutorial` quotes, computed by the same calls
/// as its code listings (09-atss-*.swift, 09-rules-*.swift, 09-compare-1.swift).
@Suite("Tutorials: lesson 09, ATSS")
struct ATSSTutorialTests {
    let tutorial: TutorialText
    let boxes = [
        GroundTruth(box: Box(x0: 380, y0: 110, x1: 700, y1: 790), name: "person"),
        GroundTruth(box: Box(x0: 590, y0: 150, x1: 760, y1: 370), name: "tennis racket"),
        GroundTruth(box: Box(x0: 800, y0: 120, x1: 832, y1: 152), name: "sports ball"),
    ]
    let assignment: ATSSAssignment

    init() throws {
        tutorial = try TutorialText(module: "ATSS", name: "ATSSTutorial")
        assignment = ATSSPreset.atss.assigner.assign(boxes, imageWidth: 1066, imageHeight: 800)
    }

    @Test func candidatesAndTheirCircles() {
        let counts = Set(assignment.boxes.map(\.candidateCount))
        #expect(counts.count == 1)
        #expect(tutorial.says("`k = 9` anchors whose centres are nearest"))
        #expect(ATSSPreset.atss.rules.candidatesPerLevel == 9)
        #expect(tutorial.says("\(counts.first ?? 0) candidates per box on five levels"))
        let person = assignment.boxes[0].levels[0].cutoffDistance
        let ball = assignment.boxes[2].levels[0].cutoffDistance
        #expect(
            tutorial.says(
                "on P3 its radius is \(fixed(person, 1)) px for the person and \(fixed(ball, 1)) px"))
    }

    @Test func thresholdsAndTheLevelTheyChoose() {
        let t = assignment.boxes.map { fixed($0.threshold) }
        #expect(
            tutorial.says("The person's threshold is \(t[0]), the racket's \(t[1]) and the ball's \(t[2])"))
        let nearest = assignment.boxes[0].levels.map { fixed($0.candidates.first?.iou) }
        let names = assignment.levels.map(\.map.level.name)
        let listed = zip(nearest, names).map { "\($0) on \($1)" }
        #expect(
            tutorial.says(
                "nearest candidate's IoU is \(listed[0...3].joined(separator: ", ")) and \(listed[4]), so only P6 clears \(t[0])"
            ))
        #expect(assignment.boxes[0].positivesPerLevel == [0, 0, 0, 9, 0])
        #expect(assignment.boxes[1].positivesPerLevel == [0, 0, 9, 0, 0])
        #expect(assignment.boxes[2].positivesPerLevel == [9, 0, 0, 0, 0])
        #expect(
            tutorial.says(
                "Each of the three boxes gets 9 positives, all on one level: the person on P6, the racket on P5 and the ball on P3"
            ))
        #expect(tutorial.says("gives 9 here"))
        #expect(Int((0.2 * Double(9 * names.count)).rounded()) == 9)
    }

    @Test func vectorDLosesThreeCandidatesToTheCentreTest() {
        let thin = GroundTruth(box: Box(x0: 373, y0: 204, x1: 408, y1: 457), name: "thin")
        let story = ATSSPreset.atss.assigner.assign([thin], imageWidth: 800, imageHeight: 800).boxes[0]
        let rejected = story.candidates.filter { $0.verdict == .centerOutside }
        let onP4 = story.levels[1].candidates.filter { $0.verdict == .centerOutside }
        #expect(rejected.count == 3 && onP4.count == 3)
        #expect(Set(rejected.map(\.center.x)) == [408])
        #expect(Set(rejected.map { fixed($0.iou) }) == [fixed(rejected.first?.iou)])
        #expect(
            tutorial.says(
                "Its threshold is \(fixed(story.threshold)); 3 candidates on P4 clear it with IoU \(fixed(rejected.first?.iou)), but their centres lie at x = 408"
            ))
        let perLevel = story.positivesPerLevel
        #expect(perLevel == [9, 6, 0, 0, 0])
        #expect(tutorial.says("The box keeps 9 positives on P3 and 6 on P4."))
    }

    @Test func theOverlappingPairFightsOverOneAnchor() throws {
        let pair = [
            GroundTruth(box: Box(x0: 150, y0: 140, x1: 300, y1: 330), name: "left"),
            GroundTruth(box: Box(x0: 190, y0: 160, x1: 350, y1: 340), name: "right"),
        ]
        let duel = ATSSPreset.atss.assigner.assign(pair, imageWidth: 512, imageHeight: 512)
        #expect(
            tutorial.says(
                "their thresholds are \(fixed(duel.boxes[0].threshold)) and \(fixed(duel.boxes[1].threshold))"
            ))
        let lost = duel.boxes[0].levels.enumerated().flatMap { l, level in
            level.candidates.compactMap { c -> (Int, Candidate, Float)? in
                if case .lostToHigherIoU(winner: 1, let iou) = c.verdict {
                    return (l, c, iou)
                } else {
                    return nil
                }
            }
        }
        #expect(lost.count == 1)
        #expect(
            !duel.boxes[1].candidates.contains {
                if case .lostToHigherIoU = $0.verdict { true } else { false }
            })
        let (level, candidate, winnerIoU) = try #require(lost.first)
        #expect(level == 1 && candidate.center == Point(x: 248, y: 248))
        #expect(
            tutorial.says(
                "the P4 anchor at (248, 248) passes for both. It has IoU \(fixed(candidate.iou)) with the left box and \(fixed(winnerIoU)) with the right one"
            ))
    }

    @Test func fcosAndATSSChooseDifferentLevels() {
        let fcos = Preset.official.matcher.assign(boxes, imageWidth: 1066, imageHeight: 800)
        #expect(
            tutorial.says(
                "FCOS's official preset gives \(fcos.positiveCount) positives and ATSS \(assignment.positiveCount)"
            ))
        let perLevel = boxes.indices.map { g in fcos.levels.map { $0.matched.filter { $0 == Int32(g) }.count }
        }
        #expect(perLevel[0] == [0, 0, 0, 30, 4] && perLevel[1] == [0, 12, 40, 0, 0])
        #expect(perLevel[2].filter { $0 > 0 }.count == 1 && perLevel[2][0] > 0)
        #expect(
            tutorial.says(
                "FCOS puts the person on P6 and P7 (30 + 4) and the racket on P4 and P5 (12 + 40), where ATSS keeps the person on P6 alone and the racket on P5 alone"
            ))
        #expect(tutorial.says("They choose different levels for two boxes"))
        for g in boxes.indices {
            #expect(assignment.boxes[g].positivesPerLevel.allSatisfy { $0 <= 9 })
        }
    }

    @Test func centerSamplingAndMmdetection() {
        let fcos = Preset.official.matcher.assign(boxes, imageWidth: 1066, imageHeight: 800)
        let sampled = Preset.officialImprv.matcher.assign(boxes, imageWidth: 1066, imageHeight: 800)
        #expect(
            tutorial.says(
                "it cuts the scene's positives from \(fcos.positiveCount) to \(sampled.positiveCount), close to ATSS's \(assignment.positiveCount)"
            ))
        let racketLevels = sampled.levels.map { $0.matched.contains(1) }
        #expect(racketLevels == [false, true, true, false, false])
        #expect(tutorial.says("so the racket keeps positives on both P4 and P5"))
        let mmdet = ATSSPreset.atssMmdet.assigner.assign(boxes, imageWidth: 1066, imageHeight: 800)
        let t = mmdet.boxes.map { fixed($0.threshold) }
        #expect(tutorial.says("the thresholds move to \(t[0]), \(t[1]) and \(t[2])"))
        #expect(
            zip(assignment.boxes, mmdet.boxes).allSatisfy { $0.positivesPerLevel == $1.positivesPerLevel })
        #expect(tutorial.says("no box changes its positives per level"))
        #expect(ATSSPreset.atss.rules.anchors.centerOffset != ATSSPreset.atssMmdet.rules.anchors.centerOffset)
        #expect(ATSSPreset.atss.rules.anchors.boxes != ATSSPreset.atssMmdet.rules.anchors.boxes)
    }

    @Test func theKSweep() {
        let runs = stride(from: 3, through: 19, by: 2).map { k in
            var rules = ATSSPreset.atss.rules
            rules.candidatesPerLevel = k
            return (k, ATSSAssigner(rules: rules).assign(boxes, imageWidth: 1066, imageHeight: 800))
        }
        for (k, run) in runs {
            // 0.2 · k · L with L = 5 levels is exactly k.
            #expect(run.boxes[0].positiveCount == k, "k = \(k)")
            let racketLevels = run.boxes[1].positivesPerLevel.map { $0 > 0 }
            #expect(
                racketLevels
                    == (k <= 15 ? [false, false, true, false, false] : [false, true, true, false, false]))
        }
        #expect(
            tutorial.says(
                "the person's positives follow `0.2 · k · L` exactly, `k` of them for every `k`, while the racket keeps P5 alone up to k = 15 and gains P4 positives at k = 17"
            ))
    }
}
