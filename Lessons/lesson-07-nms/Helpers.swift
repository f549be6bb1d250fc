import Canvas
import FCOS
import Figures
import Foundation

// Formatting, the post-processing stages counted one by one, and the small constructed box
// pairs of the NMS lesson.

/// A number with `digits` decimals and a typographic minus.
func fixed(_ x: Double, _ digits: Int) -> String {
    let text = String(format: "%.\(digits)f", x)
    return text.hasPrefix("-") ? "−" + text.dropFirst() : text
}

/// A score kind as the lesson writes it.
func formula(_ score: PostProcessingRules.Score) -> String {
    switch score {
    case .classProbability: return "p"
    case .product: return "p·ctr"
    case .geometricMean: return "√(p·ctr)"
    }
}

/// The detection cap in words.
func capText(_ cap: PostProcessingRules.DetectionCap) -> String {
    switch cap {
    case .none: return "none"
    case .first(let k): return "\(k)"
    case .scoresAtLeastKth(let k): return "≥ \(k)th"
    }
}

/// The detection cap as a phrase.
func capPhrase(_ cap: PostProcessingRules.DetectionCap) -> String {
    switch cap {
    case .none: return "no cap"
    case .first(let k): return "the first \(k)"
    case .scoresAtLeastKth(let k): return "every score ≥ the \(k)th"
    }
}

/// The threshold a float32 kernel stores, printed as the number a config file holds.
func nominal(_ threshold: Double) -> Double { (threshold * 1e6).rounded() / 1e6 }

/// Every stage of post-processing for one set of dense predictions. The candidates that enter NMS
/// come from `PostProcessing.candidates` and the survivors from `NMS.batched`, exactly as
/// `PostProcessing.detections` runs them; the count above the threshold (before the top-k) and the
/// final cap are applied here with the same rules, because each extra library pass re-scores all
/// 1.4 million (location, class) pairs and the lesson should answer in a second or two.
struct PipelineStages {
    var pairsPerLevel: [Int]
    var aboveThresholdPerLevel: [Int]
    var afterTopKPerLevel: [Int]
    /// What enters NMS.
    var pool: [FCOS.Detection]
    /// Indices into `pool` that class-aware NMS keeps, in descending score order.
    var keptByNMS: [Int]
    /// What comes out: the NMS survivors after the detection cap.
    var detections: [FCOS.Detection]

    init(levels: [DensePredictions], imageWidth: Float, imageHeight: Float, rules: PostProcessingRules) {
        pairsPerLevel = levels.map { $0.locations.count * $0.classCount }
        aboveThresholdPerLevel = levels.map { countAboveThreshold($0, rules: rules) }
        let pool = PostProcessing.candidates(
            levels: levels, imageWidth: imageWidth, imageHeight: imageHeight, rules: rules)
        self.pool = pool
        afterTopKPerLevel = levels.indices.map { l in pool.count { $0.level == l } }
        let kept = NMS.batched(
            boxes: pool.map(\.box), scores: pool.map(\.score), labels: pool.map(\.label),
            iouThreshold: rules.nmsThreshold, convention: rules.nmsConvention,
            suppression: rules.nmsSuppression)
        keptByNMS = kept
        detections = applyCap(
            kept.map { pool[$0] }, rules: rules, imageWidth: imageWidth, imageHeight: imageHeight)
    }
}

/// σ(x) in float32.
func sigmoid(_ x: Float) -> Float { 1 / (1 + expf(-x)) }

/// How many (location, class) pairs of `level` pass the rules' score threshold (with `.best`, how
/// many locations' best class does). A pair's `p` can only pass when `p > t` (or `p > t²` for
/// `√(p·ctr)`), so the logits are screened first and only the few survivors are scored.
func countAboveThreshold(_ level: DensePredictions, rules: PostProcessingRules) -> Int {
    let classes = level.classCount
    guard classes > 0 else { return 0 }
    let t = rules.scoreThreshold
    let floor = rules.thresholdScore == .geometricMean ? t * t : t
    let screen = logf(floor / (1 - floor)) - 0.01
    func score(_ pair: Int) -> Float {
        let p = sigmoid(level.classLogits[pair])
        let ctr = sigmoid(level.centernessLogits[pair / classes])
        switch rules.thresholdScore {
        case .classProbability: return p
        case .product: return p * ctr
        case .geometricMean: return (p * ctr).squareRoot()
        }
    }
    var count = 0
    level.classLogits.withUnsafeBufferPointer { logits in
        switch rules.classesPerLocation {
        case .all:
            for pair in logits.indices where logits[pair] > screen && score(pair) > t { count += 1 }
        case .best:
            for location in 0..<level.locations.count {
                var best: Float = -1
                for pair in (location * classes)..<((location + 1) * classes) where logits[pair] > screen {
                    best = max(best, score(pair))
                }
                if best > t { count += 1 }
            }
        }
    }
    return count
}

/// The detection cap of `PostProcessing.detections`, applied to the NMS survivors (in descending
/// score order), then detectron2's clip-and-drop-empty after NMS.
func applyCap(
    _ kept: [FCOS.Detection], rules: PostProcessingRules, imageWidth: Float, imageHeight: Float
) -> [FCOS.Detection] {
    var result = kept
    switch rules.detectionCap {
    case .none: break
    case .first(let k): result = Array(result.prefix(k))
    case .scoresAtLeastKth(let k):
        if k > 0 && result.count > k {
            let kth = result.map(\.score).sorted(by: >)[k - 1]
            result = result.filter { $0.score >= kth }
        }
    }
    if rules.clipAndRemoveEmptyAfterNMS {
        result = result.compactMap { detection in
            var d = detection
            d.box = Box(
                x0: min(max(d.box.x0, 0), imageWidth), y0: min(max(d.box.y0, 0), imageHeight),
                x1: min(max(d.box.x1, 0), imageWidth), y1: min(max(d.box.y1, 0), imageHeight))
            return d.box.width > 0 && d.box.height > 0 ? d : nil
        }
    }
    return result
}

/// Two equal squares side by side whose IoU is exactly `threshold` (for thresholds such as 0.5
/// and 0.6): the second is shifted by `d = W·(1 − t)/(1 + t)`, with `W` the first side length
/// that makes `d` whole. Widths follow `convention`, so the `+1` kernels see the same ratio.
func pairAtThreshold(_ threshold: Double, convention: BoxConvention) -> (Box, Box) {
    let t = nominal(threshold)
    let pad: Float = convention == .inclusivePixels ? 1 : 0
    var side = 100.0
    for w in 100...400 {
        let d = Double(w) * (1 - t) / (1 + t)
        if abs(d - d.rounded()) < 1e-9 {
            side = Double(w)
            break
        }
    }
    let shift = Float((side * (1 - t) / (1 + t)).rounded())
    let w = Float(side)
    let a = Box(x0: 100, y0: 100, x1: 100 + w - pad, y1: 100 + w - pad)
    let b = Box(x0: 100 + shift, y0: 100, x1: 100 + shift + w - pad, y1: 100 + w - pad)
    return (a, b)
}

/// A figure's detections in the form the NMS frames draw.
func frameDetections(
    _ detections: [FCOS.Detection], groundTruth: (FCOS.Detection) -> Int? = { _ in nil },
    name: (Int) -> String?
) -> [Figures.ScoredBox] {
    detections.map {
        Figures.ScoredBox(box: $0.box, score: $0.score, label: name($0.label), groundTruth: groundTruth($0))
    }
}
