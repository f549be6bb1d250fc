import FCOS
import Testing

@testable import Coursework

/// The grader in-process: what a starter, a solution and each common mistake get. These run in
/// milliseconds, so every preset and every named mistake is covered here, and only a few
/// packages go through a real `swift build` (see `GeneratedPackageTests`).
@Suite("Grading in-process")
struct GraderTests {
    static let presets = Preset.names

    /// Every function throws the starter's marker.
    static let starter = Submission(
        locations: { _, _, _ in try notAttempted("TODO") }, match: { _, _, _ in try notAttempted("TODO") },
        deltas: { _, _, _ in try notAttempted("TODO") }, applyDeltas: { _, _, _ in try notAttempted("TODO") },
        centerness: { _ in try notAttempted("TODO") }, focalLoss: { _, _, _, _ in try notAttempted("TODO") },
        loss: { _, _ in try notAttempted("TODO") },
        nms: { _, _, _ in try notAttempted("TODO") }, inference: { _, _, _ in try notAttempted("TODO") })

    /// What the `--with-solutions` files do: call the toolkit.
    static func toolkitSolution(
        _ rules: AssignmentRules, loss: LossRules = .official, postProcessing: PostProcessingRules? = nil
    ) -> Submission {
        Submission(
            locations: { w, h, s in
                FeatureMap(
                    level: FeatureLevel(name: "", stride: s, sizeRange: SizeRange(lower: 0, upper: 0)),
                    width: w,
                    height: h, stepX: s, stepY: s, offset: rules.locationOffset
                ).locations
            },
            match: { locations, level, boxes in
                locations.map { p in
                    let keys: [Float?] = boxes.map { box in
                        let d = LTRB(from: p, to: box)
                        guard rules.centerSampling.admits(p, box: box, stride: level.stride),
                            rules.sizeGate.admits(d.maximum, in: level.sizeRange)
                        else { return nil }
                        return rules.ambiguity.key(area: box.area(rules.areaConvention))
                    }
                    return rules.ambiguity.resolve(keys) ?? -1
                }
            },
            deltas: { RegressionDeltas.encode($1, at: $0, stride: Float($2), units: rules.regressionUnits) },
            // Only presets that clip give applyDeltas a negative distance, so clipping is right everywhere.
            applyDeltas: {
                RegressionDeltas.decode(
                    $0, at: $1, stride: Float($2), units: rules.regressionUnits, clampNegative: true)
            },
            centerness: { Centerness.value($0) },
            focalLoss: { FocalLoss.elements(logits: $0, targets: $1, alpha: $2, gamma: $3) },
            loss: { inputs, _ in FCOSLoss.compute(inputs, rules: loss) },
            nms: {
                NMS.greedy(boxes: $0, scores: $1, iouThreshold: Double($2), convention: rules.areaConvention)
            },
            inference: postProcessing.map { post -> Submission.InferenceFunction in
                {
                    PostProcessing.detections(
                        levels: $0, imageWidth: Float($1), imageHeight: Float($2), rules: post)
                }
            })
    }

    @Test("the starter is 'not attempted' in every part and scores 0", arguments: presets)
    func starterIsNotAttempted(preset: String) {
        let report = Grader(course: Course(preset: preset), submission: Self.starter).gradeAll()
        #expect(report.parts.map(\.status) == Array(repeating: .notAttempted, count: Part.allCases.count))
        #expect(report.score == 0)
        #expect(report.maxScore == Course(preset: preset).maxScore)
        #expect(!report.passed)
        #expect(report.parts.allSatisfy { $0.explanations.first?.contains("not attempted") == true })
    }

