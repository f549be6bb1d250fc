import Canvas
import FCOS
import Figures
import Foundation

/// One level's targets as the six H×W maps the network is trained against: the class map and
/// `l*, t*, r*, b*` and centerness, cell for cell, cropped to the rows and columns that hold the
/// positives. Background cells are pale grey; a class cell takes its box's colour and carries
/// the class index; a number map is shaded by value (viridis, its own range in the panel title).
struct TargetMapsFigure: FigureDrawable {
    var level: LevelTargets
    var groundTruths: [GroundTruth]
    var unitName: String
    var title: String
    var subtitle: String
    var style = FigureStyle.standard

    /// The rows and columns shown: the positives' extent plus two cells of background.
    var window: (rows: ClosedRange<Int>, columns: ClosedRange<Int>) {
        let width = level.map.width
        let positives = level.matched.indices.filter { level.matched[$0] >= 0 }
        guard let first = positives.first else {
            return (0...min(7, level.map.height - 1), 0...min(7, width - 1))
        }
        var rows = (first / width)...(first / width)
        var columns = (first % width)...(first % width)
        for index in positives {
            rows = min(rows.lowerBound, index / width)...max(rows.upperBound, index / width)
            columns = min(columns.lowerBound, index % width)...max(columns.upperBound, index % width)
        }
        return (
            max(0, rows.lowerBound - 2)...min(level.map.height - 1, rows.upperBound + 2),
            max(0, columns.lowerBound - 2)...min(width - 1, columns.upperBound + 2)
        )
    }

    var cell: Double {
        let w = window
        return min(22, max(6, 230 / Double(max(w.rows.count, w.columns.count))))
    }

    var panelSize: CGSize {
        let w = window
        return CGSize(width: Double(w.columns.count) * cell, height: Double(w.rows.count) * cell)
    }

    let columnsOfPanels = 3
    let panelTitleHeight = 22.0
    let gap = 26.0
    var top: Double { style.margin + 58 }

    var size: CGSize {
        let p = panelSize
        let width = max(
            Double(columnsOfPanels) * Double(p.width) + Double(columnsOfPanels - 1) * gap,
            style.titleFont.measure(title).width, style.subtitleFont.measure(subtitle).width)
        return CGSize(
            width: (width + 2 * style.margin).rounded(.up),
            height: (top + 2 * (panelTitleHeight + Double(p.height)) + gap + 30 + style.margin).rounded(.up))
    }

    /// The maps in the order the lesson names them.
    var maps: [(name: String, value: (Int) -> Float?)] {
        [
            ("l*", { level.matched[$0] >= 0 ? level.ltrb[$0].l : nil }),
            ("t*", { level.matched[$0] >= 0 ? level.ltrb[$0].t : nil }),
            ("r*", { level.matched[$0] >= 0 ? level.ltrb[$0].r : nil }),
            ("b*", { level.matched[$0] >= 0 ? level.ltrb[$0].b : nil }),
            ("centerness*", { level.matched[$0] >= 0 ? level.centerness[$0] : nil }),
        ]
    }

    func draw(in ctx: DrawingContext) {
        ctx.drawText(
            title, at: CGPoint(x: style.margin, y: style.margin), font: style.titleFont, color: style.ink,
            anchor: .topLeft)
        ctx.drawText(
            subtitle, at: CGPoint(x: style.margin, y: style.margin + 30), font: style.subtitleFont,
            color: style.mutedInk, anchor: .topLeft)
        let w = window
        let p = panelSize
        for panel in 0..<6 {
            let x = style.margin + Double(panel % columnsOfPanels) * (Double(p.width) + gap)
            let y = top + Double(panel / columnsOfPanels) * (panelTitleHeight + Double(p.height) + gap)
            let frame = CGRect(
                x: x, y: y + panelTitleHeight, width: Double(p.width), height: Double(p.height))
            if panel == 0 {
                drawClassMap(in: ctx, frame: frame, window: w)
                ctx.drawText(
                    "class (−1 = background)", at: CGPoint(x: x, y: y), font: style.panelTitleFont,
                    color: style.ink, anchor: .topLeft)
            } else {
                let map = maps[panel - 1]
                let values = w.rows.flatMap { i in
                    w.columns.compactMap { j in map.value(i * level.map.width + j) }
                }
                let low = values.min() ?? 0
                let high = values.max() ?? 1
                drawNumberMap(in: ctx, frame: frame, window: w, value: map.value, low: low, high: high)
                let units = panel == 5 ? "" : " (\(unitName))"
                ctx.drawText(
                    "\(map.name)\(units): \(NumberFormat.short(low)) … \(NumberFormat.short(high))",
                    at: CGPoint(x: x, y: y), font: style.panelTitleFont, color: style.ink, anchor: .topLeft)
            }
            ctx.strokeRect(frame.insetBy(dx: -0.5, dy: -0.5), .gray(0.4), style: .solid(1))
        }
        let note =
            "rows \(w.rows.lowerBound)–\(w.rows.upperBound), columns \(w.columns.lowerBound)–\(w.columns.upperBound) of the \(level.map.height) × \(level.map.width) map · dark = small, yellow = large"
        ctx.drawText(
            note, at: CGPoint(x: style.margin, y: size.height - style.margin - 14), font: style.smallFont,
            color: style.mutedInk, anchor: .topLeft)
    }

    private func cellRect(
        _ i: Int, _ j: Int, frame: CGRect, window: (rows: ClosedRange<Int>, columns: ClosedRange<Int>)
    )
        -> CGRect
    {
        CGRect(
            x: Double(frame.minX) + Double(j - window.columns.lowerBound) * cell,
            y: Double(frame.minY) + Double(i - window.rows.lowerBound) * cell, width: cell, height: cell)
    }

    private func drawClassMap(
        in ctx: DrawingContext, frame: CGRect, window: (rows: ClosedRange<Int>, columns: ClosedRange<Int>)
    ) {
        for i in window.rows {
            for j in window.columns {
                let g = Int(level.matched[i * level.map.width + j])
                let rect = cellRect(i, j, frame: frame, window: window)
                let color = g >= 0 ? BoxColors.color(forBox: g) : Color.gray(0.93)
                ctx.fillRect(rect.insetBy(dx: 0.5, dy: 0.5), color)
                if g >= 0, cell >= 14 {
                    ctx.drawText(
                        "\(groundTruths[g].label)", at: CGPoint(x: rect.midX, y: rect.midY),
                        font: .regular(9),
                        color: color.readableTextColor, anchor: .center)
                }
            }
        }
    }

    private func drawNumberMap(
        in ctx: DrawingContext, frame: CGRect, window: (rows: ClosedRange<Int>, columns: ClosedRange<Int>),
        value: (Int) -> Float?, low: Float, high: Float
    ) {
        for i in window.rows {
            for j in window.columns {
                let rect = cellRect(i, j, frame: frame, window: window)
                guard let v = value(i * level.map.width + j) else {
                    ctx.fillRect(rect.insetBy(dx: 0.5, dy: 0.5), .gray(0.93))
                    continue
                }
                let t = high > low ? Double((v - low) / (high - low)) : 0.5
                ctx.fillRect(rect.insetBy(dx: 0.5, dy: 0.5), Palette.viridis(t))
            }
        }
    }
}

/// Numbers in figure titles: `12`, `3.5`, `0.42`.
enum NumberFormat {
    static func short(_ value: Float) -> String {
        if value == value.rounded() { return String(Int(value)) }
        return abs(value) >= 10
            ? String(format: "%.1f", Double(value)) : String(format: "%.2f", Double(value))
    }
}
