import Canvas
import Foundation

/// Discrete distributions over the bins `0…n` side by side, for Generalized Focal Loss (Li et
/// al. 2020): the DFL target (two bins around `y`, weighted by distance), a predicted
/// distribution with its expectation `ŷ = Σ P_i·i`, or GFL v2's top-k statistics.
///
/// Bars are probabilities on one shared axis, so a sharp and a flat distribution compare at a
/// glance; a solid line marks the target `y`, a dashed one the expectation.
public struct DistributionPanels: FigureDrawable {
    /// One distribution over the regression bins, drawn as a bar chart.
    public struct Panel: Hashable, Sendable {
        /// The panel's heading, e.g. which side and which loss.
        public var title: String
        /// `P_i` per bin `i`, on the shared probability axis.
        public var probabilities: [Double]
        /// The regression target `y`, a solid vertical line.
        public var target: Double?
        /// `Σ P_i·i`, a dashed vertical line.
        public var expectation: Double?
        /// Bars drawn in the strong colour (e.g. the two DFL bins, or the top-k); the others pale.
        public var highlighted: Set<Int>
        /// Text above a bar, e.g. its weight.
        public var barLabels: [Int: String]

        /// A panel; lines and highlights are optional.
        public init(
            title: String, probabilities: [Double], target: Double? = nil, expectation: Double? = nil,
            highlighted: Set<Int> = [], barLabels: [Int: String] = [:]
        ) {
            self.title = title
            self.probabilities = probabilities
            self.target = target
            self.expectation = expectation
            self.highlighted = highlighted
            self.barLabels = barLabels
        }
    }

    /// The distributions compared, one panel each.
    public var panels: [Panel]
    /// The figure's title.
    public var title: String
    /// A second line under the title.
    public var subtitle: String?
    /// The bin axis's label.
    public var xLabel = "bin i: distance to the side, in strides"
    /// The probability axis's label.
    public var yLabel = "probability"
    /// What the strong-coloured bars mean, for the legend.
    public var highlightMeaning = "highlighted bins"
    /// The highlighted bars' colour; the others are a pale tint of it.
    public var color: Color = Palette.categorical(0)
    /// Width of one panel's plot in figure pixels.
    public var panelWidth: Double = 400
    /// Height of one panel's plot in figure pixels.
    public var plotHeight: Double = 210
    /// Panels per row; `nil` puts up to two side by side.
    public var columns: Int?
    /// Fonts, margins and inks shared by every figure kind, so figures set side by side match.
    public var style: FigureStyle = .standard

    /// Small multiples of `panels` with default labels and sizes.
    public init(panels: [Panel], title: String) {
        self.panels = panels
        self.title = title
    }

    var columnCount: Int {
        PanelLayout.columnCount(panels: panels.count, requested: columns ?? min(2, panels.count))
    }

    var yAxis: LinearAxis {
        LinearAxis(
            covering: 0, min(1, max(0.1, 1.12 * (panels.flatMap(\.probabilities).max() ?? 1))), count: 5)
    }

    var insets: (left: Double, bottom: Double) { ChartFrame.insets(y: yAxis, style: style) }

    var cellWidth: Double { insets.left + panelWidth }

    var gridWidth: Double { Double(columnCount) * cellWidth + Double(columnCount - 1) * style.gap }

    var titleBlock: TitleBlock {
        TitleBlock(title: title, subtitle: subtitle, style: style, width: gridWidth)
    }

    var panelTitleHeight: Double { TextLayout.lineHeight(style.panelTitleFont) + 6 }

    var cellHeight: Double { panelTitleHeight + 18 + plotHeight + insets.bottom }

    var rows: Int { max(1, (panels.count + columnCount - 1) / columnCount) }

    var top: Double { style.margin + titleBlock.height + 10 }

    /// The plotting area of panel `i` in figure pixels, for marks drawn over it.
    public func plotFrame(_ i: Int) -> CGRect {
        let x = style.margin + Double(i % columnCount) * (cellWidth + style.gap) + insets.left
        let y = top + Double(i / columnCount) * (cellHeight + style.gap) + panelTitleHeight + 18
        return CGRect(x: x, y: y, width: panelWidth, height: plotHeight)
    }

    var legend: Legend {
        var entries: [Legend.Entry] = [
            .init(.swatch(color), highlightMeaning),
            .init(.swatch(color.mixed(with: .white, fraction: 0.6)), "other bins"),
        ]
        if panels.contains(where: { $0.target != nil }) {
            entries.append(.init(.line(style.ink, dash: [], width: 2.4), "target y"))
        }
        if panels.contains(where: { $0.expectation != nil }) {
            entries.append(
                .init(.line(Palette.categorical(1), dash: [6, 3], width: 2.4), "expectation ŷ = Σ P_i · i"))
        }
        var legend = Legend(sections: [.init(entries: entries)], font: style.labelFont, ink: style.ink)
        legend.maxColumns = 4
        return legend
    }

