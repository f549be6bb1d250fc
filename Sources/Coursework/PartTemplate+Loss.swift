import FCOS

/// The loss part's task text and answer key, both derived from the preset's ``LossRules`` (the
/// rules ``FCOSLoss/breakdown(_:rules:normalizer:)`` grades against).
extension PartTemplate {
    var lossRules: LossRules { course.preset.loss }

    var lossSignature: String {
        "public func fcosLoss(predicted: HeadOutputs, targets: LossTargets) throws -> LossTerms"
    }

    /// The formula lines of this course's per-positive box loss.
    var boxLossText: [String] {
        let strideUnits = lossRules.units == .stride
        switch lossRules.regressionLoss {
        case .officialIoU(let kind):
            var lines = [
                (kind == .giou ? "the official IOULoss in its GIoU form" : "the official IoU loss")
                    + ", computed on the distances themselves (both share the location). For a",
                "prediction (l, t, r, b) and its target (l*, t*, r*, b*)"
                    + (strideUnits ? ", both in strides:" : ", both in pixels:"),
                "",
                "    A = (l + r)·(t + b),   A* = (l* + r*)·(t* + b*)",
                "    I = (min(l, l*) + min(r, r*))·(min(t, t*) + min(b, b*)),   U = A + A* − I",
            ]
            switch kind {
            case .iou, .linearIoU:
                lines.append("    L = −log((I + 1) / (U + 1))")
            case .giou:
                lines += [
                    "    E = (max(l, l*) + max(r, r*))·(max(t, t*) + max(b, b*)) + 1e-7",
                    "    IoU = (I + 1) / (U + 1),   L = 1 − (IoU − (E − U) / E)",
                ]
            }
            return lines + ["", "The + 1 keeps the loss finite when the boxes do not overlap."]
        case .mmdetIoU, .mmdetGIoU:
            let giou: Bool
            if case .mmdetGIoU = lossRules.regressionLoss { giou = true } else { giou = false }
            var lines = [
                "mmdetection's \(giou ? "GIoU" : "IoU") loss on boxes decoded from the location (x, y) without the",
                "stride: P = (x − l, y − t, x + r, y + b) for the prediction and T likewise for the target",
                "distances (a common scale changes no IoU). With the overlap's width and height clamped at 0:",
                "",
                "    I = overlap area,   U = max(area(P) + area(T) − I, 1e-6),   IoU = I / U",
            ]
            lines.append(
                giou
                    ? "    E = max(area of the box enclosing P and T, 1e-6),   L = 1 − (IoU − (E − U) / E)"
                    : "    L = −log(max(IoU, 1e-6))")
            return lines
        case .giou:
            let scale = strideUnits ? "s·" : ""
            let clamp = lossRules.clampNegativeRegression
            return [
                "the generalized-IoU loss between the predicted box and the matched ground-truth box",
                "`targets.boxes[i]`. The prediction is decoded at its location (x, y), stride s:",
                "P = (x − \(scale)l, y − \(scale)t, x + \(scale)r, y + \(scale)b)"
                    + (clamp ? ", each distance clipped at 0 first (max(l, 0), …)." : "."),
                "With B the ground-truth box:",
                "",
                "    I = overlap area (0 unless they overlap in both x and y),   U = area(P) + area(B) − I",
                "    E = area of the smallest box enclosing P and B",
                "    L = 1 − (I / (U + 1e-7) − (E − U) / (E + 1e-7))",
            ]
        case .l1(let weight):
            return [
                "\(Wording.number(weight)) × the L1 distance between the predicted and target distances, both in strides",
                "(the \(Wording.number(weight)) averages over the four sides):",
                "",
                "    L = \(Wording.number(weight))·(|l − l*| + |t − t*| + |r − r*| + |b − b*|)",
            ]
        }
    }

