import Coursework
import FCOS
import Foundation

/// A student's homework written from the task texts alone, without calling the toolkit's
/// implementations, with the option to make each named common mistake. With no mistake it must
/// pass every part under every preset (the grader accepts honest work written differently from
/// the toolkit); with one it must fail that part and name it.
struct HandWrittenStudent {
    enum Flaw: String, CaseIterable {
        case transposedGrid
        case flippedRangeBounds
        case maxArea
        case missingStrideNormalisation
        case centernessWithoutSqrt
        case focalLossWithoutAlpha
        case nmsGreaterOrEqual
        case edgesInside
        case lateTies
        case unsortedNMS
        case unstableLog
        case missingCenterSampling
        /// Exact areas where the preset ranks by the Float 1e8 − area (ties a few px² apart).
        case exactMinimumArea
        /// `applyDeltas` forgets × s; `deltas` is right.
        case decodeWithoutStride
        /// `min(l, r) * min(t, b) / max(l, r) * max(t, b)`, the precedence bug.
        case centernessPrecedence
        /// EECS 498's background marker: −1 when a distance is negative.
        case centernessOutsideMinusOne
        /// No test for negative distances: NaN outside the box.
        case centernessUnguarded
        /// `deltas` returns |x − x0|, …: never negative.
        case absoluteDistances
        /// `applyDeltas` moves the sides by negative distances where the preset clips them at 0.
        case unclippedNegativeDistances
        /// `√(min(l, t, r, b) / max(l, t, r, b))`.
        case centernessAllFour
        /// `applyDeltas` clips the box's corners at 0.
        case boxClippedAtZero
        /// The location grid built `height` wide and `width` tall.
        case swappedMapSizes
        /// NMS's union is area + area, without − intersection.
        case unionWithoutOverlap
    }

    var rules: AssignmentRules
    var flaws: Set<Flaw> = []
    /// The loss part's rules (written by ``LossStudent``, without flaws).
    var loss = LossRules.official
    /// Mistakes of the inference part (see `InferenceStudent`).
    var inferenceFlaws: Set<InferenceStudent.Flaw> = []
    /// The preset's inference rules; without them the submission has no inference function.
    var postProcessing: PostProcessingRules?

    func has(_ flaw: Flaw) -> Bool { flaws.contains(flaw) }

    var offset: (Int) -> Float {
        switch rules.locationOffset {
        case .flooredHalfStride: return { Float($0 / 2) }
        case .halfStride: return { Float($0) / 2 }
        case .zero: return { _ in 0 }
        }
    }

    func locations(width: Int, height: Int, stride: Int) -> [Point] {
        var points: [Point] = []
        let o = offset(stride)
        if has(.swappedMapSizes) {
            for i in 0..<width {
                for j in 0..<height {
                    points.append(Point(x: Float(j * stride) + o, y: Float(i * stride) + o))
                }
            }
        } else if has(.transposedGrid) {
            for j in 0..<width {
                for i in 0..<height {
                    points.append(Point(x: Float(j * stride) + o, y: Float(i * stride) + o))
                }
            }
        } else {
            for i in 0..<height {
                for j in 0..<width {
                    points.append(Point(x: Float(j * stride) + o, y: Float(i * stride) + o))
                }
            }
        }
        return points
    }

