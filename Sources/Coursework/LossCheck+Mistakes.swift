import FCOS

/// The loss part's named mistakes, each one change to ``LossRecipe``. Only those that change
/// something under the course's rules are offered (no "L1 without 0.25" under an IoU loss).
///
/// Where they come from: the list (softmax for sigmoid, unmasked background, dividing by
/// locations or boxes, an unclamped `N_pos`), the references' own normalisers (the official
/// weighting by `ctr*`, EECS 498's 0.25), and public student copies of the EECS 498 A4
/// `one_stage_detector.py`: one-hot targets built by shifting labels by one or clamping −1 to 0,
/// `sigmoid` applied to logits before a `…_with_logits` loss, and means for sums.
extension LossCheck {
    static func changes(_ rules: LossRules) -> [Change<LossRecipe>] {
        var list: [Change<LossRecipe>] = [
            Change(
                mistake: Mistake(
                    id: "softmax-focal-loss", name: "softmax instead of sigmoid in the focal loss",
                    question: "did you normalise the class scores with a softmax?",
                    advice:
                        "FCOS scores each class independently: p = σ(x) per logit, not a softmax over the "
                        + "row. Background is then simply every class near 0."),
                apply: { $0.probability = .softmax }),
            Change(
                mistake: Mistake(
                    id: "background-as-last-class", name: "background one-hot row marks the last class",
                    question: "what is the one-hot row of a class target −1?",
                    advice: "A background location (class −1) has an all-zero target row; indexing with −1 "
                        + "(Python's eye[-1]) marks the last class instead."),
                apply: { $0.background = .lastClass }),
            Change(
                mistake: Mistake(
                    id: "background-as-class-zero", name: "background one-hot row marks class 0",
                    question: "what is the one-hot row of a class target −1?",
                    advice: "A background location (class −1) has an all-zero target row; clamping −1 to 0 "
                        + "makes every background location a positive of class 0."),
                apply: { $0.background = .firstClass }),
            Change(
                mistake: Mistake(
                    id: "background-box-loss", name: "background not masked out of the box loss",
                    question: "did your box loss skip the background locations?",
                    advice: "Only positive locations (class target ≥ 0) have a box to regress: sum the box "
                        + "loss over them alone. Background targets hold leftovers, not boxes."),
                apply: { $0.maskBox = false }),
            Change(
                mistake: Mistake(
                    id: "background-centerness-loss",
                    name: "background not masked out of the centerness loss",
                    question: "did your centerness loss skip the background locations?",
                    advice: "The centerness BCE runs over positive locations only; background locations "
                        + "have no centerness target."),
                apply: { $0.maskCenterness = false }),
            Change(
                mistake: Mistake(
                    id: "divide-by-locations", name: "divided by the number of locations instead of N_pos",
                    question: "what did you divide by?",
                    advice: "Normalise by the number of positive locations, max(N_pos, 1), not by every "
                        + "location: most locations are background, and the loss would shrink with image size."
                ),
                apply: { $0.divisor = .locations }),
            Change(
                mistake: Mistake(
                    id: "divide-by-boxes", name: "divided by the number of boxes instead of N_pos",
                    question: "what did you divide by?",
                    advice: "Normalise by the number of positive locations, max(N_pos, 1): a box has many "
                        + "positive locations, and the focal loss sums over every one of them."),
                apply: { $0.divisor = .boxes }),
            Change(
                mistake: Mistake(
                    id: "unclamped-positives", name: "N_pos = 0 not clamped",
                    question: "what happens in an image without positives?",
                    advice: "Divide by max(N_pos, 1): an image without positives still has a focal loss "
                        + "(every location is background), and its box and centerness terms are 0, not 0/0."),
                apply: { $0.divisor = .unclamped }),
            Change(
                mistake: Mistake(
                    id: "mean-instead-of-sum", name: "mean instead of sum",
                    question: "did you average where the rule sums?",
                    advice: "Sum each term over its elements and divide by the rule's normaliser; a mean "
                        + "divides the focal loss by N × C and the box loss by its element count instead."),
                apply: { $0.divisor = .mean }),
            Change(
                mistake: Mistake(
                    id: "centerness-double-sigmoid", name: "sigmoid applied before a BCE on logits",
                    question: "did you pass σ(x) where the BCE expects the logit x?",
                    advice: "BCE(x, z) = max(x, 0) − x·z + log(1 + exp(−|x|)) takes the centerness logit "
                        + "itself; applying σ first squashes every prediction into (0, 1)."),
                apply: { $0.doubleSigmoid = true }),
        ]
        switch rules.normalization {
        case .official, .mmdet:
            list.append(
                Change(
                    mistake: Mistake(
                        id: "unweighted-box-loss", name: "box loss not weighted by the centerness targets",
                        question: "did you weight each box loss by its centerness target?",
                        advice: "This course weights each positive's box loss by its centerness target ctr* "
                            + "and divides by Σ ctr*, so off-centre locations count less."),
                    apply: {
                        $0.weighted = false
                        $0.overCenternessSum = false
                    }))
            list.append(
                Change(
                    mistake: Mistake(
                        id: "box-loss-over-positives", name: "weighted box loss divided by N_pos, not Σ ctr*",
                        question: "what did you divide the weighted box loss by?",
                        advice: "The weighted sum Σ ctr*·L is divided by the sum of its weights, Σ ctr*, "
                            + "not by N_pos."),
                    apply: { $0.overCenternessSum = false }))
        case .shared: break
        }
        switch rules.regressionLoss {
        case .l1:
            list.append(
                Change(
                    mistake: Mistake(
                        id: "l1-without-quarter", name: "L1 box loss without the 0.25",
                        question: "did you multiply the L1 loss by 0.25?",
                        advice: "Each of the four L1 components is weighted by 0.25, which averages over "
                            + "l, t, r, b."),
                    apply: { $0.l1Weight = 1 }))
        case .officialIoU(let kind):
            let other: IoULossKind = kind == .giou ? .iou : .giou
            list.append(
                Change(
                    mistake: Mistake(
                        id: "iou-giou-confusion",
                        name: kind == .giou
                            ? "IoU loss instead of GIoU loss" : "GIoU loss instead of IoU loss",
                        question: kind == .giou ? "did you use −log IoU?" : "did you use 1 − GIoU?",
                        advice: kind == .giou
                            ? "This course's box loss is 1 − GIoU, with the enclosing-box penalty."
                            : "This course's box loss is −log IoU, the UnitBox loss, with no enclosing-box term."
                    ),
                    apply: { $0.boxLoss = .reference(.officialIoU(other)) }))
        case .mmdetGIoU(let eps):
            list.append(
                Change(
                    mistake: Mistake(
                        id: "iou-giou-confusion", name: "IoU loss instead of GIoU loss",
                        question: "did you use −log IoU?",
                        advice: "This course's box loss is 1 − GIoU, with the enclosing-box penalty."),
                    apply: { $0.boxLoss = .reference(.mmdetIoU(eps: eps)) }))
        case .mmdetIoU(let eps):
            list.append(
                Change(
                    mistake: Mistake(
                        id: "iou-giou-confusion", name: "GIoU loss instead of IoU loss",
                        question: "did you use 1 − GIoU?",
                        advice: "This course's box loss is −log IoU, with no enclosing-box term."),
                    apply: { $0.boxLoss = .reference(.mmdetGIoU(eps: eps)) }))
        case .giou:
            list.append(
                Change(
                    mistake: Mistake(
                        id: "iou-giou-confusion", name: "1 − IoU instead of 1 − GIoU",
                        question: "did you leave out the enclosing-box term?",
                        advice: "GIoU = IoU − (C − U)/C with C the area of the smallest box enclosing both: "
                            + "the loss is 1 − GIoU."),
                    apply: { $0.boxLoss = .plainIoU }))
        }
        if rules.clampNegativeRegression {
            list.append(
                Change(
                    mistake: Mistake(
                        id: "no-relu", name: "negative predicted distances not clipped",
                        question: "did you clip the predicted distances at 0 before decoding?",
                        advice: "This course decodes max(l, 0), max(t, 0), max(r, 0), max(b, 0): a negative "
                            + "distance would turn the box inside out."),
                    apply: { $0.clampNegative = false }))
        }
        return list
    }
}