    /// How this course divides each sum.
    var normalizationText: [String] {
        switch lossRules.normalization {
        case .official:
            return [
                "- classification = ΣFL / max(N_pos, 1), over every location and class;",
                "- box regression = Σ ctr*·L / Σ ctr*, over the positives: each positive's box loss is weighted by",
                "  its centerness target and the sum is divided by the sum of those targets;",
                "- centerness = ΣBCE / max(N_pos, 1), over the positives.",
            ]
        case .mmdet:
            return [
                "- classification = ΣFL / (max(N_pos, 1) + ε), over every location and class;",
                "- box regression = Σ ctr*·L / (max(Σ ctr*, 1e-6) + ε), over the positives (each box loss",
                "  weighted by its centerness target);",
                "- centerness = ΣBCE / (max(N_pos, 1) + ε), over the positives;",
                "with ε = 1.1920929e-7, float32's machine epsilon, which mmdetection adds to every divisor.",
            ]
        case .shared:
            var lines = [
                "- classification = ΣFL / max(N_pos, 1), over every location and class;",
                "- box regression = ΣL / max(N_pos, 1), over the positives;",
                "- centerness = ΣBCE / max(N_pos, 1), over the positives.",
                "",
            ]
            switch course.preset.id {
            case .detectron2:
                lines.append(
                    "detectron2 divides by a moving average of max(N_pos, 1) over training iterations (momentum 0.9, "
                        + "starting at 300), which one image cannot know: this part divides by the image's own "
                        + "max(N_pos, 1).")
            case .eecs498:
                lines.append(
                    "The assignment divides by a moving average of the positives per image (0.9·old + 0.1·new, "
                        + "starting at 150) times the batch size, which one image cannot know: this part divides by "
                        + "the image's own max(N_pos, 1).")
            case .official, .officialImprv, .mmdet, .torchvision:
                lines.removeLast()
            }
            return lines
        }
    }

    var backgroundText: String {
        if case .l1 = lossRules.regressionLoss {
            return
                "At background locations `targets.deltas` and `targets.boxes` hold −1 (as the assignment's "
                + "targets do); only positives enter the box and centerness terms."
        }
        return
            "At background locations `targets.deltas` and `targets.boxes` hold the distances to box 0 and box "
            + "0 itself (what the reference's target code leaves there): only positives enter the box and "
            + "centerness terms."
    }

    var lossText: [String] {
        let example = lossExample
        let value = FCOSLoss.compute(example.inputs, rules: lossRules)
        let ex = example.inputs
        let units = lossRules.units == .stride ? "strides" : "pixels"
        return [
            "Part \(number): the whole FCOS loss (paper Eq. 2 and §3.3).",
            "",
            "Return the three terms of one image's training loss, each already normalised. The inputs are",
            "flattened over the levels: N locations, C classes, element i of every array is location i. A",
            "location is positive when `targets.classes[i] ≥ 0`; N_pos counts them.",
            "",
            "1. Classification: the sigmoid focal loss (α = \(Wording.number(lossRules.alpha)), "
                + "γ = \(Wording.number(lossRules.gamma))) summed over every location and every class. Location i's "
                + "target row z is one-hot on its class; a background location's row is all zeros. Per logit x:",
            "",
            "       p = σ(x),   p_t = p·z + (1 − p)·(1 − z),   α_t = α·z + (1 − α)·(1 − z)",
            "       FL = α_t · (1 − p_t)^γ · BCE(x, z)",
            "",
            "2. Box regression, over the positives only: the loss L of each positive is",
            "",
        ] + boxLossText.map { $0.isEmpty ? "" : "   " + $0 } + [
            "",
            "3. Centerness, over the positives only: BCE(x, ctr*), with x the centerness logit and ctr* the",
            "   centerness target of the distances (l*, t*, r*, b*) = `targets.deltas[i]`:",
            "",
            "       ctr* = sqrt(min(l*, r*) / max(l*, r*) · min(t*, b*) / max(t*, b*))",
            "       BCE(x, z) = max(x, 0) − x·z + log(1 + exp(−|x|))",
            "",
            presetLine,
            "Distances are in \(units). The sums are divided as follows:",
        ] + normalizationText + [
            "",
            "With no positive location the box and centerness terms are 0 (not 0/0). " + backgroundText,
            "Logits can be as large as ±100: use the overflow-free BCE above. (`exp`, `log` and `log1p` come",
            "with `import Foundation`.)",
            "",
            "Example: C = 2, three locations of stride 8 at \(ex.locations.map(Wording.point).joined(separator: ", ")),",
            "only the first positive (class 1, box \(Wording.box(ex.targetBoxes![0])), deltas "
                + "\(Wording.ltrb(ex.regressionTargets[0]))); class logits "
                + "[\(ex.classLogits.map(Wording.number).joined(separator: ", "))], predicted distances "
                + "\(ex.regression.map(Wording.ltrb).joined(separator: ", ")), centerness logits "
                + "[\(ex.centernessLogits.map(Wording.number).joined(separator: ", "))]. `fcosLoss` returns "
                + "classification "
                + "\(Wording.number(value.classification)), regression \(Wording.number(value.regression)), "
                + "centerness \(Wording.number(value.centerness)).",
        ]
    }

