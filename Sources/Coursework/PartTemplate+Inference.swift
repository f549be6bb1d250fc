import FCOS

/// Part 8's task text and answer key, both derived from the preset's ``PostProcessingRules``:
/// every step the references disagree on (what the threshold applies to, one or all classes per
/// location, the top-k and its ranking, the score, the units, the clamp, the clipping, the NMS
/// comparison, the cap) is stated as this course's rule, and written into the key as constants.
extension PartTemplate {
    var postProcessing: PostProcessingRules { course.preset.postProcessing }

    static let inferenceSignature =
        "public func detections(from levels: [LevelOutputs], imageWidth: Int, imageHeight: Int) throws -> [Detection]"

    var inferenceText: [String] {
        let r = postProcessing
        let threshold = Wording.number(r.scoreThreshold)
        let candidates: String
        switch r.classesPerLocation {
        case .all:
            candidates =
                "1. Candidates: every (location, class) pair whose \(RuleText.score(r.thresholdScore)) is "
                + "strictly greater than \(threshold). One location can yield several classes."
        case .best:
            candidates =
                "1. Candidates: each location proposes only its best class, the one with the highest "
                + "\(RuleText.score(r.thresholdScore)) (the lowest class index on ties), kept when that score is "
                + "strictly greater than \(threshold)."
        }
        let topK =
            r.candidatesPerLevel.map { k in
                "2. Top-k per level: when a level has more than \(k) candidates, keep the \(k) with the "
                    + "highest \(RuleText.score(r.rankingScore)) (equal values: the earlier location, then the "
                    + "lower class), listed in that order. A level with \(k) or fewer keeps them all, "
                    + "location by location, class by class."
            } ?? "2. No top-k: every candidate goes on, location by location."
        let s = r.units == .stride ? "·s" : ""
        var decode =
            "3. Decode: box = (x − l\(s), y − t\(s), x + r\(s), y + b\(s)) for the location (x, y)"
            + (r.units == .stride
                ? ", s the level's stride (the distances are in strides)."
                : " (the distances are in pixels).")
        if r.clampNegativeRegression {
            decode =
                "3. Decode: first replace each negative distance by 0 (a ReLU); then "
                + String(decode.dropFirst("3. Decode: ".count))
        }
        var clip = "4. Clip: \(RuleText.clipping(r.clipping))"
        if r.clipping == .none {
            clip = "4. Do not clip before NMS"
        }
        clip += r.removeEmptyBeforeNMS ? "; then drop every box whose width or height is not above 0." : "."
        let nms =
            "6. NMS per class: visit the candidates from the highest score down; a candidate is suppressed "
            + "when, with a kept candidate of the same class, \(RuleText.nmsComparison(r)). "
            + RuleText.nmsWidths(r.nmsConvention)
        var lines = [
            "\(heading) (paper §4.1).",
            "",
            "For one image the head gives, on every pyramid level (`levels`, finest first) and at every",
            "location i: C class logits `classLogits[i]`, four distances `boxRegression[i]` = (l, t, r, b)",
            "and a centerness logit `centernessLogits[i]`. Turn them into detections. With",
            "p = σ(class logit) and ctr = σ(centerness logit), σ(x) = 1 / (1 + exp(−x)), compute in Float:",
            "",
            presetLine,
            candidates,
            topK,
            decode,
            clip,
            "5. Score: each detection's score is \(RuleText.score(r.finalScore)).",
            nms,
            "7. \(RuleText.detectionCap(r.detectionCap))",
        ]
        if r.clipAndRemoveEmptyAfterNMS {
            lines.append(
                "8. Then clip the kept boxes: \(RuleText.clipping(.continuous)); drop boxes whose width or "
                    + "height is then not above 0.")
        }
        lines += [
            "",
            "Return the detections from the highest score down. Equal scores keep the order of the",
            "candidate list: levels in the given order, within a level the order of step 2. The grader",
            "compares boxes and scores within 1e-4 and classes exactly.",
            "",
            "Example: one level of stride \(exampleStride), locations (4, 4) and (12, 4), class logits",
            "[[2, −1], [0.5, 0.5]], distances (4, 4, 4, 4) and (8, 4, 12, 20) pixels\(r.units == .stride ? " (divided by the stride)" : ""),",
            "centerness logits [1, 0], a 16 × 16 image: `detections(from:imageWidth:imageHeight:)` returns",
        ]
        lines += exampleDetections.map { "    " + $0 }
        lines.append("(`exp` comes with `import Foundation`.)")
        return lines
    }

