import FCOS
import Foundation

/// The images of the loss part: targets from the reference matcher on small seeded scenes (or
/// built by hand where a matcher would never produce the situation, such as every location
/// positive), head outputs drawn around them.
///
/// Background locations carry the targets the preset's own target code leaves there, since a
/// loss that forgets the mask reads them: EECS 498 sets them to −1; the others hold the
/// distances to box 0 (`argmin` over all-infinite areas, torchvision's `clip(min=0)`), or to an
/// empty box at the origin when the image has none.
struct LossCaseMaker {
    var rules: AssignmentRules
    var loss: LossRules

    /// How the head outputs are drawn.
    enum Outputs {
        case ordinary
        /// Class and centerness logits of ±100.
        case extreme
        /// Some predicted distances negative (before detectron2's ReLU).
        case negativeDistances
    }

    /// EECS 498's scaffold marks background deltas (and boxes) with −1.
    var backgroundIsMinusOne: Bool {
        if case .l1 = loss.regressionLoss { return true }
        return false
    }

    func examples(seed: UInt64) -> [LossCheck.Case] {
        var rng = SeededGenerator(seed: seed &+ 6)
        var cases = [
            scene(
                "one box", width: 128, height: 96, boxes: [Box(x0: 24, y0: 16, x1: 88, y1: 72)],
                classCount: 3, &rng),
            scene(
                "two overlapping boxes", width: 160, height: 128,
                boxes: [Box(x0: 10, y0: 20, x1: 120, y1: 110), Box(x0: 40, y0: 36, x1: 84, y1: 70)],
                classCount: 4, &rng),
            scene(
                "an image without boxes", width: 96, height: 96, boxes: [], classCount: 3, &rng),
        ]
        for k in 0..<3 {
            cases.append(randomScene("random image \(k + 1)", family: "random images", &rng))
        }
        return cases
    }

    func hidden(seed: UInt64) -> [LossCheck.Case] {
        var rng = SeededGenerator(seed: seed &+ 6)
        var cases: [LossCheck.Case] = []
        let side = [64, 96, 128][Int.random(in: 0..<3, using: &rng)]
        let classes = Int.random(in: 2...5, using: &rng)
        cases.append(
            scene(
                "hidden: an image without boxes", family: "hidden: N_pos = 0", width: side, height: side,
                boxes: [], classCount: classes, &rng))
        let x = rng.integer(8...40)
        cases.append(
            scene(
                "hidden: a box of zero width, no positive", family: "hidden: N_pos = 0", width: 96,
                height: 96,
                boxes: [Box(x0: x, y0: 8, x1: x, y1: 60)], classCount: 3, &rng))

        // One positive: a 4 × 4 box around a P3 location, too small for any other level.
        let p3 = rules.featureMaps(imageWidth: 128, imageHeight: 128)[0]
        let p = Point(
            x: p3.x(column: Int.random(in: 2...10, using: &rng)),
            y: p3.y(row: Int.random(in: 2...10, using: &rng)))
        cases.append(
            scene(
                "hidden: a single positive", width: 128, height: 128,
                boxes: [Box(x0: p.x - 2, y0: p.y - 2, x1: p.x + 2, y1: p.y + 2)], classCount: 4, &rng))

        cases.append(everyLocationPositive(&rng))
        cases.append(randomScene("hidden: class and centerness logits of ±100", outputs: .extreme, &rng))
        cases.append(randomScene("hidden: 80 classes", classCount: 80, &rng))
        cases.append(tinyCenterness(&rng))
        if loss.clampNegativeRegression {
            cases.append(
                randomScene("hidden: negative predicted distances", outputs: .negativeDistances, &rng))
        }
        for k in 0..<4 {
            cases.append(randomScene("hidden: random image \(k + 1)", family: "hidden: random images", &rng))
        }
        return cases
    }

    func randomScene(
        _ name: String, family: String? = nil, classCount: Int? = nil, outputs: Outputs = .ordinary,
        _ rng: inout SeededGenerator
    ) -> LossCheck.Case {
        let sizes = [(128, 128), (160, 128), (192, 160)]
        let (width, height) = sizes[Int.random(in: 0..<sizes.count, using: &rng)]
        let boxes = (0..<Int.random(in: 1...4, using: &rng)).map { _ -> Box in
            let w = rng.integer(6...150)
            let h = rng.integer(6...150)
            let x0 = rng.integer(-10...width - 10)
            let y0 = rng.integer(-10...height - 10)
            return Box(x0: x0, y0: y0, x1: x0 + w, y1: y0 + h)
        }
        let classes = classCount ?? Int.random(in: 2...6, using: &rng)
        return scene(
            name, family: family, width: width, height: height, boxes: boxes, classCount: classes,
            outputs: outputs, &rng)
    }

    /// Every location of a 32 × 32 image on every level inside one large box: no background.
    func everyLocationPositive(_ rng: inout SeededGenerator) -> LossCheck.Case {
        let maps = rules.featureMaps(imageWidth: 32, imageHeight: 32)
        let box = Box(x0: -60, y0: -50, x1: 90, y1: 100)
        var points: [Point] = []
        var strides: [Int] = []
        for map in maps {
            points += map.locations
            strides += map.locations.map { _ in map.stride }
        }
        return make(
            "hidden: every location positive", family: nil, points: points, strides: strides,
            matched: points.map { _ in 0 }, boxes: [box], classCount: 3, outputs: .ordinary, &rng)
    }

