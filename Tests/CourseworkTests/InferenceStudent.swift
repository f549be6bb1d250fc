import FCOS
import Foundation

@testable import Coursework

/// The inference part written by hand from the task text (the preset's rules), without the
/// toolkit's post-processing or NMS and without the grader's recipe, with the option to make
/// each named mistake. With no flaw it must pass under every preset; with one it must fail and
/// be named.
struct InferenceStudent {
    enum Flaw: String, CaseIterable {
        case decodeWithoutStride
        /// Thresholds `p` where the preset thresholds the weighted score, or the other way round.
        case thresholdOtherScore
        case classAgnosticNMS
        /// `p·ctr` where the preset takes the square root, or the other way round.
        case otherSqrt
        case noSigmoid
        case centernessNoSigmoid
        case softmax
        case nmsGreaterOrEqual
        case noCap
        case clipWidthForBoth
        case clipSwapped
        case nmsWidths
        case classesPerLocation
        case noClipping
        case clipConvention
        case clipBeforeNMS
        case topKPerImage
        case noTopK
        case rankingOtherScore
        case capTies
        case noDistanceClamp
        case emptyBoxesKept
        case nmsFloatThreshold
    }

    var rules: PostProcessingRules
    var flaws: Set<Flaw> = []

    func has(_ flaw: Flaw) -> Bool { flaws.contains(flaw) }

    private struct Found {
        var box: Box
        var score: Float
        var label: Int
        var rank: Float
    }

    func detections(_ levels: [DensePredictions], imageWidth: Int, imageHeight: Int) -> [Detection] {
        var w = Float(imageWidth)
        var h = Float(imageHeight)
        if has(.clipWidthForBoth) { h = w }
        if has(.clipSwapped) { swap(&w, &h) }
        var thresholdKind = rules.thresholdScore
        if has(.thresholdOtherScore) {
            thresholdKind = thresholdKind == .classProbability ? rules.finalScore : .classProbability
        }
        var finalKind = rules.finalScore
        var rankKind = rules.rankingScore
        if has(.otherSqrt) {
            if [rules.thresholdScore, rankKind, finalKind].contains(.geometricMean) {
                if thresholdKind == .geometricMean { thresholdKind = .product }
                if rankKind == .geometricMean { rankKind = .product }
                if finalKind == .geometricMean { finalKind = .product }
            } else if finalKind == .product {
                finalKind = .geometricMean
            }
        }
        if has(.rankingOtherScore) { rankKind = rankKind == .classProbability ? .product : .classProbability }
        let best = (rules.classesPerLocation == .best) != has(.classesPerLocation)
        var clipping = rules.clipping
        var clipAfter = rules.clipAndRemoveEmptyAfterNMS
        if has(.noClipping) {
            clipping = .none
            clipAfter = false
        }
        if has(.clipConvention) { clipping = clipping == .continuous ? .inclusivePixels : .continuous }
        if has(.clipBeforeNMS) {
            clipping = .continuous
            clipAfter = false
        }
        let topK = has(.noTopK) ? nil : rules.candidatesPerLevel

        func sigmoid(_ x: Float) -> Float { has(.noSigmoid) ? x : 1 / (1 + exp(-x)) }
        func value(_ kind: PostProcessingRules.Score, _ p: Float, _ c: Float) -> Float {
            switch kind {
            case .classProbability: return p
            case .product: return p * c
            case .geometricMean: return sqrt(p * c)
            }
        }
        func clamp(_ v: Float, _ limit: Float) -> Float { min(max(v, 0), limit) }
        func clip(_ b: Box, _ kind: PostProcessingRules.Clipping) -> Box {
            let e: Float = kind == .inclusivePixels ? 1 : 0
            guard kind != .none else { return b }
            return Box(
                x0: clamp(b.x0, w - e), y0: clamp(b.y0, h - e), x1: clamp(b.x1, w - e), y1: clamp(b.y1, h - e)
            )
        }

        var all: [Found] = []
        for level in levels {
            let n = level.locations.count
            guard n > 0 else { continue }
            let classes = level.classLogits.count / n
            var found: [Found] = []
            for i in 0..<n {
                let logits = Array(level.classLogits[(i * classes)..<((i + 1) * classes)])
                var probabilities = logits.map(sigmoid)
                if has(.softmax) {
                    let m = logits.max() ?? 0
                    let e = logits.map { exp($0 - m) }
                    let total = e.reduce(0, +)
                    probabilities = e.map { $0 / total }
                }
                let c =
                    has(.centernessNoSigmoid) ? level.centernessLogits[i] : sigmoid(level.centernessLogits[i])
                var labels: [Int] = []
                if best {
                    var top = 0
                    for k in 0..<classes
                    where value(thresholdKind, probabilities[k], c)
                        > value(thresholdKind, probabilities[top], c)
                    {
                        top = k
                    }
                    if classes > 0, value(thresholdKind, probabilities[top], c) > rules.scoreThreshold {
                        labels = [top]
                    }
                } else {
                    labels = (0..<classes).filter {
                        value(thresholdKind, probabilities[$0], c) > rules.scoreThreshold
                    }
                }
                var d = level.regression[i]
                if rules.clampNegativeRegression && !has(.noDistanceClamp) {
                    d = LTRB(l: max(0, d.l), t: max(0, d.t), r: max(0, d.r), b: max(0, d.b))
                }
                let s: Float = rules.units == .stride && !has(.decodeWithoutStride) ? level.stride : 1
                let p = level.locations[i]
                let box = Box(x0: p.x - d.l * s, y0: p.y - d.t * s, x1: p.x + d.r * s, y1: p.y + d.b * s)
                for k in labels {
                    found.append(
                        Found(
                            box: box, score: value(finalKind, probabilities[k], c), label: k,
                            rank: value(rankKind, probabilities[k], c)))
                }
            }
            if !has(.topKPerImage), let k = topK, found.count > k {
                found = found.enumerated().sorted { a, b in
                    a.element.rank > b.element.rank
                        || (a.element.rank == b.element.rank && a.offset < b.offset)
                }.prefix(k).map(\.element)
            }
            for var f in found {
                f.box = clip(f.box, clipping)
                if rules.removeEmptyBeforeNMS && !has(.emptyBoxesKept)
                    && !(f.box.width > 0 && f.box.height > 0)
                {
                    continue
                }
                all.append(f)
            }
        }
        if has(.topKPerImage), let k = topK, all.count > k {
            all = all.enumerated().sorted { a, b in
                a.element.rank > b.element.rank || (a.element.rank == b.element.rank && a.offset < b.offset)
            }.prefix(k).map(\.element)
        }
        // NMS, one class at a time unless class-agnostic.
        let order = all.indices.sorted {
            all[$0].score > all[$1].score || (all[$0].score == all[$1].score && $0 < $1)
        }
        let pad: Float = (rules.nmsConvention == .inclusivePixels) != has(.nmsWidths) ? 1 : 0
        let threshold = has(.nmsFloatThreshold) ? Double(Float(rules.nmsThreshold)) : rules.nmsThreshold
        var kept: [Int] = []
        for i in order {
            let a = all[i].box
            let suppressed = kept.contains { k in
                if !has(.classAgnosticNMS) && all[k].label != all[i].label { return false }
                let b = all[k].box
                let iw = max(0, min(a.x1, b.x1) - max(a.x0, b.x0) + pad)
                let ih = max(0, min(a.y1, b.y1) - max(a.y0, b.y0) + pad)
                let inter = iw * ih
                let union =
                    (a.x1 - a.x0 + pad) * (a.y1 - a.y0 + pad) + (b.x1 - b.x0 + pad) * (b.y1 - b.y0 + pad)
                    - inter
                let iou = Double(inter / union)
                let ge = (rules.nmsSuppression == .greaterThanOrEqual) != has(.nmsGreaterOrEqual)
                return ge ? iou >= threshold : iou > threshold
            }
            if !suppressed { kept.append(i) }
        }
        var result = kept.map { all[$0] }
        if !has(.noCap) {
            switch rules.detectionCap {
            case .none: break
            case .first(let k): result = Array(result.prefix(k))
            case .scoresAtLeastKth(let k):
                if has(.capTies) {
                    result = Array(result.prefix(k))
                } else if result.count > k {
                    let kth = result.map(\.score).sorted(by: >)[k - 1]
                    result = result.filter { $0.score >= kth }
                }
            }
        }
        if clipAfter {
            result = result.compactMap { f in
                var f = f
                f.box = clip(f.box, .continuous)
                return f.box.width > 0 && f.box.height > 0 ? f : nil
            }
        }
        return result.map {
            Detection(box: $0.box, score: $0.score, label: $0.label, level: -1, locationIndex: -1)
        }
    }
}

