import FCOS

extension InferenceCheck {
    /// The named mistakes of inference, each one change of ``InferenceRecipe``. Changes that do
    /// not apply to a preset (decoding without × s where distances are pixels, forgetting a cap
    /// the preset does not have) leave the recipe as it is and are skipped by ``diagnose``.
    static func changes(_ rules: PostProcessingRules) -> [Change<InferenceRecipe>] {
        var changes: [Change<InferenceRecipe>] = [
            Change(
                mistake: Mistake(
                    id: "decode-without-stride", name: "decoding without × stride",
                    question: "did you multiply the distances by the stride?",
                    advice: "The head predicts distances in strides: the box is (x − l·s, y − t·s, x + r·s, "
                        + "y + b·s)."),
                apply: { $0.rules.units = .pixels }),
            thresholdChange(rules),
            Change(
                mistake: Mistake(
                    id: "class-agnostic-nms", name: "class-agnostic NMS",
                    question: "can a box suppress a box of another class?",
                    advice: "Run NMS per class: a box only suppresses boxes with the same label, so "
                        + "overlapping objects of different classes are all kept."),
                apply: { $0.classAgnosticNMS = true }),
            scoreChange(rules),
            Change(
                mistake: Mistake(
                    id: "no-sigmoid", name: "logits used as probabilities",
                    question: "did you apply the sigmoid?",
                    advice: "p = σ(class logit) and ctr = σ(centerness logit), σ(x) = 1 / (1 + exp(−x)); "
                        + "the head outputs logits."),
                apply: {
                    $0.classActivation = .none
                    $0.centernessSigmoid = false
                }),
            Change(
                mistake: Mistake(
                    id: "centerness-no-sigmoid", name: "centerness logit used without the sigmoid",
                    question: "did you apply the sigmoid to the centerness?",
                    advice: "ctr = σ(centerness logit): centerness is a logit too, trained with BCE."),
                apply: { $0.centernessSigmoid = false }),
            Change(
                mistake: Mistake(
                    id: "softmax", name: "softmax instead of sigmoid",
                    question: "did you use a softmax over the classes?",
                    advice: "FCOS's classifier is C independent binary classifiers (it is trained with the "
                        + "sigmoid focal loss): p = σ(logit) per class, not a softmax over the classes."),
                apply: { $0.classActivation = .softmax }),
            Change(
                mistake: Mistake(
                    id: "nms-greater-or-equal", name: "NMS with ≥ instead of >",
                    question: "do you suppress at IoU equal to the threshold?",
                    advice: "Suppress only when the IoU is strictly greater than the threshold."),
                apply: { $0.rules.nmsSuppression = .greaterThanOrEqual }),
            Change(
                mistake: Mistake(
                    id: "no-detection-cap", name: "no cap on the number of detections",
                    question: "did you cap the number of detections?",
                    advice: RuleText.detectionCap(rules.detectionCap)),
                apply: { $0.rules.detectionCap = .none }),
            Change(
                mistake: Mistake(
                    id: "clip-width-for-both", name: "every coordinate clipped to the width",
                    question: "what limits y when you clip?",
                    advice: "Clip x by the image width and y by its height."),
                apply: { $0.clipLimits = .widthForBoth }),
            Change(
                mistake: Mistake(
                    id: "clip-swapped", name: "width and height swapped when clipping",
                    question: "is x clipped by the width?",
                    advice: "Clip x by the image width W and y by its height H (an image tensor is H × W)."),
                apply: { $0.clipLimits = .swapped }),
            Change(
                mistake: Mistake(
                    id: "nms-widths",
                    name: rules.nmsConvention == .continuous
                        ? "+1 pixel widths in NMS" : "NMS without +1 widths",
                    question: "how did you compute widths in the IoU?",
                    advice: RuleText.nmsWidths(rules.nmsConvention)),
                apply: {
                    $0.rules.nmsConvention =
                        rules.nmsConvention == .continuous ? .inclusivePixels : .continuous
                }),
            Change(
                mistake: Mistake(
                    id: "classes-per-location",
                    name: rules.classesPerLocation == .best
                        ? "every class of a location as a candidate" : "only the best class of each location",
                    question: "how many classes can one location detect?",
                    advice: rules.classesPerLocation == .best
                        ? "Each location proposes only its best class (the highest √(p·ctr)); the others are "
                            + "not candidates."
                        : "Every (location, class) pair above the threshold is a candidate, so one location "
                            + "can detect two classes."),
                apply: { $0.rules.classesPerLocation = rules.classesPerLocation == .best ? .all : .best }),
        ]
        changes += clippingChanges(rules)
        if let k = rules.candidatesPerLevel {
            changes += [
                Change(
                    mistake: Mistake(
                        id: "top-k-per-image", name: "top-k over the whole image instead of per level",
                        question: "is your top-k per level?",
                        advice: "Keep the \(k) best candidates of each level separately, before the levels "
                            + "are put together."),
                    apply: { $0.topKPerImage = true }),
                Change(
                    mistake: Mistake(
                        id: "no-top-k", name: "no per-level top-k",
                        question: "did you keep only the best \(k) candidates per level?",
                        advice: "A level with more than \(k) candidates keeps the \(k) with the highest "
                            + "\(RuleText.score(rules.rankingScore))."),
                    apply: { $0.rules.candidatesPerLevel = nil }),
                rankingChange(rules),
            ]
        }
        if case .scoresAtLeastKth(let k) = rules.detectionCap {
            changes.append(
                Change(
                    mistake: Mistake(
                        id: "cap-ties", name: "exactly \(k) detections kept on a tie",
                        question: "what happens to ties at the \(k)th score?",
                        advice: RuleText.detectionCap(rules.detectionCap)),
                    apply: { $0.rules.detectionCap = .first(k) }))
        }
        if rules.clampNegativeRegression {
            changes.append(
                Change(
                    mistake: Mistake(
                        id: "no-distance-clamp", name: "negative distances not clamped",
                        question: "did you clamp negative distances at 0?",
                        advice: "Replace each negative distance by 0 before decoding (a ReLU), as the "
                            + "reference's decoder does."),
                    apply: { $0.rules.clampNegativeRegression = false }))
        }
        if rules.removeEmptyBeforeNMS {
            changes.append(
                Change(
                    mistake: Mistake(
                        id: "empty-boxes-kept", name: "empty boxes kept",
                        question: "did you drop boxes of zero width or height?",
                        advice: "After clipping, drop every box whose width or height is not above 0."),
                    apply: { $0.rules.removeEmptyBeforeNMS = false }))
        }
        if Double(Float(rules.nmsThreshold)) != rules.nmsThreshold {
            changes.append(
                Change(
                    mistake: Mistake(
                        id: "nms-float-threshold", name: "IoU compared with the Float threshold",
                        question: "is your NMS threshold a Float or a Double?",
                        advice: RuleText.nmsComparison(rules) + "."),
                    apply: { $0.rules.nmsThreshold = Double(Float(rules.nmsThreshold)) }))
        }
        return changes
    }

