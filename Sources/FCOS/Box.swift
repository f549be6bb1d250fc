/// An axis-aligned box `(x0, y0, x1, y1)` in image pixels, stored in `Float` because every
/// reference implementation (official FCOS, mmdetection, torchvision, detectron2, EECS 498)
/// makes its boundary decisions in float32; computing in `Double` would disagree at the edges.
public struct Box: Hashable, Sendable {
    /// Left edge, in pixels.
    public var x0: Float
    /// Top edge, in pixels (y grows downwards).
    public var y0: Float
    /// Right edge, in pixels.
    public var x1: Float
    /// Bottom edge, in pixels.
    public var y1: Float

    /// A box from its corners; nothing is reordered, so `x1 < x0` gives a negative width.
    public init(x0: Float, y0: Float, x1: Float, y1: Float) {
        self.x0 = x0
        self.y0 = y0
        self.x1 = x1
        self.y1 = y1
    }

    /// `x1 − x0`, without the `+1` of ``BoxConvention/inclusivePixels``.
    public var width: Float { x1 - x0 }
    /// `y1 − y0`, without the `+1` of ``BoxConvention/inclusivePixels``.
    public var height: Float { y1 - y0 }

    /// The centre `((x0 + x1) / 2, (y0 + y1) / 2)`, the point center sampling measures from.
    public var center: Point { Point(x: (x0 + x1) / 2, y: (y0 + y1) / 2) }

    /// Area under a box convention; see ``BoxConvention`` for why the two differ.
    public func area(_ convention: BoxConvention = .continuous) -> Float {
        switch convention {
        case .continuous: return (x1 - x0) * (y1 - y0)
        case .inclusivePixels: return (x1 - x0 + 1) * (y1 - y0 + 1)
        }
    }

    /// True when the box encloses no area: `x1 <= x0` or `y1 <= y0`. No location can be strictly
    /// inside such a box, so every matcher gives it zero positives without a special case.
    public var isEmpty: Bool { !(x1 > x0 && y1 > y0) }

    /// True when every coordinate is a finite number.
    public var isFinite: Bool { x0.isFinite && y0.isFinite && x1.isFinite && y1.isFinite }
}

/// A point in image pixels, such as a feature-map location.
public struct Point: Hashable, Sendable {
    /// Horizontal position in pixels.
    public var x: Float
    /// Vertical position in pixels, growing downwards.
    public var y: Float

    /// A point in image pixels.
    public init(x: Float, y: Float) {
        self.x = x
        self.y = y
    }
}

/// How a box's corners relate to pixels.
///
/// - `continuous`: corners are points on the real plane and the area is
///   `(x1 − x0)(y1 − y0)`. mmdetection, torchvision, detectron2 and EECS 498 use this.
/// - `inclusivePixels`: `x1` names the last pixel column *inside* the box, so the width is
///   `x1 − x0 + 1`. The official FCOS code (maskrcnn-benchmark's `BoxList.area` with
///   `TO_REMOVE = 1`) computes every area this way, which can change which of two overlapping
///   boxes is "smaller", and its COCO reader turns `[x, y, w, h]` into `x1 = x + w − 1`.
public enum BoxConvention: String, Sendable, CaseIterable {
    /// `(x1 − x0) · (y1 − y0)`: torchvision, detectron2, mmdetection.
    case continuous
    /// `(x1 − x0 + 1) · (y1 − y0 + 1)`: maskrcnn-benchmark and so official FCOS, which treat `x1` as the last pixel column inside the box.
    case inclusivePixels = "inclusive-pixels"
}

/// The four distances `(l*, t*, r*, b*)` from a location to a box's sides (the paper's Eq. 1):
/// `l* = x − x0`, `t* = y − y0`, `r* = x1 − x`, `b* = y1 − y`.
public struct LTRB: Hashable, Sendable {
    /// Distance to the left side, `l* = x − x0`.
    public var l: Float
    /// Distance to the top side, `t* = y − y0`.
    public var t: Float
    /// Distance to the right side, `r* = x1 − x`.
    public var r: Float
    /// Distance to the bottom side, `b* = y1 − y`.
    public var b: Float

    /// Four distances as given, in pixels or strides as the caller decides.
    public init(l: Float, t: Float, r: Float, b: Float) {
        self.l = l
        self.t = t
        self.r = r
        self.b = b
    }

    /// Distances from `point` to the sides of `box`, evaluated in float32 in the paper's order.
    public init(from point: Point, to box: Box) {
        self.init(l: point.x - box.x0, t: point.y - box.y0, r: box.x1 - point.x, b: box.y1 - point.y)
    }

    /// `min(l, t, r, b)`; a location is inside the box when this is strictly positive.
    public var minimum: Float { Swift.min(Swift.min(l, t), Swift.min(r, b)) }

    /// `m = max(l, t, r, b)`, the quantity the paper's size gate compares with a level's range.
    public var maximum: Float { Swift.max(Swift.max(l, t), Swift.max(r, b)) }

    /// The values as an array in `[l, t, r, b]` order, as the JSON output writes them.
    public var array: [Float] { [l, t, r, b] }
}
