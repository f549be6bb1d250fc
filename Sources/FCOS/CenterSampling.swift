/// Center sampling, the "improved" FCOS rule: only locations near a box's centre
/// `(cx, cy)` may be positives, which removes low-quality positives near the edges. The
/// regression targets and the size gate still use the *full* box.
///
/// - ``off``: any location strictly inside the box (the paper).
/// - ``clippedSubBox(radius:)``: official FCOS *imprv* (`CENTER_SAMPLING_RADIUS`) and
///   mmdetection (`center_sample_radius`), `r = 1.5`. The square `c ± r·s` is clipped to the box and
///   the location must lie strictly inside that clipped square. Since the square lies inside the
///   box, being inside it implies being inside the box.
/// - ``chebyshev(radius:)``: torchvision and detectron2, always on with `r = 1.5`:
///   `max(|x − cx|, |y − cy|) < r·s` *and* strictly inside the box.
///
/// A radius of 0 means "off". Two reference quirks are deliberately not reproduced:
/// torchvision with radius 0 compares `< 0` and so yields no positive at all, and the official
/// `get_sample_region` returns "no positives" for the whole image when the *first* box's centre
/// x is exactly 0 (its `center_x[..., 0].sum() == 0` test meant "no boxes").
public enum CenterSampling: Hashable, Sendable {
    /// No sampling: a location inside the box may be a positive (the paper, official FCOS).
    case off
    /// A square of `radius` strides around the box centre, clipped to the box (official `fcos_imprv`, mmdetection).
    case clippedSubBox(radius: Float)
    /// `max(|x − cx|, |y − cy|) < radius · s` together with inside-the-box (torchvision, detectron2).
    case chebyshev(radius: Float)

    /// The radius `r` in units of the level's stride, or `nil` when sampling is off.
    public var radius: Float? {
        switch self {
        case .off: return nil
        case .clippedSubBox(let r), .chebyshev(let r): return r > 0 ? r : nil
        }
    }

    /// The region whose strict interior a location must occupy on a level of `stride`: the full
    /// box, the clipped square, or (Chebyshev) the intersection of the square and the box.
    ///
    /// The clipping follows the reference's `where(xmin > x0, xmin, x0)` comparisons in float32
    /// so boundary decisions agree bit for bit.
    public func region(for box: Box, stride: Int) -> Box {
        guard let r = radius else { return box }
        let reach = Float(stride) * r
        let c = box.center
        let xmin = c.x - reach
        let ymin = c.y - reach
        let xmax = c.x + reach
        let ymax = c.y + reach
        switch self {
        case .off:
            return box
        case .clippedSubBox:
            return Box(
                x0: xmin > box.x0 ? xmin : box.x0, y0: ymin > box.y0 ? ymin : box.y0,
                x1: xmax > box.x1 ? box.x1 : xmax, y1: ymax > box.y1 ? box.y1 : ymax)
        case .chebyshev:
            return Box(
                x0: max(xmin, box.x0), y0: max(ymin, box.y0), x1: min(xmax, box.x1), y1: min(ymax, box.y1))
        }
    }

    /// Whether `point` passes this rule for `box` on a level of `stride`, computed the way each
    /// reference computes it.
    public func admits(_ point: Point, box: Box, stride: Int) -> Bool {
        guard let r = radius else { return LTRB(from: point, to: box).minimum > 0 }
        switch self {
        case .off:
            return LTRB(from: point, to: box).minimum > 0
        case .clippedSubBox:
            return LTRB(from: point, to: region(for: box, stride: stride)).minimum > 0
        case .chebyshev:
            let c = box.center
            let reach = r * Float(stride)
            let near = max(abs(point.x - c.x), abs(point.y - c.y)) < reach
            return near && LTRB(from: point, to: box).minimum > 0
        }
    }
}
