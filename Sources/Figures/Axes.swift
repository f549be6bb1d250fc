import Canvas
import Foundation

/// A linear axis with "nice" ticks (1, 2, 2.5 or 5 × 10ⁿ), the part every chart shares.
struct LinearAxis {
    var lower: Double
    var upper: Double
    var ticks: [Double]
    /// Positions by `log10(value)`: ratios (100×, 10 000×) become equal distances.
    var isLogarithmic = false

    /// A base-10 logarithmic axis from the power of ten at or below `low` to the one at or above
    /// `high`, one tick per power. Both bounds must be positive; a non-positive `low` is taken as
    /// `high / 10`.
    static func logarithmic(covering low: Double, _ high: Double) -> LinearAxis {
        let top = max(high, Double.leastNormalMagnitude)
        let bottom = low > 0 ? min(low, top) : top / 10
        let first = Int(log10(bottom).rounded(.down))
        var last = Int(log10(top).rounded(.up))
        if last == first { last += 1 }
        var axis = LinearAxis(covering: 0, 1)
        axis.lower = pow(10, Double(first))
        axis.upper = pow(10, Double(last))
        axis.ticks = (first...last).map { pow(10, Double($0)) }
        axis.isLogarithmic = true
        return axis
    }

    /// An axis covering `low…high`, extended to round tick values, with about `count` ticks.
    init(covering low: Double, _ high: Double, count: Int = 6, includeZero: Bool = false) {
        var low = includeZero ? min(low, 0) : low
        var high = includeZero ? max(high, 0) : high
        if !(high > low) {
            high = low + 1
            low -= low == 0 ? 0 : 1
        }
        let step = LinearAxis.niceStep((high - low) / Double(max(count - 1, 1)))
        let first = (low / step).rounded(.down) * step
        let last = (high / step).rounded(.up) * step
        var ticks: [Double] = []
        var t = first
        while t <= last + step * 1e-9 {
            ticks.append(abs(t) < step * 1e-9 ? 0 : t)
            t += step
        }
        self.lower = first
        self.upper = last
        self.ticks = ticks
    }

    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        for m in [1.0, 2, 2.5, 5, 10] where m * magnitude >= raw * 0.999 { return m * magnitude }
        return 10 * magnitude
    }

    /// Decimals needed to print every tick exactly.
    var decimals: Int {
        for d in 0...4 {
            let scale = pow(10, Double(d))
            if ticks.allSatisfy({ abs(($0 * scale).rounded() - $0 * scale) < 1e-6 }) { return d }
        }
        return 4
    }

    func label(_ value: Double) -> String {
        guard isLogarithmic else { return NumberText.format(value, decimals: decimals) }
        let power = Int(log10(value).rounded())
        guard !(-3...3).contains(power) else { return NumberText.format(value, decimals: max(0, -power)) }
        let superscripts: [Character: Character] = [
            "-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷",
            "8": "⁸",
            "9": "⁹",
        ]
        return "10" + String(String(power).map { superscripts[$0] ?? $0 })
    }

    /// Position of `value` between `start` (lower) and `end` (upper) in figure pixels. On a
    /// logarithmic axis a value ≤ 0 lands below `lower`, where the plot's clip hides it.
    func position(_ value: Double, from start: Double, to end: Double) -> Double {
        guard isLogarithmic else { return start + (value - lower) / (upper - lower) * (end - start) }
        let v = value > 0 ? log10(value) : log10(lower) - 10
        return start + (v - log10(lower)) / (log10(upper) - log10(lower)) * (end - start)
    }
}

/// The frame, gridlines, ticks and labels of an x–y chart, and the plot area inside them.
struct ChartFrame {
    var x: LinearAxis?
    var y: LinearAxis
    var xLabel: String
    var yLabel: String
    var style: FigureStyle
    var plot: CGRect

    /// Room the axes need left of and below the plot area.
    static func insets(y: LinearAxis, style: FigureStyle) -> (left: Double, bottom: Double) {
        let widest = y.ticks.map { style.smallFont.measure(y.label($0)).width }.max() ?? 0
        return (
            widest + 12 + TextLayout.lineHeight(style.labelFont) + 8,
            8 + 2 * TextLayout.lineHeight(style.labelFont) + 6
        )
    }

    func draw(in ctx: DrawingContext) {
        let grid = Color.gray(0.88)
        for t in y.ticks {
            let py = y.position(t, from: Double(plot.maxY), to: Double(plot.minY))
            ctx.strokeLine(from: CGPoint(x: plot.minX, y: py), to: CGPoint(x: plot.maxX, y: py), grid)
            ctx.drawText(
                y.label(t), at: CGPoint(x: Double(plot.minX) - 8, y: py), font: style.smallFont,
                color: style.mutedInk,
                anchor: .right)
        }
        if let x {
            for t in x.ticks {
                let px = x.position(t, from: Double(plot.minX), to: Double(plot.maxX))
                ctx.strokeLine(from: CGPoint(x: px, y: plot.minY), to: CGPoint(x: px, y: plot.maxY), grid)
                ctx.drawText(
                    x.label(t), at: CGPoint(x: px, y: Double(plot.maxY) + 6), font: style.smallFont,
                    color: style.mutedInk, anchor: .top)
            }
        }
        ctx.strokePolyline(
            [
                CGPoint(x: plot.minX, y: plot.minY), CGPoint(x: plot.minX, y: plot.maxY),
                CGPoint(x: plot.maxX, y: plot.maxY),
            ],
            style.ink, style: .solid(1.2))
        ctx.drawText(
            xLabel,
            at: CGPoint(x: plot.midX, y: Double(plot.maxY) + 8 + TextLayout.lineHeight(style.smallFont)),
            font: style.labelFont, color: style.ink, anchor: .top)
        let yTickWidth = y.ticks.map { style.smallFont.measure(y.label($0)).width }.max() ?? 0
        ctx.drawText(
            yLabel, at: CGPoint(x: Double(plot.minX) - yTickWidth - 14, y: plot.midY), font: style.labelFont,
            color: style.ink, anchor: .bottom, rotation: -Double.pi / 2)
    }
}
