import FCOS
import Foundation

/// How the focal loss can be computed, right or wrong, one element at a time in `Float` (as a
/// student's code would be, so an overflow to `inf` is reproduced too).
struct FocalLossRecipe: Equatable {
    enum Alpha: Equatable {
        /// `α_t = α·z + (1 − α)·(1 − z)` when `α ≥ 0`, no weighting when `α < 0`.
        case reference
        /// No weighting ever.
        case ignored
        /// The weighting even for `α = −1`.
        case evenWhenNegative
        /// `α` on every element, positive or negative.
        case uniform
        /// `(1 − α)` on positives and `α` on negatives.
        case swapped
    }

    enum Modulation: Equatable {
        /// `(1 − p_t)^γ`.
        case reference
        /// No modulating factor: weighted cross-entropy.
        case none
        /// `p_t^γ`.
        case probability
    }

    var alpha = Alpha.reference
    var modulation = Modulation.reference
    /// `−z·log σ(x) − (1 − z)·log(1 − σ(x))` evaluated as written, which overflows for large `|x|`.
    var naiveLogarithm = false

    func value(logit x: Float, target z: Float, alpha a: Float, gamma: Float) -> Float {
        let p = 1 / (1 + expf(-x))
        let crossEntropy =
            naiveLogarithm
            ? -z * logf(p) - (1 - z) * logf(1 - p)
            : max(x, 0) - x * z + log1pf(expf(-abs(x)))
        let pt = p * z + (1 - p) * (1 - z)
        var loss = crossEntropy
        switch modulation {
        case .reference: loss *= powf(1 - pt, gamma)
        case .none: break
        case .probability: loss *= powf(pt, gamma)
        }
        switch alpha {
        case .reference where a >= 0, .evenWhenNegative: loss *= a * z + (1 - a) * (1 - z)
        case .swapped where a >= 0: loss *= (1 - a) * z + a * (1 - z)
        case .uniform where a >= 0: loss *= a
        default: break
        }
        return loss
    }
}

enum FocalLossCheck {
    struct Case {
        var name: String
        var logits: [Float]
        var targets: [Float]
        var alpha: Float
        var gamma: Float
    }

    /// The examples and, with `hidden`, logits of ±100 (and around ±20, where a naive log
    /// already overflows) with random targets, and random logits, under each (α, γ) in use.
    static func cases(seed: UInt64, hidden: UInt64? = nil) -> [Case] {
        var cases = examples(seed: seed)
        guard let hidden else { return cases }
        var rng = SeededGenerator(seed: hidden &+ 5)
        let settings: [(Float, Float)] = [(0.25, 2), (-1, 2), (0.5, 1), (0.75, 0), (0.4, 2.5)]
        for (alpha, gamma) in settings {
            let extremes = (0..<16).map { _ -> Float in
                let magnitude: Float =
                    Bool.random(using: &rng) ? 100 : Float(Int.random(in: 17...30, using: &rng))
                return Bool.random(using: &rng) ? magnitude : -magnitude
            }
            let targets = extremes.map { _ in Float(Int.random(in: 0...1, using: &rng)) }
            cases.append(
                Case(
                    name: "hidden: logits of ±100", logits: extremes, targets: targets, alpha: alpha,
                    gamma: gamma))
            let logits = (0..<32).map { _ in Float.random(in: -8...8, using: &rng) }
            cases.append(
                Case(
                    name: "hidden: random logits", logits: logits,
                    targets: logits.map { _ in Float(Int.random(in: 0..<4, using: &rng) == 0 ? 1 : 0) },
                    alpha: alpha,
                    gamma: gamma))
        }
        return cases
    }

    static func examples(seed: UInt64) -> [Case] {
        let edgeLogits: [Float] = [-100, -20, -5, -1, -0.5, 0, 0.5, 1, 5, 20, 100]
        let edge = (
            logits: edgeLogits + edgeLogits,
            targets: edgeLogits.map { _ in Float(0) } + edgeLogits.map { _ in 1 }
        )
        var rng = SeededGenerator(seed: seed &+ 5)
        let randomLogits = (0..<48).map { _ in Float.random(in: -6...6, using: &rng) }
        let randomTargets = randomLogits.map { _ in Float(Int.random(in: 0..<6, using: &rng) == 0 ? 1 : 0) }
        var cases: [Case] = []
        for (alpha, gamma) in [(0.25, 2), (-1, 2), (0.5, 1), (0.75, 0), (0.25, 1.5)] as [(Float, Float)] {
            cases.append(
                Case(
                    name: "edge logits", logits: edge.logits, targets: edge.targets, alpha: alpha,
                    gamma: gamma))
            cases.append(
                Case(
                    name: "random logits", logits: randomLogits, targets: randomTargets, alpha: alpha,
                    gamma: gamma))
        }
        cases.append(Case(name: "no logits at all", logits: [], targets: [], alpha: 0.25, gamma: 2))
        return cases
    }

    static func reference(_ c: Case) -> [Float] {
        FocalLoss.elements(logits: c.logits, targets: c.targets, alpha: c.alpha, gamma: c.gamma)
    }

    static func same(_ a: [Float], _ b: [Float]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { close($0, $1) }
    }