    func match(_ locations: [Point], level: FeatureLevel, boxes: [Box]) -> [Int] {
        let strict = (rules.sizeGate == .strict) != has(.flippedRangeBounds)
        let lower = level.sizeRange.lower
        let upper = level.sizeRange.upper
        let s = Float(level.stride)
        return locations.map { p in
            var best = -1
            var bestKey: Float = 0
            for (g, box) in boxes.enumerated() {
                let l = p.x - box.x0, t = p.y - box.y0, r = box.x1 - p.x, b = box.y1 - p.y
                let inside = has(.edgesInside) ? min(l, t, r, b) >= 0 : min(l, t, r, b) > 0
                guard inside else { continue }
                if !has(.missingCenterSampling) {
                    let cx = (box.x0 + box.x1) / 2, cy = (box.y0 + box.y1) / 2
                    switch rules.centerSampling {
                    case .off: break
                    case .chebyshev(let radius):
                        if max(abs(p.x - cx), abs(p.y - cy)) >= radius * s { continue }
                    case .clippedSubBox(let radius):
                        let x0 = max(cx - radius * s, box.x0), x1 = min(cx + radius * s, box.x1)
                        let y0 = max(cy - radius * s, box.y0), y1 = min(cy + radius * s, box.y1)
                        if !(p.x > x0 && p.x < x1 && p.y > y0 && p.y < y1) { continue }
                    }
                }
                let m = max(l, t, r, b)
                let inRange = strict ? (m > lower && m < upper) : (m >= lower && m <= upper)
                guard inRange else { continue }
                let pad: Float = rules.areaConvention == .inclusivePixels ? 1 : 0
                let area = (box.x1 - box.x0 + pad) * (box.y1 - box.y0 + pad)
                // float32 ranking: a larger 1e8 − area is better; plain: a smaller area.
                let key: Float =
                    rules.ambiguity == .float32Rank && !has(.exactMinimumArea) ? 100_000_000 - area : -area
                let better: Bool
                if best < 0 {
                    better = true
                } else if has(.maxArea) {
                    better = key < bestKey
                } else if has(.lateTies) {
                    better = key >= bestKey
                } else {
                    better = key > bestKey
                }
                if better {
                    best = g
                    bestKey = key
                }
            }
            return best
        }
    }

    var divides: Bool { rules.regressionUnits == .stride && !has(.missingStrideNormalisation) }

    func deltas(from p: Point, to box: Box, stride: Int) -> LTRB {
        let k: Float = divides ? Float(stride) : 1
        let d = LTRB(
            l: (p.x - box.x0) / k, t: (p.y - box.y0) / k, r: (box.x1 - p.x) / k, b: (box.y1 - p.y) / k)
        return has(.absoluteDistances) ? LTRB(l: abs(d.l), t: abs(d.t), r: abs(d.r), b: abs(d.b)) : d
    }

    /// Clips negative distances as EECS 498 asks. The rules do not say whether the preset clips,
    /// but only presets that clip hand `applyDeltas` a negative distance, so clipping always is
    /// honest under every preset.
    func applyDeltas(_ d: LTRB, at p: Point, stride: Int) -> Box {
        let k: Float = divides && !has(.decodeWithoutStride) ? Float(stride) : 1
        let d =
            has(.unclippedNegativeDistances)
            ? d : LTRB(l: max(d.l, 0), t: max(d.t, 0), r: max(d.r, 0), b: max(d.b, 0))
        let box = Box(x0: p.x - d.l * k, y0: p.y - d.t * k, x1: p.x + d.r * k, y1: p.y + d.b * k)
        guard has(.boxClippedAtZero) else { return box }
        return Box(x0: max(box.x0, 0), y0: max(box.y0, 0), x1: max(box.x1, 0), y1: max(box.y1, 0))
    }

    func centerness(of d: LTRB) -> Float {
        let smallest = min(d.l, d.t, d.r, d.b)
        if has(.centernessOutsideMinusOne) {
            if smallest < 0 { return -1 }
        } else if !has(.centernessUnguarded), smallest <= 0 {
            return 0
        }
        if has(.centernessAllFour) {
            return (min(d.l, d.t, d.r, d.b) / max(d.l, d.t, d.r, d.b)).squareRoot()
        }
        let value =
            has(.centernessPrecedence)
            ? min(d.l, d.r) * min(d.t, d.b) / max(d.l, d.r) * max(d.t, d.b)
            : (min(d.l, d.r) / max(d.l, d.r)) * (min(d.t, d.b) / max(d.t, d.b))
        return has(.centernessWithoutSqrt) ? value : value.squareRoot()
    }

    func focalLoss(logits: [Float], targets: [Float], alpha: Float, gamma: Float) -> [Float] {
        zip(logits, targets).map { x, z in
            let p = 1 / (1 + exp(-x))
            let ce: Float =
                has(.unstableLog)
                ? -z * log(p) - (1 - z) * log(1 - p)
                : max(x, 0) - x * z + log1p(exp(-abs(x)))
            let pt = p * z + (1 - p) * (1 - z)
            var loss = ce * pow(1 - pt, gamma)
            if alpha >= 0 && !has(.focalLossWithoutAlpha) {
                loss *= alpha * z + (1 - alpha) * (1 - z)
            }
            return loss
        }
    }

