import FCOS
import Testing

@testable import Coursework

/// The loss part in-process: its recipe against ``FCOSLoss``, its cases, round trips under every
/// preset, and each named mistake planted in a hand-written student (``LossStudent``).
@Suite("The loss part")
struct LossPartTests {
    @Test("the recipe without a mistake equals FCOSLoss on every case", arguments: Preset.names)
    func recipeEqualsReference(preset: String) {
        let course = Course(preset: preset)
        let rules = course.preset.loss
        for c in LossCheck.cases(course: course, hidden: 11) {
            let mine = LossRecipe(rules: rules).evaluate(c.question.inputs, boxCount: c.question.boxCount)
            let expected = LossCheck.reference(c, rules: rules)
            #expect(LossCheck.same(mine.value, expected), "\(c.name): \(mine.value) vs \(expected)")
            #expect(expected.total.isFinite, "\(c.name)")
        }
    }

    @Test("the hidden images include every situation the rules treat specially", arguments: Preset.names)
    func hiddenSituations(preset: String) throws {
        let course = Course(preset: preset)
        let cases = LossCheck.cases(course: course, hidden: 5)
        func named(_ prefix: String) throws -> FCOSLossInputs {
            try #require(cases.first { $0.name.hasPrefix(prefix) }, "\(prefix)").question.inputs
        }
        func positives(_ x: FCOSLossInputs) -> Int { x.classTargets.filter { $0 >= 0 }.count }
        #expect(positives(try named("hidden: an image without boxes")) == 0)
        #expect(positives(try named("hidden: a box of zero width")) == 0)
        #expect(positives(try named("hidden: a single positive")) == 1)
        let every = try named("hidden: every location positive")
        #expect(positives(every) == every.classTargets.count)
        #expect(try named("hidden: class and centerness logits").classLogits.allSatisfy { abs($0) == 100 })
        #expect(try named("hidden: 80 classes").classCount == 80)
        let tiny = try named("hidden: a centerness target")
        let targets = tiny.classTargets.indices.filter { tiny.classTargets[$0] >= 0 }.map {
            Centerness.value(tiny.regressionTargets[$0])
        }
        #expect(targets.contains { $0 > 0 && $0 < 0.05 })
        #expect(LossCheck.cases(course: course).allSatisfy { !$0.name.hasPrefix("hidden") })
        #expect(LossCheck.cases(course: course).contains { positives($0.question.inputs) == 0 })
    }

    @Test(
        "starter 0, toolkit and hand-written solutions full marks, hidden cases included",
        arguments: Preset.names)
    func roundTrip(preset: String) {
        let course = Course(preset: preset, parts: [.loss])
        let starter = Submission(loss: { _, _ in try notAttempted("TODO") })
        let none = Grader(course: course, submission: starter, hiddenSeed: 7).grade(.loss)
        #expect(none.status == .notAttempted && none.points == 0)
        let toolkit = Submission(loss: { inputs, _ in FCOSLoss.compute(inputs, rules: course.preset.loss) })
        #expect(Grader(course: course, submission: toolkit, hiddenSeed: 7).grade(.loss).status == .passed)
        let student = Submission(loss: LossStudent(rules: course.preset.loss).function)
        let result = Grader(course: course, submission: student, hiddenSeed: 7).grade(.loss)
        #expect(result.status == .passed, "\(result.explanations)")
        #expect(result.points == Part.loss.maxPoints)
    }

    static let flawCases: [(LossStudent.Flaw, String)] = LossStudent.Flaw.allCases.flatMap { flaw in
        Preset.names.filter { flaw.applies(to: Preset.named($0)!.loss) }.map { (flaw, $0) }
    }

