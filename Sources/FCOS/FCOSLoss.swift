/// The training inputs of one batch, flattened: the locations of every level (and image)
/// concatenated, as every reference flattens them before computing the loss.
public struct FCOSLossInputs: Sendable {
    /// Per location: `-1` for background, else the class index `0..<classCount`.
    public var classTargets: [Int]
    /// Per location: the target distances `(l*, t*, r*, b*)` in the rules' units; read only at
    /// positive locations.
    public var regressionTargets: [LTRB]
    /// `N × C` row-major classification logits.
    public var classLogits: [Float]
    /// Predicted distances in the rules' units.
    public var regression: [LTRB]
    /// Centerness logits, one per location.
    public var centernessLogits: [Float]
    /// Location `i` in image pixels (used by the losses that decode boxes).
    public var locations: [Point]
    /// The stride of location `i`'s level.
    public var strides: [Float]
    /// The matched ground-truth box per location, when known. torchvision and detectron2 compare
    /// the decoded prediction with the ground-truth box itself; without it the box is decoded from
    /// the target distances, which can differ from it in the last bit when those are in strides.
    public var targetBoxes: [Box]?
    /// `C`.
    public var classCount: Int

    /// Inputs with one entry per location; traps on mismatched lengths (a programming error, not bad data).
    public init(
        classTargets: [Int], regressionTargets: [LTRB], classLogits: [Float], regression: [LTRB],
        centernessLogits: [Float], locations: [Point], strides: [Float], targetBoxes: [Box]? = nil,
        classCount: Int
    ) {
        let n = classTargets.count
        precondition(
            regressionTargets.count == n && regression.count == n && centernessLogits.count == n
                && locations.count == n && strides.count == n && (targetBoxes?.count ?? n) == n,
            "one value per location")
        precondition(classCount > 0 && classLogits.count == n * classCount, "class logits must be N × C")
        self.classTargets = classTargets
        self.regressionTargets = regressionTargets
        self.classLogits = classLogits
        self.regression = regression
        self.centernessLogits = centernessLogits
        self.locations = locations
        self.strides = strides
        self.targetBoxes = targetBoxes
        self.classCount = classCount
    }
}

/// The three FCOS loss terms (the paper's Eq. 2 plus the centerness term of §3.3) and their sum,
/// each already normalised the way its reference normalises it.
public struct FCOSLossValue: Hashable, Sendable {
    /// The focal-loss term, normalised.
    public var classification: Float
    /// The IoU (or GIoU, or L1) term over positives, normalised.
    public var regression: Float
    /// The centerness BCE term over positives, normalised.
    public var centerness: Float
    /// `classification + regression + centerness`, in that order, as the references' training
    /// loops sum their loss dictionaries.
    public var total: Float

    /// The three normalised terms.
    public init(classification: Float, regression: Float, centerness: Float) {
        self.classification = classification
        self.regression = regression
        self.centerness = centerness
        total = classification + regression + centerness
    }
}

