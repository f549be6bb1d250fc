import FCOS

/// The hidden matching scenes, drawn at grade time from a seed the report records. Each family
/// puts a boundary of the rules exactly on a location of the preset's own grid, at random
/// places and sizes, so no answer can be hard-coded and every rule is tested where it bites.
extension CourseScene {
    static let hiddenSize = 512

    static func hidden(rules: AssignmentRules, seed: UInt64) -> [CourseScene] {
        var rng = SeededGenerator(seed: seed &+ 2)
        let maps = rules.featureMaps(imageWidth: hiddenSize, imageHeight: hiddenSize)
        var scenes: [CourseScene] = []
        func scene(_ family: String, _ detail: String, _ boxes: [Box]) {
            scenes.append(
                CourseScene(
                    name: "hidden: \(detail)", width: hiddenSize, height: hiddenSize, boxes: boxes,
                    family: "hidden: \(family)"))
        }
        /// A location of level `k` away from the image's border.
        func location(_ k: Int, _ rng: inout SeededGenerator) -> Point {
            let map = maps[k]
            let column = Int.random(in: map.width / 4...max(map.width / 4, 3 * map.width / 4), using: &rng)
            let row = Int.random(in: map.height / 4...max(map.height / 4, 3 * map.height / 4), using: &rng)
            return Point(x: map.x(column: column), y: map.y(row: row))
        }

        // m exactly on a bound: l* (or another side) equals the bound, the location near the
        // centre so that center sampling admits it.
        for _ in 0..<4 {
            let k = Int.random(in: 0..<maps.count, using: &rng)
            let range = maps[k].level.sizeRange
            var bounds = [range.lower, range.upper].filter { $0 > 0 && $0 < 1_000 }
            if bounds.isEmpty { bounds = [maps[0].level.sizeRange.upper] }
            let bound = bounds[Int.random(in: 0..<bounds.count, using: &rng)]
            let p = location(k, &rng)
            let slack = Float(maps[k].stride)
            var d = [bound, bound - rng.integer(0...Int(slack)), bound - rng.integer(1...Int(slack)), bound]
            d[3] = d[2] - rng.integer(0...Int(slack))
            // Which side carries the bound: rotate (l, t, r, b).
            let turn = Int.random(in: 0..<4, using: &rng)
            d = Array(d[turn...] + d[..<turn])
            scene(
                "m exactly on a range bound",
                "m = \(Wording.number(bound)) at a \(maps[k].level.name) location",
                [Box(x0: p.x - d[0], y0: p.y - d[1], x1: p.x + d[2], y1: p.y + d[3])])
        }

        // Equal areas: the same box transposed, around one point; the lower index must win.
        for _ in 0..<2 {
            let p = location(0, &rng)
            let w = rng.integer(12...44)
            let h = w + rng.integer(4...20)
            scene(
                "equal areas", "two boxes of equal area",
                [
                    Box(x0: p.x - w / 2 - 1, y0: p.y - h / 2 + 1, x1: p.x + w / 2 - 1, y1: p.y + h / 2 + 1),
                    Box(x0: p.x - h / 2 + 1, y0: p.y - w / 2 - 1, x1: p.x + h / 2 + 1, y1: p.y + w / 2 - 1),
                ])
        }

        // Areas a few px² apart, the larger first: exact areas pick the second, and so does the
        // float32 1e8 − area ranking unless the two keys tie, which this family looks for.
        var found = 0
        var attempts = 0
        while found < 2, attempts < 500 {
            attempts += 1
            let p = location(0, &rng)
            let w = rng.integer(16...60)
            let h = w + rng.integer(0...6)
            let larger = Box(x0: p.x - w / 2, y0: p.y - h / 2, x1: p.x + w / 2, y1: p.y + h / 2)
            let smaller = Box(x0: p.x - w / 2 + 1, y0: p.y - h / 2 - 1, x1: p.x + w / 2, y1: p.y + h / 2)
            let a = larger.area(rules.areaConvention)
            let b = smaller.area(rules.areaConvention)
            guard a > b, a - b <= 7 else { continue }
            if rules.ambiguity == .float32Rank, rules.ambiguity.key(area: a) != rules.ambiguity.key(area: b) {
                continue
            }
            found += 1
            scene(
                "areas within 8 px²",
                "areas \(Wording.number(a)) and \(Wording.number(b)), \(Wording.number(a - b)) px² apart",
                [larger, smaller])
        }

        // Box edges on grid lines of a level, and a second box sharing an edge with the first.
        for _ in 0..<2 {
            let k = Int.random(in: 0..<min(2, maps.count), using: &rng)
            let map = maps[k]
            let c0 = Int.random(in: 1...max(1, map.width / 2), using: &rng)
            let r0 = Int.random(in: 1...max(1, map.height / 2), using: &rng)
            let c1 = c0 + Int.random(in: 2...5, using: &rng)
            let r1 = r0 + Int.random(in: 2...5, using: &rng)
            let c2 = c1 + Int.random(in: 2...4, using: &rng)
            let first = Box(
                x0: map.x(column: c0), y0: map.y(row: r0), x1: map.x(column: c1), y1: map.y(row: r1))
            let second = Box(x0: first.x1, y0: first.y0, x1: map.x(column: c2), y1: first.y1)
            scene("locations on box edges", "box edges on \(map.level.name)'s grid lines", [first, second])
        }

        // A location exactly r·s from a box centre: outside the strict center-sampling region.
        if let r = rules.centerSampling.radius {
            for k in 0..<min(2, maps.count) {
                let map = maps[k]
                let p = location(k, &rng)
                let reach = r * Float(map.stride)
                let half = [Float(40), 80][k]
                let horizontal = Bool.random(using: &rng)
                let c = horizontal ? Point(x: p.x + reach, y: p.y) : Point(x: p.x, y: p.y + reach)
                scene(
                    "the center-sampling radius exactly",
                    "a \(map.level.name) location exactly \(Wording.number(reach)) px from a box centre",
                    [Box(x0: c.x - half, y0: c.y - half, x1: c.x + half, y1: c.y + half)])
            }
        }

        for var random in CourseScene.random(seed: seed, count: 6) {
            random.name = "hidden: " + random.name
            random.family = "hidden: random scenes"
            scenes.append(random)
        }
        return scenes
    }
}