    /// The worked example of the doc comment, in this course's units and background convention.
    var lossExample: (inputs: FCOSLossInputs, boxCount: Int) {
        let box = Box(x0: 4, y0: 2, x1: 30, y1: 26)
        let locations = [Point(x: 12, y: 12), Point(x: 20, y: 12), Point(x: 28, y: 12)]
        let units = lossRules.units
        let minusOne: Bool
        if case .l1 = lossRules.regressionLoss { minusOne = true } else { minusOne = false }
        let targets = locations.enumerated().map { i, p -> LTRB in
            i > 0 && minusOne
                ? LTRB(l: -1, t: -1, r: -1, b: -1)
                : RegressionDeltas.encode(box, at: p, stride: 8, units: units)
        }
        let boxes = locations.indices.map { i in i > 0 && minusOne ? Box(x0: -1, y0: -1, x1: -1, y1: -1) : box
        }
        let k: Float = units == .stride ? 1 : 8
        let inputs = FCOSLossInputs(
            classTargets: [1, -1, -1], regressionTargets: targets, classLogits: [-2, 1.5, -3, -1, 0.5, -4],
            regression: [
                LTRB(l: 1 * k, t: 1.25 * k, r: 2 * k, b: 1.5 * k),
                LTRB(l: 0.5 * k, t: 0.5 * k, r: 0.5 * k, b: 0.5 * k),
                LTRB(l: 2 * k, t: 1 * k, r: 0.5 * k, b: 1 * k),
            ],
            centernessLogits: [0.5, -1, 2], locations: locations, strides: [8, 8, 8], targetBoxes: boxes,
            classCount: 2)
        return (inputs, 1)
    }

    var lossSolution: [String] {
        let rules = lossRules
        var lines = [
            "let n = targets.classes.count",
            "let classCount = predicted.classCount",
            "func bce(_ x: Float, _ z: Float) -> Float { max(x, 0) - x * z + log1p(exp(-abs(x))) }",
            "func centerness(_ d: LTRB) -> Float {",
            "    guard min(d.l, d.t, d.r, d.b) > 0 else { return 0 }",
            "    return ((min(d.l, d.r) / max(d.l, d.r)) * (min(d.t, d.b) / max(d.t, d.b))).squareRoot()",
            "}",
            "// 1. The focal loss over every location and class; background rows are all zeros.",
            "let alpha: Float = \(rules.alpha), gamma: Float = \(rules.gamma)",
            "var classification: Double = 0",
            "for i in 0..<n {",
            "    for c in 0..<classCount {",
            "        let x = predicted.classLogits[i * classCount + c]",
            "        let z: Float = targets.classes[i] == c ? 1 : 0",
            "        let p = 1 / (1 + exp(-x))",
            "        let pt = p * z + (1 - p) * (1 - z)",
            "        let weight = alpha * z + (1 - alpha) * (1 - z)",
            "        classification += Double(weight * pow(1 - pt, gamma) * bce(x, z))",
            "    }",
            "}",
            "// 2. and 3. The box and centerness losses over the positives.",
        ]
        lines += boxLossSolution
        let weighted = rules.normalization != .shared
        lines += [
            "var boxSum: Double = 0",
            "var centernessSum: Double = 0",
        ]
        if weighted { lines.append("var weightSum: Double = 0") }
        lines += [
            "var positives = 0",
            "for i in 0..<n where targets.classes[i] >= 0 {",
            "    let target = centerness(targets.deltas[i])",
            "    boxSum += Double(\(weighted ? "target * boxLoss(i)" : "boxLoss(i)"))",
        ]
        if weighted { lines.append("    weightSum += Double(target)") }
        lines += [
            "    centernessSum += Double(bce(predicted.centernessLogits[i], target))",
            "    positives += 1",
            "}",
        ]
        switch rules.normalization {
        case .official:
            lines += [
                "let count = Float(max(positives, 1))",
                "return LossTerms(",
                "    classification: Float(classification) / count,",
                "    regression: positives == 0 ? 0 : Float(boxSum) / Float(weightSum),",
                "    centerness: Float(centernessSum) / count)",
            ]
        case .mmdet:
            lines += [
                "let count = Float(max(positives, 1)) + Float.ulpOfOne",
                "return LossTerms(",
                "    classification: Float(classification) / count,",
                "    regression: positives == 0 ? 0 : Float(boxSum) / (max(Float(weightSum), 1e-6) + Float.ulpOfOne),",
                "    centerness: Float(centernessSum) / count)",
            ]
        case .shared:
            lines += [
                "let count = Float(max(positives, 1))",
                "return LossTerms(",
                "    classification: Float(classification) / count, regression: Float(boxSum) / count,",
                "    centerness: Float(centernessSum) / count)",
            ]
        }
        return lines
    }