/// How a reference computes and normalises the FCOS training loss.
///
/// The paper (Eq. 2) writes `L = 1/N_pos Σ L_cls + λ/N_pos Σ 1{c*>0} L_reg` plus a BCE centerness
/// term; none of the implementations normalises the regression term exactly that way. With
/// `N = N_pos` and `ctr*` the centerness targets (Eq. 3) of the positives:
///
/// | preset | classification | regression | centerness |
/// |---|---|---|---|
/// | `official` | `ΣFL / max(N, 1)` | `Σ ctr*·(−log IoU⁺¹) / Σ ctr*` | `ΣBCE / max(N, 1)` |
/// | `officialImprv` | same | `Σ ctr*·(1 − GIoU⁺¹) / Σ ctr*` | same |
/// | `mmdet` | `ΣFL / (max(N, 1) + ε)` | `Σ ctr*·(1 − GIoU) / (max(Σ ctr*, 1e-6) + ε)` | `ΣBCE / (max(N, 1) + ε)` |
/// | `torchvision` | `ΣFL / max(N, 1)` | `Σ(1 − GIoU) / max(N, 1)` | `ΣBCE / max(N, 1)` |
/// | `detectron2` | `ΣFL / n` | `Σ(1 − GIoU) / n` | `ΣBCE / n` |
/// | `eecs498` | `ΣFL / n` | `Σ 0.25·|Δ| / n` | `ΣBCE / n` |
///
/// `IoU⁺¹` is the official `(I + 1)/(U + 1)` on distances (``IoULoss``); `ε` is float32's machine
/// epsilon, which mmdetection ≥ 2.19 adds to every `avg_factor`; `n` is the ``FCOSLoss`` caller's
/// normaliser (an EMA in both references; see ``LossNormalizerEMA``). The focal loss (α = 0.25,
/// γ = 2) runs over every location and class, background included; the other two terms over
/// positives only. With no positive the regression and centerness terms are 0.
public struct LossRules: Sendable, Hashable {
    /// The per-positive regression loss.
    public enum RegressionLoss: Sendable, Hashable {
        /// The official `IOULoss` on the distance 4-vectors, `(I + 1)/(U + 1)`.
        case officialIoU(IoULossKind)
        /// mmdetection's `IoULoss` (`−log max(IoU, eps)`) on boxes `location ∓ distances`, the
        /// distances used as given (mmdetection decodes without the stride; IoU is unaffected).
        case mmdetIoU(eps: Float)
        /// mmdetection's `GIoULoss` on the same boxes.
        case mmdetGIoU(eps: Float)
        /// torchvision's `generalized_box_iou_loss` (fvcore's `giou_loss`) on the prediction
        /// decoded with the stride against the ground-truth box.
        case giou(eps: Float)
        /// EECS 498: `weight · |prediction − target|` per component, zeroed where the target is
        /// negative (`loss_box[matched_gt_deltas < 0] *= 0`).
        case l1(weight: Float)
    }

    /// How the sums are divided.
    public enum Normalization: Sendable, Hashable {
        /// Classification and centerness by `max(N_pos, 1)`; regression weighted by the centerness
        /// targets and divided by their sum.
        case official
        /// As official, with mmdetection's `avg_factor + ε` and the `1e-6` floor on `Σ ctr*`.
        case mmdet
        /// Every term divided by one normaliser, by default `max(N_pos, 1)`.
        case shared
    }

    /// Focal loss α, the weight of positives (0.25 in every reference).
    public var alpha: Float
    /// Focal loss γ, the focusing exponent (2 in every reference).
    public var gamma: Float
    /// The per-positive box loss.
    public var regressionLoss: RegressionLoss
    /// How each term's sum is divided.
    public var normalization: Normalization
    /// The units of the regression predictions and targets.
    public var units: RegressionUnits
    /// Clip predicted distances at 0 before decoding (detectron2's `apply_deltas` ReLU).
    public var clampNegativeRegression: Bool

    /// Loss rules from explicit choices; see ``Preset/loss`` for each reference's.
    public init(
        alpha: Float = 0.25, gamma: Float = 2, regressionLoss: RegressionLoss, normalization: Normalization,
        units: RegressionUnits, clampNegativeRegression: Bool = false
    ) {
        self.alpha = alpha
        self.gamma = gamma
        self.regressionLoss = regressionLoss
        self.normalization = normalization
        self.units = units
        self.clampNegativeRegression = clampNegativeRegression
    }
}

extension LossRules {
    /// tianzhi0549/FCOS `fcos_core/modeling/rpn/fcos/loss.py` (`FCOSLossComputation.__call__`)
    /// with `IOU_LOSS_TYPE = "iou"`: `SigmoidFocalLoss(2.0, 0.25)` returns the sum over all
    /// locations and classes, divided by `max(total_num_pos / num_gpus, 1.0)`; `IOULoss` with the
    /// centerness targets as weights returns `Σ wᵢ·lossᵢ`, divided by `sum_centerness_targets`;
    /// `BCEWithLogitsLoss(reduction="sum")` on the positives' centerness, divided like the
    /// classification. Distances in pixels.
    public static let official = LossRules(
        regressionLoss: .officialIoU(.iou), normalization: .official, units: .pixels)

    /// The authors' `fcos_imprv` configurations: `IOU_LOSS_TYPE = "giou"` and distances divided by
    /// the stride (`NORM_REG_TARGETS`); the `+ 1` of `IOULoss` then acts on strides.
    public static let officialImprv = LossRules(
        regressionLoss: .officialIoU(.giou), normalization: .official, units: .stride)

