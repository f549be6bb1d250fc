import FCOS

/// How centerness can be computed, right or wrong.
struct CenternessRecipe: Equatable {
    /// What a location on or outside an edge (some distance ≤ 0) gets.
    enum Outside: Equatable {
        /// 0, the reference's value.
        case zero
        /// −1, EECS 498's background marker: when a distance is negative, or also when one is 0.
        case minusOne(onEdge: Bool)
        /// No test at all: the formula runs on the negative distance, and a negative ratio under
        /// the square root gives NaN.
        case unguarded
    }

    var squareRoot = true
    /// `max/min` instead of `min/max`.
    var inverted = false
    /// `(l/r)·(t/b)` with no min or max at all.
    var plainRatios = false
    /// `min(l, r) · min(t, b) / max(l, r) · max(t, b)` as written: evaluated left to right it
    /// divides by `max(l, r)` and then multiplies by `max(t, b)`.
    var precedence = false
    /// `√(min(l, t, r, b) / max(l, t, r, b))`: one ratio over all four distances instead of one
    /// per pair of opposite sides.
    var allFour = false
    var outside = Outside.zero

    func value(_ d: LTRB) -> Float {
        switch outside {
        case .zero:
            guard d.minimum > 0 else { return 0 }
        case .minusOne(let onEdge):
            if d.minimum < 0 || (onEdge && d.minimum == 0) { return -1 }
        case .unguarded:
            break
        }
        var lr = min(d.l, d.r) / max(d.l, d.r)
        var tb = min(d.t, d.b) / max(d.t, d.b)
        if inverted {
            lr = 1 / lr
            tb = 1 / tb
        }
        if plainRatios {
            lr = d.l / d.r
            tb = d.t / d.b
        }
        var product = precedence ? min(d.l, d.r) * min(d.t, d.b) / max(d.l, d.r) * max(d.t, d.b) : lr * tb
        if allFour { product = d.minimum / d.maximum }
        return squareRoot ? product.squareRoot() : product
    }
}

enum CenternessCheck {
    struct Case {
        var location: Point
        var box: Box
        var name: String?
    }

    /// The examples and, with `hidden`, random pairs and locations on an edge or outside.
    static func cases(seed: UInt64, hidden: UInt64? = nil) -> [Case] {
        var cases = examples(seed: seed)
        guard let hidden else { return cases }
        var rng = SeededGenerator(seed: hidden &+ 4)
        for n in 0..<24 {
            var (p, box) = randomInside(&rng, sides: 2...300)
            var name = "hidden: random"
            if n % 4 == 0 {
                if Bool.random(using: &rng) { p.x = box.x1 } else { p.y = box.y0 - rng.integer(0...20) }
                name = "hidden: on or outside an edge"
            }
            cases.append(Case(location: p, box: box, name: name))
        }
        return cases
    }

    static func examples(seed: UInt64) -> [Case] {
        var cases = [
            Case(
                location: Point(x: 40, y: 50), box: Box(x0: 20, y0: 30, x1: 60, y1: 70),
                name: "the box centre"),
            Case(location: Point(x: 30, y: 40), box: Box(x0: 20, y0: 20, x1: 60, y1: 80), name: nil),
            Case(
                location: Point(x: 12, y: 100), box: Box(x0: 4, y0: 8, x1: 300, y1: 120),
                name: "near a corner"),
            Case(
                location: Point(x: 20, y: 40), box: Box(x0: 20, y0: 20, x1: 60, y1: 80),
                name: "on the left edge"),
            Case(
                location: Point(x: 100.5, y: 100.5), box: Box(x0: 100, y0: 100, x1: 101.5, y1: 103),
                name: "a tiny box"),
        ]
        var rng = SeededGenerator(seed: seed &+ 4)
        for _ in 0..<20 {
            let (p, box) = randomInside(&rng, sides: 8...400)
            cases.append(Case(location: p, box: box, name: nil))
        }
        return cases
    }

    /// A box with whole-pixel corners and sides in `sides`, and a whole-pixel location strictly
    /// inside it.
    static func randomInside(_ rng: inout SeededGenerator, sides: ClosedRange<Int>) -> (Point, Box) {
        let x0 = rng.integer(0...400)
        let y0 = rng.integer(0...400)
        let box = Box(x0: x0, y0: y0, x1: x0 + rng.integer(sides), y1: y0 + rng.integer(sides))
        let p = Point(
            x: box.x0 + rng.integer(1...Int(box.width) - 1), y: box.y0 + rng.integer(1...Int(box.height) - 1))
        return (p, box)
    }

