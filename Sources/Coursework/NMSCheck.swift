import FCOS

/// How greedy NMS can be computed, right or wrong. With no change it equals the toolkit's
/// ``NMS/greedy(boxes:scores:iouThreshold:convention:suppression:progress:)``.
struct NMSRecipe: Equatable {
    enum Visit: Equatable {
        /// Descending score, equal scores in input order.
        case byScore
        /// Descending score, equal scores in reverse input order (an unstable sort).
        case byScoreLaterFirst
        /// Input order, scores ignored.
        case input
    }

    var suppression: NMS.Suppression = .greaterThan
    var convention: BoxConvention
    var visit = Visit.byScore
    /// Kept indices sorted by index instead of by visiting order.
    var indexOrder = false
    /// A suppressed box still suppresses later ones.
    var suppressedSuppress = false
    /// IoU as intersection / (area + area), the overlap counted twice in the union.
    var unionCountsOverlapTwice = false

    init(convention: BoxConvention) { self.convention = convention }

    func keep(_ boxes: [Box], scores: [Float], threshold: Float) -> [Int] {
        let pad: Float = convention == .inclusivePixels ? 1 : 0
        let areas = boxes.map { ($0.x1 - $0.x0 + pad) * ($0.y1 - $0.y0 + pad) }
        func iou(_ i: Int, _ j: Int) -> Float {
            let a = boxes[i]
            let b = boxes[j]
            let w = max(0, min(a.x1, b.x1) - max(a.x0, b.x0) + pad)
            let h = max(0, min(a.y1, b.y1) - max(a.y0, b.y0) + pad)
            let intersection = w * h
            return intersection / (areas[i] + areas[j] - (unionCountsOverlapTwice ? 0 : intersection))
        }
        let order: [Int]
        switch visit {
        case .byScore: order = NMS.scoreOrder(scores)
        case .byScoreLaterFirst:
            order = scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 > $1) }
        case .input: order = Array(scores.indices)
        }
        let t = Double(threshold)
        var suppressed = [Bool](repeating: false, count: boxes.count)
        var kept: [Int] = []
        for (position, i) in order.enumerated() {
            if !suppressed[i] { kept.append(i) } else if !suppressedSuppress { continue }
            for j in order[(position + 1)...] where !suppressed[j] {
                let overlap = Double(iou(i, j))
                if suppression == .greaterThan ? overlap > t : overlap >= t { suppressed[j] = true }
            }
        }
        return indexOrder ? kept.sorted() : kept
    }
}

enum NMSCheck {
    struct Case {
        var name: String
        var boxes: [Box]
        var scores: [Float]
        var threshold: Float
    }

    /// The examples and, with `hidden`, boxes whose IoU with a better box is exactly the
    /// threshold (and one just above it), and random clusters.
    static func cases(convention: BoxConvention, seed: UInt64, hidden: UInt64? = nil) -> [Case] {
        var cases = examples(convention: convention, seed: seed)
        guard let hidden else { return cases }
        let e: Float = convention == .inclusivePixels ? 1 : 0
        var rng = SeededGenerator(seed: hidden &+ 6)
        for _ in 0..<5 {
            // Nested boxes sharing a side: IoU = (k·u·w) / (10·u·w) = k/10 exactly, in float32 too.
            let k = Int.random(in: 3...7, using: &rng)
            let threshold = Float(k) / 10
            var boxes: [Box] = []
            for _ in 0..<3 {
                let x = rng.integer(0...400)
                let y = rng.integer(0...400)
                let w = rng.integer(4...60)
                let u = rng.integer(1...6)
                boxes += [
                    Box(x0: x, y0: y, x1: x + w - e, y1: y + 10 * u - e),
                    Box(x0: x, y0: y, x1: x + w - e, y1: y + Float(k) * u - e),
                    Box(x0: x, y0: y, x1: x + w - e, y1: y + Float(k + 1) * u - e),
                ]
            }
            let scores = boxes.map { _ in Float(Int.random(in: 1...20, using: &rng)) * 0.05 }
            cases.append(
                Case(
                    name: "hidden: IoU exactly at the threshold", boxes: boxes, scores: scores,
                    threshold: threshold))
        }
        for (n, threshold) in ([0.5, 0.45, 0.65] as [Float]).enumerated() {
            var random = clusters(&rng, threshold: threshold)
            random.name = "hidden: random boxes \(n + 1)"
            cases.append(random)
        }
        return cases
    }