    /// mmdetection `FCOSHead.loss_by_feat` (3.x; 2.x `loss` is the same) as configured in
    /// `fcos_r50-caffe_fpn_gn-head-center-normbbox-centeronreg-giou`: `num_pos =
    /// max(reduce_mean(num_pos), 1.0)` is the `avg_factor` of the focal loss and of the centerness
    /// `CrossEntropyLoss(use_sigmoid=True)`; `GIoULoss(eps=1e-6)` on `distance2bbox` boxes weighted
    /// by the centerness targets with `avg_factor = max(reduce_mean(Σ ctr*), 1e-6)`; every mean
    /// divides by `avg_factor + finfo(float32).eps`. Distances in strides (`norm_on_bbox`). The
    /// plain `fcos_r50-caffe_fpn_gn-head` configuration uses `IoULoss` instead: `.mmdetIoU(eps:
    /// 1e-6)` with distances in pixels.
    public static let mmdet = LossRules(
        regressionLoss: .mmdetGIoU(eps: 1e-6), normalization: .mmdet, units: .stride)

    /// torchvision `FCOSHead.compute_loss`: `sigmoid_focal_loss(…, reduction="sum")`,
    /// `generalized_box_iou_loss` between `BoxLinearCoder.decode(bbox_regression, anchors)` and
    /// the matched ground-truth boxes, and `binary_cross_entropy_with_logits(…, reduction="sum")`
    /// on the positives, each divided by `max(1, num_foreground)`.
    public static let torchvision = LossRules(
        regressionLoss: .giou(eps: 1e-7), normalization: .shared, units: .stride)

    /// detectron2 `FCOS.losses`: the same three sums as torchvision (focal loss from fvcore, GIoU
    /// through `_dense_box_regression_loss` on `apply_deltas`, which ReLUs the distances), divided by
    /// `_ema_update("loss_normalizer", max(num_pos_anchors, 1), 300)`: an exponential moving
    /// average (momentum 0.9, starting at 300) of the positive count across iterations. Pass it as
    /// the `normalizer`; without one, `max(N_pos, 1)` is used.
    public static let detectron2 = LossRules(
        regressionLoss: .giou(eps: 1e-7), normalization: .shared, units: .stride,
        clampNegativeRegression: true)

    /// EECS 498-007/598-005 assignment 4 (`FCOS.forward` in `one_stage_detector.py`, the handout's
    /// scaffold around the student's code): `sigmoid_focal_loss` (torchvision's, α = 0.25, γ = 2)
    /// on every location, `0.25 · F.l1_loss(…, reduction="none")` on the stride-normalised
    /// deltas ("multiply with 0.25 to average across four LTRB components") zeroed where the target
    /// delta is negative (background), BCE on the centerness zeroed where its target is −1
    /// (background); each summed and divided by `self._normalizer * batch_size`, where the
    /// normaliser is an EMA of positives per image (`0.9 · old + 0.1 · new`, starting at 150). Pass
    /// `normaliser · batch_size` as the `normalizer`; without one, `max(N_pos, 1)` is used. This is
    /// read from public copies of the handout's scaffold; the course's solution code is not public.
    public static let eecs498 = LossRules(
        regressionLoss: .l1(weight: 0.25), normalization: .shared, units: .stride)
}

/// An exponential moving average of the number of positives, the loss normaliser of detectron2
/// (`DenseDetector._ema_update`) and EECS 498: `value ← momentum · value + (1 − momentum) · x`.
/// Both exist because with one or two images per GPU `N_pos` jumps from batch to batch.
///
/// - detectron2 FCOS: `LossNormalizerEMA(initial: 300)`, observe `max(N_pos, 1)` each iteration
///   and divide by the returned value.
/// - EECS 498: `LossNormalizerEMA(initial: 150)`, observe `N_pos / batchSize` and divide by the
///   returned value times `batchSize`.
public struct LossNormalizerEMA: Hashable, Sendable {
    /// The current average.
    public var value: Double
    /// The weight of the old average in each update (0.9 in detectron2 and EECS 498).
    public var momentum: Double

    /// An average that starts at `initial`.
    public init(initial: Double, momentum: Double = 0.9) {
        value = initial
        self.momentum = momentum
    }

    /// Folds in one observation and returns the new average.
    @discardableResult
    public mutating func update(_ observation: Double) -> Double {
        value = value * momentum + observation * (1 - momentum)
        return value
    }
}

