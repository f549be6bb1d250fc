#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which function of the overlap the official `IOULoss` returns (`MODEL.FCOS.IOU_LOSS_TYPE`).
public enum IoULossKind: String, Sendable, CaseIterable {
    /// `−log IoU`, the UnitBox loss the paper uses (§3.1, `L_reg`); the default `"iou"`.
    case iou
    /// `1 − IoU` (`"linear_iou"`).
    case linearIoU = "linear_iou"
    /// `1 − GIoU` (`"giou"`), used by the authors' improved `fcos_imprv` configurations.
    case giou
}

/// The regression loss of the paper (§3.1: "L_reg is IOU loss as in UnitBox"), computed the way
/// each reference computes it.
///
/// **Official FCOS** (`fcos_core/layers/iou_loss.py`, `IOULoss.forward`) works on the distance
/// 4-vectors directly, never forming boxes: for a prediction `(l, t, r, b)` and target
/// `(l*, t*, r*, b*)` measured from the same location,
///
/// ```
/// A_pred = (l + r)(t + b)            A_target = (l* + r*)(t* + b*)
/// I = (min(l, l*) + min(r, r*)) · (min(b, b*) + min(t, t*))
/// C = (max(l, l*) + max(r, r*)) · (max(b, b*) + max(t, t*)) + 1e-7
/// U = A_target + A_pred − I
/// IoU = (I + 1) / (U + 1)            GIoU = IoU − (C − U) / C
/// ```
///
/// The `+ 1` in numerator and denominator keeps `−log IoU` finite when the boxes do not overlap;
/// it makes the loss depend on the units (pixels or strides) the distances are expressed in.
/// Because the two boxes share the location, every "intersection" is a sum of two minimums and
/// is never negative. ``official(predictions:targets:weights:kind:)`` returns what that module
/// returns: `Σ wᵢ·lossᵢ` when weights are given and sum to more than 0, otherwise `Σ lossᵢ`;
/// the FCOS loss (`loss.py`) then divides by the sum of the centerness targets it passed as
/// weights. (Another revision of `iou_loss.py` in the repository's history returns
/// `Σ wᵢ·lossᵢ / Σ wᵢ`, and a mean when unweighted; this follows the one matching that `loss.py`.)
///
/// **mmdetection** decodes both sides to boxes first (`distance2bbox`) and calls its `IoULoss`
/// (`mmdet/models/losses/iou_loss.py`): `−log(max(IoU, ε))` with `ε = 1e-6`, where
/// `bbox_overlaps(…, is_aligned=True)` clamps the union to at least `1e-6` and the overlap's width
/// and height at 0; its `GIoULoss` (the `giou` configurations) also clamps the enclosing area at
/// `ε`. No `+ 1` smoothing, so for non-overlapping boxes `−log` saturates at `−log 1e-6 ≈ 13.8`.
/// Those are ``mmdetIoU(_:_:eps:)`` and ``mmdetGIoU(_:_:eps:)``.
public enum IoULoss {
    /// The official per-pair loss for a prediction and a target measured from the same location.
    public static func value(prediction: LTRB, target: LTRB, kind: IoULossKind) -> Float {
        let targetArea = (target.l + target.r) * (target.t + target.b)
        let predictionArea = (prediction.l + prediction.r) * (prediction.t + prediction.b)
        let intersectionWidth = min(prediction.l, target.l) + min(prediction.r, target.r)
        let enclosingWidth = max(prediction.l, target.l) + max(prediction.r, target.r)
        let intersectionHeight = min(prediction.b, target.b) + min(prediction.t, target.t)
        let enclosingHeight = max(prediction.b, target.b) + max(prediction.t, target.t)
        let enclosing = enclosingWidth * enclosingHeight + 1e-7
        let intersection = intersectionWidth * intersectionHeight
        let union = targetArea + predictionArea - intersection
        let iou = (intersection + 1) / (union + 1)
        switch kind {
        case .iou: return -logf(iou)
        case .linearIoU: return 1 - iou
        case .giou: return 1 - (iou - (enclosing - union) / enclosing)
        }
    }

    /// The official per-pair losses (what `IOULoss` computes before reducing).
    public static func elements(predictions: [LTRB], targets: [LTRB], kind: IoULossKind) -> [Float] {
        precondition(predictions.count == targets.count, "one target per prediction")
        return zip(predictions, targets).map { value(prediction: $0, target: $1, kind: kind) }
    }

    /// What the official `IOULoss(kind)(pred, target, weight)` returns: `Σ wᵢ·lossᵢ` when
    /// `weights` is given and `Σ wᵢ > 0`, else `Σ lossᵢ`. The official module asserts there is at
    /// least one pair; with none this returns 0.
    public static func official(
        predictions: [LTRB], targets: [LTRB], weights: [Float]? = nil, kind: IoULossKind
    ) -> Float {
        let losses = elements(predictions: predictions, targets: targets, kind: kind)
        if let weights {
            precondition(weights.count == losses.count, "one weight per pair")
            if Reduction.sum(weights) > 0 {
                return Reduction.sum(zip(losses, weights).map { $0 * $1 })
            }
        }
        return Reduction.sum(losses)
    }

    /// mmdetection's `iou_loss` on one pair of decoded boxes: `−log(max(IoU, eps))`, with the
    /// union clamped at `1e-6` inside `bbox_overlaps`.
    public static func mmdetIoU(_ prediction: Box, _ target: Box, eps: Float = 1e-6) -> Float {
        -logf(max(MMDetOverlap(prediction, target).iou, eps))
    }

    /// mmdetection's `giou_loss` on one pair of decoded boxes: `1 − GIoU`, the union and the
    /// enclosing area each clamped at `eps` (`GIoULoss` passes its `eps = 1e-6`).
    public static func mmdetGIoU(_ prediction: Box, _ target: Box, eps: Float = 1e-6) -> Float {
        let overlap = MMDetOverlap(prediction, target, eps: eps)
        let enclosingWidth = max(max(prediction.x1, target.x1) - min(prediction.x0, target.x0), 0)
        let enclosingHeight = max(max(prediction.y1, target.y1) - min(prediction.y0, target.y0), 0)
        let enclosing = max(enclosingWidth * enclosingHeight, eps)
        return 1 - (overlap.iou - (enclosing - overlap.union) / enclosing)
    }

    /// `bbox_overlaps(…, is_aligned=True)` for one pair: overlap width and height clamped at 0,
    /// union clamped at `eps` (default `1e-6`).
    private struct MMDetOverlap {
        var union: Float
        var iou: Float

        init(_ a: Box, _ b: Box, eps: Float = 1e-6) {
            let areaA = (a.x1 - a.x0) * (a.y1 - a.y0)
            let areaB = (b.x1 - b.x0) * (b.y1 - b.y0)
            let width = max(min(a.x1, b.x1) - max(a.x0, b.x0), 0)
            let height = max(min(a.y1, b.y1) - max(a.y0, b.y0), 0)
            let overlap = width * height
            union = max(areaA + areaB - overlap, eps)
            iou = overlap / union
        }
    }
}