    /// A positive whose left side is 0.01 px away: its centerness target is about 0.01.
    func tinyCenterness(_ rng: inout SeededGenerator) -> LossCheck.Case {
        let map = rules.featureMaps(imageWidth: 96, imageHeight: 96)[0]
        let points = map.locations
        let near = Int.random(in: 0..<points.count, using: &rng)
        let p = points[near]
        var boxes = [Box(x0: p.x - 0.01, y0: p.y - 20, x1: p.x + 40, y1: p.y + 12)]
        let ordinary = (near + points.count / 2) % points.count
        let q = points[ordinary]
        boxes.append(Box(x0: q.x - 10, y0: q.y - 14, x1: q.x + 18, y1: q.y + 6))
        let matched = points.indices.map { $0 == near ? 0 : ($0 == ordinary ? 1 : -1) }
        return make(
            "hidden: a centerness target of about 0.01", family: nil, points: points,
            strides: points.map { _ in map.stride }, matched: matched, boxes: boxes, classCount: 2,
            outputs: .ordinary, &rng)
    }

    /// Targets from the reference matcher for `boxes` in a `width × height` image.
    func scene(
        _ name: String, family: String? = nil, width: Int, height: Int, boxes: [Box], classCount: Int,
        outputs: Outputs = .ordinary, _ rng: inout SeededGenerator
    ) -> LossCheck.Case {
        let assignment = Matcher(rules: rules).assign(
            boxes.map { GroundTruth(box: $0) }, imageWidth: width, imageHeight: height)
        var points: [Point] = []
        var strides: [Int] = []
        var matched: [Int] = []
        for level in assignment.levels {
            points += level.map.locations
            strides += level.map.locations.map { _ in level.map.stride }
            matched += level.matched.map(Int.init)
        }
        return make(
            name, family: family, points: points, strides: strides, matched: matched, boxes: boxes,
            classCount: classCount, outputs: outputs, &rng)
    }

    /// The case for given matches: a class per box, the preset's targets, drawn outputs.
    func make(
        _ name: String, family: String?, points: [Point], strides: [Int], matched: [Int], boxes: [Box],
        classCount: Int, outputs: Outputs, _ rng: inout SeededGenerator
    ) -> LossCheck.Case {
        let labels = boxes.map { _ in Int.random(in: 0..<classCount, using: &rng) }
        let empty = Box(x0: 0, y0: 0, x1: 0, y1: 0)
        var classTargets: [Int] = []
        var regressionTargets: [LTRB] = []
        var targetBoxes: [Box] = []
        var classLogits: [Float] = []
        var regression: [LTRB] = []
        var centernessLogits: [Float] = []
        for (i, p) in points.enumerated() {
            let s = Float(strides[i])
            let g = matched[i]
            let positive = g >= 0
            classTargets.append(positive ? labels[g] : -1)
            let box: Box
            let target: LTRB
            if positive {
                box = boxes[g]
                target = RegressionDeltas.encode(box, at: p, stride: s, units: loss.units)
            } else if backgroundIsMinusOne {
                box = Box(x0: -1, y0: -1, x1: -1, y1: -1)
                target = LTRB(l: -1, t: -1, r: -1, b: -1)
            } else {
                box = boxes.first ?? empty
                target = RegressionDeltas.encode(box, at: p, stride: s, units: loss.units)
            }
            targetBoxes.append(box)
            regressionTargets.append(target)

            for c in 0..<classCount {
                switch outputs {
                case .extreme: classLogits.append(Bool.random(using: &rng) ? 100 : -100)
                case .ordinary, .negativeDistances:
                    classLogits.append(
                        positive && c == classTargets[i]
                            ? Float.random(in: -2...4, using: &rng) : Float.random(in: -7...1, using: &rng))
                }
            }
            switch outputs {
            case .extreme: centernessLogits.append(Bool.random(using: &rng) ? 100 : -100)
            case .ordinary, .negativeDistances: centernessLogits.append(Float.random(in: -3...3, using: &rng))
            }
            // Predictions near the target at positives, anything plausible elsewhere.
            let unit: Float = loss.units == .stride ? 1 : s
            var d = [target.l, target.t, target.r, target.b].map { value -> Float in
                positive
                    ? max(value * Float.random(in: 0.6...1.5, using: &rng), 0.05 * unit)
                    : Float.random(in: 0.2...6, using: &rng) * unit
            }
            if outputs == .negativeDistances, Int.random(in: 0..<3, using: &rng) == 0 {
                d[Int.random(in: 0..<4, using: &rng)] = -Float.random(in: 0.1...2, using: &rng) * unit
            }
            regression.append(LTRB(l: d[0], t: d[1], r: d[2], b: d[3]))
        }
        let inputs = FCOSLossInputs(
            classTargets: classTargets, regressionTargets: regressionTargets, classLogits: classLogits,
            regression: regression, centernessLogits: centernessLogits, locations: points,
            strides: strides.map(Float.init), targetBoxes: targetBoxes, classCount: classCount)
        return LossCheck.Case(
            name: name, family: family ?? name, question: LossQuestion(inputs: inputs, boxCount: boxes.count))
    }
}
