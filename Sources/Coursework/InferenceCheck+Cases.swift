import FCOS
import Foundation

extension InferenceCheck {
    /// One image: its dense outputs on every level of the preset and its size.
    struct Case {
        var name: String
        var levels: [DensePredictions]
        var width: Int
        var height: Int
    }

    /// The examples and, with `hidden`, the boundaries of every rule at seeded places: scores
    /// just around the threshold, an IoU exactly at the NMS threshold, more candidates than the
    /// top-k on one level, more detections than the cap with ties at the k-th score, equal
    /// scores, clipped and empty boxes, and random images.
    static func cases(course: Course, hidden: UInt64? = nil) -> [Case] {
        let rules = course.preset.postProcessing
        var cases = examples(assignment: course.rules, rules: rules, seed: course.seed)
        guard let hidden else { return cases }
        var rng = SeededGenerator(seed: hidden &+ 8)
        let a = course.rules
        cases.append(aroundThreshold(a, rules, &rng, above: false))
        cases.append(aroundThreshold(a, rules, &rng, above: true))
        cases.append(iouAtThreshold(a, rules, &rng))
        cases.append(moreThanTopK(a, rules, &rng))
        cases.append(cap(a, rules, &rng))
        var ties = equalScores(a, rules, &rng)
        ties.name = "hidden: " + ties.name
        cases.append(ties)
        var edges = borders(a, rules, &rng)
        edges.name = "hidden: " + edges.name
        cases.append(edges)
        for n in 1...2 { cases.append(random(a, rules, &rng, name: "hidden: random image \(n)")) }
        return cases
    }

    static func examples(assignment a: AssignmentRules, rules: PostProcessingRules, seed: UInt64) -> [Case] {
        var rng = SeededGenerator(seed: seed &+ 8)
        var cases = [
            neighbours(a, rules, &rng), sameLocation(a, rules, &rng), differentClasses(a, rules, &rng),
            borders(a, rules, &rng), background(a, rules, &rng), equalScores(a, rules, &rng),
            empty(a, rules, &rng),
        ]
        if rules.clampNegativeRegression { cases.append(negative(a, rules, &rng)) }
        for n in 1...2 { cases.append(random(a, rules, &rng, name: "random image \(n)")) }
        return cases
    }

    private static func scene(
        _ a: AssignmentRules, _ rules: PostProcessingRules, _ rng: inout SeededGenerator, width: Int = 160,
        height: Int = 128, classes: Int = 3
    ) -> InferenceScene {
        InferenceScene(
            rules: a, units: rules.units, width: width, height: height, classes: classes, rng: &rng)
    }

    /// A cluster: the locations of `level` around the centre of `box` predict jittered copies of
    /// it with falling logits, so NMS keeps the first and suppresses the rest.
    private static func cluster(
        _ s: inout InferenceScene, level: Int, box: Box, label: Int, count: Int, _ rng: inout SeededGenerator
    ) {
        let centre = s.location(level, near: box.center)
        let stride = Float(s.maps[level].stride)
        let (best, _) = SafeLogits.pair(&rng, atLeast: 1)
        for k in 0..<count {
            let dx = Float(k % 3 - 1) * stride
            let dy = Float(k / 3 - 1) * stride
            let location =
                k == 0 ? centre : s.location(level, near: Point(x: box.center.x + dx, y: box.center.y + dy))
            var j: [Float] = []
            for _ in 0..<4 { j.append(rng.integer(-2...2)) }
            let jittered = Box(x0: box.x0 + j[0], y0: box.y0 + j[1], x1: box.x1 + j[2], y1: box.y1 + j[3])
            var (logit, ctr) = SafeLogits.pair(&rng)
            while k > 0 && logit > best - 0.25 { (logit, ctr) = SafeLogits.pair(&rng) }
            if k == 0 {
                logit = best
                while !SafeLogits.clear(logit, ctr) {
                    ctr = SafeLogits.centernessGrid.randomElement(using: &rng)!
                }
            }
            s.plant(level, location, label: label, logit: logit, centerness: ctr, box: jittered)
        }
    }

    static func neighbours(_ a: AssignmentRules, _ r: PostProcessingRules, _ rng: inout SeededGenerator)
        -> Case
    {
        var s = scene(a, r, &rng)
        cluster(&s, level: 1, box: Box(x0: 40, y0: 30, x1: 104, y1: 94), label: 1, count: 6, &rng)
        return s.inferenceCase("one object seen by neighbouring locations")
    }

