/// The generalized-IoU loss `1 − GIoU` (Rezatofighi et al. 2019) on pairs of boxes, as
/// torchvision's `ops.generalized_box_iou_loss` computes it (ported from fvcore's `giou_loss`,
/// which detectron2's FCOS calls; torchvision's FCOS calls torchvision's). Both FCOS ports use it
/// as their regression loss on boxes decoded from the predicted distances.
///
/// ```
/// I = (x2ᵢ − x1ᵢ)(y2ᵢ − y1ᵢ) only where the overlap is positive in both axes, else 0
/// U = A + B − I,         IoU = I / (U + ε)
/// C = enclosing box area, GIoU = IoU − (C − U) / (C + ε),    loss = 1 − GIoU,   ε = 1e-7
/// ```
///
/// The loss lies in `[0, 2)`; it exceeds 1 exactly when the boxes are disjoint and the enclosing
/// box is larger than the union, so unlike `1 − IoU` it still has a gradient for boxes that do
/// not touch. With `reduction: .mean` an empty input gives 0, as torchvision special-cases it
/// (`0.0 * loss.sum()`), not NaN.
public enum GIoULoss {
    /// `1 − GIoU(a, b)` for one pair. torchvision asserts `x1 ≤ x2, y1 ≤ y2`; this does not.
    public static func value(_ a: Box, _ b: Box, eps: Float = 1e-7) -> Float {
        let xk1 = max(a.x0, b.x0)
        let yk1 = max(a.y0, b.y0)
        let xk2 = min(a.x1, b.x1)
        let yk2 = min(a.y1, b.y1)
        let intersection: Float = (yk2 > yk1 && xk2 > xk1) ? (xk2 - xk1) * (yk2 - yk1) : 0
        let union = (a.x1 - a.x0) * (a.y1 - a.y0) + (b.x1 - b.x0) * (b.y1 - b.y0) - intersection
        let iou = intersection / (union + eps)
        let enclosing = (max(a.x1, b.x1) - min(a.x0, b.x0)) * (max(a.y1, b.y1) - min(a.y0, b.y0))
        return 1 - (iou - (enclosing - union) / (enclosing + eps))
    }

    /// The per-pair losses (`reduction="none"`).
    public static func elements(_ a: [Box], _ b: [Box], eps: Float = 1e-7) -> [Float] {
        precondition(a.count == b.count, "boxes come in pairs")
        return zip(a, b).map { value($0, $1, eps: eps) }
    }

    /// The loss under `reduction`, as `generalized_box_iou_loss(…, reduction=…)`.
    public static func loss(_ a: [Box], _ b: [Box], reduction: Reduction, eps: Float = 1e-7) -> [Float] {
        let losses = elements(a, b, eps: eps)
        if reduction == .mean && losses.isEmpty { return [0] }
        return reduction.reduce(losses)
    }
}
