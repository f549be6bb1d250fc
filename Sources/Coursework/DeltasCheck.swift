import FCOS

/// How deltas can be encoded and decoded, right or wrong. The reference divides by the stride
/// exactly when the preset's regression units say so, and clips negative distances before
/// decoding exactly when the preset's post-processing does.
struct DeltasRecipe: Equatable {
    enum Scale: Equatable {
        case divide, none, multiply
    }

    var encodeScale: Scale
    /// `(x0 − x, y0 − y, x − x1, y − y1)`: every distance with the wrong sign.
    var encodeNegated = false
    /// `|x − x0|, |y − y0|, |x1 − x|, |y1 − y|`: never negative, even outside the box.
    var encodeAbsolute = false
    /// The order of `(l, t, r, b)` as returned, as indices into the correct order.
    var encodeOrder = [0, 1, 2, 3]
    var decodeScale: Scale
    /// `(x + l, y + t, x − r, y − b)`.
    var decodeNegated = false
    /// Each distance clipped at 0 before decoding.
    var decodeClamps: Bool
    /// Each corner of the decoded box clipped at 0, as if clipping to the image.
    var decodeClipsCorners = false

    init(units: RegressionUnits, clampsNegative: Bool = false) {
        encodeScale = units == .stride ? .divide : .none
        decodeScale = units == .stride ? .multiply : .none
        decodeClamps = clampsNegative
    }

    func encode(_ box: Box, at p: Point, stride: Int) -> LTRB {
        var d = LTRB(from: p, to: box)
        let s = Float(stride)
        switch encodeScale {
        case .divide: d = LTRB(l: d.l / s, t: d.t / s, r: d.r / s, b: d.b / s)
        case .none: break
        case .multiply: d = LTRB(l: d.l * s, t: d.t * s, r: d.r * s, b: d.b * s)
        }
        if encodeNegated { d = LTRB(l: -d.l, t: -d.t, r: -d.r, b: -d.b) }
        if encodeAbsolute { d = LTRB(l: abs(d.l), t: abs(d.t), r: abs(d.r), b: abs(d.b)) }
        let v = d.array
        return LTRB(l: v[encodeOrder[0]], t: v[encodeOrder[1]], r: v[encodeOrder[2]], b: v[encodeOrder[3]])
    }

    func decode(_ d: LTRB, at p: Point, stride: Int) -> Box {
        let d = decodeClamps ? LTRB(l: max(d.l, 0), t: max(d.t, 0), r: max(d.r, 0), b: max(d.b, 0)) : d
        let s = Float(stride)
        let k: Float
        switch decodeScale {
        case .multiply: k = s
        case .none: k = 1
        case .divide: k = 1 / s
        }
        let sign: Float = decodeNegated ? -1 : 1
        let box = Box(
            x0: p.x - sign * d.l * k, y0: p.y - sign * d.t * k, x1: p.x + sign * d.r * k,
            y1: p.y + sign * d.b * k)
        guard decodeClipsCorners else { return box }
        return Box(x0: max(box.x0, 0), y0: max(box.y0, 0), x1: max(box.x1, 0), y1: max(box.y1, 0))
    }
}

enum DeltasCheck {
    struct Case {
        var name: String
        var location: Point
        var box: Box
        var stride: Int
        var family: String? = nil
    }