    /// Six clusters of 3–9 overlapping boxes, scores in steps of 0.05 so that ties occur.
    static func clusters(_ rng: inout SeededGenerator, threshold: Float) -> Case {
        var boxes: [Box] = []
        var scores: [Float] = []
        for _ in 0..<6 {
            let cx = rng.integer(40...460)
            let cy = rng.integer(40...460)
            for _ in 0..<Int.random(in: 3...9, using: &rng) {
                let w = rng.integer(20...90)
                let h = rng.integer(20...90)
                let x0 = cx - w / 2 + rng.integer(-12...12)
                let y0 = cy - h / 2 + rng.integer(-12...12)
                boxes.append(Box(x0: x0, y0: y0, x1: x0 + w, y1: y0 + h))
                scores.append(Float(Int.random(in: 1...20, using: &rng)) * 0.05)
            }
        }
        return Case(name: "random boxes", boxes: boxes, scores: scores, threshold: threshold)
    }

    /// Hand-made cases per idea, then clustered random boxes with scores rounded to 0.05 so that
    /// equal scores occur.
    static func examples(convention: BoxConvention, seed: UInt64) -> [Case] {
        // Under +1 widths a box (x0, x1) covers x1 − x0 + 1 pixels; `e` keeps the designed IoUs.
        let e: Float = convention == .inclusivePixels ? 1 : 0
        func b(_ x0: Float, _ y0: Float, _ x1: Float, _ y1: Float) -> Box {
            Box(x0: x0, y0: y0, x1: x1 - e, y1: y1 - e)
        }
        var cases = [
            Case(
                name: "IoU exactly equal to the threshold", boxes: [b(0, 0, 10, 10), b(0, 0, 10, 5)],
                scores: [0.9, 0.8], threshold: 0.5),
            Case(
                name: "equal scores", boxes: [b(0, 0, 10, 10), b(1, 1, 11, 11), b(40, 40, 50, 50)],
                scores: [0.7, 0.7, 0.7], threshold: 0.5),
            Case(
                name: "scores not sorted", boxes: [b(0, 0, 10, 10), b(1, 0, 11, 10), b(2, 0, 12, 10)],
                scores: [0.1, 0.5, 0.9], threshold: 0.5),
            Case(
                name: "a chain of overlaps", boxes: [b(0, 0, 10, 10), b(4, 0, 14, 10), b(8, 0, 18, 10)],
                scores: [0.9, 0.8, 0.7], threshold: 0.4),
            Case(
                name: "disjoint boxes",
                boxes: [b(0, 0, 10, 10), b(20, 0, 30, 10), b(40, 0, 50, 10), b(60, 0, 70, 10)],
                scores: [0.3, 0.1, 0.9, 0.2], threshold: 0.5),
            Case(name: "no boxes", boxes: [], scores: [], threshold: 0.5),
            Case(name: "one box", boxes: [b(5, 5, 20, 30)], scores: [0.4], threshold: 0.6),
        ]
        var rng = SeededGenerator(seed: seed &+ 6)
        for (n, threshold) in ([0.5, 0.6, 0.7, 0.3] as [Float]).enumerated() {
            var random = clusters(&rng, threshold: threshold)
            random.name = "random boxes \(n + 1)"
            cases.append(random)
        }
        return cases
    }

    static func grade(_ function: Submission.NMSFunction, course: Course, hidden: UInt64? = nil) -> PartResult
    {
        let convention = course.rules.areaConvention
        var grading = Grading(part: .nms)
        var answers: [(Case, [Int])] = []
        for c in cases(convention: convention, seed: course.seed, hidden: hidden) {
            let expected = NMS.greedy(
                boxes: c.boxes, scores: c.scores, iouThreshold: Double(c.threshold), convention: convention)
            // Keeping every box in input order is the do-nothing answer.
            let family = c.name.hasPrefix("random boxes") ? "random boxes" : c.name
            grading.begin(
                family.hasPrefix("hidden: random") ? "hidden: random boxes" : family,
                informative: expected != Array(c.boxes.indices))
            guard
                let answer = grading.call(
                    "nonMaximumSuppression", { try function(c.boxes, c.scores, c.threshold) })
            else { continue }
            answers.append((c, answer))
            grading.check(
                answer == expected, sentence(c, answer: answer, expected: expected, convention: convention))
        }
        guard grading.failedCases > 0, !answers.isEmpty else { return grading.result() }
        let mistakes = diagnose(reference: NMSRecipe(convention: convention), changes: changes(convention)) {
            recipe in
            answers.allSatisfy { c, answer in
                recipe.keep(c.boxes, scores: c.scores, threshold: c.threshold) == answer
            }
        }
        return grading.result(mistakes: mistakes ?? [])
    }

