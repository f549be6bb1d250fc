/// One pyramid level's dense head outputs for one image, in the order the locations are listed.
public struct DensePredictions: Hashable, Sendable {
    /// Location `i` in image pixels.
    public var locations: [Point]
    /// The level's stride `s`.
    public var stride: Float
    /// Classification logits, `N × C` row-major: `classLogits[i·C + c]` for location `i`, class `c`.
    public var classLogits: [Float]
    /// Predicted distances `(l, t, r, b)`, already non-negative (the head's `exp` or ReLU), in
    /// the units of the rules decoding them (pixels, or strides when the preset normalises).
    public var regression: [LTRB]
    /// Centerness logits, one per location.
    public var centernessLogits: [Float]

    /// Outputs for one level; traps when the arrays disagree in length (a programming error).
    public init(
        locations: [Point], stride: Float, classLogits: [Float], regression: [LTRB], centernessLogits: [Float]
    ) {
        precondition(regression.count == locations.count, "one regression per location")
        precondition(centernessLogits.count == locations.count, "one centerness logit per location")
        precondition(
            locations.isEmpty ? classLogits.isEmpty : classLogits.count % locations.count == 0,
            "class logits must be N × C")
        self.locations = locations
        self.stride = stride
        self.classLogits = classLogits
        self.regression = regression
        self.centernessLogits = centernessLogits
    }

    /// `C`, the number of classes.
    public var classCount: Int { locations.isEmpty ? 0 : classLogits.count / locations.count }
}

/// A detection after post-processing.
public struct Detection: Hashable, Sendable {
    /// The decoded box in image pixels.
    public var box: Box
    /// The score NMS ranked by (``PostProcessingRules/finalScore``).
    public var score: Float
    /// The class index, `0..<C`.
    public var label: Int
    /// The index of the pyramid level in the input.
    public var level: Int
    /// The index of the location within its level.
    public var locationIndex: Int

    /// A detection with where it came from.
    public init(box: Box, score: Float, label: Int, level: Int, locationIndex: Int) {
        self.box = box
        self.score = score
        self.label = label
        self.level = level
        self.locationIndex = locationIndex
    }
}

/// How a reference turns dense predictions into detections (the paper's §4.1 inference: keep
/// locations whose score passes 0.05, multiply by centerness, NMS at 0.6, 100 detections). The
/// references differ in what the threshold applies to, how candidates are ranked, what the final
/// score is, how boxes are clipped and which NMS runs; each preset below says where its numbers
/// come from. With `p = σ(class logit)` and `ctr = σ(centerness logit)`:
///
/// | preset | threshold on | top-k per level, by | score | clip | NMS |
/// |---|---|---|---|---|---|
/// | `official` | `p > 0.05` | 1000, `p·ctr` | `√(p·ctr)` | `[0, W−1]` | 0.6, `+1` widths |
/// | `mmdet` | `p > 0.05` | 1000, `p` | `p·ctr` | `[0, W]`, drop empty | 0.5 |
/// | `torchvision` | `√(p·ctr) > 0.2` | 1000, `√(p·ctr)` | `√(p·ctr)` | `[0, W]` | 0.6 |
/// | `detectron2` | `√(p·ctr) > 0.2` | 1000, `√(p·ctr)` | `√(p·ctr)` | after NMS | 0.6 |
/// | `eecs498` | best class, `√(p·ctr) > 0.3` | none | `√(p·ctr)` | `[0, W]` | 0.5, no cap |
///
/// Every NMS is class-aware and suppresses at `IoU > threshold`. Ties (equal scores in a top-k or
/// NMS) are broken by position, where the references' sorts are not stable. The sigmoid is
/// ``FocalLoss``'s float32 kernel, within about 2 ulps of PyTorch's, so a score within a few
/// ulps of a threshold can fall the other way.
public struct PostProcessingRules: Sendable, Hashable {
    /// A per-(location, class) score.
    public enum Score: String, Sendable, CaseIterable {
        /// `p`, the class probability alone.
        case classProbability = "p"
        /// `p·ctr`.
        case product = "p*ctr"
        /// `√(p·ctr)`, computed as `sqrt(p * ctr)` in float32.
        case geometricMean = "sqrt(p*ctr)"
    }