    func nms(boxes: [Box], scores: [Float], iouThreshold: Float) -> [Int] {
        let pad: Float = rules.areaConvention == .inclusivePixels ? 1 : 0
        var order = Array(boxes.indices)
        if !has(.unsortedNMS) {
            order.sort { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        }
        var kept: [Int] = []
        for i in order {
            let a = boxes[i]
            let overlapping = kept.contains { k in
                let b = boxes[k]
                let w = max(0, min(a.x1, b.x1) - max(a.x0, b.x0) + pad)
                let h = max(0, min(a.y1, b.y1) - max(a.y0, b.y0) + pad)
                let inter = w * h
                let union =
                    (a.x1 - a.x0 + pad) * (a.y1 - a.y0 + pad) + (b.x1 - b.x0 + pad) * (b.y1 - b.y0 + pad)
                    - (has(.unionWithoutOverlap) ? 0 : inter)
                let iou = inter / union
                return has(.nmsGreaterOrEqual) ? iou >= iouThreshold : iou > iouThreshold
            }
            if !overlapping { kept.append(i) }
        }
        return kept
    }

    var submission: Submission {
        let me = self
        return Submission(
            locations: { me.locations(width: $0, height: $1, stride: $2) },
            match: { me.match($0, level: $1, boxes: $2) },
            deltas: { me.deltas(from: $0, to: $1, stride: $2) },
            applyDeltas: { me.applyDeltas($0, at: $1, stride: $2) },
            centerness: { me.centerness(of: $0) },
            focalLoss: { me.focalLoss(logits: $0, targets: $1, alpha: $2, gamma: $3) },
            loss: LossStudent(rules: me.loss).function,
            nms: { me.nms(boxes: $0, scores: $1, iouThreshold: $2) },
            inference: postProcessing.map { rules -> Submission.InferenceFunction in
                let student = InferenceStudent(rules: rules, flaws: me.inferenceFlaws)
                return { student.detections($0, imageWidth: $1, imageHeight: $2) }
            })
    }
}

extension HandWrittenStudent.Flaw {
    /// The part the flaw breaks and the mistake the grader should name.
    var expected: (part: Part, mistake: String) {
        switch self {
        case .transposedGrid: return (.locations, "transposed-location-grid")
        case .flippedRangeBounds: return (.matching, "range-bounds")
        case .maxArea: return (.matching, "max-area")
        case .missingStrideNormalisation: return (.deltas, "missing-stride-normalisation")
        case .centernessWithoutSqrt: return (.centerness, "no-sqrt")
        case .focalLossWithoutAlpha: return (.focalLoss, "no-alpha")
        case .nmsGreaterOrEqual: return (.nms, "greater-or-equal")
        case .edgesInside: return (.matching, "edges-inside")
        case .lateTies: return (.matching, "late-ties")
        case .unsortedNMS: return (.nms, "unsorted")
        case .unstableLog: return (.focalLoss, "unstable-log")
        case .missingCenterSampling: return (.matching, "no-center-sampling")
        case .exactMinimumArea: return (.matching, "exact-min-area")
        case .decodeWithoutStride: return (.deltas, "decoding-without-stride")
        case .centernessPrecedence: return (.centerness, "centerness-precedence")
        case .centernessOutsideMinusOne: return (.centerness, "centerness-outside-minus-one")
        case .centernessUnguarded: return (.centerness, "centerness-no-outside-guard")
        case .absoluteDistances: return (.deltas, "absolute-distances")
        case .unclippedNegativeDistances: return (.deltas, "negative-distances-not-clipped")
        case .centernessAllFour: return (.centerness, "centerness-all-four")
        case .boxClippedAtZero: return (.deltas, "box-clipped-at-zero")
        case .swappedMapSizes: return (.locations, "swapped-map-sizes")
        case .unionWithoutOverlap: return (.nms, "union-without-overlap")
        }
    }

    /// Flaws that only the hidden cases show (they alone hold float32 near-ties or locations
    /// outside their box).
    var needsHiddenCases: Bool {
        switch self {
        case .exactMinimumArea, .centernessOutsideMinusOne, .centernessUnguarded: return true
        default: return false
        }
    }
}