    /// Two classes above the threshold at one location: two detections with the same box
    /// (class-aware NMS keeps both), or only the best class where the preset takes one.
    static func sameLocation(_ a: AssignmentRules, _ r: PostProcessingRules, _ rng: inout SeededGenerator)
        -> Case
    {
        var s = scene(a, r, &rng)
        let box = Box(x0: 20, y0: 16, x1: 76, y1: 64)
        let k = s.location(0, near: box.center)
        s.plant(0, k, label: 0, logit: 2.5, centerness: 1.5, box: box)
        s.logits[0][k * s.classes + 2] = 3
        let other = Box(x0: 90, y0: 60, x1: 150, y1: 120)
        let j = s.location(1, near: other.center)
        s.plant(1, j, label: 1, logit: 1, centerness: 2, box: other)
        s.logits[1][j * s.classes] = 1
        return s.inferenceCase("two classes at the same location")
    }

    /// Heavily overlapping boxes of different classes: class-aware NMS keeps both.
    static func differentClasses(_ a: AssignmentRules, _ r: PostProcessingRules, _ rng: inout SeededGenerator)
        -> Case
    {
        var s = scene(a, r, &rng)
        let box = Box(x0: 32, y0: 24, x1: 112, y1: 100)
        let k = s.location(1, near: box.center)
        s.plant(1, k, label: 0, logit: 2, centerness: 1, box: box)
        let j = s.location(1, near: Point(x: box.center.x + 16, y: box.center.y))
        s.plant(1, j, label: 2, logit: 1.5, centerness: 1.25, box: Box(x0: 36, y0: 26, x1: 114, y1: 98))
        return s.inferenceCase("overlapping boxes of different classes")
    }

    /// Boxes reaching past every side of the image, and one past the last pixel only.
    static func borders(_ a: AssignmentRules, _ r: PostProcessingRules, _ rng: inout SeededGenerator) -> Case
    {
        var s = scene(a, r, &rng)
        let w = Float(s.width)
        let h = Float(s.height)
        let boxes = [
            Box(x0: -20, y0: -12, x1: 30, y1: 40), Box(x0: w - 40, y0: h - 36, x1: w + 25, y1: h + 9),
            Box(x0: 60, y0: -30, x1: 100, y1: 20), Box(x0: 8, y0: h - 40, x1: 48, y1: h + 0.5),
        ]
        for (n, box) in boxes.enumerated() {
            let clipped = Box(x0: max(box.x0, 0), y0: max(box.y0, 0), x1: min(box.x1, w), y1: min(box.y1, h))
            let k = s.location(0, near: clipped.center)
            let (logit, ctr) = SafeLogits.pair(&rng, atLeast: 0.5)
            s.plant(0, k, label: n % s.classes, logit: logit, centerness: ctr, box: box)
        }
        return s.inferenceCase("boxes crossing the image border")
    }

    static func background(_ a: AssignmentRules, _ r: PostProcessingRules, _ rng: inout SeededGenerator)
        -> Case
    {
        scene(a, r, &rng).inferenceCase("no candidate above the threshold")
    }

    /// Identical logits at overlapping locations of one class: the first in candidate order
    /// survives NMS; and two equal scores far apart, returned in candidate order.
    static func equalScores(_ a: AssignmentRules, _ r: PostProcessingRules, _ rng: inout SeededGenerator)
        -> Case
    {
        var s = scene(a, r, &rng)
        let (logit, ctr) = SafeLogits.pair(&rng, atLeast: 1)
        let box = Box(x0: 24, y0: 20, x1: 88, y1: 84)
        for dx in [0, 8, 16] as [Float] {
            let k = s.location(0, near: Point(x: box.center.x + dx, y: box.center.y))
            s.plant(
                0, k, label: 1, logit: logit, centerness: ctr,
                box: Box(x0: box.x0 + dx / 4, y0: box.y0, x1: box.x1 + dx / 4, y1: box.y1))
        }
        for x in [116, 140] as [Float] {
            let k = s.location(0, near: Point(x: x, y: 100))
            s.plant(
                0, k, label: 0, logit: logit, centerness: ctr,
                box: Box(x0: x - 10, y0: 90, x1: x + 10, y1: 112))
        }
        return s.inferenceCase("equal scores")
    }