    /// Which classes of a location can become candidates.
    public enum ClassesPerLocation: String, Sendable, CaseIterable {
        /// Every (location, class) pair is scored and filtered on its own.
        case all
        /// Only the class with the highest threshold score (the first on ties), as EECS 498's
        /// `level_pred_scores.max(dim=1)`.
        case best
    }

    /// How decoded boxes are clipped to the image.
    public enum Clipping: String, Sendable, CaseIterable {
        /// No clipping.
        case none
        /// x to `[0, W]`, y to `[0, H]`: torchvision's `clip_boxes_to_image`, mmdetection's
        /// `distance2bbox(…, max_shape)`, detectron2's `Boxes.clip`.
        case continuous
        /// x to `[0, W − 1]`, y to `[0, H − 1]`: maskrcnn-benchmark's `BoxList.clip_to_image`
        /// (`TO_REMOVE = 1`).
        case inclusivePixels = "inclusive-pixels"
    }

    /// How many detections survive NMS.
    public enum DetectionCap: Sendable, Hashable {
        /// All of them (EECS 498).
        case none
        /// The first `k` in descending score order (`keep[:k]`).
        case first(Int)
        /// Every detection scoring at least the `k`-th highest score, which can be more than `k`
        /// on ties: the official `select_over_all_levels` keeps `scores >= kthvalue(…)`.
        case scoresAtLeastKth(Int)
    }

    /// Candidates must score strictly above this (`>`), in float32.
    public var scoreThreshold: Float
    /// The score the threshold applies to.
    public var thresholdScore: Score
    /// Whether a location yields one candidate per class above the threshold or only its best class.
    public var classesPerLocation: ClassesPerLocation
    /// How many candidates each level keeps after thresholding, or `nil` for all.
    public var candidatesPerLevel: Int?
    /// The score the per-level top-k ranks by.
    public var rankingScore: Score
    /// The score a detection carries into NMS and out of it.
    public var finalScore: Score
    /// The units of ``DensePredictions/regression``; `.stride` multiplies by the level's stride.
    public var units: RegressionUnits
    /// Clip negative distances at 0 before decoding (detectron2's `apply_deltas` ReLU, EECS 498).
    public var clampNegativeRegression: Bool
    /// Clipping before NMS.
    public var clipping: Clipping
    /// Drop boxes with zero width or height before NMS (mmdetection's `min_bbox_size = 0` keeps
    /// `w > 0 and h > 0`).
    public var removeEmptyBeforeNMS: Bool
    /// NMS threshold; see ``NMS`` for why it is a `Double` and float32 kernels store `Float(t)`.
    public var nmsThreshold: Double
    /// How NMS measures areas and overlaps.
    public var nmsConvention: BoxConvention
    /// Whether an IoU equal to the threshold suppresses.
    public var nmsSuppression: NMS.Suppression
    /// How many detections survive NMS.
    public var detectionCap: DetectionCap
    /// Clip to `[0, W] × [0, H]` and drop empty boxes after NMS and the cap, as detectron2's
    /// `detector_postprocess` does (it does not clip before NMS).
    public var clipAndRemoveEmptyAfterNMS: Bool

    /// Post-processing rules from explicit choices; see ``Preset/postProcessing`` for each reference's.
    public init(
        scoreThreshold: Float, thresholdScore: Score, classesPerLocation: ClassesPerLocation = .all,
        candidatesPerLevel: Int?, rankingScore: Score, finalScore: Score, units: RegressionUnits,
        clampNegativeRegression: Bool = false, clipping: Clipping, removeEmptyBeforeNMS: Bool = false,
        nmsThreshold: Double, nmsConvention: BoxConvention = .continuous,
        nmsSuppression: NMS.Suppression = .greaterThan, detectionCap: DetectionCap,
        clipAndRemoveEmptyAfterNMS: Bool = false
    ) {
        self.scoreThreshold = scoreThreshold
        self.thresholdScore = thresholdScore
        self.classesPerLocation = classesPerLocation
        self.candidatesPerLevel = candidatesPerLevel
        self.rankingScore = rankingScore
        self.finalScore = finalScore
        self.units = units
        self.clampNegativeRegression = clampNegativeRegression
        self.clipping = clipping
        self.removeEmptyBeforeNMS = removeEmptyBeforeNMS
        self.nmsThreshold = nmsThreshold
        self.nmsConvention = nmsConvention
        self.nmsSuppression = nmsSuppression
        self.detectionCap = detectionCap
        self.clipAndRemoveEmptyAfterNMS = clipAndRemoveEmptyAfterNMS
    }
}

