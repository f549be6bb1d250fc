import Canvas
import FCOS
import Foundation

/// The four regression arrows of a zoom, from a location to the sides of a box, each with a
/// `l* = 56` chip, and the longest (m) drawn heavier with a filled chip.
struct ZoomArrows {
    var location: Point
    var box: Box
    var color: Color
    var edge: Color
    /// The location is this box's positive: filled in its colour rather than hollow.
    var matched: Bool

    func draw(in ctx: DrawingContext, mapping: ImageMapping, bounds: CGRect, avoiding: [CGRect] = []) {
        let d = LTRB(from: location, to: box)
        let p = mapping.point(location)
        let r = mapping.rect(box)
        let sides: [(name: String, value: Float, end: CGPoint, horizontal: Bool)] = [
            ("l*", d.l, CGPoint(x: r.minX, y: p.y), true),
            ("t*", d.t, CGPoint(x: p.x, y: r.minY), false),
            ("r*", d.r, CGPoint(x: r.maxX, y: p.y), true),
            ("b*", d.b, CGPoint(x: p.x, y: r.maxY), false),
        ]
        let m = d.maximum
        let mIndex = sides.firstIndex { $0.value == m } ?? 0
        for (i, side) in sides.enumerated() where side.value > 0 {
            let width = i == mIndex ? 5.0 : 2.5
            // A pale casing under the shaft keeps the arrow visible on any backdrop.
            let length = Double(hypot(side.end.x - p.x, side.end.y - p.y))
            let shaft = max(0, length - 14) / max(length, 1)
            let casingEnd = CGPoint(x: p.x + (side.end.x - p.x) * shaft, y: p.y + (side.end.y - p.y) * shaft)
            ctx.strokeLine(from: p, to: casingEnd, Color.white.withAlpha(0.75), style: .solid(width + 3))
            ctx.drawArrow(from: p, to: side.end, i == mIndex ? color : edge, style: ArrowStyle(width: width))
        }
        var placer = ChipPlacer(
            bounds: bounds, avoiding: [CGRect(x: p.x - 10, y: p.y - 10, width: 20, height: 20)] + avoiding)
        for (i, side) in sides.enumerated() {
            let isM = i == mIndex
            let text = "\(side.name) = \(NumberText.format(side.value))" + (isM ? " = m" : "")
            let style =
                isM
                ? LabelStyle(font: .bold(14), background: color, border: edge, borderWidth: 1.5)
                : LabelStyle(
                    font: .bold(13), background: Color.white.withAlpha(0.92), textColor: edge, border: edge)
            let mid = CGPoint(x: (p.x + side.end.x) / 2, y: (p.y + side.end.y) / 2)
            let spots: [(CGPoint, TextAnchor)] =
                side.horizontal
                ? [
                    (CGPoint(x: mid.x, y: mid.y - 8), .bottom), (CGPoint(x: mid.x, y: mid.y + 8), .top),
                    (CGPoint(x: side.end.x + (i == 0 ? -8 : 8), y: mid.y), i == 0 ? .right : .left),
                ]
                : [
                    (CGPoint(x: mid.x + 10, y: mid.y), .left), (CGPoint(x: mid.x - 10, y: mid.y), .right),
                    (CGPoint(x: mid.x, y: side.end.y + (i == 1 ? -8 : 8)), i == 1 ? .bottom : .top),
                ]
            // Short arrows leave no room along them: then try the corners around the location, and
            // failing everything, take the spot that covers the least.
            let extra: [(CGPoint, TextAnchor)] = [
                (CGPoint(x: p.x + 12, y: p.y + 12), .topLeft), (CGPoint(x: p.x - 12, y: p.y + 12), .topRight),
                (CGPoint(x: p.x + 12, y: p.y - 12), .bottomLeft),
                (CGPoint(x: p.x - 12, y: p.y - 12), .bottomRight),
            ]
            let size = ctx.labelFrame(text, at: .zero, style: style).size
            let frame = placer.place(size: size, spots: spots + extra)
            ctx.drawLabel(text, at: frame.origin, style: style, anchor: .topLeft)
        }
        ctx.fillCircle(center: p, radius: 8, .white)
        ctx.fillCircle(center: p, radius: 6, matched ? color : .white)
        ctx.strokeCircle(center: p, radius: 7, .black, style: .solid(2))
    }
}
