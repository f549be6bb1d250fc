import Canvas
import Foundation

/// An x–y line chart with round-number ticks, gridlines, axis labels and a legend, e.g. the focal
/// loss against p_t for several γ.
///
/// ```swift
/// var plot = LinePlot.focalLoss(gammas: [0, 0.5, 1, 2, 5])
/// try plot.write(toPath: "/tmp/focal.png")
/// ```
public struct LinePlot: FigureDrawable, Sendable {
    /// One named curve.
    public struct Series: Hashable, Sendable {
        /// The series' name in the legend.
        public var name: String
        /// The curve's points in data coordinates, drawn in order.
        public var points: [CGPoint]
        /// `nil` picks the next categorical colour.
        public var color: Color?
        /// Dash pattern in pixels; empty for a solid line.
        public var dash: [Double]
        /// Line width in pixels.
        public var width: Double

        /// A series; colour and dash default to the next colour, solid.
        public init(
            name: String, points: [CGPoint], color: Color? = nil, dash: [Double] = [], width: Double = 2.5
        ) {
            self.name = name
            self.points = points
            self.color = color
            self.dash = dash
            self.width = width
        }
    }

    /// The curves, drawn in order.
    public var series: [Series]
    /// The plot's title.
    public var title: String
    /// A second line under the title.
    public var subtitle: String?
    /// The x axis's label.
    public var xLabel: String
    /// The y axis's label.
    public var yLabel: String
    /// Axis ranges; by default the data's, extended to round ticks.
    public var xRange: ClosedRange<Double>?
    /// The y range; `nil` fits the data.
    public var yRange: ClosedRange<Double>?
    /// The plotting area's size in figure pixels.
    public var plotSize = CGSize(width: 620, height: 380)
    /// Fonts, margins and inks shared by every figure kind, so figures set side by side match.
    public var style: FigureStyle = .standard
    /// `.logarithmic` for ratios a reader must see (a loss 100× or 10 000× smaller): one tick per
    /// power of ten, and points with `y ≤ 0` left out.
    public var yScale: AxisScale = .linear

    /// How an axis maps values to positions.
    public enum AxisScale: Sendable, Hashable {
        /// Equal steps for equal differences.
        case linear
        /// Equal steps for equal ratios.
        case logarithmic
    }

    /// A plot of `series` with default sizes and a linear y axis.
    public init(series: [Series], title: String, xLabel: String, yLabel: String) {
        self.series = series
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
    }

    /// Focal loss `FL(p_t) = −(1 − p_t)^γ · log(p_t)` (Lin et al. 2017) for each `γ`; γ = 0 is
    /// plain cross-entropy. FCOS trains its classifier with γ = 2.
    public static func focalLoss(gammas: [Double] = [0, 0.5, 1, 2, 5], samples: Int = 200) -> LinePlot {
        let series = gammas.map { gamma in
            Series(
                name: "γ = \(NumberText.format(gamma))",
                points: (1...samples).map { i in
                    let p = Double(i) / Double(samples)
                    return CGPoint(x: p, y: -pow(1 - p, gamma) * log(p))
                }, dash: gamma == 0 ? [7, 4] : [])
        }
        var plot = LinePlot(
            series: series,
            title: "Focal loss: well-classified examples (p_t > 0.6) stop counting as γ grows",
            xLabel: "probability of the ground-truth class, p_t", yLabel: "loss")
        plot.subtitle = "FL(p_t) = −(1 − p_t)^γ · log(p_t) · γ = 0 is cross-entropy · FCOS uses γ = 2"
        plot.xRange = 0...1
        plot.yRange = 0...5
        return plot
    }

    func color(_ index: Int) -> Color { series[index].color ?? Palette.categorical(index) }

    var axes: (x: LinearAxis, y: LinearAxis) {
        let xs = series.flatMap { $0.points.map { Double($0.x) } }
        let ys = series.flatMap { $0.points.map { Double($0.y) } }
        let x = LinearAxis(
            covering: xRange?.lowerBound ?? xs.min() ?? 0, xRange?.upperBound ?? xs.max() ?? 1, count: 6)
        switch yScale {
        case .linear:
            let y = LinearAxis(
                covering: yRange?.lowerBound ?? ys.min() ?? 0, yRange?.upperBound ?? ys.max() ?? 1, count: 6,
                includeZero: yRange == nil)
            return (x, y)
        case .logarithmic:
            let positive = ys.filter { $0 > 0 }
            let y = LinearAxis.logarithmic(
                covering: yRange?.lowerBound ?? positive.min() ?? 0.1,
                yRange?.upperBound ?? positive.max() ?? 1)
            return (x, y)
        }
    }

    var legend: Legend {
        let entries = series.indices.map {
            Legend.Entry(.line(color($0), dash: series[$0].dash, width: series[$0].width), series[$0].name)
        }
        var legend = Legend(sections: [.init(entries: entries)], font: style.labelFont, ink: style.ink)
        legend.maxColumns = 1
        return legend
    }

    var titleBlock: TitleBlock {
        TitleBlock(title: title, subtitle: subtitle, style: style, width: contentWidth)
    }

    var legendSize: CGSize { legend.placement(maxWidth: 220).size }

    var contentWidth: Double {
        ChartFrame.insets(y: axes.y, style: style).left + Double(plotSize.width) + 24
            + Double(legendSize.width)
    }

    /// The plot area in figure pixels.
    public var plotFrame: CGRect {
        let insets = ChartFrame.insets(y: axes.y, style: style)
        return CGRect(
            x: style.margin + insets.left, y: style.margin + titleBlock.height + 14, width: plotSize.width,
            height: plotSize.height)
    }

    /// The whole figure's size in pixels, known before drawing so a page can lay it out.
    public var size: CGSize {
        let insets = ChartFrame.insets(y: axes.y, style: style)
        return CGSize(
            width: (contentWidth + 2 * style.margin).rounded(.up),
            height: (Double(plotFrame.maxY) + insets.bottom + style.margin).rounded(.up))
    }

    /// Where the data point `(x, y)` lands.
    public func figurePoint(x: Double, y: Double) -> CGPoint {
        let (ax, ay) = axes
        let plot = plotFrame
        return CGPoint(
            x: ax.position(x, from: Double(plot.minX), to: Double(plot.maxX)),
            y: ay.position(y, from: Double(plot.maxY), to: Double(plot.minY)))
    }

    /// Draws the figure with its top-left corner at the origin of `ctx`.
    public func draw(in ctx: DrawingContext) {
        titleBlock.draw(in: ctx, at: CGPoint(x: style.margin, y: style.margin))
        let (ax, ay) = axes
        let plot = plotFrame
        ChartFrame(x: ax, y: ay, xLabel: xLabel, yLabel: yLabel, style: style, plot: plot).draw(in: ctx)
        ctx.withClip(to: plot.insetBy(dx: -1, dy: -1)) {
            for (i, s) in series.enumerated() {
                let shown = yScale == .logarithmic ? s.points.filter { $0.y > 0 } : s.points
                let points = shown.map { figurePoint(x: Double($0.x), y: Double($0.y)) }
                ctx.strokePolyline(
                    points, color(i),
                    style: StrokeStyle(width: s.width, dash: s.dash, cap: .round, join: .round))
            }
        }
        legend.draw(in: ctx, at: CGPoint(x: plot.maxX + 24, y: plot.minY), maxWidth: 220)
    }
}