    /// Distances of 0: a box of zero width, one of zero height, one a single point.
    static func empty(_ a: AssignmentRules, _ r: PostProcessingRules, _ rng: inout SeededGenerator) -> Case {
        var s = scene(a, r, &rng)
        let targets: [(Point, Box)] = [
            (Point(x: 40, y: 40), Box(x0: 40, y0: 20, x1: 40, y1: 70)),
            (Point(x: 100, y: 40), Box(x0: 80, y0: 40, x1: 130, y1: 40)),
            (Point(x: 60, y: 100), Box(x0: 60, y0: 100, x1: 60, y1: 100)),
            (Point(x: 120, y: 100), Box(x0: 104, y0: 88, x1: 140, y1: 116)),
        ]
        for (n, (p, box)) in targets.enumerated() {
            let k = s.location(0, near: p)
            let q = s.point(0, k)
            let moved = Box(
                x0: box.x0 + q.x - p.x, y0: box.y0 + q.y - p.y, x1: box.x1 + q.x - p.x, y1: box.y1 + q.y - p.y
            )
            s.plant(0, k, label: n % 2, logit: 2 - Float(n) * 0.5, centerness: 1, box: moved)
        }
        return s.inferenceCase("zero-size boxes")
    }

    /// Negative distances, which the preset's decoder clamps at 0 before decoding.
    static func negative(_ a: AssignmentRules, _ r: PostProcessingRules, _ rng: inout SeededGenerator) -> Case
    {
        var s = scene(a, r, &rng)
        for (n, p) in [Point(x: 40, y: 40), Point(x: 110, y: 80)].enumerated() {
            let k = s.location(1, near: p)
            let q = s.point(1, k)
            s.plant(
                1, k, label: n, logit: 2, centerness: 1,
                box: Box(x0: q.x + 6, y0: q.y - 20, x1: q.x + 30, y1: q.y - 4))
        }
        return s.inferenceCase("negative distances")
    }

    /// Three to six objects of random classes, sizes and levels, each seen by a few locations.
    static func random(
        _ a: AssignmentRules, _ r: PostProcessingRules, _ rng: inout SeededGenerator, name: String
    ) -> Case {
        var s = scene(a, r, &rng, width: 192, height: 160)
        for _ in 0..<Int.random(in: 3...6, using: &rng) {
            let level = Int.random(in: 0...min(2, s.maps.count - 1), using: &rng)
            let size = Float(s.maps[level].stride) * rng.integer(3...7)
            let x = rng.integer(0...Int(Float(s.width) - size / 2))
            let y = rng.integer(0...Int(Float(s.height) - size / 2))
            let box = Box(x0: x, y0: y, x1: x + size * rng.integer(6...10) / 8, y1: y + size)
            cluster(
                &s, level: level, box: box, label: Int.random(in: 0..<s.classes, using: &rng),
                count: Int.random(in: 1...5, using: &rng), &rng)
        }
        return s.inferenceCase(name)
    }

    /// Scores 0.5 % to 3.5 % below (or above) the threshold, on the score the preset thresholds.
    static func aroundThreshold(
        _ a: AssignmentRules, _ r: PostProcessingRules, _ rng: inout SeededGenerator, above: Bool
    ) -> Case {
        var s = scene(a, r, &rng)
        for n in 0..<4 {
            // 0.5 % to 3.5 % off, distinct so that the order does not hang on the last bits.
            let off = 0.005 + Float(n) * 0.01
            let target = r.scoreThreshold * (above ? 1 + off : 1 - off)
            let ctrLogit: Float = 1 + Float(n) * 0.5
            let c = SafeLogits.sigmoid(ctrLogit)
            let p: Float
            switch r.thresholdScore {
            case .classProbability: p = target
            case .product: p = target / c
            case .geometricMean: p = target * target / c
            }
            let box = Box(x0: Float(n) * 36 + 4, y0: 30, x1: Float(n) * 36 + 34, y1: 70)
            let k = s.location(0, near: box.center)
            s.plant(0, k, label: n % s.classes, logit: SafeLogits.logit(p), centerness: ctrLogit, box: box)
        }
        return s.inferenceCase(
            above ? "hidden: scores just above the threshold" : "hidden: scores just below the threshold")
    }

