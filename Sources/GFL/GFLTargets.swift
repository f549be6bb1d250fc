import ATSS
import FCOS

/// GFL's regression targets (mmdetection `GFLHead.loss_by_feat_single`): for each positive anchor
/// of an ATSS assignment, the distances from the anchor centre to the box's sides **in strides**,
/// clamped to `[0, n − 0.1]` with `n = reg_max = 16`, so to `[0, 15.9]`:
///
/// ```
/// l = acx/s − x0/s,  t = acy/s − y0/s,  r = x1/s − acx/s,  b = y1/s − acy/s
/// ```
///
/// The clamp is mmdetection's `bbox2distance(points, bbox, max_dis=reg_max)` with its default
/// `eps = 0.1` (`structures/bbox/transforms.py`; the official GFocal repo's `dt = 0.1` is the
/// same): it keeps `⌊y⌋ + 1 ≤ n`, the highest bin DFL indexes. The lower clamp never acts on an
/// ATSS positive (its centre is inside the box by more than 0.01 px); the upper one acts on sides
/// longer than 15.9 strides, and there the distribution cannot express the true distance, while
/// the GIoU term still sees the unclamped box. Anchor centre and box are divided by the stride
/// before subtracting, in float32, as the reference does.
public struct GFLTargets: Sendable {
    /// `n`, the last bin (16: 17 bins).
    public var maximum: Int
    /// Per level, per anchor: the clamped `(l, t, r, b)` in strides for positives, `nil` for
    /// background.
    public var distances: [[LTRB?]]

    /// The distance targets of every positive of `assignment`, clamped for `maximum + 1` bins.
    public init(_ assignment: ATSSAssignment, maximum: Int = 16) {
        self.maximum = maximum
        distances = assignment.levels.map { level in
            let s = Float(level.map.stride)
            return (0..<level.map.count).map { index in
                let g = level.matched[index]
                guard g >= 0 else { return nil }
                return GFLTargets.distance(
                    from: level.map.location(at: index), to: assignment.groundTruths[Int(g)].box, stride: s,
                    maximum: maximum)
            }
        }
    }

    /// The upper clamp, `n − 0.1`.
    public static func upperBound(maximum: Int) -> Float { Float(maximum) - 0.1 }

    /// One anchor's clamped distances in strides.
    public static func distance(from center: Point, to box: Box, stride s: Float, maximum: Int) -> LTRB {
        let cx = center.x / s
        let cy = center.y / s
        let hi = upperBound(maximum: maximum)
        func clamp(_ v: Float) -> Float { min(max(v, 0), hi) }
        return LTRB(
            l: clamp(cx - box.x0 / s), t: clamp(cy - box.y0 / s), r: clamp(box.x1 / s - cx),
            b: clamp(box.y1 / s - cy))
    }
}
