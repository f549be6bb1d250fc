import FCOS
import Foundation

@testable import Coursework

/// The loss part written the way a student writes it from the task text: plain loops in Float,
/// no toolkit call, with the option to make each named mistake. Without flaws it must pass
/// under every preset; with one it must fail and be named by exactly that mistake.
struct LossStudent {
    enum Flaw: String, CaseIterable {
        case softmax
        case backgroundLastClass
        case backgroundClassZero
        case unmaskedBox
        case unmaskedCenterness
        case divideByLocations
        case divideByBoxes
        case unclamped
        case mean
        case doubleSigmoid
        case unweightedBox
        case boxOverPositives
        case l1WithoutQuarter
        case iouGIoUConfusion
        case noReLU

        var mistake: String {
            switch self {
            case .softmax: return "softmax-focal-loss"
            case .backgroundLastClass: return "background-as-last-class"
            case .backgroundClassZero: return "background-as-class-zero"
            case .unmaskedBox: return "background-box-loss"
            case .unmaskedCenterness: return "background-centerness-loss"
            case .divideByLocations: return "divide-by-locations"
            case .divideByBoxes: return "divide-by-boxes"
            case .unclamped: return "unclamped-positives"
            case .mean: return "mean-instead-of-sum"
            case .doubleSigmoid: return "centerness-double-sigmoid"
            case .unweightedBox: return "unweighted-box-loss"
            case .boxOverPositives: return "box-loss-over-positives"
            case .l1WithoutQuarter: return "l1-without-quarter"
            case .iouGIoUConfusion: return "iou-giou-confusion"
            case .noReLU: return "no-relu"
            }
        }

        /// Whether the flaw changes anything under `rules`.
        func applies(to rules: LossRules) -> Bool {
            switch self {
            case .unweightedBox, .boxOverPositives: return rules.normalization != .shared
            case .l1WithoutQuarter:
                if case .l1 = rules.regressionLoss { return true }
                return false
            case .iouGIoUConfusion:
                if case .l1 = rules.regressionLoss { return false }
                return true
            case .noReLU: return rules.clampNegativeRegression
            case .softmax, .backgroundLastClass, .backgroundClassZero, .unmaskedBox, .unmaskedCenterness,
                .divideByLocations, .divideByBoxes, .unclamped, .mean, .doubleSigmoid:
                return true
            }
        }
    }

    var rules: LossRules
    var flaws: Set<Flaw> = []

    func has(_ flaw: Flaw) -> Bool { flaws.contains(flaw) }

    func bce(_ x: Float, _ z: Float) -> Float { max(x, 0) - x * z + log1p(exp(-abs(x))) }

    func centerness(_ d: LTRB) -> Float {
        guard min(d.l, d.t, d.r, d.b) > 0 else { return 0 }
        return ((min(d.l, d.r) / max(d.l, d.r)) * (min(d.t, d.b) / max(d.t, d.b))).squareRoot()
    }

    func focal(_ p: Float, _ z: Float, _ crossEntropy: Float) -> Float {
        let pt = p * z + (1 - p) * (1 - z)
        return (rules.alpha * z + (1 - rules.alpha) * (1 - z)) * pow(1 - pt, rules.gamma) * crossEntropy
    }

    func classification(_ x: FCOSLossInputs) -> Float {
        let c = x.classCount
        var total: Float = 0
        for i in x.classTargets.indices {
            var label = x.classTargets[i]
            if label < 0, has(.backgroundLastClass) { label = c - 1 }
            if label < 0, has(.backgroundClassZero) { label = 0 }
            let row = Array(x.classLogits[(i * c)..<((i + 1) * c)])
            let top = row.max()!
            let total2 = row.map { exp($0 - top) }.reduce(0, +)
            for k in 0..<c {
                let z: Float = label == k ? 1 : 0
                if has(.softmax) {
                    let p = exp(row[k] - top) / total2
                    total += focal(p, z, -z * log(p) - (1 - z) * log(1 - p))
                } else {
                    total += focal(1 / (1 + exp(-row[k])), z, bce(row[k], z))
                }
            }
        }
        return total
    }

