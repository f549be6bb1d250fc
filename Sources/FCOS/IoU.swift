/// Intersection over union of two boxes, `|A ∩ B| / |A ∪ B|`.
///
/// Under ``BoxConvention/inclusivePixels`` widths and heights gain one pixel, as in
/// maskrcnn-benchmark's NMS and `boxlist_iou` (`w = x1 − x0 + 1`); the intersection is then
/// `max(0, min(x1) − max(x0) + 1)`. Returns 0 when the union is not positive (two empty
/// boxes), never NaN.
public func intersectionOverUnion(
    _ a: Box, _ b: Box, convention: BoxConvention = .continuous
) -> Float {
    let pad: Float = convention == .inclusivePixels ? 1 : 0
    let w = max(0, min(a.x1, b.x1) - max(a.x0, b.x0) + pad)
    let h = max(0, min(a.y1, b.y1) - max(a.y0, b.y0) + pad)
    let intersection = w * h
    let union = a.area(convention) + b.area(convention) - intersection
    return union > 0 ? intersection / union : 0
}

/// Generalized IoU (Rezatofighi et al. 2019): `IoU − |C \ (A ∪ B)| / |C|`, where `C` is the
/// smallest box enclosing both. Lies in `(−1, 1]`; returns the plain IoU when `C` is empty.
public func generalizedIntersectionOverUnion(_ a: Box, _ b: Box) -> Float {
    let w = max(0, min(a.x1, b.x1) - max(a.x0, b.x0))
    let h = max(0, min(a.y1, b.y1) - max(a.y0, b.y0))
    let intersection = w * h
    let union = a.area() + b.area() - intersection
    let iou = union > 0 ? intersection / union : 0
    let enclosing = (max(a.x1, b.x1) - min(a.x0, b.x0)) * (max(a.y1, b.y1) - min(a.y0, b.y0))
    return enclosing > 0 ? iou - (enclosing - union) / enclosing : iou
}
