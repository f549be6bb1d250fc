/// The unit regression targets are expressed in.
///
/// The paper regresses `(l*, t*, r*, b*)` in pixels (Eq. 1) through `exp(s·x)`. The improved
/// variants divide by the level's stride so every level predicts numbers of similar size:
/// official FCOS `NORM_REG_TARGETS`, mmdetection `norm_on_bbox`, torchvision's and detectron2's
/// `BoxLinearCoder(normalize_by_size=True)` (anchor size = stride) and EECS 498's
/// `fcos_get_deltas_from_locations`.
public enum RegressionUnits: String, Sendable, CaseIterable {
    /// Distances in pixels (official FCOS's paper configuration).
    case pixels
    /// Distances divided by the level's stride (`norm_on_bbox`, torchvision, detectron2, EECS 498).
    case stride
}

/// Encoding a ground-truth box as distances from a location, and decoding back (paper §3.1).
public enum RegressionDeltas {
    /// `(l*, t*, r*, b*) = (x − x0, y − y0, x1 − x, y1 − y)`, divided by `stride` when `units` is
    /// ``RegressionUnits/stride``. The location need not be inside the box: outside it some
    /// distances are negative, which is exactly how the matcher tells it is not a positive.
    public static func encode(
        _ box: Box, at location: Point, stride: Float, units: RegressionUnits = .pixels
    ) -> LTRB {
        let d = LTRB(from: location, to: box)
        guard units == .stride else { return d }
        return LTRB(l: d.l / stride, t: d.t / stride, r: d.r / stride, b: d.b / stride)
    }

    /// The box `(x − l, y − t, x + r, y + b)`, with distances first multiplied by `stride` when
    /// `units` is ``RegressionUnits/stride``.
    ///
    /// `clampNegative` clips each distance at 0 before decoding, as EECS 498's
    /// `fcos_apply_deltas_to_locations` does (a network output of −0.3 cannot mean "the left
    /// side lies to the right of the location"). The official code instead guarantees
    /// non-negative outputs with `exp(s·x)` or ReLU in the head, so it never clips here.
    public static func decode(
        _ d: LTRB, at location: Point, stride: Float, units: RegressionUnits = .pixels,
        clampNegative: Bool = false
    ) -> Box {
        var d = d
        if clampNegative {
            d = LTRB(l: max(d.l, 0), t: max(d.t, 0), r: max(d.r, 0), b: max(d.b, 0))
        }
        let k: Float = units == .stride ? stride : 1
        return Box(
            x0: location.x - d.l * k, y0: location.y - d.t * k,
            x1: location.x + d.r * k, y1: location.y + d.b * k)
    }
}