/// The FCOS training loss from flat inputs.
public enum FCOSLoss {
    /// The three terms under `rules`. `normalizer` replaces `max(N_pos, 1)` in
    /// ``LossRules/Normalization/shared`` (detectron2's and EECS 498's moving averages) and is
    /// ignored otherwise.
    public static func compute(_ inputs: FCOSLossInputs, rules: LossRules, normalizer: Float? = nil)
        -> FCOSLossValue
    {
        breakdown(inputs, rules: rules, normalizer: normalizer).value
    }

    /// Every sum and every divisor behind ``compute(_:rules:normalizer:)``, so a lesson or a
    /// debugging session can show where each term's size comes from.
    public static func breakdown(_ inputs: FCOSLossInputs, rules: LossRules, normalizer: Float? = nil)
        -> FCOSLossBreakdown
    {
        let positives = inputs.classTargets.indices.filter { inputs.classTargets[$0] >= 0 }
        let classificationSum = FocalLoss.sum(
            logits: inputs.classLogits, labels: inputs.classTargets, classCount: inputs.classCount,
            alpha: rules.alpha, gamma: rules.gamma)

        let centernessTargets = positives.map { Centerness.value(inputs.regressionTargets[$0]) }
        let centernessSum =
            positives.isEmpty
            ? 0
            : BinaryCrossEntropy.sum(
                logits: positives.map { inputs.centernessLogits[$0] }, targets: centernessTargets)
        let regressionLosses = positives.map { regressionLoss(inputs, $0, rules) }
        let weightSum = Reduction.sum(centernessTargets)
        let weightedRegression = Reduction.sum(zip(regressionLosses, centernessTargets).map { $0 * $1 })

        let positiveCount = Float(max(positives.count, 1))
        var result = FCOSLossBreakdown(
            positiveCount: positives.count, centernessTargetSum: weightSum,
            classificationSum: classificationSum, regressionSum: Reduction.sum(regressionLosses),
            centernessSum: centernessSum, classificationDivisor: positiveCount, regressionDivisor: 1,
            centernessDivisor: positiveCount, regressionIsWeighted: false)
        switch rules.normalization {
        case .official:
            guard !positives.isEmpty else { return result }
            if weightSum > 0 {
                result.regressionSum = weightedRegression
                result.regressionIsWeighted = true
            }
            // Σ ctr* can only be 0 if every positive's centerness underflows; the division by
            // it is then the reference's too (a non-finite loss), not something to hide.
            result.regressionDivisor = weightSum
        case .mmdet:
            let averageFactor = positiveCount + .ulpOfOne
            result.classificationDivisor = averageFactor
            result.centernessDivisor = averageFactor
            guard !positives.isEmpty else { return result }
            result.regressionIsWeighted = true
            result.regressionSum = centernessTargets.contains { $0 > 0 } ? weightedRegression : 0
            result.regressionDivisor = max(weightSum, 1e-6) + .ulpOfOne
        case .shared:
            let n = normalizer ?? positiveCount
            result.classificationDivisor = n
            result.regressionDivisor = n
            result.centernessDivisor = n
        }
        return result
    }

    /// The regression loss of positive location `i`.
    static func regressionLoss(_ inputs: FCOSLossInputs, _ i: Int, _ rules: LossRules) -> Float {
        let prediction = inputs.regression[i]
        let target = inputs.regressionTargets[i]
        let location = inputs.locations[i]
        let stride = inputs.strides[i]
        switch rules.regressionLoss {
        case .officialIoU(let kind):
            return IoULoss.value(prediction: prediction, target: target, kind: kind)
        case .mmdetIoU(let eps):
            return IoULoss.mmdetIoU(
                RegressionDeltas.decode(prediction, at: location, stride: stride),
                RegressionDeltas.decode(target, at: location, stride: stride), eps: eps)
        case .mmdetGIoU(let eps):
            return IoULoss.mmdetGIoU(
                RegressionDeltas.decode(prediction, at: location, stride: stride),
                RegressionDeltas.decode(target, at: location, stride: stride), eps: eps)
        case .giou(let eps):
            let box = RegressionDeltas.decode(
                prediction, at: location, stride: stride, units: rules.units,
                clampNegative: rules.clampNegativeRegression)
            let targetBox =
                inputs.targetBoxes?[i]
                ?? RegressionDeltas.decode(target, at: location, stride: stride, units: rules.units)
            return GIoULoss.value(box, targetBox, eps: eps)
        case .l1(let weight):
            var total: Float = 0
            for (p, t) in zip(prediction.array, target.array) where !(t < 0) {
                total += weight * abs(p - t)
            }
            return total
        }
    }
}
