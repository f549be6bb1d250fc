import FCOS

/// How a location grid can be computed, right or wrong: the reference is row-major with the
/// preset's offset, in pixels.
struct LocationsRecipe: Equatable {
    enum Order: Equatable {
        /// Row by row, `x` fastest: the flattened `meshgrid(ys, xs)` every reference uses.
        case rowMajor
        /// Column by column, `y` fastest: `meshgrid` with the axes the other way round.
        case columnMajor
        /// Row-major positions but `x` taken from the row and `y` from the column.
        case swappedAxes
        /// Row-major over a grid `height` cells wide and `width` tall: the map's sizes swapped.
        case swappedSizes
    }

    var offset: LocationOffset
    var order: Order = .rowMajor
    /// Multiplied by the stride (pixels) rather than left in cells.
    var inPixels = true

    func locations(width: Int, height: Int, stride: Int) -> [Point] {
        guard width > 0, height > 0 else { return [] }
        let s = Float(stride)
        let o = offset.pixels(stride: stride)
        func coordinate(_ index: Int) -> Float { inPixels ? Float(index * stride) + o : Float(index) + o / s }
        return (0..<width * height).map { k in
            switch order {
            case .rowMajor: return Point(x: coordinate(k % width), y: coordinate(k / width))
            case .columnMajor: return Point(x: coordinate(k / height), y: coordinate(k % height))
            case .swappedAxes: return Point(x: coordinate(k / width), y: coordinate(k % width))
            case .swappedSizes: return Point(x: coordinate(k % height), y: coordinate(k / height))
            }
        }
    }
}

enum LocationsCheck {
    struct Case {
        var width: Int
        var height: Int
        var stride: Int
        var family: String
        var label: String { "stride \(stride), \(width)×\(height) map" }
    }

    /// Examples: small maps that tell row-major from column-major (non-square ones), single
    /// cells, empty maps, and the real maps of a 600 × 400 image. Hidden: maps of random sizes
    /// at every stride, drawn from `hidden`.
    static func cases(rules: AssignmentRules, hidden: UInt64? = nil) -> [Case] {
        let strides = rules.levels.map(\.stride)
        var cases: [Case] = []
        for stride in strides {
            for (w, h) in [(2, 1), (5, 3), (3, 5), (4, 4), (1, 1), (0, 4), (6, 0)] {
                cases.append(Case(width: w, height: h, stride: stride, family: "small maps"))
            }
        }
        for map in rules.featureMaps(imageWidth: 600, imageHeight: 400) {
            cases.append(
                Case(
                    width: map.width, height: map.height, stride: map.stride,
                    family: "the maps of a 600×400 image"))
        }
        guard let hidden else { return cases }
        var rng = SeededGenerator(seed: hidden &+ 1)
        for stride in strides {
            for _ in 0..<3 {
                cases.append(
                    Case(
                        width: Int.random(in: 1...40, using: &rng),
                        height: Int.random(in: 1...40, using: &rng),
                        stride: stride, family: "hidden: maps of random sizes"))
            }
        }
        return cases
    }

    static func reference(_ c: Case, rules: AssignmentRules) -> [Point] {
        let level = FeatureLevel(name: "", stride: c.stride, sizeRange: SizeRange(lower: 0, upper: 0))
        return FeatureMap(
            level: level, width: c.width, height: c.height, stepX: c.stride, stepY: c.stride,
            offset: rules.locationOffset
        ).locations
    }

    static func same(_ a: [Point], _ b: [Point]) -> Bool {
        a.count == b.count
            && zip(a, b).allSatisfy {
                close($0.x, $1.x, tolerance: 1e-5) && close($0.y, $1.y, tolerance: 1e-5)
            }
    }

    static func grade(_ function: Submission.LocationsFunction, course: Course, hidden: UInt64? = nil)
        -> PartResult
    {
        let rules = course.rules
        var grading = Grading(part: .locations)
        var answers: [(Case, [Point])] = []
        for c in cases(rules: rules, hidden: hidden) {
            let expected = reference(c, rules: rules)
            grading.begin(c.family, informative: !expected.isEmpty)
            guard let answer = grading.call("fpnLocations", { try function(c.width, c.height, c.stride) })
            else {
                continue
            }
            answers.append((c, answer))
            grading.check(same(answer, expected), sentence(c, answer: answer, expected: expected))
        }
        guard grading.failedCases > 0, !answers.isEmpty else { return grading.result() }
        let mistakes = diagnose(
            reference: LocationsRecipe(offset: rules.locationOffset), changes: changes(rules)
        ) {
            recipe in
            answers.allSatisfy {
                same($1, recipe.locations(width: $0.width, height: $0.height, stride: $0.stride))
            }
        }
        return grading.result(mistakes: mistakes ?? [])
    }

    static func sentence(_ c: Case, answer: [Point], expected: [Point]) -> String {
        if answer.count != expected.count {
            return "\(c.label): you returned \(Wording.count(answer.count, "location")), expected "
                + "\(expected.count) (one per cell, width × height)."
        }
        let k = answer.indices.first { !same([answer[$0]], [expected[$0]]) }!
        return "\(c.label), index \(k) (row \(k / c.width), column \(k % c.width)): you returned "
            + "\(Wording.point(answer[k])), expected \(Wording.point(expected[k]))."
    }

    static func changes(_ rules: AssignmentRules) -> [Change<LocationsRecipe>] {
        let formula = RuleText.locationFormula(rules.locationOffset)
        let transposed = Mistake(
            id: "transposed-location-grid", name: "transposed location grid",
            question: "are rows and columns swapped?",
            advice: "List the cells row by row with x changing fastest, so index i·width + j is row i, "
                + "column j at \(formula); x comes from the column j, y from the row i.")
        var changes: [Change<LocationsRecipe>] = [
            Change(mistake: transposed) { $0.order = .columnMajor },
            Change(mistake: transposed) { $0.order = .swappedAxes },
        ]
        changes.append(
            Change(
                mistake: Mistake(
                    id: "swapped-map-sizes", name: "map width and height swapped",
                    question: "does x run over the width?",
                    advice:
                        "A map of width × height has `width` columns and `height` rows: x = column j for j "
                        + "in 0..<width, y = row i for i in 0..<height. Your grid is `height` wide and `width` "
                        + "tall, which only square maps hide."),
                apply: { $0.order = .swappedSizes }))
        for offset in LocationOffset.allCases {
            let mistake = Mistake(
                id: "wrong-location-offset", name: "wrong location offset",
                question: "which point of the cell did you use?",
                advice: "You placed locations at \(RuleText.locationFormula(offset)) "
                    + "(\(RuleText.offsetOwner(offset))); this course's preset puts them at \(formula).")
            changes.append(Change(mistake: mistake) { $0.offset = offset })
        }
        changes.append(
            Change(
                mistake: Mistake(
                    id: "locations-in-cells", name: "locations in cells, not pixels",
                    question: "did you multiply by the stride?",
                    advice: "Locations are image pixels: multiply the column and row by the stride s "
                        + "(\(formula))."),
                apply: { $0.inPixels = false }))
        return changes
    }
}
