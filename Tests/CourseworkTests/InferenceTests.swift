import FCOS
import Foundation
import Testing

@testable import Coursework

/// Part 8 in-process: the recipe without a change is the toolkit's post-processing, the cases
/// hit the boundaries they are named after and stay clear of float noise, an honest hand-written
/// solution passes under every preset, each planted mistake is named (and only it), and a
/// hostile answer is graded without trouble.
@Suite("Inference part")
struct InferenceTests {
    static let seeds: [UInt64?] = [nil, 1, 77]

    @Test("the recipe without a change equals PostProcessing on every case", arguments: Preset.names)
    func recipeEqualsReference(preset: String) {
        let course = Course(preset: preset)
        let rules = course.preset.postProcessing
        for seed in Self.seeds {
            for c in InferenceCheck.cases(course: course, hidden: seed) {
                let expected = InferenceCheck.reference(c, rules: rules)
                let mine = InferenceRecipe(rules: rules).detections(
                    c.levels, imageWidth: c.width, imageHeight: c.height)
                #expect(InferenceCheck.firstDifference(mine, expected) == nil, "\(preset) \(c.name)")
                // Strictly equal, in order, boxes and labels exactly and scores within a few ulps.
                #expect(mine.map(\.box) == expected.map(\.box), "\(preset) \(c.name)")
                #expect(mine.map(\.label) == expected.map(\.label), "\(preset) \(c.name)")
            }
        }
    }

