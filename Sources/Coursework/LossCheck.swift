import FCOS
import Foundation

/// One question of the loss part: an image's flattened head outputs and targets, and its
/// number of ground-truth boxes.
struct LossQuestion: Sendable, Equatable {
    var inputs: FCOSLossInputs
    var boxCount: Int

    static func == (a: LossQuestion, b: LossQuestion) -> Bool {
        let x = a.inputs
        let y = b.inputs
        return a.boxCount == b.boxCount && x.classCount == y.classCount && x.classTargets == y.classTargets
            && x.regressionTargets == y.regressionTargets && x.classLogits == y.classLogits
            && x.regression == y.regression && x.centernessLogits == y.centernessLogits
            && x.locations == y.locations && x.strides == y.strides && x.targetBoxes == y.targetBoxes
    }
}

enum LossCheck {
    struct Case {
        var name: String
        var family: String
        var question: LossQuestion
    }

    /// The examples and, with `hidden`, seeded images of every kind the rules treat specially.
    static func cases(course: Course, hidden: UInt64? = nil) -> [Case] {
        let maker = LossCaseMaker(rules: course.rules, loss: course.preset.loss)
        var cases = maker.examples(seed: course.seed)
        if let hidden { cases += maker.hidden(seed: hidden) }
        return cases
    }

    static func reference(_ c: Case, rules: LossRules) -> FCOSLossValue {
        FCOSLoss.compute(c.question.inputs, rules: rules)
    }

    static func same(_ a: FCOSLossValue, _ b: FCOSLossValue) -> Bool {
        close(a.classification, b.classification) && close(a.regression, b.regression)
            && close(a.centerness, b.centerness)
    }

    static func grade(_ function: Submission.LossFunction, course: Course, hidden: UInt64? = nil)
        -> PartResult
    {
        let rules = course.preset.loss
        var grading = Grading(part: .loss)
        var answers: [(Case, FCOSLossValue)] = []
        for c in cases(course: course, hidden: hidden) {
            // No answer is right by accident: the focal loss of every image is above 0.
            grading.begin(c.family, informative: true)
            guard
                let answer = grading.call(
                    "fcosLoss", { try function(c.question.inputs, c.question.boxCount) })
            else { continue }
            answers.append((c, answer))
        }
        let wrong = answers.contains { !same($1, reference($0, rules: rules)) }
        let mistakes =
            wrong
            ? diagnose(reference: LossRecipe(rules: rules), changes: changes(rules)) { recipe in
                answers.allSatisfy { c, answer in
                    same(answer, recipe.evaluate(c.question.inputs, boxCount: c.question.boxCount).value)
                }
            } ?? [] : []
        var mistaken: LossRecipe?
        if mistakes.count == 1 {
            var recipe = LossRecipe(rules: rules)
            changes(rules).first { $0.mistake == mistakes[0] }?.apply(&recipe)
            mistaken = recipe
        }
        for (c, answer) in answers {
            grading.begin(c.family, informative: true)
            let expected = reference(c, rules: rules)
            grading.check(
                same(answer, expected),
                sentence(c, answer: answer, expected: expected, rules: rules, mistaken: mistaken))
        }
        return grading.result(mistakes: mistakes)
    }

    // MARK: Explanations

    enum Term: CaseIterable {
        case classification, regression, centerness

        var name: String {
            switch self {
            case .classification: return "classification"
            case .regression: return "box regression"
            case .centerness: return "centerness"
            }
        }

        func of(_ v: FCOSLossValue) -> Float {
            switch self {
            case .classification: return v.classification
            case .regression: return v.regression
            case .centerness: return v.centerness
            }
        }

        func share(_ e: LossRecipe.Evaluation, _ i: Int) -> Double {
            switch self {
            case .classification: return e.classification[i] / e.divisors.classification
            case .regression: return e.regression[i] / e.divisors.regression
            case .centerness: return e.centerness[i] / e.divisors.centerness
            }
        }
    }

    /// "one box (N_pos = 56, 252 locations, 3 classes): the box regression term: you returned
    /// 15.4542, expected 0.8682 (classification and centerness agree); most of the difference
    /// comes from the background location (124, 12), stride 8: its share of the box regression
    /// term is 0 by the rule and 0.1125 in yours".
    static func sentence(
        _ c: Case, answer: FCOSLossValue, expected: FCOSLossValue, rules: LossRules, mistaken: LossRecipe?
    ) -> String {
        let inputs = c.question.inputs
        let positives = inputs.classTargets.filter { $0 >= 0 }.count
        var context =
            "\(c.name) (N_pos = \(positives), \(Wording.count(inputs.classTargets.count, "location")), "
            + "\(Wording.count(inputs.classCount, "class", "classes"))"
        if rules.normalization != .shared, positives > 0 {
            let sum = Reduction.sum(
                inputs.classTargets.indices.filter { inputs.classTargets[$0] >= 0 }.map {
                    Centerness.value(inputs.regressionTargets[$0])
                })
            context += ", Σ ctr* = \(Wording.number(sum))"
        }
        context += ")"
        let differing = Term.allCases.filter { !close($0.of(answer), $0.of(expected)) }
        let agreeing = Term.allCases.filter { close($0.of(answer), $0.of(expected)) }
        let values = differing.map {
            "the \($0.name) term: you returned \(Wording.number($0.of(answer))), expected "
                + "\(Wording.number($0.of(expected)))"
        }
        var text = "\(context): " + values.joined(separator: "; ")
        if !agreeing.isEmpty, agreeing.count < 3 {
            text += " (\(agreeing.map(\.name).joined(separator: " and ")) agree)"
        }
        if let place = largestDifference(c, terms: differing, rules: rules, mistaken: mistaken) {
            text += "; most of the difference comes from \(place)"
        }
        return text + "."
    }

    /// The location whose contribution changes most under the recognised mistake, when the
    /// mistake changes contributions (not only a divisor).
    static func largestDifference(_ c: Case, terms: [Term], rules: LossRules, mistaken: LossRecipe?)
        -> String?
    {
        guard let mistaken, let term = terms.first else { return nil }
        let inputs = c.question.inputs
        let right = LossRecipe(rules: rules).evaluate(inputs, boxCount: c.question.boxCount)
        let wrong = mistaken.evaluate(inputs, boxCount: c.question.boxCount)
        let sameSums = inputs.classTargets.indices.allSatisfy { i in
            switch term {
            case .classification: return right.classification[i] == wrong.classification[i]
            case .regression: return right.regression[i] == wrong.regression[i]
            case .centerness: return right.centerness[i] == wrong.centerness[i]
            }
        }
        guard !sameSums else { return nil }
        var best: (index: Int, size: Double)?
        for i in inputs.classTargets.indices {
            let size = abs(term.share(wrong, i) - term.share(right, i))
            guard size.isFinite else { continue }
            if best == nil || size > best!.size { best = (i, size) }
        }
        guard let best, best.size > 0 else { return nil }
        let i = best.index
        let kind = inputs.classTargets[i] >= 0 ? "positive (class \(inputs.classTargets[i]))" : "background"
        return "the \(kind) location \(Wording.point(inputs.locations[i])), stride "
            + "\(Wording.number(inputs.strides[i])): its share of the \(term.name) term is "
            + "\(Wording.number(Float(term.share(right, i)))) by the rule and "
            + "\(Wording.number(Float(term.share(wrong, i)))) in yours"
    }
}