    @Test("solutions that call the toolkit pass every part", arguments: presets)
    func toolkitSolutionPasses(preset: String) {
        let course = Course(preset: preset)
        let report = Grader(
            course: course,
            submission: Self.toolkitSolution(
                course.rules, loss: course.preset.loss, postProcessing: course.preset.postProcessing)
        ).gradeAll()
        for part in report.parts { #expect(part.status == .passed, "\(part.part): \(part.explanations)") }
        #expect(report.score == course.maxScore)
    }

    @Test("an honest hand-written solution passes every part, hidden cases included", arguments: presets)
    func handWrittenSolutionPasses(preset: String) {
        let course = Course(preset: preset)
        var student = HandWrittenStudent(rules: course.rules, postProcessing: course.preset.postProcessing)
        student.loss = course.preset.loss
        let report = Grader(course: course, submission: student.submission, hiddenSeed: 4242).gradeAll()
        for part in report.parts { #expect(part.status == .passed, "\(part.part): \(part.explanations)") }
    }

    /// Each flaw under the presets where it changes something.
    static let flawCases: [(HandWrittenStudent.Flaw, String)] = HandWrittenStudent.Flaw.allCases.flatMap {
        flaw in
        switch flaw {
        case .missingStrideNormalisation, .missingCenterSampling, .decodeWithoutStride:
            return [(flaw, "mmdet"), (flaw, "torchvision")]
        case .unclippedNegativeDistances:
            return [(flaw, "eecs498"), (flaw, "detectron2")]
        case .exactMinimumArea:
            return [(flaw, "torchvision"), (flaw, "detectron2"), (flaw, "eecs498")]
        default: return [(flaw, "official"), (flaw, "torchvision"), (flaw, "eecs498")]
        }
    }

    /// Only the broken part is graded: the honest-solution test above shows that the other
    /// parts pass, and matching is the slow one in a debug build. Exact areas under a
    /// float32-ranking preset, and centerness outside a box, only show in the hidden cases, so
    /// those flaws are graded with them.
    @Test("each common mistake fails its part and is named", arguments: flawCases)
    func mistakeIsRecognised(flaw: HandWrittenStudent.Flaw, preset: String) throws {
        let course = Course(preset: preset)
        let student = HandWrittenStudent(rules: course.rules, flaws: [flaw])
        let (part, mistake) = flaw.expected
        let hidden: UInt64? = flaw.needsHiddenCases ? 99 : nil
        let result = Grader(course: course, submission: student.submission, hiddenSeed: hidden).grade(part)
        #expect(result.status == .failed)
        #expect(result.points < result.maxPoints)
        #expect(result.points <= result.maxPoints / 2)
        #expect(result.mistakes.map(\.id) == [mistake], "\(result.explanations)")
        let name = try #require(result.mistakes.first?.name)
        #expect(result.explanations.first?.contains(name) == true)
        #expect(result.explanations.count >= 2, "a mistake and at least one concrete difference")
    }

    @Test("matching explains an area decision the way the brief shows")
    func matchingSentenceNamesAreas() throws {
        let course = Course(preset: "official")
        let student = HandWrittenStudent(rules: course.rules, flaws: [.maxArea])
        let result = Grader(course: course, submission: student.submission).grade(.matching)
        let sentence = try #require(
            result.explanations.first { $0.contains("a small box inside a larger one") })
        #expect(sentence.contains("you matched GT 0, expected GT 1: both contain it and pass the"))
        #expect(sentence.contains("GT 1 has the smaller area"))
        #expect(sentence.contains("did you keep the largest box? (15 more locations differ on P3.)"))
        let evidence = try #require(result.evidence)
        #expect(evidence.matched.count == course.rules.levels.count)
    }

    @Test("centerness without sqrt asks about the square root")
    func centernessQuestion() throws {
        let course = Course(preset: "eecs498")
        let student = HandWrittenStudent(rules: course.rules, flaws: [.centernessWithoutSqrt])
        let result = Grader(course: course, submission: student.submission).grade(.centerness)
        let sentence = try #require(result.explanations.dropFirst().first)
        #expect(sentence.contains("centerness at (30, 40)"))
        #expect(sentence.contains("you returned 0.1667, expected 0.4082: did you take the square root?"))
    }

    @Test("two mistakes in one part are both named")
    func twoMistakes() {
        let course = Course(preset: "official")
        let student = HandWrittenStudent(rules: course.rules, flaws: [.flippedRangeBounds, .maxArea])
        let result = Grader(course: course, submission: student.submission).grade(.matching)
        #expect(Set(result.mistakes.map(\.id)) == ["range-bounds", "max-area"])
    }

    @Test("a function that throws another error fails with the error, not 'not attempted'")
    func throwingFunction() {
        struct Oops: Error {}
        var submission = Self.toolkitSolution(Preset.official.assignment)
        submission.centerness = { _ in throw Oops() }
        let result = Grader(course: Course(preset: "official"), submission: submission).grade(.centerness)
        #expect(result.status == .failed)
        #expect(result.explanations.first?.contains("centerness threw an error") == true)
    }

    @Test("half-done parts fail and say which function is left")
    func halfDone() {
        var submission = Self.toolkitSolution(Preset.mmdet.assignment)
        submission.applyDeltas = { _, _, _ in try notAttempted("TODO: decode") }
        let result = Grader(course: Course(preset: "mmdet"), submission: submission).grade(.deltas)
        #expect(result.status == .failed)
        #expect(result.explanations.last == "applyDeltas is not attempted yet (TODO: decode).")
    }
}