    /// `boxLoss(i)`, the loss of positive location `i`, for this course's box loss.
    var boxLossSolution: [String] {
        let rules = lossRules
        switch rules.regressionLoss {
        case .officialIoU(let kind):
            var lines = [
                "func boxLoss(_ i: Int) -> Float {",
                "    let p = predicted.boxRegression[i], t = targets.deltas[i]",
                "    let area = (p.l + p.r) * (p.t + p.b), targetArea = (t.l + t.r) * (t.t + t.b)",
                "    let intersection = (min(p.l, t.l) + min(p.r, t.r)) * (min(p.b, t.b) + min(p.t, t.t))",
                "    let union = targetArea + area - intersection",
                "    let iou = (intersection + 1) / (union + 1)",
            ]
            switch kind {
            case .iou, .linearIoU: lines.append("    return -log(iou)")
            case .giou:
                lines += [
                    "    let enclosing = (max(p.l, t.l) + max(p.r, t.r)) * (max(p.b, t.b) + max(p.t, t.t)) + 1e-7",
                    "    return 1 - (iou - (enclosing - union) / enclosing)",
                ]
            }
            return lines + ["}"]
        case .mmdetIoU, .mmdetGIoU:
            var lines = [
                "func boxLoss(_ i: Int) -> Float {",
                "    let q = targets.locations[i], p = predicted.boxRegression[i], t = targets.deltas[i]",
                "    let a = Box(x0: q.x - p.l, y0: q.y - p.t, x1: q.x + p.r, y1: q.y + p.b)",
                "    let b = Box(x0: q.x - t.l, y0: q.y - t.t, x1: q.x + t.r, y1: q.y + t.b)",
                "    let w = max(min(a.x1, b.x1) - max(a.x0, b.x0), 0), h = max(min(a.y1, b.y1) - max(a.y0, b.y0), 0)",
                "    let overlap = w * h",
                "    let union = max((a.x1 - a.x0) * (a.y1 - a.y0) + (b.x1 - b.x0) * (b.y1 - b.y0) - overlap, 1e-6)",
                "    let iou = overlap / union",
            ]
            if case .mmdetGIoU = rules.regressionLoss {
                lines += [
                    "    let enclosingWidth = max(max(a.x1, b.x1) - min(a.x0, b.x0), 0)",
                    "    let enclosingHeight = max(max(a.y1, b.y1) - min(a.y0, b.y0), 0)",
                    "    let enclosing = max(enclosingWidth * enclosingHeight, 1e-6)",
                    "    return 1 - (iou - (enclosing - union) / enclosing)",
                ]
            } else {
                lines.append("    return -log(max(iou, 1e-6))")
            }
            return lines + ["}"]
        case .giou:
            let scale = rules.units == .stride ? "Float(targets.strides[i])" : "1"
            let clamp = rules.clampNegativeRegression
            return [
                "func boxLoss(_ i: Int) -> Float {",
                "    let q = targets.locations[i], s: Float = \(scale)",
                "    let p = predicted.boxRegression[i]",
                clamp
                    ? "    let (l, t, r, bottom) = (max(p.l, 0), max(p.t, 0), max(p.r, 0), max(p.b, 0))"
                    : "    let (l, t, r, bottom) = (p.l, p.t, p.r, p.b)",
                "    let a = Box(x0: q.x - l * s, y0: q.y - t * s, x1: q.x + r * s, y1: q.y + bottom * s)",
                "    let b = targets.boxes[i]",
                "    let x0 = max(a.x0, b.x0), y0 = max(a.y0, b.y0), x1 = min(a.x1, b.x1), y1 = min(a.y1, b.y1)",
                "    let overlap: Float = (y1 > y0 && x1 > x0) ? (x1 - x0) * (y1 - y0) : 0",
                "    let union = (a.x1 - a.x0) * (a.y1 - a.y0) + (b.x1 - b.x0) * (b.y1 - b.y0) - overlap",
                "    let enclosing = (max(a.x1, b.x1) - min(a.x0, b.x0)) * (max(a.y1, b.y1) - min(a.y0, b.y0))",
                "    return 1 - (overlap / (union + 1e-7) - (enclosing - union) / (enclosing + 1e-7))",
                "}",
            ]
        case .l1(let weight):
            return [
                "func boxLoss(_ i: Int) -> Float {",
                "    let p = predicted.boxRegression[i], t = targets.deltas[i]",
                "    return \(weight) * (abs(p.l - t.l) + abs(p.t - t.t) + abs(p.r - t.r) + abs(p.b - t.b))",
                "}",
            ]
        }
    }
}
