import Canvas
import Figures
import Foundation

/// A one-column legend whose symbols are drawn by the figure itself, for glyphs Figures'
/// `Legend` does not know (the three offset conventions, the padding strip's markers). Each row
/// is a symbol centred in a 24-px slot followed by its text, as in Figures' legends.
struct GlyphLegend {
    struct Row {
        var text: String
        var symbol: (DrawingContext, CGPoint) -> Void
    }

    var rows: [Row]
    var columns = 1
    var style = FigureStyle.standard

    private let rowHeight = 22.0
    private let symbolWidth = 24.0
    private let symbolGap = 8.0
    private let columnGap = 26.0

    private var rowsPerColumn: Int { (rows.count + columns - 1) / max(columns, 1) }

    var height: Double { Double(rowsPerColumn) * rowHeight }

    /// The width the legend needs: its widest column times the column count.
    var width: Double {
        let widest = rows.map { style.labelFont.measure($0.text).width }.max() ?? 0
        return Double(columns) * (symbolWidth + symbolGap + widest) + Double(columns - 1) * columnGap
    }

    func draw(in ctx: DrawingContext, at origin: CGPoint) {
        let widest = rows.map { style.labelFont.measure($0.text).width }.max() ?? 0
        let columnWidth = symbolWidth + symbolGap + widest + columnGap
        for (index, row) in rows.enumerated() {
            let column = index / max(rowsPerColumn, 1)
            let line = index % max(rowsPerColumn, 1)
            let x = Double(origin.x) + Double(column) * columnWidth
            let y = Double(origin.y) + Double(line) * rowHeight
            row.symbol(ctx, CGPoint(x: x + symbolWidth / 2, y: y + rowHeight / 2))
            ctx.drawText(
                row.text, at: CGPoint(x: x + symbolWidth + symbolGap, y: y + rowHeight / 2),
                font: style.labelFont,
                color: style.ink, anchor: .left)
        }
    }
}