    func boxLoss(_ x: FCOSLossInputs, _ i: Int) -> Float {
        var p = x.regression[i]
        let t = x.regressionTargets[i]
        let q = x.locations[i]
        switch rules.regressionLoss {
        case .officialIoU(let kind):
            let a = (p.l + p.r) * (p.t + p.b)
            let b = (t.l + t.r) * (t.t + t.b)
            let inter = (min(p.l, t.l) + min(p.r, t.r)) * (min(p.t, t.t) + min(p.b, t.b))
            let union = a + b - inter
            let iou = (inter + 1) / (union + 1)
            let giou = (kind == .giou) != has(.iouGIoUConfusion)
            if !giou { return -log(iou) }
            let c = (max(p.l, t.l) + max(p.r, t.r)) * (max(p.t, t.t) + max(p.b, t.b)) + 1e-7
            return 1 - (iou - (c - union) / c)
        case .mmdetGIoU, .mmdetIoU:
            let a = Box(x0: q.x - p.l, y0: q.y - p.t, x1: q.x + p.r, y1: q.y + p.b)
            let b = Box(x0: q.x - t.l, y0: q.y - t.t, x1: q.x + t.r, y1: q.y + t.b)
            let w = max(min(a.x1, b.x1) - max(a.x0, b.x0), 0)
            let h = max(min(a.y1, b.y1) - max(a.y0, b.y0), 0)
            let union = max(a.width * a.height + b.width * b.height - w * h, 1e-6)
            let iou = w * h / union
            var giou = true
            if case .mmdetIoU = rules.regressionLoss { giou = false }
            if has(.iouGIoUConfusion) { giou.toggle() }
            if !giou { return -log(max(iou, 1e-6)) }
            let cw = max(max(a.x1, b.x1) - min(a.x0, b.x0), 0)
            let ch = max(max(a.y1, b.y1) - min(a.y0, b.y0), 0)
            let c = max(cw * ch, 1e-6)
            return 1 - (iou - (c - union) / c)
        case .giou:
            if rules.clampNegativeRegression && !has(.noReLU) {
                p = LTRB(l: max(p.l, 0), t: max(p.t, 0), r: max(p.r, 0), b: max(p.b, 0))
            }
            let s = rules.units == .stride ? x.strides[i] : 1
            let a = Box(x0: q.x - p.l * s, y0: q.y - p.t * s, x1: q.x + p.r * s, y1: q.y + p.b * s)
            let b = x.targetBoxes![i]
            let w = min(a.x1, b.x1) - max(a.x0, b.x0)
            let h = min(a.y1, b.y1) - max(a.y0, b.y0)
            let inter: Float = w > 0 && h > 0 ? w * h : 0
            let union = a.width * a.height + b.width * b.height - inter
            if has(.iouGIoUConfusion) { return 1 - inter / (union + 1e-7) }
            let c = (max(a.x1, b.x1) - min(a.x0, b.x0)) * (max(a.y1, b.y1) - min(a.y0, b.y0))
            return 1 - (inter / (union + 1e-7) - (c - union) / (c + 1e-7))
        case .l1(let weight):
            let w: Float = has(.l1WithoutQuarter) ? 1 : weight
            var total: Float = 0
            for (a, b) in zip(p.array, t.array) where has(.unmaskedBox) || b >= 0 { total += w * abs(a - b) }
            return total
        }
    }

    func loss(_ x: FCOSLossInputs, boxCount: Int) -> FCOSLossValue {
        let n = x.classTargets.count
        let positives = x.classTargets.indices.filter { x.classTargets[$0] >= 0 }
        let boxLocations = has(.unmaskedBox) ? Array(0..<n) : positives
        let centernessLocations = has(.unmaskedCenterness) ? Array(0..<n) : positives
        var boxSum: Float = 0
        var weightSum: Float = 0
        var weightedSum: Float = 0
        for i in boxLocations {
            let l = boxLoss(x, i)
            let w = centerness(x.regressionTargets[i])
            boxSum += l
            weightSum += w
            weightedSum += w * l
        }
        var centernessSum: Float = 0
        for i in centernessLocations {
            var logit = x.centernessLogits[i]
            if has(.doubleSigmoid) { logit = 1 / (1 + exp(-logit)) }
            centernessSum += bce(logit, centerness(x.regressionTargets[i]))
        }
        let mmdet = rules.normalization == .mmdet
        var divisor = Float(max(positives.count, 1)) + (mmdet ? .ulpOfOne : 0)
        if has(.unclamped) { divisor = Float(positives.count) }
        if has(.divideByLocations) { divisor = Float(n) }
        if has(.divideByBoxes) { divisor = Float(max(boxCount, 1)) }
        var classDivisor = divisor
        var boxDivisor = divisor
        var centernessDivisor = divisor
        if has(.mean) {
            classDivisor = Float(n * x.classCount)
            var perLocation = 1
            if case .l1 = rules.regressionLoss { perLocation = 4 }
            boxDivisor = Float(boxLocations.count * perLocation)
            centernessDivisor = Float(centernessLocations.count)
        }
        var regression: Float
        switch rules.normalization {
        case .shared:
            regression = boxSum / boxDivisor
        case .official, .mmdet:
            let sum = has(.unweightedBox) ? boxSum : weightedSum
            if has(.unweightedBox) || has(.boxOverPositives) {
                regression = sum / boxDivisor
            } else {
                regression =
                    mmdet ? (weightSum > 0 ? sum : 0) / (max(weightSum, 1e-6) + .ulpOfOne) : sum / weightSum
            }
        }
        let guarded = !has(.unclamped) && !has(.mean)
        if boxLocations.isEmpty, guarded { regression = 0 }
        let centernessTerm =
            centernessLocations.isEmpty && guarded ? 0 : centernessSum / centernessDivisor
        return FCOSLossValue(
            classification: classification(x) / classDivisor, regression: regression,
            centerness: centernessTerm)
    }

    var function: Submission.LossFunction {
        let me = self
        return { me.loss($0, boxCount: $1) }
    }
}