    static func grade(_ function: Submission.CenternessFunction, course: Course, hidden: UInt64? = nil)
        -> PartResult
    {
        var grading = Grading(part: .centerness)
        var answers: [(LTRB, Float)] = []
        for c in cases(seed: course.seed, hidden: hidden) {
            let d = LTRB(from: c.location, to: c.box)
            let expected = Centerness.value(d)
            grading.begin(
                c.name?.hasPrefix("hidden") == true ? c.name! : (c.name ?? "random"),
                informative: expected != 0)
            guard let answer = grading.call("centerness", { try function(d) }) else { continue }
            answers.append((d, answer))
            let label = c.name.map { " (\($0.replacingOccurrences(of: "hidden: ", with: "")))" } ?? ""
            grading.check(
                close(answer, expected),
                "centerness at \(Wording.point(c.location)) in box \(Wording.box(c.box))\(label), "
                    + "l*, t*, r*, b* = \(Wording.ltrb(d)): you returned \(Wording.number(answer)), expected "
                    + "\(Wording.number(expected)).")
        }
        guard grading.failedCases > 0, !answers.isEmpty else { return grading.result() }
        let mistakes = diagnose(reference: CenternessRecipe(), changes: changes) { recipe in
            answers.allSatisfy { close($1, recipe.value($0)) }
        }
        return grading.result(mistakes: mistakes ?? [])
    }

    static var changes: [Change<CenternessRecipe>] {
        [
            Change(
                mistake: Mistake(
                    id: "no-sqrt", name: "centerness without sqrt", question: "did you take the square root?",
                    advice:
                        "Centerness is the square root of (min(l*, r*)/max(l*, r*)) × (min(t*, b*)/max(t*, b*)); "
                        + "without it the targets fall off too fast away from the centre."),
                apply: { $0.squareRoot = false }),
            Change(
                mistake: Mistake(
                    id: "inverted-ratio", name: "max/min instead of min/max",
                    question: "is your value above 1?",
                    advice:
                        "Each ratio puts the smaller distance on top, min/max, so centerness lies in [0, 1] "
                        + "and is 1 at the centre."),
                apply: { $0.inverted = true }),
            Change(
                mistake: Mistake(
                    id: "missing-min-max", name: "l*/r* instead of min/max",
                    question: "did you use min and max?",
                    advice: "Use min(l*, r*)/max(l*, r*), not l*/r*: the value must not depend on which side "
                        + "of the centre the location is."),
                apply: { $0.plainRatios = true }),
            Change(
                mistake: Mistake(
                    id: "centerness-precedence", name: "min·min / max·max without parentheses",
                    question: "did you put the two max in parentheses?",
                    advice:
                        "Written as min(l*, r*) · min(t*, b*) / max(l*, r*) · max(t*, b*), the expression "
                        + "is read left to right, as (min(l*, r*) · min(t*, b*) / max(l*, r*)) · max(t*, b*): "
                        + "it divides by max(l*, r*) but multiplies by max(t*, b*). At the centre of a 40 × 40 "
                        + "box (all four distances 20) that is √(20 · 20 / 20 · 20) = √400 = 20 instead of "
                        + "√(20 · 20 / (20 · 20)) = 1. Write min(l*, r*) · min(t*, b*) / (max(l*, r*) · "
                        + "max(t*, b*)), or the two ratios separately."),
                apply: { $0.precedence = true }),
            Change(
                mistake: Mistake(
                    id: "centerness-all-four", name: "one min/max over all four distances",
                    question: "did you pair l* with r* and t* with b*?",
                    advice:
                        "Centerness pairs opposite sides: (min(l*, r*)/max(l*, r*)) · (min(t*, b*)/max(t*, b*)) "
                        + "under the square root. min(l*, t*, r*, b*)/max(l*, t*, r*, b*) is another number: for "
                        + "l*, t*, r*, b* = 10, 20, 30, 40 it gives √(10/40) = 0.5 instead of √(1/3 · 1/2) = 0.4082."
                ),
                apply: { $0.allFour = true }),
        ] + outsideChanges
    }

    /// A location on or outside an edge: the starter asks for 0 there. EECS 498's handout marks
    /// background with −1 and computes the formula on every row before overwriting those, so
    /// students bring both habits; only the hidden cases put a location outside its box.
    static var outsideChanges: [Change<CenternessRecipe>] {
        let minusOne = Mistake(
            id: "centerness-outside-minus-one", name: "−1 for a location on or outside an edge",
            question: "what do you return when a distance is 0 or negative?",
            advice: "Return 0 when any of l*, t*, r*, b* is 0 or less. The −1 of EECS 498's handout marks "
                + "background in the matching output, not a centerness value here.")
        return [
            Change(mistake: minusOne) { $0.outside = .minusOne(onEdge: false) },
            Change(mistake: minusOne) { $0.outside = .minusOne(onEdge: true) },
            Change(
                mistake: Mistake(
                    id: "centerness-no-outside-guard", name: "no test for a location outside the box",
                    question: "do you return 0 when a distance is negative?",
                    advice:
                        "Outside the box a distance is negative, so a ratio is negative and the square root "
                        + "NaN. Test min(l*, t*, r*, b*) > 0 first and return 0 otherwise."),
                apply: { $0.outside = .unguarded }),
        ]
    }
}
