import FCOS
import Testing

@testable import Coursework

/// The named mistakes added from students' EECS 498 A4 solutions: worked by hand, and told apart
/// from every other recipe change on the cases the grader runs.
@Suite("Named mistakes from students' code")
struct NamedMistakeTests {
    /// Answers of `recipe` on every case, as bit patterns so that NaN compares equal to NaN.
    static func answers(_ recipe: CenternessRecipe, _ cases: [CenternessCheck.Case]) -> [UInt32] {
        cases.map { recipe.value(LTRB(from: $0.location, to: $0.box)).bitPattern }
    }

    @Test("the precedence bug, worked by hand")
    func precedenceByHand() {
        var wrong = CenternessRecipe()
        wrong.precedence = true
        // l = 10, t = 20, r = 30, b = 40: 10 · 20 / 30 · 40 = (200 / 30) · 40 = 266.67,
        // √266.67 = 16.3299; the reference is √((10/30) · (20/40)) = √(1/6) = 0.40825.
        let d = LTRB(l: 10, t: 20, r: 30, b: 40)
        #expect(abs(wrong.value(d) - 16.3299) < 1e-3)
        #expect(abs(CenternessRecipe().value(d) - 0.40825) < 1e-4)
        // The box centre, all four distances 20: √(20 · 20 / 20 · 20) = √400 = 20, not 1.
        let centre = LTRB(l: 20, t: 20, r: 20, b: 20)
        #expect(wrong.value(centre) == 20)
        #expect(CenternessRecipe().value(centre) == 1)
    }

    @Test("a precedence student is told 20 instead of 1, and why")
    func precedenceIsNamed() throws {
        let course = Course(preset: "eecs498")
        let student = HandWrittenStudent(rules: course.rules, flaws: [.centernessPrecedence])
        let result = Grader(course: course, submission: student.submission).grade(.centerness)
        #expect(result.mistakes.map(\.id) == ["centerness-precedence"])
        #expect(result.points == 0)
        let first = try #require(result.explanations.first)
        #expect(first.contains("min·min / max·max without parentheses"))
        #expect(first.contains("divides by max(l*, r*) but multiplies by max(t*, b*)"))
        let centre = try #require(result.explanations.first { $0.contains("(the box centre)") })
        #expect(centre.contains("you returned 20, expected 1: did you put the two max in parentheses?"))
    }

    @Test("each centerness change answers differently from the reference and from every other mistake")
    func centernessChangesAreDistinct() {
        let examples = CenternessCheck.cases(seed: Course.defaultSeed)
        let all = CenternessCheck.cases(seed: Course.defaultSeed, hidden: 99)
        let reference = Self.answers(CenternessRecipe(), all)
        var seen: [[UInt32]: String] = [:]
        for change in CenternessCheck.changes {
            var recipe = CenternessRecipe()
            change.apply(&recipe)
            let mine = Self.answers(recipe, all)
            let differs = mine != reference
            #expect(differs, "\(change.mistake.id)")
            let twin = seen[mine]
            #expect(twin == nil || twin == change.mistake.id, "\(change.mistake.id) answers as \(twin ?? "")")
            seen[mine] = change.mistake.id
        }
        // The precedence bug shows on the examples alone, apart from every other change.
        var precedence = CenternessRecipe()
        precedence.precedence = true
        let onExamples = Self.answers(precedence, examples)
        for change in CenternessCheck.changes where change.mistake.id != "centerness-precedence" {
            var recipe = CenternessRecipe()
            change.apply(&recipe)
            let differs = Self.answers(recipe, examples) != onExamples
            #expect(differs, "\(change.mistake.id)")
        }
    }
}

