import CCairo
import Foundation

/// Path construction. A path is built with these calls and then consumed by ``DrawingContext/fill(_:rule:)``,
/// ``DrawingContext/stroke(_:style:)``, ``DrawingContext/fillAndStroke(fill:stroke:style:rule:)`` or
/// ``DrawingContext/clipToPath(rule:)``.
extension DrawingContext {
    /// Discards the current path without drawing it.
    public func beginPath() {
        cairo_new_path(cr)
    }

    /// Starts a new sub-path at `point`.
    public func move(to point: CGPoint) {
        cairo_move_to(cr, Double(point.x), Double(point.y))
    }

    /// Adds a straight segment from the current point.
    public func addLine(to point: CGPoint) {
        cairo_line_to(cr, Double(point.x), Double(point.y))
    }

    /// Adds a cubic Bézier segment from the current point.
    public func addCurve(to point: CGPoint, control1: CGPoint, control2: CGPoint) {
        cairo_curve_to(
            cr, Double(control1.x), Double(control1.y), Double(control2.x), Double(control2.y),
            Double(point.x), Double(point.y))
    }

    /// Joins the current sub-path back to its start, so the corner is mitred rather than capped.
    public func closePath() {
        cairo_close_path(cr)
    }

    /// Adds a separate straight segment.
    public func addLine(from start: CGPoint, to end: CGPoint) {
        move(to: start)
        addLine(to: end)
    }

    /// Adds a closed rectangle.
    public func addRect(_ rect: CGRect) {
        let r = rect.standardized
        cairo_rectangle(cr, Double(r.minX), Double(r.minY), Double(r.width), Double(r.height))
    }

    /// Adds a closed rectangle with circular corners; the radius is capped at half the shorter side.
    public func addRoundedRect(_ rect: CGRect, cornerRadius: Double) {
        let r = rect.standardized
        let radius = min(max(cornerRadius, 0), Double(min(r.width, r.height)) / 2)
        guard radius > 0 else {
            addRect(r)
            return
        }
        let (minX, minY, maxX, maxY) = (Double(r.minX), Double(r.minY), Double(r.maxX), Double(r.maxY))
        cairo_new_sub_path(cr)
        cairo_arc(cr, maxX - radius, minY + radius, radius, -Double.pi / 2, 0)
        cairo_arc(cr, maxX - radius, maxY - radius, radius, 0, Double.pi / 2)
        cairo_arc(cr, minX + radius, maxY - radius, radius, Double.pi / 2, Double.pi)
        cairo_arc(cr, minX + radius, minY + radius, radius, Double.pi, 3 * Double.pi / 2)
        cairo_close_path(cr)
    }

    /// Adds a circular arc. Angles are in radians from the +x axis; with `clockwise` (the default)
    /// the arc sweeps in the direction of increasing angle, which is clockwise on screen because
    /// y points down. If a current point exists, a line joins it to the arc's start.
    public func addArc(
        center: CGPoint, radius: Double, startAngle: Double, endAngle: Double, clockwise: Bool = true
    ) {
        if clockwise {
            cairo_arc(cr, Double(center.x), Double(center.y), radius, startAngle, endAngle)
        } else {
            cairo_arc_negative(cr, Double(center.x), Double(center.y), radius, startAngle, endAngle)
        }
    }

    /// Adds a closed circle as its own sub-path.
    public func addCircle(center: CGPoint, radius: Double) {
        cairo_new_sub_path(cr)
        cairo_arc(cr, Double(center.x), Double(center.y), radius, 0, 2 * Double.pi)
        cairo_close_path(cr)
    }

    /// Adds an open chain of segments through `points`.
    public func addPolyline(_ points: [CGPoint]) {
        guard let first = points.first else { return }
        move(to: first)
        for point in points.dropFirst() {
            addLine(to: point)
        }
    }

    /// Adds a closed polygon through `points`.
    public func addPolygon(_ points: [CGPoint]) {
        guard !points.isEmpty else { return }
        addPolyline(points)
        closePath()
    }
}

/// One-call shapes: build a path and paint it immediately.
extension DrawingContext {
    /// Fills a rectangle, e.g. a panel background or a heat-map cell.
    public func fillRect(_ rect: CGRect, _ color: Color) {
        beginPath()
        addRect(rect)
        fill(color)
    }

    /// Strokes a rectangle outline; pass ``StrokeStyle/dashed(_:on:off:)`` for a dashed box.
    public func strokeRect(_ rect: CGRect, _ color: Color, style: StrokeStyle = StrokeStyle()) {
        beginPath()
        addRect(rect)
        stroke(color, style: style)
    }

    /// Fills a circle, e.g. a location marker.
    public func fillCircle(center: CGPoint, radius: Double, _ color: Color) {
        beginPath()
        addCircle(center: center, radius: radius)
        fill(color)
    }

    /// Strokes a circle outline, e.g. a ring around a highlighted location.
    public func strokeCircle(
        center: CGPoint, radius: Double, _ color: Color, style: StrokeStyle = StrokeStyle()
    ) {
        beginPath()
        addCircle(center: center, radius: radius)
        stroke(color, style: style)
    }

    /// Strokes a single straight line.
    public func strokeLine(
        from start: CGPoint, to end: CGPoint, _ color: Color, style: StrokeStyle = StrokeStyle()
    ) {
        beginPath()
        addLine(from: start, to: end)
        stroke(color, style: style)
    }

    /// Strokes an open chain of segments, e.g. a curve in a plot.
    public func strokePolyline(_ points: [CGPoint], _ color: Color, style: StrokeStyle = StrokeStyle()) {
        beginPath()
        addPolyline(points)
        stroke(color, style: style)
    }

    /// Fills a closed polygon, e.g. an arrow head or a sampling region.
    public func fillPolygon(_ points: [CGPoint], _ color: Color) {
        beginPath()
        addPolygon(points)
        fill(color)
    }
}