extension PostProcessingRules {
    /// The authors' code (tianzhi0549/FCOS, `fcos_core/modeling/rpn/fcos/inference.py`,
    /// `FCOSPostProcessor`, defaults from `fcos_core/config/defaults.py`): candidates are pairs with
    /// `p > INFERENCE_TH = 0.05`; `box_cls = p·ctr` is formed before the per-level
    /// `topk(PRE_NMS_TOP_N = 1000)`; the stored score is `torch.sqrt(box_cls)`; boxes are
    /// `location ∓ distances` in pixels, `clip_to_image(remove_empty=False)` to `[0, W−1]`;
    /// `remove_small_boxes(min_size=0)` removes nothing; then `boxlist_ml_nms` with `NMS_TH = 0.6`
    /// runs the CUDA `ml_nms` kernel (`+1` widths, float threshold, `>`); `DETECTIONS_PER_IMG =
    /// 100` keeps `scores >= kthvalue`. The kernel returns the kept boxes in index order; here
    /// they are in score order.
    public static let official = PostProcessingRules(
        scoreThreshold: 0.05, thresholdScore: .classProbability, candidatesPerLevel: 1000,
        rankingScore: .product, finalScore: .geometricMean, units: .pixels, clipping: .inclusivePixels,
        nmsThreshold: Double(Float(0.6)), nmsConvention: .inclusivePixels,
        detectionCap: .scoresAtLeastKth(100))

    /// The authors' improved configurations (`fcos_imprv_*`) post-process like ``official``; the
    /// head is trained on stride-normalised targets (`NORM_REG_TARGETS`) and multiplies its output
    /// by the stride at test time, so here the distances arrive in strides.
    public static let officialImprv: PostProcessingRules = {
        var rules = official
        rules.units = .stride
        return rules
    }()

    /// mmdetection 3.x (`BaseDenseHead._predict_by_feat_single` and `_bbox_post_process`, FCOS
    /// `test_cfg = dict(nms_pre=1000, min_bbox_size=0, score_thr=0.05, nms=dict(type='nms',
    /// iou_threshold=0.5), max_per_img=100)`): `filter_scores_and_topk` keeps pairs with `p > 0.05`
    /// and the 1000 highest `p` per level; centerness is a "score factor" multiplied in
    /// afterwards, so the score is `p·ctr` (no square root; a TODO in the source says so);
    /// `distance2bbox` clips to `[0, W]`; boxes with `w ≤ 0` or `h ≤ 0` are dropped; mmcv's
    /// `batched_nms` at 0.5 (float threshold, `>`); the first 100. Distances arrive in strides, as
    /// the `norm_on_bbox` head multiplies by the stride at test time. (mmdetection 2.x instead
    /// ranked locations by `max_c p·ctr` before its `multiclass_nms`; not modelled.)
    public static let mmdet = PostProcessingRules(
        scoreThreshold: 0.05, thresholdScore: .classProbability, candidatesPerLevel: 1000,
        rankingScore: .classProbability, finalScore: .product, units: .stride, clipping: .continuous,
        removeEmptyBeforeNMS: true, nmsThreshold: Double(Float(0.5)), detectionCap: .first(100))