    /// Thresholding `p` where the preset thresholds the centerness-weighted score, or the other
    /// way round.
    static func thresholdChange(_ rules: PostProcessingRules) -> Change<InferenceRecipe> {
        if rules.thresholdScore == .classProbability {
            return Change(
                mistake: Mistake(
                    id: "threshold-after-centerness",
                    name: "threshold applied after multiplying by centerness",
                    question: "which score did you compare with the threshold?",
                    advice: "Compare p alone with \(Wording.number(rules.scoreThreshold)); centerness only "
                        + "re-weights the candidates that pass."),
                apply: { $0.rules.thresholdScore = rules.finalScore })
        }
        return Change(
            mistake: Mistake(
                id: "threshold-before-centerness", name: "threshold applied before multiplying by centerness",
                question: "which score did you compare with the threshold?",
                advice: "Compare \(RuleText.score(rules.thresholdScore)), not p alone, with "
                    + "\(Wording.number(rules.scoreThreshold))."),
            apply: { $0.rules.thresholdScore = .classProbability })
    }

    /// `p·ctr` where the preset takes `√(p·ctr)`, or the square root where it does not.
    static func scoreChange(_ rules: PostProcessingRules) -> Change<InferenceRecipe> {
        let kinds = [rules.thresholdScore, rules.rankingScore, rules.finalScore]
        if kinds.contains(.geometricMean) {
            return Change(
                mistake: Mistake(
                    id: "score-without-sqrt", name: "score p·ctr instead of √(p·ctr)",
                    question: "did you take the square root of p·ctr?",
                    advice: "The score is the geometric mean √(p·ctr), which keeps it on the scale of a "
                        + "probability."),
                apply: { recipe in
                    for path in [\PostProcessingRules.thresholdScore, \.rankingScore, \.finalScore]
                    where recipe.rules[keyPath: path] == .geometricMean {
                        recipe.rules[keyPath: path] = .product
                    }
                })
        }
        return Change(
            mistake: Mistake(
                id: "score-with-sqrt", name: "score √(p·ctr) instead of p·ctr",
                question: "did you take a square root the preset does not take?",
                advice: "This preset's score is p·ctr, without the square root."),
            apply: { recipe in
                if recipe.rules.finalScore == .product { recipe.rules.finalScore = .geometricMean }
            })
    }