extension NamedMistakeTests {
    @Test("clipped decoding, worked by hand: EECS 498, stride 8")
    func clippingByHand() throws {
        let course = Course(preset: "eecs498")
        let first = try #require(DeltasCheck.negativeCases(rules: course.rules).first)
        #expect(first.stride == 8 && first.location == Point(x: 28, y: 36))
        // (−0.5, 1, 2, 1.5) clipped to (0, 1, 2, 1.5), × 8 = (0, 8, 16, 12) pixels around (28, 36).
        let clipped = DeltasRecipe(units: .stride, clampsNegative: true)
        #expect(
            clipped.decode(first.deltas, at: first.location, stride: 8) == Box(x0: 28, y0: 28, x1: 44, y1: 48)
        )
        // Unclipped, the left side moves right of the location: x0 = 28 + 4 = 32.
        let unclipped = DeltasRecipe(units: .stride)
        #expect(
            unclipped.decode(first.deltas, at: first.location, stride: 8)
                == Box(x0: 32, y0: 28, x1: 44, y1: 48))
    }

    @Test(
        "the clipping recipe equals the toolkit on every negative case", arguments: ["eecs498", "detectron2"])
    func clippingRecipeIsTheReference(preset: String) {
        let rules = Preset.named(preset)!.assignment
        let recipe = DeltasRecipe(units: rules.regressionUnits, clampsNegative: true)
        for c in DeltasCheck.negativeCases(rules: rules, hidden: 7) {
            #expect(
                recipe.decode(c.deltas, at: c.location, stride: c.stride)
                    == RegressionDeltas.decode(
                        c.deltas, at: c.location, stride: Float(c.stride), units: rules.regressionUnits,
                        clampNegative: true), "\(c.name)")
            #expect(min(c.deltas.l, c.deltas.t, c.deltas.r, c.deltas.b) < 0, "\(c.name)")
        }
    }

    @Test("negative distances reach applyDeltas only where the preset clips them", arguments: Preset.names)
    func negativeCasesOnlyWhereClipped(preset: String) {
        let course = Course(preset: preset)
        let student = HandWrittenStudent(rules: course.rules, flaws: [.unclippedNegativeDistances])
        let result = Grader(course: course, submission: student.submission, hiddenSeed: 3).grade(.deltas)
        let clips = course.preset.postProcessing.clampNegativeRegression
        #expect(result.status == (clips ? .failed : .passed), "\(result.explanations)")
        #expect(result.mistakes.map(\.id) == (clips ? ["negative-distances-not-clipped"] : []))
    }

    @Test("absolute distances, worked by hand: a location outside its box")
    func absoluteByHand() throws {
        let course = Course(preset: "eecs498")
        let student = HandWrittenStudent(rules: course.rules, flaws: [.absoluteDistances])
        let result = Grader(course: course, submission: student.submission).grade(.deltas)
        #expect(result.mistakes.map(\.id) == ["absolute-distances"])
        // (4, 100) against (20, 10, 60, 90) at stride 16: (−16, 90, 56, −10) / 16.
        let outside = try #require(result.explanations.first { $0.contains("(a location outside the box)") })
        #expect(outside.contains("you returned (1, 5.625, 3.5, 0.625), expected (-1, 5.625, 3.5, -0.625)"))
    }
}

extension NamedMistakeTests {
    /// Every answer of a deltas recipe on the part's cases, as bit patterns.
    static func answers(_ recipe: DeltasRecipe, course: Course) -> [UInt32] {
        let rules = course.rules
        let cases = DeltasCheck.cases(rules: rules, seed: course.seed, hidden: 99)
        var bits: [UInt32] = []
        for c in cases {
            bits += recipe.encode(c.box, at: c.location, stride: c.stride).array.map(\.bitPattern)
            let d = LTRB(from: c.location, to: c.box)
            if d.minimum >= 0 {
                let box = recipe.decode(d, at: c.location, stride: c.stride)
                bits += [box.x0, box.y0, box.x1, box.y1].map(\.bitPattern)
            }
        }
        if course.preset.postProcessing.clampNegativeRegression {
            for c in DeltasCheck.negativeCases(rules: rules, hidden: 99) {
                let box = recipe.decode(c.deltas, at: c.location, stride: c.stride)
                bits += [box.x0, box.y0, box.x1, box.y1].map(\.bitPattern)
            }
        }
        return bits
    }

    @Test(
        "each deltas change answers differently from the reference and every other mistake",
        arguments: Preset.names)
    func deltasChangesAreDistinct(preset: String) {
        let course = Course(preset: preset)
        let clamps = course.preset.postProcessing.clampNegativeRegression
        let reference = DeltasRecipe(units: course.rules.regressionUnits, clampsNegative: clamps)
        let expected = Self.answers(reference, course: course)
        var seen: [[UInt32]: String] = [:]
        for change in DeltasCheck.changes(course.rules.regressionUnits, clamps: clamps) {
            var recipe = reference
            change.apply(&recipe)
            let mine = Self.answers(recipe, course: course)
            let differs = mine != expected
            #expect(differs, "\(change.mistake.id)")
            let twin = seen[mine]
            #expect(twin == nil || twin == change.mistake.id, "\(change.mistake.id) answers as \(twin ?? "")")
            seen[mine] = change.mistake.id
        }
    }

    @Test("one min/max over all four, worked by hand")
    func allFourByHand() {
        var wrong = CenternessRecipe()
        wrong.allFour = true
        // √(10/40) = 0.5; the reference pairs the sides: √((10/30) · (20/40)) = 0.40825.
        #expect(wrong.value(LTRB(l: 10, t: 20, r: 30, b: 40)) == 0.5)
    }