    static func grade(_ function: Submission.FocalLossFunction, course: Course, hidden: UInt64? = nil)
        -> PartResult
    {
        var grading = Grading(part: .focalLoss)
        var answers: [(Case, [Float])] = []
        for c in cases(seed: course.seed, hidden: hidden) {
            grading.begin(c.name, informative: !c.logits.isEmpty)
            guard
                let answer = grading.call(
                    "sigmoidFocalLoss", { try function(c.logits, c.targets, c.alpha, c.gamma) })
            else { continue }
            answers.append((c, answer))
            let expected = reference(c)
            grading.check(same(answer, expected), sentence(c, answer: answer, expected: expected))
        }
        guard grading.failedCases > 0, !answers.isEmpty else { return grading.result() }
        let mistakes = diagnose(reference: FocalLossRecipe(), changes: changes) { recipe in
            answers.allSatisfy { c, answer in
                same(
                    answer,
                    zip(c.logits, c.targets).map {
                        recipe.value(logit: $0, target: $1, alpha: c.alpha, gamma: c.gamma)
                    })
            }
        }
        return grading.result(mistakes: mistakes ?? [])
    }

    static func sentence(_ c: Case, answer: [Float], expected: [Float]) -> String {
        let call = "\(c.name), α = \(Wording.number(c.alpha)), γ = \(Wording.number(c.gamma))"
        if answer.count != expected.count {
            var text =
                "\(call): you returned \(Wording.count(answer.count, "value")) for "
                + "\(Wording.count(expected.count, "logit")): return one loss per element, without summing or averaging"
            if answer.count == 1, close(answer[0], Reduction.sum(expected)) {
                text += " (yours is their sum)"
            }
            if answer.count == 1, close(answer[0], Reduction.mean(expected)) {
                text += " (yours is their mean)"
            }
            return text + "."
        }
        let i = answer.indices.first { !close(answer[$0], expected[$0]) }!
        var text =
            "\(call), logit \(Wording.number(c.logits[i])) with target \(Wording.number(c.targets[i])): "
            + "you returned \(Wording.number(answer[i])), expected \(Wording.number(expected[i]))"
        if !answer[i].isFinite, expected[i].isFinite {
            text += nonFiniteHint(logit: c.logits[i], answer: answer[i])
        }
        return text + "."
    }

    /// Why a loss is not finite where the reference's is. In Float, σ(x) rounds to exactly 1
    /// above x ≈ 17 and exp(−x) overflows below x ≈ −88, so log(1 − σ(x)) or log σ(x) gives ∞
    /// (and 0·∞ gives NaN) only for large |x|; a NaN at a small logit has another cause.
    static func nonFiniteHint(logit x: Float, answer: Float) -> String {
        if abs(x) >= 15 {
            return
                " — log σ(x) or log(1 − σ(x)) overflowed; BCE(x, z) = max(x, 0) − x·z + log(1 + exp(−|x|)) "
                + "stays finite"
        }
        return answer.isNaN
            ? " — at a logit this small nothing overflows: look for 0·∞, 0/0 or the log or power of a negative number"
            : " — at a logit this small nothing overflows: look for a division by zero or the log of 0"
    }

    static var changes: [Change<FocalLossRecipe>] {
        [
            Change(
                mistake: Mistake(
                    id: "no-alpha", name: "focal loss without α", question: "did you apply α?",
                    advice: "Weight each element by α_t = α·z + (1 − α)·(1 − z) (α on positives, 1 − α on "
                        + "negatives) whenever α ≥ 0; α = −1 means no weighting."),
                apply: { $0.alpha = .ignored }),
            Change(
                mistake: Mistake(
                    id: "alpha-minus-one", name: "α = −1 not treated as 'no weighting'",
                    question: "what should α = −1 do?",
                    advice:
                        "By convention a negative α switches the weighting off: multiply by α_t only when α ≥ 0."
                ),
                apply: { $0.alpha = .evenWhenNegative }),
            Change(
                mistake: Mistake(
                    id: "alpha-everywhere", name: "α on every element",
                    question: "do negatives get 1 − α?",
                    advice: "α weights the positives (z = 1) and 1 − α the negatives (z = 0): "
                        + "α_t = α·z + (1 − α)·(1 − z)."),
                apply: { $0.alpha = .uniform }),
            Change(
                mistake: Mistake(
                    id: "alpha-swapped", name: "α and 1 − α swapped",
                    question: "which class gets α?",
                    advice: "α goes with the positives (z = 1): α_t = α·z + (1 − α)·(1 − z)."),
                apply: { $0.alpha = .swapped }),
            Change(
                mistake: Mistake(
                    id: "no-gamma", name: "modulating factor missing",
                    question: "did you multiply by (1 − p_t)^γ?",
                    advice:
                        "The focal term (1 − p_t)^γ, with p_t = p·z + (1 − p)·(1 − z), is what shrinks the "
                        + "loss of easy examples."),
                apply: { $0.modulation = .none }),
            Change(
                mistake: Mistake(
                    id: "pt-not-complement", name: "p_t^γ instead of (1 − p_t)^γ",
                    question: "is your factor largest for easy examples?",
                    advice: "The factor is (1 − p_t)^γ: near 0 for well-classified elements (p_t → 1)."),
                apply: { $0.modulation = .probability }),
            Change(
                mistake: Mistake(
                    id: "unstable-log", name: "numerically unstable log σ(x)",
                    question: "does log σ(x) overflow?",
                    advice: "Compute the cross-entropy as max(x, 0) − x·z + log(1 + exp(−|x|)), which never "
                        + "exponentiates a large positive number."),
                apply: { $0.naiveLogarithm = true }),
        ]
    }
}