    var legendTop: Double { top + Double(rows) * cellHeight + Double(rows - 1) * style.gap + 4 }

    /// The whole figure's size in pixels, known before drawing so a page can lay it out.
    public var size: CGSize {
        let height = legendTop + Double(legend.placement(maxWidth: gridWidth).size.height) + style.margin
        return CGSize(width: (gridWidth + 2 * style.margin).rounded(.up), height: height.rounded(.up))
    }

    /// The horizontal centre of bin `i` in panel `p`.
    public func x(bin i: Double, panel p: Int) -> Double {
        let plot = plotFrame(p)
        let n = Double(max(panels[p].probabilities.count, 1))
        return Double(plot.minX) + (i + 0.5) * Double(plot.width) / n
    }

    /// Draws the figure with its top-left corner at the origin of `ctx`.
    public func draw(in ctx: DrawingContext) {
        titleBlock.draw(in: ctx, at: CGPoint(x: style.margin, y: style.margin))
        let axis = yAxis
        for (p, panel) in panels.enumerated() {
            let plot = plotFrame(p)
            ctx.drawText(
                panel.title, at: CGPoint(x: Double(plot.minX), y: Double(plot.minY) - 18 - panelTitleHeight),
                font: style.panelTitleFont, color: style.ink, anchor: .topLeft)
            ChartFrame(x: nil, y: axis, xLabel: xLabel, yLabel: yLabel, style: style, plot: plot).draw(
                in: ctx)
            let n = panel.probabilities.count
            let slot = Double(plot.width) / Double(max(n, 1))
            var labels: [(text: String, at: CGPoint)] = []
            for (i, value) in panel.probabilities.enumerated() {
                let y = axis.position(value, from: Double(plot.maxY), to: Double(plot.minY))
                let bar = CGRect(
                    x: x(bin: Double(i), panel: p) - slot * 0.36, y: y, width: slot * 0.72,
                    height: Double(plot.maxY) - y)
                let strong = panel.highlighted.contains(i)
                ctx.fillRect(bar, strong ? color : color.mixed(with: .white, fraction: 0.6))
                if n <= 24 || i % 2 == 0 {
                    ctx.drawText(
                        "\(i)", at: CGPoint(x: x(bin: Double(i), panel: p), y: Double(plot.maxY) + 6),
                        font: style.smallFont,
                        color: style.mutedInk, anchor: .top)
                }
                if let label = panel.barLabels[i] {
                    labels.append((label, CGPoint(x: x(bin: Double(i), panel: p), y: y - 3)))
                }
            }
            // Lines under the value labels; their own labels above the plot, where no bar reaches.
            let expectationInk = Palette.categorical(1)
            if let target = panel.target {
                let tx = x(bin: target, panel: p)
                ctx.strokeLine(
                    from: CGPoint(x: tx, y: plot.minY - 2), to: CGPoint(x: tx, y: plot.maxY), style.ink,
                    style: .solid(2.4))
            }
            if let e = panel.expectation {
                let ex = x(bin: e, panel: p)
                ctx.strokeLine(
                    from: CGPoint(x: ex, y: plot.minY - 2), to: CGPoint(x: ex, y: plot.maxY), expectationInk,
                    style: StrokeStyle(width: 2.4, dash: [6, 3]))
            }
            for label in labels {
                ctx.drawLabel(
                    label.text, at: label.at,
                    style: LabelStyle(font: style.smallFont.bold, textColor: style.ink),
                    anchor: .bottom)
            }
            var headline: [(String, Color)] = []
            if let target = panel.target {
                headline.append(("y = \(NumberText.format(target, decimals: 3))", style.ink))
            }
            if let e = panel.expectation {
                headline.append(("ŷ = \(NumberText.format(e, decimals: 3)) (dashed)", expectationInk))
            }
            var hx = Double(plot.maxX)
            for (text, ink) in headline.reversed() {
                let frame = ctx.drawText(
                    text, at: CGPoint(x: hx, y: Double(plot.minY) - 6), font: style.labelFont.bold,
                    color: ink,
                    anchor: .bottomRight)
                hx = Double(frame.minX) - 14
            }
        }
        legend.draw(in: ctx, at: CGPoint(x: style.margin, y: legendTop), maxWidth: gridWidth)
    }
}