    /// Boxes of one class whose IoU with a better one is exactly the NMS threshold (tenths), and
    /// one a tenth above it.
    static func iouAtThreshold(_ a: AssignmentRules, _ r: PostProcessingRules, _ rng: inout SeededGenerator)
        -> Case
    {
        var s = scene(a, r, &rng)
        let e: Float = r.nmsConvention == .inclusivePixels ? 1 : 0
        let k = Float((Float(r.nmsThreshold) * 10).rounded())
        for (n, tenths) in [k, k, k + 1].enumerated() {
            let x = Float(n) * 52 + 4
            let u = rng.integer(4...5)
            let w = rng.integer(30...44)
            let better = Box(x0: x, y0: 10, x1: x + w - e, y1: 10 + 10 * u - e)
            let worse = Box(x0: x, y0: 10, x1: x + w - e, y1: 10 + tenths * u - e)
            let first = s.location(0, near: Point(x: x + w / 2, y: 10 + tenths * u / 2))
            let q = s.point(0, first)
            let second = s.location(0, near: Point(x: q.x, y: q.y + 8))
            s.plant(0, first, label: n % 2, logit: 3, centerness: 2, box: better)
            s.plant(0, second, label: n % 2, logit: 2, centerness: 2, box: worse)
        }
        // A pair whose IoU is above the threshold in one box convention and below it in the other:
        // 20-px-wide nested boxes, the smaller 20·t ∓ a fraction high.
        let q = s.point(0, s.location(0, near: Point(x: 30, y: 90)))
        let t = Float(r.nmsThreshold)
        let high = r.nmsConvention == .continuous ? 20 * t - 0.25 : 20 * t - 0.75
        let x0 = q.x - 6
        let y0 = q.y - 1
        let neighbour = s.location(0, near: Point(x: q.x + 8, y: q.y))
        s.plant(
            0, s.location(0, near: q), label: 1, logit: 3, centerness: 2,
            box: Box(x0: x0, y0: y0, x1: x0 + 20 - e, y1: y0 + 20 - e))
        s.plant(
            0, neighbour, label: 1, logit: 2, centerness: 2,
            box: Box(x0: x0, y0: y0, x1: x0 + 20 - e, y1: y0 + high))
        return s.inferenceCase("hidden: IoU exactly at the NMS threshold")
    }

    /// More candidates on the finest level than the top-k keeps: a large group (A) ranked first
    /// by `p` but after B by `p·ctr`, all one box per class; a small group (B) of small boxes
    /// ranked the other way round; a group (C) of small boxes ranked last either way, which only
    /// the top-k drops; and on the next level a few candidates that the whole image's top-k would
    /// drop but the level's keeps.
    static func moreThanTopK(_ a: AssignmentRules, _ r: PostProcessingRules, _ rng: inout SeededGenerator)
        -> Case
    {
        var s = scene(a, r, &rng, width: 256, height: 160, classes: 2)
        let fine = s.maps[0].locations
        var picked = Array(fine.indices.shuffled(using: &rng).prefix(50))
        let groupB = Set(picked.prefix(30))
        picked.removeFirst(30)
        let groupC = Set(picked)
        func small(_ p: Point, _ half: Float) -> Box {
            Box(x0: p.x - half, y0: p.y - half, x1: p.x + half, y1: p.y + half + 1)
        }
        for k in fine.indices {
            let p = fine[k]
            for label in 0..<2 {
                if groupB.contains(k) {
                    s.plant(0, k, label: label, logit: 0.5, centerness: 3, box: small(p, 2))
                } else if groupC.contains(k) {
                    s.plant(0, k, label: label, logit: 0, centerness: 0, box: small(p, 2))
                } else {
                    let j = rng.integer(0...2)
                    s.plant(
                        0, k, label: label, logit: 3, centerness: 0,
                        box: Box(x0: j, y0: 0, x1: 256 - j, y1: 160))
                }
            }
        }
        if s.maps.count > 1 {
            for k in s.maps[1].locations.indices.shuffled(using: &rng).prefix(10) {
                s.plant(1, k, label: k % 2, logit: 0, centerness: 0, box: small(s.point(1, k), 3))
            }
        }
        return s.inferenceCase("hidden: more candidates than the top-k on one level")
    }

    /// More disjoint detections than the cap, with seven equal scores on either side of the
    /// k-th.
    static func cap(_ a: AssignmentRules, _ r: PostProcessingRules, _ rng: inout SeededGenerator) -> Case {
        var s = scene(a, r, &rng, width: 256, height: 160, classes: 2)
        let fine = s.maps[0].locations
        let chosen = fine.indices.shuffled(using: &rng).prefix(130).sorted()
        let levels = SafeLogits.classGrid.filter { $0 >= 0.5 && SafeLogits.clear($0, 2) }
        for (n, k) in chosen.enumerated() {
            let p = fine[k]
            s.plant(
                0, k, label: n % 2, logit: levels[levels.count - 1 - (n / 7) % levels.count], centerness: 2,
                box: Box(x0: p.x - 3, y0: p.y - 3, x1: p.x + 3, y1: p.y + 3))
        }
        return s.inferenceCase("hidden: more detections than the cap")
    }
}
