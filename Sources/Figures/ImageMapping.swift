import Canvas
import FCOS
import Foundation

/// Maps image pixels (boxes, locations) to figure pixels for one picture area.
///
/// Markers and lines are drawn in figure pixels after mapping, not in a scaled user space, so a
/// 2-px outline stays 2 px however far a panel is shrunk or zoomed.
public struct ImageMapping: Hashable, Sendable {
    /// The part of the image shown, in image pixels.
    public var viewport: CGRect
    /// Where it appears in the figure.
    public var frame: CGRect

    /// Shows `viewport` of the image inside `frame` of the figure.
    public init(viewport: CGRect, frame: CGRect) {
        self.viewport = viewport
        self.frame = frame
    }

    /// Figure pixels per image pixel (the same horizontally and vertically).
    public var scale: Double { Double(frame.width) / Double(viewport.width) }

    /// Where image point `(x, y)` lands in the figure.
    public func point(x: Double, y: Double) -> CGPoint {
        CGPoint(
            x: Double(frame.minX) + (x - Double(viewport.minX)) * scale,
            y: Double(frame.minY) + (y - Double(viewport.minY)) * scale)
    }

    /// Where the image point `p` lands in the figure.
    public func point(_ p: Point) -> CGPoint {
        point(x: Double(p.x), y: Double(p.y))
    }

    /// Where `box` lands in the figure.
    public func rect(_ box: Box) -> CGRect {
        let a = point(x: Double(box.x0), y: Double(box.y0))
        let b = point(x: Double(box.x1), y: Double(box.y1))
        return CGRect(x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y)
    }

    /// Whether the image point is inside the viewport (with `margin` image pixels of slack).
    public func shows(_ p: Point, margin: Double = 0) -> Bool {
        viewport.insetBy(dx: -margin, dy: -margin).contains(CGPoint(x: Double(p.x), y: Double(p.y)))
    }

    /// Runs `body` clipped to the frame, with user space in image pixels, e.g. to paint a backdrop.
    func inImageSpace(_ ctx: DrawingContext, _ body: () -> Void) {
        ctx.withClip(to: frame) {
            ctx.translate(
                x: Double(frame.minX) - Double(viewport.minX) * scale,
                y: Double(frame.minY) - Double(viewport.minY) * scale)
            ctx.scale(scale)
            body()
        }
    }
}

extension Box {
    /// The box as a `CGRect` in image pixels.
    var cgRect: CGRect {
        CGRect(x: Double(x0), y: Double(y0), width: Double(x1 - x0), height: Double(y1 - y0))
    }
}

extension CGRect {
    /// The rectangle as an FCOS box.
    var box: Box {
        Box(x0: Float(minX), y0: Float(minY), x1: Float(maxX), y1: Float(maxY))
    }
}