    /// The examples and, with `hidden`, random pairs and locations exactly on a box's edge.
    static func cases(rules: AssignmentRules, seed: UInt64, hidden: UInt64? = nil) -> [Case] {
        var cases = examples(rules: rules, seed: seed)
        guard let hidden else { return cases }
        let strides = rules.levels.map(\.stride)
        var rng = SeededGenerator(seed: hidden &+ 3)
        for n in 0..<24 {
            let stride = strides[Int.random(in: 0..<strides.count, using: &rng)]
            let p = Point(
                x: Float(Int.random(in: 0...60, using: &rng) * stride) + Float(stride) / 2,
                y: Float(Int.random(in: 0...50, using: &rng) * stride) + Float(stride) / 2)
            var box = Box(
                x0: p.x - rng.integer(1...200), y0: p.y - rng.integer(1...200),
                x1: p.x + rng.integer(1...200),
                y1: p.y + rng.integer(1...200))
            var family = "hidden: random pairs"
            if n % 3 == 0 {
                // On an edge: one distance exactly 0.
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: box.x0 = p.x
                case 1: box.y0 = p.y
                case 2: box.x1 = p.x
                default: box.y1 = p.y
                }
                family = "hidden: locations on box edges"
            }
            cases.append(
                Case(name: "hidden pair \(n + 1)", location: p, box: box, stride: stride, family: family))
        }
        return cases
    }

    static func examples(rules: AssignmentRules, seed: UInt64) -> [Case] {
        let strides = rules.levels.map(\.stride)
        let s0 = strides[0]
        let s1 = strides.count > 1 ? strides[1] : s0
        var cases = [
            Case(
                name: "a location inside a box", location: Point(x: 28, y: 36),
                box: Box(x0: 8, y0: 12, x1: 72, y1: 60), stride: s0),
            Case(
                name: "a location on the left edge", location: Point(x: 40, y: 24),
                box: Box(x0: 40, y0: 8, x1: 104, y1: 56), stride: s0),
            Case(
                name: "a location outside the box", location: Point(x: 4, y: 100),
                box: Box(x0: 20, y0: 10, x1: 60, y1: 90), stride: s1),
            Case(
                name: "a box larger than the image", location: Point(x: 320, y: 240),
                box: Box(x0: -100, y0: -60, x1: 900, y1: 700), stride: strides.last!),
            Case(
                name: "a tiny box", location: Point(x: 100, y: 100),
                box: Box(x0: 99, y0: 98.5, x1: 101.5, y1: 102), stride: s0),
        ]
        var rng = SeededGenerator(seed: seed &+ 3)
        for n in 0..<20 {
            let stride = strides[Int.random(in: 0..<strides.count, using: &rng)]
            let x0 = rng.integer(0...500)
            let y0 = rng.integer(0...400)
            let box = Box(x0: x0, y0: y0, x1: x0 + rng.integer(4...300), y1: y0 + rng.integer(4...300))
            let p = Point(
                x: Float(Int.random(in: 0...60, using: &rng) * stride) + Float(stride) / 2,
                y: Float(Int.random(in: 0...50, using: &rng) * stride) + Float(stride) / 2)
            cases.append(
                Case(
                    name: "random pair \(n + 1)", location: p, box: box, stride: stride,
                    family: "random pairs"))
        }
        return cases
    }

    /// Distances a network might output, some of them negative, each applied at a grid location.
    struct NegativeCase {
        var name: String
        var location: Point
        var deltas: LTRB
        var stride: Int
        var family: String
    }

    /// Negative distances, for presets whose decoding clips them at 0: EECS 498's
    /// `fcos_apply_deltas_to_locations` ("make sure to clip them to zero") and detectron2's
    /// `Box2BoxTransformLinear.apply_deltas` (a ReLU). The other references decode only
    /// `exp(s·x)` or ReLU outputs, never a negative distance, so their courses get no such case.
    static func negativeCases(rules: AssignmentRules, hidden: UInt64? = nil) -> [NegativeCase] {
        let strides = rules.levels.map(\.stride)
        let s0 = strides[0]
        let s1 = strides.count > 1 ? strides[1] : s0
        // In the preset's units: stride units are the network's raw output, pixels are s times that.
        func d(_ l: Float, _ t: Float, _ r: Float, _ b: Float, _ stride: Int) -> LTRB {
            let k: Float = rules.regressionUnits == .stride ? 1 : Float(stride)
            return LTRB(l: l * k, t: t * k, r: r * k, b: b * k)
        }
        let family = "applyDeltas: negative distances"
        var cases = [
            NegativeCase(
                name: "a negative left distance", location: Point(x: 28, y: 36),
                deltas: d(-0.5, 1, 2, 1.5, s0),
                stride: s0, family: family),
            NegativeCase(
                name: "a negative bottom distance", location: Point(x: 56, y: 88),
                deltas: d(3, 0.25, 1, -2, s1), stride: s1, family: family),
            NegativeCase(
                name: "all four distances −1", location: Point(x: 100, y: 60), deltas: d(-1, -1, -1, -1, s0),
                stride: s0, family: family),
        ]
        guard let hidden else { return cases }
        var rng = SeededGenerator(seed: hidden &+ 13)
        for n in 0..<8 {
            let stride = strides[Int.random(in: 0..<strides.count, using: &rng)]
            let p = Point(
                x: Float(Int.random(in: 0...60, using: &rng) * stride) + Float(stride) / 2,
                y: Float(Int.random(in: 0...50, using: &rng) * stride) + Float(stride) / 2)
            var v = (0..<4).map { _ in Float(Int.random(in: -8...16, using: &rng)) / 4 }
            v[Int.random(in: 0..<4, using: &rng)] = -Float(Int.random(in: 1...8, using: &rng)) / 4
            cases.append(
                NegativeCase(
                    name: "hidden outputs \(n + 1)", location: p, deltas: d(v[0], v[1], v[2], v[3], stride),
                    stride: stride, family: "hidden: " + family))
        }
        return cases
    }

    static func same(_ a: LTRB, _ b: LTRB) -> Bool {
        zip(a.array, b.array).allSatisfy { close($0, $1) }
    }

    static func same(_ a: Box, _ b: Box) -> Bool {
        close(a.x0, b.x0) && close(a.y0, b.y0) && close(a.x1, b.x1) && close(a.y1, b.y1)
    }

    static func grade(
        _ deltas: Submission.DeltasFunction, _ applyDeltas: Submission.ApplyDeltasFunction, course: Course,
        hidden: UInt64? = nil
    ) -> PartResult {
        let units = course.rules.regressionUnits
        let clamps = course.preset.postProcessing.clampNegativeRegression
        var grading = Grading(part: .deltas)
        var encoded: [(Case, LTRB)] = []
        var decoded: [(location: Point, stride: Int, deltas: LTRB, answer: Box)] = []
        let all = cases(rules: course.rules, seed: course.seed, hidden: hidden)
        for c in all {
            let s = Float(c.stride)
            let expected = RegressionDeltas.encode(c.box, at: c.location, stride: s, units: units)
            grading.begin("deltas: " + (c.family ?? c.name), informative: true)
            guard let answer = grading.call("deltas", { try deltas(c.location, c.box, c.stride) }) else {
                continue
            }
            encoded.append((c, answer))
            grading.check(
                same(answer, expected),
                "deltas(from: \(Wording.point(c.location)), to: \(Wording.box(c.box)), stride: \(c.stride)) "
                    + "(\(c.name)): you returned \(Wording.ltrb(answer)), expected \(Wording.ltrb(expected))."
            )
        }
        for c in all where LTRB(from: c.location, to: c.box).minimum >= 0 {
            let s = Float(c.stride)
            let d = RegressionDeltas.encode(c.box, at: c.location, stride: s, units: units)
            let expected = RegressionDeltas.decode(d, at: c.location, stride: s, units: units)
            grading.begin("applyDeltas: " + (c.family ?? c.name), informative: true)
            guard let answer = grading.call("applyDeltas", { try applyDeltas(d, c.location, c.stride) })
            else {
                continue
            }
            decoded.append((c.location, c.stride, d, answer))
            grading.check(
                same(answer, expected),
                "applyDeltas(\(Wording.ltrb(d)), at: \(Wording.point(c.location)), stride: \(c.stride)) "
                    + "(\(c.name)): you returned \(Wording.box(answer)), expected \(Wording.box(expected)).")
        }
        for c in clamps ? negativeCases(rules: course.rules, hidden: hidden) : [] {
            let expected = RegressionDeltas.decode(
                c.deltas, at: c.location, stride: Float(c.stride), units: units, clampNegative: true)
            grading.begin(c.family, informative: true)
            guard
                let answer = grading.call("applyDeltas", { try applyDeltas(c.deltas, c.location, c.stride) })
            else {
                continue
            }
            decoded.append((c.location, c.stride, c.deltas, answer))
            grading.check(
                same(answer, expected),
                "applyDeltas(\(Wording.ltrb(c.deltas)), at: \(Wording.point(c.location)), stride: \(c.stride)) "
                    + "(\(c.name)): you returned \(Wording.box(answer)), expected \(Wording.box(expected)) "
                    + "(negative distances count as 0).")
        }
        guard grading.failedCases > 0, !(encoded.isEmpty && decoded.isEmpty) else { return grading.result() }
        let reference = DeltasRecipe(units: units, clampsNegative: clamps)
        let mistakes = diagnose(reference: reference, changes: changes(units, clamps: clamps)) { recipe in
            encoded.allSatisfy { same($1, recipe.encode($0.box, at: $0.location, stride: $0.stride)) }
                && decoded.allSatisfy {
                    same($0.answer, recipe.decode($0.deltas, at: $0.location, stride: $0.stride))
                }
        }
        return grading.result(mistakes: mistakes ?? [])
    }

    static func changes(_ units: RegressionUnits, clamps: Bool = false) -> [Change<DeltasRecipe>] {
        var changes: [Change<DeltasRecipe>] = []
        if units == .stride {
            // Three mistakes, so the question names the function that is wrong: both forget s,
            // only deltas forgets to divide, only applyDeltas forgets to multiply.
            let both = Mistake(
                id: "missing-stride-normalisation", name: "missing stride normalisation",
                question: "did you divide by the stride in deltas and multiply by it in applyDeltas?",
                advice: "This preset's targets are \(RuleText.units(.stride)): deltas returns "
                    + "(x − x0, y − y0, x1 − x, y1 − y) / s, and applyDeltas multiplies by s before moving "
                    + "the sides.")
            let encode = Mistake(
                id: "missing-stride-division", name: "deltas not divided by the stride",
                question: "did you divide by the stride?",
                advice: "This preset's targets are \(RuleText.units(.stride)): deltas returns "
                    + "(x − x0, y − y0, x1 − x, y1 − y) / s. Your applyDeltas is right.")
            let decode = Mistake(
                id: "decoding-without-stride", name: "decoding without × s",
                question: "did you multiply by the stride in applyDeltas?",
                advice:
                    "applyDeltas turns stride units back into pixels: (x − l·s, y − t·s, x + r·s, y + b·s). "
                    + "Your deltas is right.")
            changes.append(
                Change(mistake: both) {
                    $0.encodeScale = .none
                    $0.decodeScale = .none
                })
            changes.append(Change(mistake: encode) { $0.encodeScale = .none })
            changes.append(Change(mistake: decode) { $0.decodeScale = .none })
            changes.append(
                Change(
                    mistake: Mistake(
                        id: "stride-multiplied", name: "multiplied by the stride instead of dividing",
                        question: "did you multiply where you should divide?",
                        advice: "deltas divides the pixel distances by s; applyDeltas multiplies them back."),
                    apply: {
                        $0.encodeScale = .multiply
                        $0.decodeScale = .divide
                    }))
        } else {
            let both = Mistake(
                id: "extra-stride-normalisation", name: "stride normalisation this preset does not use",
                question: "did you divide by the stride?",
                advice: "This preset's targets are \(RuleText.units(.pixels)).")
            let decode = Mistake(
                id: "decoding-with-stride", name: "decoding with × s this preset does not use",
                question: "did you multiply by the stride in applyDeltas?",
                advice:
                    "This preset's targets are \(RuleText.units(.pixels)): applyDeltas moves the sides by "
                    + "l, t, r, b as they are.")
            changes.append(
                Change(mistake: both) {
                    $0.encodeScale = .divide
                    $0.decodeScale = .multiply
                })
            changes.append(Change(mistake: both) { $0.encodeScale = .divide })
            changes.append(Change(mistake: decode) { $0.decodeScale = .multiply })
        }
        let signs = Mistake(
            id: "flipped-signs", name: "distances with the wrong sign",
            question: "are your distances positive inside the box?",
            advice:
                "l* = x − x0, t* = y − y0, r* = x1 − x, b* = y1 − y: all four are positive for a location "
                + "inside the box; decoding subtracts l and t from the location and adds r and b.")
        changes.append(Change(mistake: signs) { $0.encodeNegated = true })
        changes.append(Change(mistake: signs) { $0.decodeNegated = true })
        let order = Mistake(
            id: "component-order", name: "components in the wrong order",
            question: "is your order (l, t, r, b)?",
            advice: "Return LTRB(l: x − x0, t: y − y0, r: x1 − x, b: y1 − y) (left, top, right, bottom).")
        changes.append(Change(mistake: order) { $0.encodeOrder = [0, 2, 1, 3] })
        changes.append(Change(mistake: order) { $0.encodeOrder = [1, 0, 3, 2] })
        changes.append(Change(mistake: order) { $0.encodeOrder = [2, 3, 0, 1] })
        changes.append(
            Change(
                mistake: Mistake(
                    id: "absolute-distances", name: "absolute distances |x − x0|, …",
                    question: "are your distances negative outside the box?",
                    advice:
                        "l* = x − x0, t* = y − y0, r* = x1 − x, b* = y1 − y with their signs: outside the box "
                        + "some are negative, which is how a location is known to be outside. An absolute "
                        + "value (or |location − corner|) makes every distance positive."),
                apply: { $0.encodeAbsolute = true }))
        changes.append(
            Change(
                mistake: Mistake(
                    id: "box-clipped-at-zero", name: "box corners clipped at 0 in applyDeltas",
                    question: "did you clip the box's corners at 0?",
                    advice:
                        "applyDeltas returns the box the distances describe, even where it reaches past the "
                        + "image (a corner at x = −100 stays −100). Clipping boxes to the image is a later step of "
                        + "inference, and clips at the far sides too."),
                apply: { $0.decodeClipsCorners = true }))
        if clamps {
            changes.append(
                Change(
                    mistake: Mistake(
                        id: "negative-distances-not-clipped", name: "negative distances not clipped at 0",
                        question: "did you clip negative distances at 0?",
                        advice: "A network can output a negative distance, which would put a side beyond the "
                            + "location; this preset's applyDeltas replaces each of l, t, r, b by max(·, 0) "
                            + "before moving the sides."),
                    apply: { $0.decodeClamps = false }))
        }
        return changes
    }
}
