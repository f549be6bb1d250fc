import FCOS
import Foundation
import Testing

@testable import Coursework

/// The pieces of grading a submission cannot forge, in-process: partial credit, hidden cases,
/// the child's answers channel, the replay of answers through the checks, and the sentences
/// for a child that stopped.
@Suite("Grading that a submission cannot game")
struct SafeGradingTests {
    // MARK: Partial credit

    /// Every function returns a constant: −1, nothing kept, zeros, empty lists.
    static let constant = Submission(
        locations: { _, _, _ in [] }, match: { locations, _, _ in locations.map { _ in -1 } },
        deltas: { _, _, _ in LTRB(l: 0, t: 0, r: 0, b: 0) },
        applyDeltas: { _, _, _ in Box(x0: 0, y0: 0, x1: 0, y1: 0) }, centerness: { _ in 0 },
        focalLoss: { logits, _, _, _ in logits.map { _ in 0 } },
        loss: { _, _ in FCOSLossValue(classification: 0, regression: 0, centerness: 0) },
        nms: { boxes, _, _ in Array(boxes.indices) }, inference: { _, _, _ in [] })

    @Test("a constant answer earns nothing, and never more than an honest near-miss", arguments: Preset.names)
    func constantAnswerEarnsNothing(preset: String) {
        let course = Course(preset: preset)
        let report = Grader(course: course, submission: Self.constant, hiddenSeed: 5).gradeAll()
        for result in report.parts {
            #expect(result.status == .failed)
            #expect(result.points == 0, "\(result.part): \(result.points) for a constant answer")
        }
        // The examples alone keep this quick in a debug build; the matching test below adds hidden ones.
        let examples = Grader(course: course, submission: Self.constant).gradeAll()
        #expect(examples.score == 0)
        for flaw in HandWrittenStudent.Flaw.allCases {
            let (part, _) = flaw.expected
            let student = HandWrittenStudent(rules: course.rules, flaws: [flaw])
            let result = Grader(course: course, submission: student.submission).grade(part)
            #expect(result.points >= report.result(for: part)!.points)
            #expect(result.points <= result.maxPoints)
        }
    }

