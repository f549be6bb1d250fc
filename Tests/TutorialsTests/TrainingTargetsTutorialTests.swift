import FCOS
import Foundation
import Testing

/// The numbers `FCOS.docc/Tutorials/TrainingTargetsTutorial.tutorial` quotes, computed by the
/// same calls as its code listings (08-*.swift).
@Suite("Tutorials: lesson 08, training targets")
struct TrainingTargetsTutorialTests {
    let tutorial: TutorialText
    let boxes = [
        GroundTruth(box: Box(x0: 380, y0: 110, x1: 700, y1: 790), label: 1, name: "person"),
        GroundTruth(box: Box(x0: 590, y0: 150, x1: 760, y1: 370), label: 43, name: "tennis racket"),
        GroundTruth(box: Box(x0: 800, y0: 120, x1: 832, y1: 152), label: 37, name: "sports ball"),
    ]
    let assignment: Assignment

    init() throws {
        tutorial = try TutorialText(module: "FCOS", name: "TrainingTargetsTutorial")
        assignment = Preset.official.matcher.assign(boxes, imageWidth: 1066, imageHeight: 800)
    }

    /// `13 600`, grouped with a no-break space as the lessons print numbers.
    func grouped(_ n: Int) -> String {
        n < 1000 ? "\(n)" : "\(n / 1000)\u{A0}\(String(format: "%03d", n % 1000))"
    }