    var exampleStride: Int { 8 }

    /// The worked example of the doc comment, computed by the toolkit.
    var exampleDetections: [String] {
        let s = Float(exampleStride)
        let k: Float = postProcessing.units == .stride ? s : 1
        let level = DensePredictions(
            locations: [Point(x: 4, y: 4), Point(x: 12, y: 4)], stride: s, classLogits: [2, -1, 0.5, 0.5],
            regression: [
                LTRB(l: 4 / k, t: 4 / k, r: 4 / k, b: 4 / k), LTRB(l: 8 / k, t: 4 / k, r: 12 / k, b: 20 / k),
            ],
            centernessLogits: [1, 0])
        let found = PostProcessing.detections(
            levels: [level], imageWidth: 16, imageHeight: 16, rules: postProcessing)
        guard !found.isEmpty else { return ["[]"] }
        return found.map {
            "box \(Wording.box($0.box)), score \(Wording.number($0.score)), class \($0.label)"
        }
    }

    var inferenceSolution: [String] {
        let r = postProcessing
        func score(_ kind: PostProcessingRules.Score) -> String {
            switch kind {
            case .classProbability: return "p"
            case .product: return "p * ctr"
            case .geometricMean: return "(p * ctr).squareRoot()"
            }
        }
        var lines = [
            "func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }",
            "var candidates: [Detection] = []",
            "for level in levels {",
            "    // (location, class, ranking score, score), location by location, class by class.",
            "    var found: [(location: Int, label: Int, rank: Float, score: Float)] = []",
            "    for i in level.locations.indices {",
            "        let ctr = sigmoid(level.centernessLogits[i])",
            "        let probabilities = level.classLogits[i].map(sigmoid)",
            "        func threshold(_ p: Float) -> Float { \(score(r.thresholdScore)) }",
            "        func rank(_ p: Float) -> Float { \(score(r.rankingScore)) }",
            "        func score(_ p: Float) -> Float { \(score(r.finalScore)) }",
        ]
        switch r.classesPerLocation {
        case .all:
            lines += [
                "        for (c, p) in probabilities.enumerated() where threshold(p) > \(r.scoreThreshold) {",
                "            found.append((i, c, rank(p), score(p)))",
                "        }",
            ]
        case .best:
            lines += [
                "        guard !probabilities.isEmpty else { continue }",
                "        var best = 0",
                "        for c in probabilities.indices where threshold(probabilities[c]) > threshold(probabilities[best]) {",
                "            best = c",
                "        }",
                "        let p = probabilities[best]",
                "        if threshold(p) > \(r.scoreThreshold) { found.append((i, best, rank(p), score(p))) }",
            ]
        }
        lines.append("    }")
        if let k = r.candidatesPerLevel {
            lines += [
                "    if found.count > \(k) {",
                "        let order = found.indices.sorted { found[$0].rank > found[$1].rank || (found[$0].rank == found[$1].rank && $0 < $1) }",
                "        found = order.prefix(\(k)).map { found[$0] }",
                "    }",
            ]
        }
        let s = r.units == .stride ? " * s" : ""
        if r.units == .stride { lines.append("    let s = Float(level.stride)") }
        lines += [
            "    for f in found {",
            "        \(r.clampNegativeRegression ? "var" : "let") d = level.boxRegression[f.location]",
        ]
        if r.clampNegativeRegression {
            lines.append("        d = LTRB(l: max(d.l, 0), t: max(d.t, 0), r: max(d.r, 0), b: max(d.b, 0))")
        }
        lines += [
            "        let x = level.locations[f.location].x, y = level.locations[f.location].y",
            "        var box = Box(x0: x - d.l\(s), y0: y - d.t\(s), x1: x + d.r\(s), y1: y + d.b\(s))",
        ]
        let inset = r.clipping == .inclusivePixels ? " - 1" : ""
        if r.clipping != .none {
            lines += [
                "        let w = Float(imageWidth)\(inset), h = Float(imageHeight)\(inset)",
                "        box = Box(",
                "            x0: min(max(box.x0, 0), w), y0: min(max(box.y0, 0), h),",
                "            x1: min(max(box.x1, 0), w), y1: min(max(box.y1, 0), h))",
            ]
        }
        if r.removeEmptyBeforeNMS {
            lines.append("        guard box.x1 - box.x0 > 0, box.y1 - box.y0 > 0 else { continue }")
        }
        lines += [
            "        candidates.append(Detection(box: box, score: f.score, label: f.label))",
            "    }",
            "}",
            "// NMS per class, from the highest score down, equal scores in candidate order.",
            "let order = candidates.indices.sorted {",
            "    candidates[$0].score > candidates[$1].score || (candidates[$0].score == candidates[$1].score && $0 < $1)",
            "}",
        ]
        let pad = r.nmsConvention == .inclusivePixels ? " + 1" : ""
        let t = r.nmsThreshold
        let comparison =
            Double(Float(t)) == t ? "overlap / union > \(Float(t))" : "Double(overlap / union) > \(t)"
        let suppression = comparison.replacingOccurrences(
            of: " > ", with: r.nmsSuppression == .greaterThan ? " > " : " >= ")
        lines += [
            "func area(_ b: Box) -> Float { (b.x1 - b.x0\(pad)) * (b.y1 - b.y0\(pad)) }",
            "var kept: [Int] = []",
            "for i in order {",
            "    let a = candidates[i].box",
            "    let suppressed = kept.contains { k in",
            "        guard candidates[k].label == candidates[i].label else { return false }",
            "        let b = candidates[k].box",
            "        let w = max(0, min(a.x1, b.x1) - max(a.x0, b.x0)\(pad))",
            "        let h = max(0, min(a.y1, b.y1) - max(a.y0, b.y0)\(pad))",
            "        let overlap = w * h",
            "        let union = area(a) + area(b) - overlap",
            "        return \(suppression)",
            "    }",
            "    if !suppressed { kept.append(i) }",
            "}",
        ]
        var mutable = r.clipAndRemoveEmptyAfterNMS
        if case .scoresAtLeastKth = r.detectionCap { mutable = true }
        let binding = mutable ? "var" : "let"
        switch r.detectionCap {
        case .none:
            lines.append("\(binding) result = kept.map { candidates[$0] }")
        case .first(let k):
            lines.append("\(binding) result = kept.prefix(\(k)).map { candidates[$0] }")
        case .scoresAtLeastKth(let k):
            lines += [
                "\(binding) result = kept.map { candidates[$0] }",
                "if result.count > \(k) {",
                "    let kth = result.map(\\.score).sorted(by: >)[\(k - 1)]",
                "    result = result.filter { $0.score >= kth }",
                "}",
            ]
        }
        if r.clipAndRemoveEmptyAfterNMS {
            lines += [
                "let w = Float(imageWidth), h = Float(imageHeight)",
                "result = result.compactMap { d in",
                "    let b = d.box",
                "    let box = Box(",
                "        x0: min(max(b.x0, 0), w), y0: min(max(b.y0, 0), h), x1: min(max(b.x1, 0), w), y1: min(max(b.y1, 0), h))",
                "    guard box.x1 - box.x0 > 0, box.y1 - box.y0 > 0 else { return nil }",
                "    return Detection(box: box, score: d.score, label: d.label)",
                "}",
            ]
        }
        lines.append("return result")
        return lines
    }
}