    static func sentence(_ c: Case, answer: [Int], expected: [Int], convention: BoxConvention) -> String {
        let head =
            "\(c.name) (\(Wording.count(c.boxes.count, "box", "boxes")), threshold \(Wording.number(c.threshold)))"
        let shown = "you kept \(Wording.list(answer)), expected \(Wording.list(expected))"
        if let bad = answer.first(where: { $0 < 0 || $0 >= c.boxes.count }) {
            return "\(head): \(shown); \(bad) is not a box index (0..<\(c.boxes.count))."
        }
        if Set(answer).count != answer.count {
            return "\(head): \(shown); an index appears twice."
        }
        if Set(answer) == Set(expected) {
            return
                "\(head): \(shown): the right boxes in the wrong order; return them from the highest score "
                + "down, equal scores in index order."
        }
        // The first box, in the reference's visiting order, on which the two disagree.
        let order = NMS.scoreOrder(c.scores)
        let kept = Set(expected)
        let yours = Set(answer)
        let j = order.first { kept.contains($0) != yours.contains($0) }!
        let earlier = order.prefix { $0 != j }.filter { kept.contains($0) }
        let overlaps = earlier.map { k in (k, overlap(c.boxes[k], c.boxes[j], convention)) }
        let worst = overlaps.max { $0.1 < $1.1 }
        let score = "box \(j) (score \(Wording.number(c.scores[j])))"
        if kept.contains(j) {
            guard let (k, iou) = worst else {
                return "\(head): \(shown): \(score) should be kept: no box is kept before it."
            }
            var text =
                "\(head): \(shown): \(score) should be kept: its largest IoU with a box kept before it is "
                + "\(Wording.number(iou)) (box \(k)), not above the threshold"
            if iou == c.threshold { text += " (equal is not above)" }
            return text + "."
        }
        let (k, iou) = worst!
        return
            "\(head): \(shown): \(score) should be suppressed by box \(k) (score \(Wording.number(c.scores[k]))): "
            + "IoU = \(Wording.number(iou)) > \(Wording.number(c.threshold))."
    }

    static func overlap(_ a: Box, _ b: Box, _ convention: BoxConvention) -> Float {
        intersectionOverUnion(a, b, convention: convention)
    }

    static func changes(_ convention: BoxConvention) -> [Change<NMSRecipe>] {
        let other: BoxConvention = convention == .continuous ? .inclusivePixels : .continuous
        let tiesLate = Mistake(
            id: "unstable-ties", name: "equal scores visited in reverse order",
            question: "which of two equal scores goes first?",
            advice: "Visit boxes by descending score with equal scores in index order (a stable sort), so "
                + "the lower index survives a tie.")
        return [
            Change(
                mistake: Mistake(
                    id: "greater-or-equal", name: "NMS with ≥ instead of >",
                    question: "do you suppress at IoU equal to the threshold?",
                    advice: "Suppress a box only when its IoU with a kept box is strictly greater than the "
                        + "threshold; IoU = threshold keeps it."),
                apply: { $0.suppression = .greaterThanOrEqual }),
            Change(
                mistake: Mistake(
                    id: "unsorted", name: "boxes not visited by score",
                    question: "did you sort by score?",
                    advice:
                        "Greedy NMS visits boxes from the highest score down; the input order means nothing."),
                apply: { $0.visit = .input }),
            Change(mistake: tiesLate) { $0.visit = .byScoreLaterFirst },
            Change(
                mistake: Mistake(
                    id: "index-order", name: "kept indices in index order",
                    question: "in which order do you return the kept boxes?",
                    advice: "Return the kept indices in the order they were kept: highest score first."),
                apply: { $0.indexOrder = true }),
            Change(
                mistake: Mistake(
                    id: "suppressed-suppress", name: "suppressed boxes still suppress",
                    question: "can a suppressed box suppress others?",
                    advice:
                        "Only kept boxes suppress: skip a box that is already suppressed before comparing "
                        + "it with the rest."),
                apply: { $0.suppressedSuppress = true }),
            Change(
                mistake: Mistake(
                    id: "union-without-overlap", name: "IoU with the overlap left in the union",
                    question: "did you subtract the intersection from the union?",
                    advice:
                        "The union is area(a) + area(b) − intersection: the overlap belongs to both areas. "
                        + "Without the subtraction IoU never exceeds 0.5, and two identical boxes get 0.5 "
                        + "instead of 1."),
                apply: { $0.unionCountsOverlapTwice = true }),
            Change(
                mistake: Mistake(
                    id: "nms-widths",
                    name: convention == .continuous ? "+1 pixel widths in IoU" : "IoU without +1 widths",
                    question: "how did you compute widths?",
                    advice: RuleText.nmsWidths(convention)),
                apply: { $0.convention = other }),
        ]
    }
}
