import FCOS
import Foundation

/// How dense head outputs can be turned into detections, right or wrong, in plain float32 steps
/// (as a student's code would be). With no change, `InferenceRecipe(rules: preset.postProcessing)`
/// equals ``PostProcessing/detections(levels:imageWidth:imageHeight:rules:)`` on every case of
/// the check (the recipe tests say so); each mistake is one change of its rules or switches.
struct InferenceRecipe: Equatable {
    /// What turns a class logit into a probability.
    enum Activation: Equatable {
        case sigmoid
        /// The logit itself.
        case none
        /// A softmax over the location's C classes.
        case softmax
    }

    var rules: PostProcessingRules
    var classActivation = Activation.sigmoid
    var centernessSigmoid = true
    /// One NMS over every class instead of one per class.
    var classAgnosticNMS = false
    /// The top-k taken once over the whole image's candidates instead of per level.
    var topKPerImage = false
    /// Which image side limits which coordinate when clipping.
    enum ClipLimits: Equatable {
        /// x by the width, y by the height.
        case sides
        /// Every coordinate by the width (`clamp(boxes, 0, images.shape[-1])`).
        case widthForBoth
        /// x by the height and y by the width (the image's `(H, W)` read as `(W, H)`).
        case swapped
    }

    var clipLimits = ClipLimits.sides
    /// Multiplies every probability, to find cases whose answer a few ulps of `exp` would change.
    var wobble: Float = 1

    /// A candidate with the score its level's top-k ranked it by.
    private struct Candidate {
        var detection: Detection
        var ranking: Float
    }

    func detections(_ levels: [DensePredictions], imageWidth: Int, imageHeight: Int) -> [Detection] {
        let (width, height): (Float, Float)
        switch clipLimits {
        case .sides: (width, height) = (Float(imageWidth), Float(imageHeight))
        case .widthForBoth: (width, height) = (Float(imageWidth), Float(imageWidth))
        case .swapped: (width, height) = (Float(imageHeight), Float(imageWidth))
        }
        var pool: [Candidate] = []
        for (index, level) in levels.enumerated() {
            pool += candidates(level, index: index, width: width, height: height)
        }
        if topKPerImage, let k = rules.candidatesPerLevel, pool.count > k {
            pool = Array(stableDescending(pool.map(\.ranking)).prefix(k).map { pool[$0] })
        }
        let boxes = pool.map(\.detection.box)
        let scores = pool.map(\.detection.score)
        let kept =
            classAgnosticNMS
            ? NMS.greedy(
                boxes: boxes, scores: scores, iouThreshold: rules.nmsThreshold,
                convention: rules.nmsConvention,
                suppression: rules.nmsSuppression)
            : NMS.batched(
                boxes: boxes, scores: scores, labels: pool.map(\.detection.label),
                iouThreshold: rules.nmsThreshold, convention: rules.nmsConvention,
                suppression: rules.nmsSuppression)
        var result = kept.map { pool[$0].detection }
        switch rules.detectionCap {
        case .none: break
        case .first(let k): result = Array(result.prefix(k))
        case .scoresAtLeastKth(let k):
            if k > 0, result.count > k {
                let kth = result.map(\.score).sorted(by: >)[k - 1]
                result = result.filter { $0.score >= kth }
            }
        }
        if rules.clipAndRemoveEmptyAfterNMS {
            result = result.compactMap { detection in
                var detection = detection
                detection.box = clip(detection.box, .continuous, width, height)
                return detection.box.width > 0 && detection.box.height > 0 ? detection : nil
            }
        }
        return result
    }

    private func candidates(_ level: DensePredictions, index: Int, width: Float, height: Float) -> [Candidate]
    {
        let classes = level.classCount
        guard classes > 0 else { return [] }
        let probabilities = level.locations.indices.flatMap { i in
            activate(Array(level.classLogits[(i * classes)..<((i + 1) * classes)])).map { $0 * wobble }
        }
        let centerness = level.centernessLogits.map { centernessSigmoid ? sigmoid($0) * wobble : $0 }
        func score(_ kind: PostProcessingRules.Score, _ pair: Int) -> Float {
            let p = probabilities[pair]
            switch kind {
            case .classProbability: return p
            case .product: return p * centerness[pair / classes]
            case .geometricMean: return (p * centerness[pair / classes]).squareRoot()
            }
        }
        var pairs: [Int] = []
        for location in level.locations.indices {
            let first = location * classes
            switch rules.classesPerLocation {
            case .all:
                for pair in first..<(first + classes)
                where score(rules.thresholdScore, pair) > rules.scoreThreshold {
                    pairs.append(pair)
                }
            case .best:
                var best = first
                for pair in first..<(first + classes)
                where score(rules.thresholdScore, pair) > score(rules.thresholdScore, best) {
                    best = pair
                }
                if score(rules.thresholdScore, best) > rules.scoreThreshold { pairs.append(best) }
            }
        }
        if !topKPerImage, let k = rules.candidatesPerLevel, pairs.count > k {
            pairs = stableDescending(pairs.map { score(rules.rankingScore, $0) }).prefix(k).map { pairs[$0] }
        }
        return pairs.compactMap { pair in
            let location = pair / classes
            let s: Float = rules.units == .stride ? level.stride : 1
            var d = level.regression[location]
            if rules.clampNegativeRegression {
                d = LTRB(l: max(d.l, 0), t: max(d.t, 0), r: max(d.r, 0), b: max(d.b, 0))
            }
            let p = level.locations[location]
            var box = Box(x0: p.x - d.l * s, y0: p.y - d.t * s, x1: p.x + d.r * s, y1: p.y + d.b * s)
            box = clip(box, rules.clipping, width, height)
            if rules.removeEmptyBeforeNMS, !(box.width > 0 && box.height > 0) { return nil }
            return Candidate(
                detection: Detection(
                    box: box, score: score(rules.finalScore, pair), label: pair % classes, level: index,
                    locationIndex: location),
                ranking: score(rules.rankingScore, pair))
        }
    }

    private func activate(_ logits: [Float]) -> [Float] {
        switch classActivation {
        case .sigmoid: return logits.map(sigmoid)
        case .none: return logits
        case .softmax:
            let top = logits.max() ?? 0
            let e = logits.map { expf($0 - top) }
            let sum = e.reduce(0, +)
            return e.map { $0 / sum }
        }
    }

    private func sigmoid(_ x: Float) -> Float { 1 / (1 + expf(-x)) }

    /// Positions by descending value, equal values in position order.
    private func stableDescending(_ values: [Float]) -> [Int] {
        values.indices.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }
    }

    private func clip(_ box: Box, _ clipping: PostProcessingRules.Clipping, _ width: Float, _ height: Float)
        -> Box
    {
        let inset: Float
        switch clipping {
        case .none: return box
        case .continuous: inset = 0
        case .inclusivePixels: inset = 1
        }
        func clamp(_ v: Float, _ limit: Float) -> Float { min(max(v, 0), limit) }
        return Box(
            x0: clamp(box.x0, width - inset), y0: clamp(box.y0, height - inset),
            x1: clamp(box.x1, width - inset), y1: clamp(box.y1, height - inset))
    }
}