    /// The per-level top-k ranked by `p` where the preset ranks by a centerness-weighted score,
    /// or the other way round.
    static func rankingChange(_ rules: PostProcessingRules) -> Change<InferenceRecipe> {
        let wrong: PostProcessingRules.Score =
            rules.rankingScore == .classProbability ? .product : .classProbability
        return Change(
            mistake: Mistake(
                id: "top-k-ranking", name: "top-k ranked by \(RuleText.score(wrong))",
                question: "which score does your top-k rank by?",
                advice: "Rank each level's candidates by \(RuleText.score(rules.rankingScore)) for the top-k."
            ),
            apply: { $0.rules.rankingScore = wrong })
    }

    /// No clipping; the other clipping convention; clipping before NMS where the preset clips
    /// after it.
    static func clippingChanges(_ rules: PostProcessingRules) -> [Change<InferenceRecipe>] {
        var changes: [Change<InferenceRecipe>] = [
            Change(
                mistake: Mistake(
                    id: "no-clipping", name: "boxes not clipped to the image",
                    question: "did you clip the boxes to the image?",
                    advice: "Clip every box to the image: \(RuleText.clipping(rules.clippingUsed))."),
                apply: {
                    $0.rules.clipping = .none
                    $0.rules.clipAndRemoveEmptyAfterNMS = false
                })
        ]
        switch rules.clipping {
        case .continuous, .inclusivePixels:
            let other: PostProcessingRules.Clipping =
                rules.clipping == .continuous ? .inclusivePixels : .continuous
            changes.append(
                Change(
                    mistake: Mistake(
                        id: "clip-convention",
                        name: rules.clipping == .continuous ? "boxes clipped to W − 1" : "boxes clipped to W",
                        question: "what is the largest x a box may reach?",
                        advice: "This preset's rule: \(RuleText.clipping(rules.clipping))."),
                    apply: { $0.rules.clipping = other }))
        case .none:
            if rules.clipAndRemoveEmptyAfterNMS {
                changes.append(
                    Change(
                        mistake: Mistake(
                            id: "clip-before-nms", name: "boxes clipped before NMS",
                            question: "when do you clip?",
                            advice:
                                "This preset runs NMS on the unclipped boxes, then clips the detections it "
                                + "keeps to [0, W] × [0, H] and drops the empty ones."),
                        apply: {
                            $0.rules.clipping = .continuous
                            $0.rules.clipAndRemoveEmptyAfterNMS = false
                        }))
            }
        }
        return changes
    }
}

extension PostProcessingRules {
    /// The clipping the preset applies, before or after NMS.
    var clippingUsed: Clipping { clipAndRemoveEmptyAfterNMS ? .continuous : clipping }
}
