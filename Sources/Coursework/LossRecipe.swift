import FCOS
import Foundation

/// How the whole per-image FCOS loss can be computed, right or wrong: each switch is one place
/// where students' code departs from the reference (``FCOSLoss/breakdown(_:rules:normalizer:)``).
/// Unchanged (``init(rules:)``) it equals the reference on every case, which the tests check.
///
/// Besides the three terms it keeps each location's contribution to each term, so that an
/// explanation can point at the location where a recognised mistake makes the most difference.
struct LossRecipe: Equatable {
    /// How a class probability is formed from the logits.
    enum Probability: Equatable {
        /// `σ(x)` per element, the sigmoid focal loss of every reference.
        case sigmoid
        /// A softmax over the row's `C` logits, then the focal loss on those probabilities.
        case softmax
    }

    /// The one-hot target row of a background location (class target −1).
    enum BackgroundRow: Equatable {
        /// All zeros: background is no class.
        case zeros
        /// A 1 in the last column, as Python's `eye[-1]` indexing gives.
        case lastClass
        /// A 1 in column 0, as clamping −1 to 0 gives.
        case firstClass
    }

    /// What the terms that the reference divides by `max(N_pos, 1)` are divided by.
    enum Divisor: Equatable {
        /// `max(N_pos, 1)` (plus float32's ε under mmdetection): the reference.
        case positives
        /// `N_pos`, unclamped: an image without positives gives `x / 0`.
        case unclamped
        /// The number of locations.
        case locations
        /// `max(number of GT boxes, 1)`.
        case boxes
        /// Each term averaged over its own elements: the focal loss over `N × C` logits, the box
        /// loss over its summed elements (4 per location for L1), the centerness over its locations.
        case mean
    }

    /// The per-location box loss.
    enum BoxLoss: Equatable {
        /// The reference's own (``LossRules/RegressionLoss``).
        case reference(LossRules.RegressionLoss)
        /// `1 − IoU` on the decoded boxes, torchvision's ε: GIoU's enclosing-box term left out.
        case plainIoU
    }

    var probability = Probability.sigmoid
    var background = BackgroundRow.zeros
    /// Box loss over positives only (and, for L1, components with a negative target zeroed).
    var maskBox = true
    /// Centerness BCE over positives only.
    var maskCenterness = true
    var divisor = Divisor.positives
    var boxLoss: BoxLoss
    /// The L1 weight (0.25 in EECS 498).
    var l1Weight: Float = 0.25
    /// Box loss weighted by the centerness targets (official, mmdetection).
    var weighted: Bool
    /// Weighted box loss divided by `Σ ctr*` rather than by the shared divisor.
    var overCenternessSum: Bool
    /// Predicted distances clipped at 0 before decoding (detectron2).
    var clampNegative: Bool
    /// The centerness logits passed through a sigmoid before the BCE-with-logits.
    var doubleSigmoid = false

    let rules: LossRules

    init(rules: LossRules) {
        self.rules = rules
        boxLoss = .reference(rules.regressionLoss)
        if case .l1(let weight) = rules.regressionLoss { l1Weight = weight }
        switch rules.normalization {
        case .official, .mmdet:
            weighted = true
            overCenternessSum = true
        case .shared:
            weighted = false
            overCenternessSum = false
        }
        clampNegative = rules.clampNegativeRegression
    }

    /// The three terms, and each location's share of each sum (before division).
    struct Evaluation {
        var value: FCOSLossValue
        var classification: [Double]
        var regression: [Double]
        var centerness: [Double]
        var divisors: (classification: Double, regression: Double, centerness: Double)
    }