extension InferenceStudent.Flaw {
    /// The mistake the grader should name under `rules`, or `nil` where the flaw changes
    /// nothing (or nothing the cases can show) under that preset.
    func expected(_ rules: PostProcessingRules) -> String? {
        switch self {
        case .decodeWithoutStride: return rules.units == .stride ? "decode-without-stride" : nil
        case .thresholdOtherScore:
            return rules.thresholdScore == .classProbability
                ? "threshold-after-centerness" : "threshold-before-centerness"
        case .classAgnosticNMS: return "class-agnostic-nms"
        case .otherSqrt:
            return [rules.thresholdScore, rules.rankingScore, rules.finalScore].contains(.geometricMean)
                ? "score-without-sqrt" : "score-with-sqrt"
        case .noSigmoid: return "no-sigmoid"
        case .centernessNoSigmoid: return "centerness-no-sigmoid"
        case .softmax: return "softmax"
        case .nmsGreaterOrEqual:
            // No Float equals the Double 0.6, so ≥ and > agree where the threshold is not a Float.
            return Double(Float(rules.nmsThreshold)) == rules.nmsThreshold ? "nms-greater-or-equal" : nil
        case .noCap: return rules.detectionCap == .none ? nil : "no-detection-cap"
        case .clipWidthForBoth: return "clip-width-for-both"
        case .clipSwapped: return "clip-swapped"
        case .nmsWidths: return "nms-widths"
        case .classesPerLocation: return "classes-per-location"
        case .noClipping: return "no-clipping"
        case .clipConvention: return rules.clipping == .none ? nil : "clip-convention"
        case .clipBeforeNMS: return rules.clipAndRemoveEmptyAfterNMS ? "clip-before-nms" : nil
        case .topKPerImage: return rules.candidatesPerLevel == nil ? nil : "top-k-per-image"
        case .noTopK: return rules.candidatesPerLevel == nil ? nil : "no-top-k"
        case .rankingOtherScore: return rules.candidatesPerLevel == nil ? nil : "top-k-ranking"
        case .capTies:
            if case .scoresAtLeastKth = rules.detectionCap { return "cap-ties" }
            return nil
        case .noDistanceClamp: return rules.clampNegativeRegression ? "no-distance-clamp" : nil
        case .emptyBoxesKept: return rules.removeEmptyBeforeNMS ? "empty-boxes-kept" : nil
        case .nmsFloatThreshold:
            return Double(Float(rules.nmsThreshold)) != rules.nmsThreshold ? "nms-float-threshold" : nil
        }
    }
}