    @Test("each planted mistake is named, and only it", arguments: flawCases)
    func mistakeIsNamed(flaw: LossStudent.Flaw, preset: String) throws {
        let course = Course(preset: preset, parts: [.loss])
        let student = Submission(loss: LossStudent(rules: course.preset.loss, flaws: [flaw]).function)
        let result = Grader(course: course, submission: student, hiddenSeed: 3).grade(.loss)
        #expect(result.status == .failed)
        #expect(result.points <= result.maxPoints / 2)
        #expect(result.mistakes.map(\.id) == [flaw.mistake], "\(result.explanations)")
        let name = try #require(result.mistakes.first?.name)
        #expect(result.explanations.first?.contains(name) == true)
        #expect(result.explanations.count >= 2, "a mistake and at least one concrete difference")
    }

    @Test("an unmasked box loss is explained: the term, the values, the location, the question")
    func explanation() throws {
        let course = Course(preset: "eecs498", parts: [.loss])
        let student = Submission(loss: LossStudent(rules: course.preset.loss, flaws: [.unmaskedBox]).function)
        let result = Grader(course: course, submission: student).grade(.loss)
        #expect(
            result.explanations.first?.hasPrefix(
                "Recognised mistake: background not masked out of the box loss.") == true)
        let sentence = try #require(result.explanations.dropFirst().first)
        let c = LossCheck.cases(course: course)[0]
        let expected = LossCheck.reference(c, rules: course.preset.loss)
        #expect(sentence.hasPrefix("one box (N_pos = "), "\(sentence)")
        #expect(sentence.contains("the box regression term: you returned "))
        #expect(sentence.contains("expected \(Wording.number(expected.regression))"))
        #expect(sentence.contains("(classification and centerness agree)"))
        #expect(sentence.contains("most of the difference comes from the background location ("))
        #expect(sentence.contains("by the rule and "))
        #expect(sentence.hasSuffix("did your box loss skip the background locations?"), "\(sentence)")
    }

    @Test("two mistakes in the loss are both named")
    func twoMistakes() {
        let course = Course(preset: "eecs498", parts: [.loss])
        let student = LossStudent(rules: course.preset.loss, flaws: [.unmaskedBox, .mean])
        let result = Grader(course: course, submission: Submission(loss: student.function)).grade(.loss)
        #expect(Set(result.mistakes.map(\.id)) == ["background-box-loss", "mean-instead-of-sum"])
    }

    @Test("an image without positives is explained when N_pos is not clamped")
    func unclampedExplanation() throws {
        let course = Course(preset: "torchvision", parts: [.loss])
        let student = Submission(loss: LossStudent(rules: course.preset.loss, flaws: [.unclamped]).function)
        let result = Grader(course: course, submission: student).grade(.loss)
        let sentence = try #require(result.explanations.first { $0.contains("an image without boxes") })
        #expect(sentence.contains("the classification term: you returned +inf, expected "), "\(sentence)")
        #expect(sentence.contains("the box regression term: you returned NaN, expected 0"))
    }

    @Test("the task text states this course's rules and a worked example", arguments: Preset.names)
    func taskText(preset: String) {
        let course = Course(preset: preset)
        let template = PartTemplate(part: .loss, course: course)
        let text = template.source(solution: false)
        let value = FCOSLoss.compute(template.lossExample.inputs, rules: course.preset.loss)
        #expect(
            text.contains(
                "public func fcosLoss(predicted: HeadOutputs, targets: LossTargets) throws -> LossTerms"))
        #expect(text.contains("returns classification \(Wording.number(value.classification))"), "\(text)")
        #expect(text.contains("regression \(Wording.number(value.regression))"))
        #expect(text.contains("max(N_pos, 1)"))
        switch course.preset.id {
        case .official, .officialImprv, .mmdet: #expect(text.contains("Σ ctr*"))
        case .torchvision: #expect(text.contains("1e-7"))
        case .detectron2: #expect(text.contains("moving average") && text.contains("clipped at 0"))
        case .eecs498: #expect(text.contains("moving average") && text.contains("0.25·(|l − l*|"))
        }
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 120 }, "\(text)")
    }
}