    /// torchvision (`torchvision/models/detection/fcos.py`, `FCOS.postprocess_detections`, defaults
    /// `score_thresh=0.2, nms_thresh=0.6, detections_per_img=100, topk_candidates=1000`): the score
    /// `sqrt(sigmoid(cls) · sigmoid(ctr))` is thresholded and ranked per level; `BoxLinearCoder`
    /// decodes `centre ∓ distance · stride`; `clip_boxes_to_image` clips to `[0, W]`;
    /// `batched_nms` at 0.6 compares the float IoU with a double threshold; `keep[:100]`.
    public static let torchvision = PostProcessingRules(
        scoreThreshold: 0.2, thresholdScore: .geometricMean, candidatesPerLevel: 1000,
        rankingScore: .geometricMean, finalScore: .geometricMean, units: .stride, clipping: .continuous,
        nmsThreshold: 0.6, detectionCap: .first(100))

    /// detectron2 (`detectron2/modeling/meta_arch/fcos.py`, `FCOS.forward_inference`, with
    /// `DenseDetector._decode_per_level_predictions`; constructor defaults `test_score_thresh=0.2,
    /// test_topk_candidates=1000, test_nms_thresh=0.6, max_detections_per_image=100`): like
    /// torchvision, except that `Box2BoxTransformLinear.apply_deltas` applies a ReLU to the
    /// distances, nothing is clipped before `batched_nms`, and `detector_postprocess` clips to
    /// `[0, W] × [0, H]` and drops empty boxes after the first 100 are taken.
    public static let detectron2 = PostProcessingRules(
        scoreThreshold: 0.2, thresholdScore: .geometricMean, candidatesPerLevel: 1000,
        rankingScore: .geometricMean, finalScore: .geometricMean, units: .stride,
        clampNegativeRegression: true,
        clipping: .none, nmsThreshold: 0.6, detectionCap: .first(100), clipAndRemoveEmptyAfterNMS: true)

    /// EECS 498-007 / 598-005 (Michigan), assignment 4, `FCOS.inference` in
    /// `one_stage_detector.py` (defaults `test_score_thresh=0.3, test_nms_thresh=0.5`): the score
    /// `sqrt(sigmoid(cls) · sigmoid(ctr))`, then for each location only its best class
    /// (`max(dim=1)`), kept when above 0.3; no top-k; `fcos_apply_deltas_to_locations` clips
    /// negative distances and multiplies by the stride; boxes are clipped to the image; the
    /// handout's `class_spec_nms` (coordinate offsets around the student's `nms`, specified as
    /// "discard boxes with IoU > iou_threshold") at 0.5; no cap on the number of detections.
    public static let eecs498 = PostProcessingRules(
        scoreThreshold: 0.3, thresholdScore: .geometricMean, classesPerLocation: .best,
        candidatesPerLevel: nil,
        rankingScore: .geometricMean, finalScore: .geometricMean, units: .stride,
        clampNegativeRegression: true,
        clipping: .continuous, nmsThreshold: 0.5, detectionCap: .none)
}

/// Dense predictions to detections, following ``PostProcessingRules``.
public enum PostProcessing {
    /// The candidates that enter NMS, level by level: thresholded, reduced to the per-level top-k
    /// (in descending ranking score, ties by position), decoded, clipped, empty boxes removed
    /// when the rules say so. Each carries its ``PostProcessingRules/finalScore``.
    public static func candidates(
        levels: [DensePredictions], imageWidth: Float, imageHeight: Float, rules: PostProcessingRules
    ) -> [Detection] {
        var result: [Detection] = []
        for (levelIndex, level) in levels.enumerated() {
            result += candidates(
                level, levelIndex: levelIndex, imageWidth: imageWidth, imageHeight: imageHeight, rules: rules)
        }
        return result
    }

