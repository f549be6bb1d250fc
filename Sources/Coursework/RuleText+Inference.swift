import FCOS

/// The preset's post-processing rules in words (``PostProcessingRules``), for the inference
/// starter's doc comment and the named mistakes' advice. Derived from the rule values, so a new
/// preset gets correct text.
extension RuleText {
    static func score(_ score: PostProcessingRules.Score) -> String {
        switch score {
        case .classProbability: return "p"
        case .product: return "p·ctr"
        case .geometricMean: return "√(p·ctr)"
        }
    }

    /// "x to [0, W], y to [0, H]".
    static func clipping(_ clipping: PostProcessingRules.Clipping) -> String {
        switch clipping {
        case .none: return "no clipping"
        case .continuous: return "clamp x to [0, W] and y to [0, H]"
        case .inclusivePixels: return "clamp x to [0, W − 1] and y to [0, H − 1] (the last pixel's index)"
        }
    }

    /// The NMS threshold and how the IoU is compared with it.
    static func nmsComparison(_ rules: PostProcessingRules) -> String {
        let t = rules.nmsThreshold
        let op = rules.nmsSuppression == .greaterThan ? ">" : "≥"
        var text = "IoU \(op) \(Wording.number(Float(t)))"
        if rules.nmsSuppression == .greaterThan { text += " (strictly; an IoU equal to it keeps the box)" }
        if Double(Float(t)) != t {
            text +=
                ". The IoU is a Float and the threshold the Double \(t), as in the reference's kernel: "
                + "compare `Double(iou) > \(t)`, so an IoU of exactly Float(\(t)) = "
                + "\(Double(Float(t))) is above it"
        }
        return text
    }

    static func detectionCap(_ cap: PostProcessingRules.DetectionCap) -> String {
        switch cap {
        case .none: return "Keep every detection that survives NMS (there is no cap)."
        case .first(let k): return "Keep the first \(k) detections in descending score order."
        case .scoresAtLeastKth(let k):
            return "When more than \(k) survive, keep every detection whose score is at least the \(k)th "
                + "highest score: ties at the \(k)th place are all kept, so there can be more than \(k)."
        }
    }
}