    func evaluate(_ inputs: FCOSLossInputs, boxCount: Int) -> Evaluation {
        let n = inputs.classTargets.count
        let classCount = inputs.classCount
        let positives = inputs.classTargets.map { $0 >= 0 }
        let positiveCount = positives.filter { $0 }.count

        // Classification: the focal loss over every location and class.
        var targets = [Float](repeating: 0, count: n * classCount)
        for (i, label) in inputs.classTargets.enumerated() {
            let column: Int?
            if label >= 0 {
                column = label
            } else {
                switch background {
                case .zeros: column = nil
                case .lastClass: column = classCount - 1
                case .firstClass: column = 0
                }
            }
            if let column { targets[i * classCount + column] = 1 }
        }
        let elements: [Float]
        switch probability {
        case .sigmoid:
            elements = FocalLoss.elements(
                logits: inputs.classLogits, targets: targets, alpha: rules.alpha, gamma: rules.gamma)
        case .softmax:
            elements = softmaxFocalLoss(inputs.classLogits, targets, classCount: classCount)
        }
        var classification = [Double](repeating: 0, count: n)
        for i in 0..<n {
            for c in 0..<classCount { classification[i] += Double(elements[i * classCount + c]) }
        }

        // Box and centerness losses over the positives (or every location, unmasked).
        let ctrTargets = inputs.regressionTargets.map(Centerness.value)
        var regression = [Double](repeating: 0, count: n)
        var weights = [Double](repeating: 0, count: n)
        var regressionCount = 0
        for i in 0..<n where positives[i] || !maskBox {
            regression[i] = Double(boxLoss(inputs, i))
            weights[i] = Double(ctrTargets[i])
            regressionCount += 1
        }
        var centerness = [Double](repeating: 0, count: n)
        var centernessCount = 0
        for i in 0..<n where positives[i] || !maskCenterness {
            var x = inputs.centernessLogits[i]
            if doubleSigmoid { x = 1 / (1 + expf(-x)) }
            centerness[i] = Double(BinaryCrossEntropy.value(logit: x, target: ctrTargets[i]))
            centernessCount += 1
        }
        let shared: Double
        let epsilon = rules.normalization == .mmdet ? Double(Float.ulpOfOne) : 0
        switch divisor {
        case .positives: shared = Double(max(positiveCount, 1)) + epsilon
        case .unclamped: shared = Double(positiveCount)
        case .locations: shared = Double(n)
        case .boxes: shared = Double(max(boxCount, 1))
        case .mean: shared = Double(positiveCount)
        }
        var classificationDivisor = shared
        var centernessDivisor = shared
        var regressionDivisor = shared
        if divisor == .mean {
            classificationDivisor = Double(n * classCount)
            centernessDivisor = Double(centernessCount)
            // An L1 loss has four elements per location (l, t, r, b).
            var perLocation = 1
            if case .reference(.l1) = boxLoss { perLocation = 4 }
            regressionDivisor = Double(regressionCount * perLocation)
        }

        var regressionSum = regression.reduce(0, +)
        let weightSum = weights.reduce(0, +)
        if weighted {
            // mmdetection's weighted mean is 0 when no weight is positive. (The official code falls
            // back to the unweighted sum then, which only happens without positives, where the
            // term is 0 anyway; a student's Σ ctr*·L / Σ ctr* gives 0 / 0 there, as this does.)
            let weightedSum = zip(regression, weights).reduce(0) { $0 + $1.0 * $1.1 }
            regressionSum = rules.normalization == .mmdet && weightSum == 0 ? 0 : weightedSum
        }
        if weighted, overCenternessSum {
            regressionDivisor =
                rules.normalization == .mmdet ? max(weightSum, 1e-6) + epsilon : Double(Float(weightSum))
        }

        func divide(_ sum: Double, _ divisor: Double, count: Int) -> Float {
            // The reference returns 0 for a term with nothing in it; a student who divides by
            // an unclamped count gets 0 / 0 there.
            if count == 0, self.divisor != .unclamped, self.divisor != .mean { return 0 }
            return Float(sum) / Float(divisor)
        }
        let classificationSum = Float(classification.reduce(0, +))
        let value = FCOSLossValue(
            classification: classificationSum / Float(classificationDivisor),
            regression: divide(regressionSum, regressionDivisor, count: regressionCount),
            centerness: divide(centerness.reduce(0, +), centernessDivisor, count: centernessCount))
        return Evaluation(
            value: value, classification: classification,
            regression: weighted ? zip(regression, weights).map { $0 * $1 } : regression,
            centerness: centerness,
            divisors: (classificationDivisor, regressionDivisor, centernessDivisor))
    }

    /// The focal loss with `p` from a softmax over each row (shifted by the row's maximum, as a
    /// careful student writes it) instead of a sigmoid per element.
    func softmaxFocalLoss(_ logits: [Float], _ targets: [Float], classCount: Int) -> [Float] {
        var result = [Float](repeating: 0, count: logits.count)
        let rows = classCount == 0 ? 0 : logits.count / classCount
        for row in 0..<rows {
            let slice = logits[(row * classCount)..<((row + 1) * classCount)]
            let top = slice.max() ?? 0
            let exps = slice.map { expf($0 - top) }
            let total = exps.reduce(0, +)
            for c in 0..<classCount {
                let k = row * classCount + c
                let p = exps[c] / total
                let z = targets[k]
                let crossEntropy = -z * logf(p) - (1 - z) * logf(1 - p)
                let pt = p * z + (1 - p) * (1 - z)
                var loss = powf(1 - pt, rules.gamma) * crossEntropy
                if rules.alpha >= 0 { loss *= rules.alpha * z + (1 - rules.alpha) * (1 - z) }
                result[k] = loss
            }
        }
        return result
    }

    /// The box loss of location `i`, as ``FCOSLoss`` computes it for a positive.
    func boxLoss(_ inputs: FCOSLossInputs, _ i: Int) -> Float {
        let prediction = inputs.regression[i]
        let target = inputs.regressionTargets[i]
        let location = inputs.locations[i]
        let stride = inputs.strides[i]
        let targetBox =
            inputs.targetBoxes?[i]
            ?? RegressionDeltas.decode(target, at: location, stride: stride, units: rules.units)
        switch boxLoss {
        case .plainIoU:
            let box = RegressionDeltas.decode(
                prediction, at: location, stride: stride, units: rules.units, clampNegative: clampNegative)
            return 1 - Self.iou(box, targetBox, eps: 1e-7)
        case .reference(let loss):
            switch loss {
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
                    prediction, at: location, stride: stride, units: rules.units, clampNegative: clampNegative
                )
                return GIoULoss.value(box, targetBox, eps: eps)
            case .l1:
                var total: Float = 0
                for (p, t) in zip(prediction.array, target.array) where !(maskBox && t < 0) {
                    total += l1Weight * abs(p - t)
                }
                return total
            }
        }
    }

    /// `I / (U + eps)`, the overlap clamped at 0 in each axis.
    static func iou(_ a: Box, _ b: Box, eps: Float) -> Float {
        let w = max(min(a.x1, b.x1) - max(a.x0, b.x0), 0)
        let h = max(min(a.y1, b.y1) - max(a.y0, b.y0), 0)
        let intersection = w * h
        let union = (a.x1 - a.x0) * (a.y1 - a.y0) + (b.x1 - b.x0) * (b.y1 - b.y0) - intersection
        return intersection / (union + eps)
    }
}
