import Canvas
import Foundation

/// A horizontal viridis colour bar from 0 to 1 with ticks, the key to every heat map.
struct ColorBar {
    var title: String
    var ticks: [Double] = [0, 0.25, 0.5, 0.75, 1]
    var font: Font = .regular(12)
    var titleFont: Font = .bold(13)
    var ink: Color = .gray(0.12)

    var height: Double { TextLayout.lineHeight(titleFont) + 16 + 6 + TextLayout.lineHeight(font) }

    func draw(in ctx: DrawingContext, at origin: CGPoint, width: Double) {
        ctx.drawText(title, at: origin, font: titleFont, color: ink, anchor: .topLeft)
        let bar = CGRect(
            x: Double(origin.x), y: Double(origin.y) + TextLayout.lineHeight(titleFont), width: width,
            height: 16)
        let steps = 120
        for i in 0..<steps {
            let x = Double(bar.minX) + width * Double(i) / Double(steps)
            ctx.fillRect(
                CGRect(x: x, y: Double(bar.minY), width: width / Double(steps) + 0.6, height: 16),
                Palette.viridis(Double(i) / Double(steps - 1)))
        }
        ctx.strokeRect(bar, .gray(0.5), style: .solid(1))
        for tick in ticks {
            let x = Double(bar.minX) + tick * width
            ctx.strokeLine(from: CGPoint(x: x, y: bar.maxY), to: CGPoint(x: x, y: Double(bar.maxY) + 5), ink)
            let anchor: TextAnchor = tick == 0 ? .topLeft : (tick == 1 ? .topRight : .top)
            ctx.drawText(
                NumberText.format(tick, decimals: 2), at: CGPoint(x: x, y: Double(bar.maxY) + 6), font: font,
                color: ink, anchor: anchor)
        }
    }
}