    /// The final detections in descending score order (ties in candidate order).
    public static func detections(
        levels: [DensePredictions], imageWidth: Float, imageHeight: Float, rules: PostProcessingRules
    ) -> [Detection] {
        let pool = candidates(levels: levels, imageWidth: imageWidth, imageHeight: imageHeight, rules: rules)
        let kept = NMS.batched(
            boxes: pool.map(\.box), scores: pool.map(\.score), labels: pool.map(\.label),
            iouThreshold: rules.nmsThreshold, convention: rules.nmsConvention,
            suppression: rules.nmsSuppression)
        var result = kept.map { pool[$0] }
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
                var detection = detection
                detection.box = clip(detection.box, .continuous, imageWidth, imageHeight)
                return detection.box.width > 0 && detection.box.height > 0 ? detection : nil
            }
        }
        return result
    }

    private static func candidates(
        _ level: DensePredictions, levelIndex: Int, imageWidth: Float, imageHeight: Float,
        rules: PostProcessingRules
    ) -> [Detection] {
        let classes = level.classCount
        guard classes > 0 else { return [] }
        let probabilities = sigmoid(level.classLogits)
        let centerness = sigmoid(level.centernessLogits)

        func score(_ kind: PostProcessingRules.Score, _ pair: Int) -> Float {
            let p = probabilities[pair]
            switch kind {
            case .classProbability: return p
            case .product: return p * centerness[pair / classes]
            case .geometricMean: return (p * centerness[pair / classes]).squareRoot()
            }
        }

        var pairs: [Int] = []
        switch rules.classesPerLocation {
        case .all:
            for pair in probabilities.indices where score(rules.thresholdScore, pair) > rules.scoreThreshold {
                pairs.append(pair)
            }
        case .best:
            for location in level.locations.indices {
                var best = location * classes
                for pair in (best + 1)..<((location + 1) * classes)
                where score(rules.thresholdScore, pair) > score(rules.thresholdScore, best) {
                    best = pair
                }
                if score(rules.thresholdScore, best) > rules.scoreThreshold { pairs.append(best) }
            }
        }
        if let k = rules.candidatesPerLevel, pairs.count > k {
            let ranking = pairs.map { score(rules.rankingScore, $0) }
            pairs = topK(ranking, k).map { pairs[$0] }
        }

        return pairs.compactMap { pair in
            let location = pair / classes
            var box = RegressionDeltas.decode(
                level.regression[location], at: level.locations[location], stride: level.stride,
                units: rules.units,
                clampNegative: rules.clampNegativeRegression)
            box = clip(box, rules.clipping, imageWidth, imageHeight)
            if rules.removeEmptyBeforeNMS && !(box.width > 0 && box.height > 0) { return nil }
            return Detection(
                box: box, score: score(rules.finalScore, pair), label: pair % classes, level: levelIndex,
                locationIndex: location)
        }
    }

    /// The positions of the `k` highest values in descending order, ties by position, from a
    /// bounded heap whose root is the worst value kept (O(n log k) rather than a full sort).
    static func topK(_ values: [Float], _ k: Int) -> [Int] {
        func better(_ a: Int, _ b: Int) -> Bool { values[a] > values[b] || (values[a] == values[b] && a < b) }
        guard k > 0 else { return [] }
        var heap: [Int] = []
        heap.reserveCapacity(k)
        func siftDown(_ start: Int) {
            var parent = start
            while true {
                var worst = parent
                let left = 2 * parent + 1
                let right = left + 1
                if left < heap.count && better(heap[worst], heap[left]) { worst = left }
                if right < heap.count && better(heap[worst], heap[right]) { worst = right }
                if worst == parent { return }
                heap.swapAt(parent, worst)
                parent = worst
            }
        }
        for position in values.indices {
            if heap.count < k {
                heap.append(position)
                var child = heap.count - 1
                while child > 0 && better(heap[(child - 1) / 2], heap[child]) {
                    heap.swapAt(child, (child - 1) / 2)
                    child = (child - 1) / 2
                }
            } else if better(position, heap[0]) {
                heap[0] = position
                siftDown(0)
            }
        }
        return heap.sorted(by: better)
    }

    private static func sigmoid(_ logits: [Float]) -> [Float] {
        LogisticKernel.map(logits: logits, targets: nil) { x, _ in LogisticKernel.terms(x).p }
    }

    /// `clamp(min=0, max=limit)` per coordinate, as `torch.clamp` evaluates it.
    private static func clip(
        _ box: Box, _ clipping: PostProcessingRules.Clipping, _ width: Float, _ height: Float
    ) -> Box {
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