    @Test("corners clipped at 0, worked by hand: a box larger than the image")
    func cornersClippedByHand() throws {
        let course = Course(preset: "official")
        let student = HandWrittenStudent(rules: course.rules, flaws: [.boxClippedAtZero])
        let result = Grader(course: course, submission: student.submission).grade(.deltas)
        #expect(result.mistakes.map(\.id) == ["box-clipped-at-zero"])
        // Official works in pixels: (420, 300, 580, 460) around (320, 240) is (−100, −60, 900, 700).
        let large = try #require(
            result.explanations.first {
                $0.contains("applyDeltas") && $0.contains("(a box larger than the image)")
            })
        #expect(large.contains("you returned (0, 0, 900, 700), expected (-100, -60, 900, 700)"))
    }
}

extension NamedMistakeTests {
    @Test(
        "each locations change answers differently from the reference and every other mistake",
        arguments: Preset.names)
    func locationsChangesAreDistinct(preset: String) {
        let rules = Preset.named(preset)!.assignment
        let cases = LocationsCheck.cases(rules: rules, hidden: 99)
        func answers(_ recipe: LocationsRecipe) -> [Float] {
            cases.flatMap {
                recipe.locations(width: $0.width, height: $0.height, stride: $0.stride).flatMap {
                    [$0.x, $0.y]
                }
            }
        }
        let reference = LocationsRecipe(offset: rules.locationOffset)
        let expected = answers(reference)
        var seen: [[Float]: String] = [:]
        for change in LocationsCheck.changes(rules) {
            var recipe = reference
            change.apply(&recipe)
            let mine = answers(recipe)
            // ⌊s/2⌋ and s/2 agree on even strides, so one of the offsets is the preset's own.
            if change.mistake.id == "wrong-location-offset", mine == expected { continue }
            let differs = mine != expected
            #expect(differs, "\(change.mistake.id)")
            let twin = seen[mine]
            #expect(twin == nil || twin == change.mistake.id, "\(change.mistake.id) answers as \(twin ?? "")")
            seen[mine] = change.mistake.id
        }
    }

    @Test("swapped map sizes, worked by hand: a 5 × 3 map")
    func swappedSizesByHand() {
        var wrong = LocationsRecipe(offset: .zero)
        wrong.order = .swappedSizes
        // Three columns and five rows instead of five columns and three rows: index 3 is row 1,
        // column 0, at (0, 8), where the reference has row 0, column 3, at (24, 0).
        let points = wrong.locations(width: 5, height: 3, stride: 8)
        #expect(points[3] == Point(x: 0, y: 8))
        #expect(
            LocationsRecipe(offset: .zero).locations(width: 5, height: 3, stride: 8)[3] == Point(x: 24, y: 0))
        #expect(points.last == Point(x: 16, y: 32))
    }
}

extension NamedMistakeTests {
    @Test(
        "each NMS change answers differently from the reference and every other mistake",
        arguments: Preset.names)
    func nmsChangesAreDistinct(preset: String) {
        let convention = Preset.named(preset)!.assignment.areaConvention
        let cases = NMSCheck.cases(convention: convention, seed: Course.defaultSeed, hidden: 99)
        func answers(_ recipe: NMSRecipe) -> [[Int]] {
            cases.map { recipe.keep($0.boxes, scores: $0.scores, threshold: $0.threshold) }
        }
        let reference = NMSRecipe(convention: convention)
        let expected = answers(reference)
        var seen: [[[Int]]: String] = [:]
        for change in NMSCheck.changes(convention) {
            var recipe = reference
            change.apply(&recipe)
            let mine = answers(recipe)
            let differs = mine != expected
            #expect(differs, "\(change.mistake.id)")
            let twin = seen[mine]
            #expect(twin == nil || twin == change.mistake.id, "\(change.mistake.id) answers as \(twin ?? "")")
            seen[mine] = change.mistake.id
        }
    }

    @Test("the union without − intersection, worked by hand")
    func unionByHand() {
        var wrong = NMSRecipe(convention: .continuous)
        wrong.unionCountsOverlapTwice = true
        // (0, 0, 10, 10) and (0, 0, 10, 5): IoU = 50 / 100 = 0.5; counted twice, 50 / 150 = 0.33.
        let boxes = [Box(x0: 0, y0: 0, x1: 10, y1: 10), Box(x0: 0, y0: 0, x1: 10, y1: 5)]
        #expect(NMSRecipe(convention: .continuous).keep(boxes, scores: [0.9, 0.8], threshold: 0.4) == [0])
        #expect(wrong.keep(boxes, scores: [0.9, 0.8], threshold: 0.4) == [0, 1])
    }
}
