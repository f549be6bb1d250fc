import Canvas
import Foundation

/// Small drawing helpers for the flat-style illustrations.
extension DrawingContext {
    func fillRoundedRect(_ rect: CGRect, radius: Double, _ color: Color) {
        beginPath()
        addRoundedRect(rect, cornerRadius: radius)
        fill(color)
    }

    func fillEllipse(center: CGPoint, rx: Double, ry: Double, rotation: Double = 0, _ color: Color) {
        withSavedState {
            translate(x: Double(center.x), y: Double(center.y))
            rotate(radians: rotation)
            scale(x: rx, y: ry)
            beginPath()
            addCircle(center: .zero, radius: 1)
            fill(color)
        }
    }

    func strokeEllipse(
        center: CGPoint, rx: Double, ry: Double, rotation: Double = 0, _ color: Color, width: Double
    ) {
        withSavedState {
            translate(x: Double(center.x), y: Double(center.y))
            rotate(radians: rotation)
            scale(x: rx, y: ry)
            beginPath()
            addCircle(center: .zero, radius: 1)
            scale(x: 1 / rx, y: 1 / ry)
            stroke(color, style: .solid(width))
        }
    }

    /// A limb: a thick line with round ends through `points`.
    func limb(_ points: [CGPoint], width: Double, _ color: Color) {
        strokePolyline(points, color, style: StrokeStyle(width: width, cap: .round, join: .round))
    }
}

func pt(_ x: Double, _ y: Double) -> CGPoint { CGPoint(x: x, y: y) }
