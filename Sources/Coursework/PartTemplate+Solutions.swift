import FCOS

/// The answer key: each part's body as plain code on `HomeworkTypes`, with this course's rules
/// written in as constants (the location offset, the center-sampling rule and radius, the size
/// gate's comparisons, the area convention, the ranking, the regression units).
///
/// It is generated from the same ``AssignmentRules`` the reference runs on, and the tests grade
/// it under every preset, so it agrees with the toolkit without calling it.
extension PartTemplate {
    var solutions: [[String]] {
        switch part {
        case .locations: return [locationsSolution]
        case .matching: return [matchingSolution]
        case .deltas: return deltasSolution
        case .centerness: return [centernessSolution]
        case .focalLoss: return [focalLossSolution]
        case .loss: return [lossSolution]
        case .nms: return [nmsSolution]
        case .inference: return [inferenceSolution]
        }
    }

    /// `+ 1` under the official code's inclusive-pixel areas, nothing otherwise.
    var plusOne: String { rules.areaConvention == .inclusivePixels ? " + 1" : "" }

    var locationsSolution: [String] {
        let offset: String
        switch rules.locationOffset {
        case .flooredHalfStride: offset = "Float(stride / 2)"
        case .halfStride: offset = "Float(stride) * 0.5"
        case .zero: offset = "0"
        }
        return [
            "// \(RuleText.locationFormula(rules.locationOffset)).",
            "let offset: Float = \(offset)",
            "var points: [Point] = []",
            "for i in 0..<max(0, height) {",
            "    for j in 0..<max(0, width) {",
            "        points.append(Point(x: Float(j * stride) + offset, y: Float(i * stride) + offset))",
            "    }",
            "}",
            "return points",
        ]
    }

    var matchingSolution: [String] {
        var lines = [
            "let s = Float(level.stride)",
            "let lower = level.sizeRange.lower",
            "let upper = level.sizeRange.upper",
            "return locations.map { p in",
            "    var best = -1",
            "    var bestKey: Float = 0",
            "    for (g, box) in boxes.enumerated() {",
            "        let l = p.x - box.x0, t = p.y - box.y0, r = box.x1 - p.x, b = box.y1 - p.y",
            "        // Step 1: strictly inside the box.",
            "        guard min(l, t, r, b) > 0 else { continue }",
        ]
        switch rules.centerSampling {
        case .off: break
        case .chebyshev(let radius):
            lines += [
                "        // Center sampling: within \(radius)·s of the centre in both directions.",
                "        let cx = (box.x0 + box.x1) / 2, cy = (box.y0 + box.y1) / 2",
                "        guard max(abs(p.x - cx), abs(p.y - cy)) < \(radius) * s else { continue }",
            ]
        case .clippedSubBox(let radius):
            lines += [
                "        // Center sampling: strictly inside the square centre ± \(radius)·s, clipped to the box.",
                "        let cx = (box.x0 + box.x1) / 2, cy = (box.y0 + box.y1) / 2",
                "        let x0 = max(cx - \(radius) * s, box.x0), x1 = min(cx + \(radius) * s, box.x1)",
                "        let y0 = max(cy - \(radius) * s, box.y0), y1 = min(cy + \(radius) * s, box.y1)",
                "        guard p.x > x0, p.x < x1, p.y > y0, p.y < y1 else { continue }",
            ]
        }
        let gate =
            rules.sizeGate == .inclusive ? "m >= lower && m <= upper" : "m > lower && m < upper"
        lines += [
            "        // Step 2: m in the level's range (\(RuleText.gateInequality(rules.sizeGate))).",
            "        let m = max(l, t, r, b)",
            "        guard \(gate) else { continue }",
            "        // Step 3: the smallest area wins; on a tie, the lower index (the first one seen).",
            "        let area = (box.x1 - box.x0\(plusOne)) * (box.y1 - box.y0\(plusOne))",
        ]
        switch rules.ambiguity {
        case .minimumArea: lines.append("        let key = -area")
        case .float32Rank:
            lines.append(
                "        let key: Float = 100_000_000 - area  // in Float: areas a few px² apart tie")
        }
        lines += [
            "        if best < 0 || key > bestKey {",
            "            best = g",
            "            bestKey = key",
            "        }",
            "    }",
            "    return best",
            "}",
        ]
        return lines
    }

    var deltasSolution: [[String]] {
        let divide = rules.regressionUnits == .stride
        return [
            [
                "let s: Float = \(divide ? "Float(stride)" : "1")",
                "return LTRB(",
                "    l: (location.x - box.x0) / s, t: (location.y - box.y0) / s,",
                "    r: (box.x1 - location.x) / s, b: (box.y1 - location.y) / s)",
            ],
            applyDeltasSolution(divide: divide),
        ]
    }

    /// Under a preset that clips negative distances (EECS 498, detectron2) the key clips first.
    func applyDeltasSolution(divide: Bool) -> [String] {
        let scale = "let s: Float = \(divide ? "Float(stride)" : "1")"
        guard course.preset.postProcessing.clampNegativeRegression else {
            return [
                scale,
                "return Box(",
                "    x0: location.x - deltas.l * s, y0: location.y - deltas.t * s,",
                "    x1: location.x + deltas.r * s, y1: location.y + deltas.b * s)",
            ]
        }
        return [
            scale,
            "// This preset clips negative distances at 0 first.",
            "let (l, t, r, b) = (max(deltas.l, 0), max(deltas.t, 0), max(deltas.r, 0), max(deltas.b, 0))",
            "return Box(",
            "    x0: location.x - l * s, y0: location.y - t * s,",
            "    x1: location.x + r * s, y1: location.y + b * s)",
        ]
    }

    var centernessSolution: [String] {
        [
            "let (l, t, r, b) = (deltas.l, deltas.t, deltas.r, deltas.b)",
            "guard min(l, t, r, b) > 0, max(l, t, r, b).isFinite else { return 0 }",
            "return ((min(l, r) / max(l, r)) * (min(t, b) / max(t, b))).squareRoot()",
        ]
    }

    var focalLossSolution: [String] {
        [
            "zip(logits, targets).map { x, z in",
            "    let p = 1 / (1 + exp(-x))",
            "    let bce = max(x, 0) - x * z + log1p(exp(-abs(x)))",
            "    let pt = p * z + (1 - p) * (1 - z)",
            "    var loss = pow(1 - pt, gamma) * bce",
            "    if alpha >= 0 { loss *= alpha * z + (1 - alpha) * (1 - z) }",
            "    return loss",
            "}",
        ]
    }

    var nmsSolution: [String] {
        [
            "let order = boxes.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }",
            "func area(_ b: Box) -> Float { (b.x1 - b.x0\(plusOne)) * (b.y1 - b.y0\(plusOne)) }",
            "var kept: [Int] = []",
            "for i in order {",
            "    let a = boxes[i]",
            "    let suppressed = kept.contains { k in",
            "        let b = boxes[k]",
            "        let w = max(0, min(a.x1, b.x1) - max(a.x0, b.x0)\(plusOne))",
            "        let h = max(0, min(a.y1, b.y1) - max(a.y0, b.y0)\(plusOne))",
            "        let overlap = w * h",
            "        return overlap / (area(a) + area(b) - overlap) > iouThreshold",
            "    }",
            "    if !suppressed { kept.append(i) }",
            "}",
            "return kept",
        ]
    }
}
