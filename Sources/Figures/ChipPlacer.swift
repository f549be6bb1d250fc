import Canvas
import Foundation

/// Places label chips one after another so that none covers another: each chip takes the first
/// of its candidate spots that is free, or the least crowded one.
struct ChipPlacer {
    var bounds: CGRect
    private(set) var placed: [CGRect] = []

    init(bounds: CGRect, avoiding: [CGRect] = []) {
        self.bounds = bounds
        self.placed = avoiding
    }

    /// The frame of a `size` chip anchored at one of `spots`, kept inside the bounds, and records it.
    mutating func place(size: CGSize, spots: [(CGPoint, TextAnchor)]) -> CGRect {
        var best: (frame: CGRect, overlap: Double)?
        for (point, anchor) in spots {
            let frame = anchor.frame(size: size, at: point).keptInside(bounds)
            let overlap = placed.reduce(0.0) { total, other in
                let common = other.intersection(frame)
                return total + (common.isNull ? 0 : Double(common.width * common.height))
            }
            if best == nil || overlap < best!.overlap { best = (frame, overlap) }
            if overlap == 0 { break }
        }
        let frame = best?.frame ?? CGRect(origin: bounds.origin, size: size)
        placed.append(frame.insetBy(dx: -1, dy: -1))
        return frame
    }
}

extension TextAnchor {
    /// A `size` rectangle placed so that this anchor of it is at `point`.
    func frame(size: CGSize, at point: CGPoint) -> CGRect {
        let w = Double(size.width)
        let h = Double(size.height)
        let x: Double
        switch horizontal {
        case .left: x = Double(point.x)
        case .center: x = Double(point.x) - w / 2
        case .right: x = Double(point.x) - w
        }
        let y: Double
        switch vertical {
        case .top, .baseline: y = Double(point.y)
        case .middle: y = Double(point.y) - h / 2
        case .bottom: y = Double(point.y) - h
        }
        return CGRect(x: x, y: y, width: w, height: h)
    }
}