    /// A case whose answer a few ulps of `exp` could change would fail an honest student.
    @Test("every case's answer survives probabilities a few ulps off", arguments: Preset.names)
    func casesAreStable(preset: String) {
        let course = Course(preset: preset)
        let rules = course.preset.postProcessing
        for seed in Self.seeds {
            for c in InferenceCheck.cases(course: course, hidden: seed) {
                let expected = InferenceCheck.reference(c, rules: rules)
                for wobble: Float in [1 - 3e-7, 1 + 3e-7] {
                    var recipe = InferenceRecipe(rules: rules)
                    recipe.wobble = wobble
                    let shaken = recipe.detections(c.levels, imageWidth: c.width, imageHeight: c.height)
                    #expect(
                        InferenceCheck.firstDifference(shaken, expected) == nil,
                        "\(preset) \(c.name) \(wobble)")
                }
            }
        }
    }

    @Test("the cases hit their boundaries")
    func casesHitBoundaries() throws {
        for preset in Preset.names {
            let course = Course(preset: preset)
            let rules = course.preset.postProcessing
            let cases = InferenceCheck.cases(course: course, hidden: 5)
            func expected(_ name: String) throws -> [Detection] {
                InferenceCheck.reference(try #require(cases.first { $0.name == name }), rules: rules)
            }
            #expect(try expected("no candidate above the threshold").isEmpty)
            #expect(try expected("hidden: scores just below the threshold").isEmpty)
            #expect(try expected("hidden: scores just above the threshold").count == 4)
            let pairs = try #require(cases.first { $0.name == "two classes at the same location" })
            let found = InferenceCheck.reference(pairs, rules: rules)
            let sameBox = Dictionary(grouping: found, by: \.box).values.map(\.count).max() ?? 0
            #expect(sameBox == (rules.classesPerLocation == .all ? 2 : 1), "\(preset)")
            #expect(
                Set(try expected("overlapping boxes of different classes").map(\.label)) == [0, 2],
                "\(preset)")
            if let k = rules.candidatesPerLevel {
                let big = try #require(cases.first { $0.name.contains("more candidates than the top-k") })
                let candidates = PostProcessing.candidates(
                    levels: [big.levels[0]], imageWidth: Float(big.width), imageHeight: Float(big.height),
                    rules: {
                        var r = rules; r.candidatesPerLevel = nil; return r
                    }())
                #expect(candidates.count > k, "\(preset)")
            }
            switch rules.detectionCap {
            case .none: break
            case .first(let k): #expect(try expected("hidden: more detections than the cap").count == k)
            case .scoresAtLeastKth(let k):
                #expect(try expected("hidden: more detections than the cap").count > k)
            }
            // Exactly at the NMS threshold: kept under `>` (where the threshold is exact in Float).
            let atThreshold = try expected("hidden: IoU exactly at the NMS threshold")
            // Three pairs, two at the threshold and one above; and a pair between the conventions.
            // (Where the threshold is the Double 0.6, an IoU of Float(0.6) is above it.) The last
            // pair survives NMS in continuous IoU only.
            let exact = Double(Float(rules.nmsThreshold)) == rules.nmsThreshold
            let continuous = rules.nmsConvention == .continuous
            #expect(atThreshold.count == (exact ? 5 : 3) + (continuous ? 2 : 1), "\(preset)")
        }
    }

    @Test("an honest hand-written solution passes under every preset", arguments: Preset.names)
    func honestPasses(preset: String) {
        let course = Course(preset: preset, parts: [.inference])
        let student = InferenceStudent(rules: course.preset.postProcessing)
        for seed in [nil, 4242] as [UInt64?] {
            let result = Grader(
                course: course,
                submission: Submission(inference: { student.detections($0, imageWidth: $1, imageHeight: $2) }
                ),
                hiddenSeed: seed
            ).grade(.inference)
            #expect(result.status == .passed, "\(result.explanations)")
            #expect(result.points == result.maxPoints)
        }
    }

    static let mistakeCases: [(InferenceStudent.Flaw, String)] = InferenceStudent.Flaw.allCases.flatMap {
        flaw in
        Preset.names.compactMap { preset in
            flaw.expected(Preset.named(preset)!.postProcessing) == nil ? nil : (flaw, preset)
        }
    }

    @Test("each planted mistake is named, and only it", arguments: mistakeCases)
    func mistakeIsNamed(flaw: InferenceStudent.Flaw, preset: String) throws {
        let course = Course(preset: preset, parts: [.inference])
        let rules = course.preset.postProcessing
        let student = InferenceStudent(rules: rules, flaws: [flaw])
        let result = Grader(
            course: course,
            submission: Submission(inference: { student.detections($0, imageWidth: $1, imageHeight: $2) }),
            hiddenSeed: 31
        ).grade(.inference)
        #expect(result.status == .failed)
        #expect(result.points <= result.maxPoints / 2)
        #expect(result.mistakes.map(\.id) == [flaw.expected(rules)!], "\(result.explanations)")
        let name = try #require(result.mistakes.first?.name)
        #expect(result.explanations.first?.contains(name) == true)
        #expect(result.explanations.count >= 2, "a mistake and at least one concrete difference")
    }

    @Test("the starter is not attempted and scores 0; the toolkit scores full marks", arguments: Preset.names)
    func roundTrip(preset: String) {
        let course = Course(preset: preset, parts: [.inference])
        let starter = Grader(
            course: course, submission: Submission(inference: { _, _, _ in try notAttempted("TODO") })
        )
        .grade(.inference)
        #expect(starter.status == .notAttempted && starter.points == 0)
        let post = course.preset.postProcessing
        let toolkit = Grader(
            course: course,
            submission: Submission(inference: {
                PostProcessing.detections(
                    levels: $0, imageWidth: Float($1), imageHeight: Float($2), rules: post)
            }), hiddenSeed: 9
        ).grade(.inference)
        #expect(toolkit.status == .passed)
    }

    @Test("a missing detection is named with the expected and returned values")
    func sentenceNamesDetection() throws {
        let course = Course(preset: "torchvision", parts: [.inference])
        let post = course.preset.postProcessing
        let result = Grader(
            course: course,
            submission: Submission(inference: {
                Array(
                    PostProcessing.detections(
                        levels: $0, imageWidth: Float($1), imageHeight: Float($2), rules: post
                    ).dropFirst())
            })
        ).grade(.inference)
        let sentence = try #require(
            result.explanations.first { $0.hasPrefix("one object seen by neighbouring locations") })
        #expect(
            sentence.contains(
                "you returned 0 detections, expected 1; expected detection 1 is missing: box ("),
            "\(sentence)")
        #expect(sentence.contains("of the stride-16 level"), "\(sentence)")
    }

    @Test("a different box is described by position, with both values")
    func sentenceForDifferentBox() throws {
        let course = Course(preset: "eecs498", parts: [.inference])
        let student = InferenceStudent(rules: course.preset.postProcessing, flaws: [.noClipping])
        let result = Grader(
            course: course,
            submission: Submission(inference: { student.detections($0, imageWidth: $1, imageHeight: $2) })
        ).grade(.inference)
        let sentence = try #require(
            result.explanations.first { $0.hasPrefix("boxes crossing the image border") })
        #expect(sentence.contains("differs in its box: you returned box (120, 92, 185, 137)"), "\(sentence)")
        #expect(sentence.contains("expected box (120, 92, 160, 128)"), "\(sentence)")
        #expect(sentence.hasSuffix("did you clip the boxes to the image?"), "\(sentence)")
    }

    @Test("a million detections with NaN scores are graded without trouble")
    func hostileAnswer() {
        let course = Course(preset: "official", parts: [.inference])
        let flood = Array(
            repeating: Detection(
                box: Box(x0: 0, y0: 0, x1: 1, y1: 1), score: .nan, label: 0, level: 0, locationIndex: 0),
            count: 1_000_000)
        let nan = [
            Detection(
                box: Box(x0: .nan, y0: 0, x1: 1, y1: 1), score: .nan, label: -3, level: 0, locationIndex: 0)
        ]
        for answer in [flood, nan] {
            let result = Grader(
                course: course, submission: Submission(inference: { _, _, _ in answer }), hiddenSeed: 2
            )
            .grade(.inference)
            #expect(result.status == .failed && result.points == 0, "\(result.explanations)")
            #expect(!result.explanations.isEmpty)
        }
    }

    @Test("the child's detections decode; too many are refused before reading them")
    func answersDecode() throws {
        let course = Course(preset: "mmdet", parts: [.inference])
        let calls = CallRecorder.calls(for: .inference, course: course, hiddenSeed: nil)
        let first = try #require(calls.first)
        let good = #"{"value":[[1,2,3,4,"nan",0],[0,0,1,1,0.5,2]]}"# + "\n"
        let read = ChildAnswers(Data(good.utf8), overflowed: false, calls: calls)
        #expect(read.problem == nil)
        guard case .value(.detections(let found)) = read.answers.first else {
            Issue.record("\(read.answers)")
            return
        }
        #expect(found.count == 2 && found[0].score.isNaN && found[1].label == 2)
        guard case .inference(let levels, _, _) = first else { return }
        let pairs = levels.reduce(0) { $0 + $1.classLogits.count }
        let row = "[0,0,1,1,0.5,0]"
        let many = #"{"value":["# + Array(repeating: row, count: pairs + 1).joined(separator: ",") + "]}\n"
        let refused = ChildAnswers(Data(many.utf8), overflowed: false, calls: calls)
        #expect(
            refused.problem?.contains("more than the \(pairs) (location, class) pairs") == true,
            "\(refused.problem ?? "")")
        let short = ChildAnswers(
            Data((#"{"value":[[1,2,3,4,0.5]]}"# + "\n").utf8), overflowed: false, calls: calls)
        #expect(short.problem?.contains("[x0, y0, x1, y1, score, label]") == true)
    }

    @Test("the starter text states the preset's rules and a worked example", arguments: Preset.names)
    func starterText(preset: String) {
        let course = Course(preset: preset, parts: [.inference])
        let text = PartTemplate(part: .inference, course: course).source(solution: false)
        let rules = course.preset.postProcessing
        #expect(text.contains(PartTemplate.inferenceSignature))
        #expect(text.contains("strictly greater than \(Wording.number(rules.scoreThreshold))"))
        #expect(text.contains("Score: each detection's score is \(RuleText.score(rules.finalScore))"))
        #expect(text.contains("box ("), "the worked example lists detections")
        #expect(!text.contains("    []"))
    }
}