    @Test("matching near-misses keep most of half the points; −1 everywhere none")
    func matchingNearMissesBeatConstant() {
        let course = Course(preset: "official")
        let constant = Grader(course: course, submission: Self.constant, hiddenSeed: 5).grade(.matching)
        #expect(constant.points == 0)
        for flaw: HandWrittenStudent.Flaw in [.flippedRangeBounds, .maxArea, .edgesInside, .lateTies] {
            let student = HandWrittenStudent(rules: course.rules, flaws: [flaw])
            let result = Grader(course: course, submission: student.submission, hiddenSeed: 5).grade(
                .matching)
            #expect(
                result.points >= result.maxPoints / 6 && result.points <= result.maxPoints / 2,
                "\(flaw): \(result.points)/\(result.maxPoints)")
        }
    }

    @Test("partial credit is the mean over families of informative cases right, floored, at most half")
    func partialPointsFormula() {
        var grading = Grading(part: .matching)
        grading.begin("a", informative: true)
        grading.pass()
        grading.fail(nil)
        grading.begin("b", informative: true)
        grading.pass()
        grading.begin("background", informative: false)
        for _ in 0..<50 { grading.pass() }
        // Families a: 1/2, b: 1/1 → mean 0.75 → ⌊25 / 2 × 0.75⌋ = ⌊9.375⌋ = 9.
        #expect(Part.matching.maxPoints == 25)
        #expect(grading.partialPoints == 9)
        #expect(grading.families.map(\.name) == ["a", "b"])
        let result = grading.result()
        #expect(result.status == .failed && result.points == 9)
    }

    // MARK: Hidden cases

    static let float32Presets = Preset.names.filter { Preset.named($0)!.assignment.ambiguity == .float32Rank }

    @Test(
        "exact areas under a float32-ranking preset fail the hidden cases and are named",
        arguments: float32Presets)
    func exactAreasFailHiddenCases(preset: String) {
        let course = Course(preset: preset)
        let student = HandWrittenStudent(rules: course.rules, flaws: [.exactMinimumArea])
        let examples = Grader(course: course, submission: student.submission).grade(.matching)
        #expect(examples.status == .passed, "the examples alone cannot tell, as the issue found")
        let graded = Grader(course: course, submission: student.submission, hiddenSeed: 17).grade(.matching)
        #expect(graded.status == .failed)
        #expect(graded.mistakes.map(\.id) == ["exact-min-area"])
    }

    @Test("the hidden scenes put each boundary exactly on a location", arguments: Preset.names)
    func hiddenBoundaries(preset: String) throws {
        let rules = Preset.named(preset)!.assignment
        for seed: UInt64 in [1, 2, 3] {
            let hidden = CourseScene.hidden(rules: rules, seed: seed)
            let maps = rules.featureMaps(
                imageWidth: CourseScene.hiddenSize, imageHeight: CourseScene.hiddenSize)
            func scenes(_ family: String) -> [CourseScene] {
                hidden.filter { $0.family == "hidden: " + family }
            }
            for scene in scenes("m exactly on a range bound") {
                let box = scene.boxes[0]
                let onBound = maps.contains { map in
                    let bounds = [map.level.sizeRange.lower, map.level.sizeRange.upper]
                    return map.locations.contains {
                        let d = LTRB(from: $0, to: box)
                        return d.minimum > 0 && bounds.contains(d.maximum)
                            && rules.centerSampling.admits($0, box: box, stride: map.stride)
                    }
                }
                #expect(onBound, "\(scene.name)")
            }
            for scene in scenes("equal areas") {
                #expect(
                    scene.boxes[0].area(rules.areaConvention) == scene.boxes[1].area(rules.areaConvention))
            }
            let near = scenes("areas within 8 px²")
            #expect(!near.isEmpty)
            for scene in near {
                let (a, b) = (
                    scene.boxes[0].area(rules.areaConvention), scene.boxes[1].area(rules.areaConvention)
                )
                #expect(a > b && a - b <= 7)
                if rules.ambiguity == .float32Rank {
                    #expect(rules.ambiguity.key(area: a) == rules.ambiguity.key(area: b))
                }
            }
            for scene in scenes("locations on box edges") {
                let onEdge = maps.prefix(2).contains { map in
                    map.locations.contains { LTRB(from: $0, to: scene.boxes[0]).minimum == 0 }
                }
                #expect(onEdge, "\(scene.name)")
            }
            let radius = scenes("the center-sampling radius exactly")
            #expect(radius.isEmpty == (rules.centerSampling.radius == nil))
            for scene in radius {
                let box = scene.boxes[0]
                let c = box.center
                let exact = maps.prefix(2).contains { map in
                    let reach = rules.centerSampling.radius! * Float(map.stride)
                    return map.locations.contains {
                        max(abs($0.x - c.x), abs($0.y - c.y)) == reach && LTRB(from: $0, to: box).minimum > 0
                    }
                }
                #expect(exact, "\(scene.name)")
            }
        }
    }

    @Test("the hidden NMS cases have an IoU exactly at the threshold", arguments: BoxConvention.allCases)
    func hiddenNMSThreshold(convention: BoxConvention) {
        let cases = NMSCheck.cases(convention: convention, seed: 1, hidden: 8).filter {
            $0.name == "hidden: IoU exactly at the threshold"
        }
        #expect(cases.count == 5)
        for c in cases {
            let exact = c.boxes.indices.contains { i in
                c.boxes.indices.contains { j in
                    i != j
                        && intersectionOverUnion(c.boxes[i], c.boxes[j], convention: convention)
                            == c.threshold
                }
            }
            #expect(exact, "threshold \(c.threshold)")
        }
    }

    @Test("hidden cases depend on the seed and only the seed")
    func hiddenCasesFollowTheSeed() {
        let rules = Preset.official.assignment
        #expect(CourseScene.hidden(rules: rules, seed: 3) == CourseScene.hidden(rules: rules, seed: 3))
        #expect(CourseScene.hidden(rules: rules, seed: 3) != CourseScene.hidden(rules: rules, seed: 4))
        let focal = FocalLossCheck.cases(seed: 1, hidden: 3)
        #expect(focal.contains { $0.name == "hidden: logits of ±100" && $0.logits.contains(100) })
    }

    // MARK: The child's answers

    static let calls: [ChildCall] = [
        .centerness(deltas: LTRB(l: 1, t: 2, r: 3, b: 4)), .nms(boxes: [], scores: [], iouThreshold: 0.5),
    ]

    @Test("well-formed answers decode; infinities and NaN are spelled as strings")
    func answersDecode() throws {
        let text = #"{"value":"nan"}"# + "\n" + #"{"notAttempted":"TODO: nms"}"# + "\n"
        let read = ChildAnswers(Data(text.utf8), overflowed: false, calls: Self.calls)
        #expect(read.problem == nil)
        guard case .value(.number(let x)) = read.answers[0], case .notAttempted("TODO: nms") = read.answers[1]
        else {
            Issue.record("\(read.answers)")
            return
        }
        #expect(x.isNaN)
    }

    @Test(
        "a forged, malformed, mistyped or oversized answer fails the part with a sentence",
        arguments: [
            #"{"status":"passed","points":95,"max_points":10}"#, "not json", #"{"value":[1,2]}"#,
            #"{"value":0.5,"points":10}"#,
        ])
    func malformedAnswers(line: String) throws {
        let read = ChildAnswers(Data((line + "\n").utf8), overflowed: false, calls: Self.calls)
        let problem = try #require(read.problem)
        #expect(problem.hasPrefix("Answer 1 of this part (to centerness) could not be read"))
        #expect(read.answers.isEmpty)
        let oversized = ChildAnswers(Data(), overflowed: true, calls: Self.calls)
        #expect(oversized.problem?.contains("exceed 24 MB") == true)
    }

    @Test("a last line cut short is not an answer; more answers than calls is a problem")
    func truncatedAndExtraAnswers() {
        let cut = ChildAnswers(
            Data((#"{"value":0.5}"# + "\n" + #"{"val"#).utf8), overflowed: false, calls: Self.calls)
        #expect(cut.problem == nil && cut.answers.count == 1)
        let extra = String(repeating: #"{"value":0.5}"# + "\n", count: 3)
        #expect(ChildAnswers(Data(extra.utf8), overflowed: false, calls: Self.calls).problem != nil)
    }

    @Test(
        "answers replayed through a check grade exactly as the functions themselves", arguments: Part.allCases
    )
    func replayMatchesDirectGrading(part: Part) {
        let course = Course(preset: "torchvision")
        let student = HandWrittenStudent(
            rules: course.rules, flaws: [.maxArea, .nmsGreaterOrEqual, .transposedGrid],
            inferenceFlaws: [.classAgnosticNMS], postProcessing: course.preset.postProcessing)
        let calls = CallRecorder.calls(for: part, course: course, hiddenSeed: 3)
        let s = student.submission
        let answers: [ChildAnswer] = calls.map { call in
            switch call {
            case .locations(let w, let h, let stride): return .value(.points(try! s.locations!(w, h, stride)))
            case .match(let p, let level, let boxes): return .value(.indices(try! s.match!(p, level, boxes)))
            case .deltas(let p, let box, let stride): return .value(.ltrb(try! s.deltas!(p, box, stride)))
            case .applyDeltas(let d, let p, let stride):
                return .value(.box(try! s.applyDeltas!(d, p, stride)))
            case .centerness(let d): return .value(.number(try! s.centerness!(d)))
            case .focalLoss(let x, let z, let a, let g):
                return .value(.numbers(try! s.focalLoss!(x, z, a, g)))
            case .nms(let boxes, let scores, let t): return .value(.indices(try! s.nms!(boxes, scores, t)))
            case .loss(let q): return .value(.lossTerms(try! s.loss!(q.inputs, q.boxCount)))
            case .inference(let levels, let w, let h):
                return .value(.detections(try! s.inference!(levels, w, h)))
            }
        }
        let replay = AnswerReplay(calls: calls, answers: answers)
        let replayed = Grader(course: course, submission: replay.submission, hiddenSeed: 3).grade(part)
        let direct = Grader(course: course, submission: s, hiddenSeed: 3).grade(part)
        #expect(replayed == direct)
        #expect(!calls.isEmpty)
    }

    @Test("calls answered before a stop are graded; the rest fail without a sentence each")
    func unansweredCalls() {
        let course = Course(preset: "official", parts: [.centerness])
        let calls = CallRecorder.calls(for: .centerness, course: course, hiddenSeed: nil)
        let answers = calls.prefix(3).map { call -> ChildAnswer in
            guard case .centerness(let d) = call else { return .error("?") }
            return .value(.number(Centerness.value(d)))
        }
        let replay = AnswerReplay(calls: calls, answers: Array(answers))
        let result = Grader(course: course, submission: replay.submission).grade(.centerness)
        #expect(result.status == .failed)
        #expect(result.failedCases == calls.count - 3)
        #expect(!result.explanations.contains { $0.contains("more failing case") })
    }

    // MARK: Why a child stopped

    static func stop(
        status: Int32 = 0, signalled: Bool = false, timedOut: Bool = false, stderr: String = "",
        answered: Int = 2
    ) -> String? {
        let calls = Array(
            repeating: ChildCall.match(locations: [], level: FeatureLevel.paperLevels[0], boxes: []), count: 5
        )
        return StopReport(
            outcome: Subprocess.Outcome(
                status: status, signalled: signalled, timedOut: timedOut, standardOutput: "",
                standardError: stderr),
            timeout: 120, limits: .forTimeout(120), calls: calls, answered: answered
        ).sentence
    }

    @Test("a stopped child is explained in words")
    func stopSentences() {
        #expect(
            Self.stop(timedOut: true)
                == "Your code did not finish within 120 s; it was running `matchLocations` (call 3 of 5). The 3 calls "
                + "it did not answer count as wrong. (An endless loop, or a very slow algorithm?)")
        #expect(
            Self.stop()?.hasPrefix("Your code exited with status 0 before answering; it was running") == true)
        #expect(Self.stop(status: 137)?.hasPrefix("Your code was killed (signal 9") == true)
        #expect(
            Self.stop(status: 24, signalled: true)?.hasPrefix("Your code used more than 125 s of CPU time")
                == true)
        #expect(
            Self.stop(status: 132, stderr: "Fatal error: Index out of range\n")?.hasPrefix(
                "Your code crashed: Index out of range; it was running `matchLocations` (call 3 of 5).")
                == true)
        #expect(Self.stop(answered: 5) == nil)
    }

    // MARK: Wording

    @Test("a NaN at a small logit is not blamed on overflow")
    func nanAtSmallLogit() {
        #expect(FocalLossCheck.nonFiniteHint(logit: 0.5, answer: .nan).contains("nothing overflows"))
        #expect(FocalLossCheck.nonFiniteHint(logit: 100, answer: .infinity).contains("overflowed"))
    }

    @Test("decoding without × s asks about applyDeltas, not about dividing")
    func decodingQuestion() throws {
        let course = Course(preset: "mmdet")
        let student = HandWrittenStudent(rules: course.rules, flaws: [.decodeWithoutStride])
        let result = Grader(course: course, submission: student.submission).grade(.deltas)
        #expect(result.mistakes.map(\.question) == ["did you multiply by the stride in applyDeltas?"])
        #expect(!result.explanations.contains { $0.contains("did you divide by the stride?") })
    }

    @Test("a location exactly on the center-sampling boundary is said to be on it")
    func centerSamplingBoundary() throws {
        let course = Course(preset: "torchvision")
        let honest = HandWrittenStudent(rules: course.rules)
        var submission = honest.submission
        // ≤ where the region is strict: admits locations exactly r·s from the centre.
        submission.match = { locations, level, boxes in
            let r = course.rules.centerSampling.radius! * Float(level.stride)
            let widened = boxes.map { $0 }
            return locations.map { p in
                var best = honest.match([p], level: level, boxes: widened)[0]
                if best < 0 {
                    for (g, box) in boxes.enumerated() {
                        let c = box.center
                        let d = LTRB(from: p, to: box)
                        if max(abs(p.x - c.x), abs(p.y - c.y)) == r, d.minimum > 0,
                            course.rules.sizeGate.admits(d.maximum, in: level.sizeRange)
                        {
                            best = g
                            break
                        }
                    }
                }
                return best
            }
        }
        let result = Grader(course: course, submission: submission, hiddenSeed: 7).grade(.matching)
        #expect(result.status == .failed)
        #expect(
            result.explanations.contains { $0.contains("lies exactly on the region's boundary") },
            "\(result.explanations)")
    }
}