    @Test func levelsAndTheirPositives() {
        let levels = assignment.levels
        #expect(
            tutorial.says(
                "P3 is \(levels[0].map.height) × \(levels[0].map.width) locations, P7 only \(levels[4].map.height) × \(levels[4].map.width)"
            ))
        let busiest = levels.indices.max { levels[$0].positiveCount < levels[$1].positiveCount }!
        #expect(levels[busiest].map.level.name == "P5")
        #expect(
            tutorial.says(
                "Of the \(assignment.positiveCount) positives, P5 holds the most, \(levels[busiest].positiveCount)"
            ))
    }

    @Test func flatIndices() throws {
        var offsets: [Int] = []
        var count = 0
        for level in assignment.levels {
            offsets.append(count)
            count += level.map.height * level.map.width
        }
        #expect(
            tutorial.says(
                "P4 starts at \(grouped(offsets[1])) and P7 at \(grouped(offsets[4])); the image has \(grouped(count)) locations in all"
            ))
        // The person's most central positive.
        var best: (level: Int, index: Int)?
        for (l, level) in assignment.levels.enumerated() {
            for index in level.matched.indices where level.matched[index] == 0 {
                if best.map({ level.centerness[index] > assignment.levels[$0.level].centerness[$0.index] })
                    ?? true
                {
                    best = (l, index)
                }
            }
        }
        let (l, index) = try #require(best)
        let level = assignment.levels[l]
        let t = level.ltrb[index]
        #expect(
            tutorial.says(
                "sits on \(level.map.level.name) at `(i, j) = (\(index / level.map.width), \(index % level.map.width))`, which is row `k = \(grouped(offsets[l] + index))`"
            ))
        #expect(
            tutorial.says(
                "It regresses `l*, t*, r*, b*` = \(Int(t.l)), \(Int(t.t)), \(Int(t.r)) and \(Int(t.b)) px, and its centerness target is \(fixed(level.centerness[index]))"
            ))
        #expect([t.l, t.t, t.r, t.b].allSatisfy { $0 == $0.rounded() })
    }

    @Test func theLossOfAMadeUpHead() {
        var classTargets: [Int] = []
        var regressionTargets: [LTRB] = []
        var locations: [Point] = []
        var strides: [Float] = []
        for level in assignment.levels {
            for index in 0..<level.map.count {
                let g = Int(level.matched[index])
                classTargets.append(g >= 0 ? boxes[g].label : -1)
                regressionTargets.append(level.ltrb[index])
                locations.append(level.map.location(at: index))
                strides.append(Float(level.map.stride))
            }
        }
        let prior: Float = -4.59512
        #expect(abs(prior + Float(log(99.0))) < 1e-5)
        let inputs = FCOSLossInputs(
            classTargets: classTargets, regressionTargets: regressionTargets,
            classLogits: [Float](repeating: prior, count: classTargets.count * 80),
            regression: regressionTargets, centernessLogits: [Float](repeating: 0, count: classTargets.count),
            locations: locations, strides: strides, classCount: 80)
        let terms = FCOSLoss.breakdown(inputs, rules: Preset.official.loss)
        let value = terms.value
        #expect(terms.positiveCount == assignment.positiveCount)
        #expect(
            tutorial.says(
                "`N_pos` = \(terms.positiveCount) and `Σ ctr*` = \(fixed(terms.centernessTargetSum, 2)), so the average centerness target of a positive is \(fixed(terms.centernessTargetSum / Float(terms.positiveCount)))"
            ))
        #expect(value.regression == 0)
        #expect(tutorial.says("The perfect boxes give `L_reg` = 0"))
        #expect(fixed(value.centerness) == fixed(Float(log(2.0))))
        #expect(tutorial.says("costs `ln 2` = \(fixed(value.centerness)) whatever the target"))
        #expect(
            tutorial.says(
                "the focal loss over \(grouped(classTargets.count)) × 80 entries, divided by \(terms.positiveCount), is `L_cls` = \(fixed(value.classification))"
            ))
        #expect(terms.classificationDivisor == Float(terms.positiveCount))
    }

    @Test func everyPresetDividesByItsOwnPositives() {
        let positives = Dictionary(
            uniqueKeysWithValues: Preset.all.map {
                ($0.name, $0.matcher.assign(boxes, imageWidth: 1066, imageHeight: 800).positiveCount)
            })
        let n = { (p: Preset) in positives[p.name] ?? -1 }
        #expect(n(.officialImprv) == n(.mmdet) && n(.torchvision) == n(.detectron2))
        #expect(n(.officialImprv) < n(.torchvision) && n(.torchvision) < n(.official))
        #expect(
            tutorial.says(
                "its divisor `N_pos` is \(n(.official)) under official, which has no center sampling, but \(n(.officialImprv)) under official-imprv and mmdet and \(n(.torchvision)) under torchvision and detectron2, whose two center-sampling rules"
            ))
        #expect(Preset.official.assignment.centerSampling.radius == nil)
        for preset in [Preset.officialImprv, .mmdet, .torchvision, .detectron2] {
            #expect(preset.assignment.centerSampling.radius != nil, "\(preset.name)")
        }
        #expect(
            Preset.officialImprv.assignment.centerSampling != Preset.torchvision.assignment.centerSampling)
    }

    @Test func theMFieldChoosesLevels() {
        let ranges = boxes.map { g in
            (max(g.box.width, g.box.height) / 2, max(g.box.width, g.box.height))
        }
        let reached = ranges.map { low, high in
            Preset.official.assignment.levels.filter {
                $0.sizeRange.upper >= low && $0.sizeRange.lower <= high
            }
            .map(\.name)
        }
        #expect(reached == [["P6", "P7"], ["P4", "P5"], ["P3"]])
        #expect(
            tutorial.says(
                "the person's `m` runs from \(Int(ranges[0].0)) to \(Int(ranges[0].1)) and reaches P6 and P7, the racket's from \(Int(ranges[1].0)) to \(Int(ranges[1].1)) and reaches P4 and P5, and the ball's, from \(Int(ranges[2].0)) to \(Int(ranges[2].1)), only P3"
            ))
        let perLevel = boxes.indices.map { g in
            assignment.levels.map { $0.matched.filter { $0 == Int32(g) }.count }.filter { $0 > 0 }
        }
        #expect(perLevel == [[30, 4], [12, 40], [16]])
        #expect(tutorial.says("The assignment agrees: 30 + 4, 12 + 40 and 16 positives."))
    }
}
