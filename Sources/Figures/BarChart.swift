import Canvas
import Foundation

/// Grouped bars with value labels and a legend: positives per level under several presets, or
/// each loss term's share.
///
/// ```swift
/// let chart = BarChart(
///     categories: ["P3", "P4", "P5", "P6", "P7"],
///     groups: [.init(name: "official", values: [16, 12, 40, 30, 4])],
///     title: "Positives per level", yLabel: "positive locations")
/// ```
public struct BarChart: FigureDrawable, Sendable {
    /// One series of bars, one value per category, drawn side by side with the other groups.
    public struct Group: Hashable, Sendable {
        /// The group's name in the legend.
        public var name: String
        /// One value per category, in the order of `categories`.
        public var values: [Double]
        /// The bars' colour; `nil` takes the next categorical colour.
        public var color: Color?

        /// A group of bars; `color` defaults to the next categorical colour.
        public init(name: String, values: [Double], color: Color? = nil) {
            self.name = name
            self.values = values
            self.color = color
        }
    }

    /// The x-axis categories, e.g. `P3`…`P7`.
    public var categories: [String]
    /// The series compared in each category.
    public var groups: [Group]
    /// The chart's title.
    public var title: String
    /// A second line under the title, e.g. the scene and preset.
    public var subtitle: String?
    /// The x axis's label; empty when the categories speak for themselves.
    public var xLabel: String = ""
    /// The y axis's label, with its unit.
    public var yLabel: String
    /// Decimals of the value labels on the bars.
    public var valueDecimals = 0
    /// Height of the plotting area in figure pixels.
    public var plotHeight = 340.0
    /// Width of one category's slot.
    public var slotWidth: Double?
    /// Fonts, margins and inks shared by every figure kind, so figures set side by side match.
    public var style: FigureStyle = .standard

    /// A chart of `groups` over `categories`, with default sizes and style.
    public init(categories: [String], groups: [Group], title: String, yLabel: String) {
        self.categories = categories
        self.groups = groups
        self.title = title
        self.yLabel = yLabel
    }

    func color(_ g: Int) -> Color { groups[g].color ?? Palette.categorical(g) }

    var axis: LinearAxis {
        let values = groups.flatMap(\.values)
        return LinearAxis(covering: values.min() ?? 0, values.max() ?? 1, count: 6, includeZero: true)
    }

    var slot: Double { slotWidth ?? max(90, Double(groups.count) * 34 + 30) }

    var legend: Legend {
        let entries = groups.indices.map { Legend.Entry(.swatch(color($0)), groups[$0].name) }
        var legend = Legend(sections: [.init(entries: entries)], font: style.labelFont, ink: style.ink)
        legend.maxColumns = 1
        return legend
    }

    var titleBlock: TitleBlock {
        TitleBlock(title: title, subtitle: subtitle, style: style, width: contentWidth)
    }

    var contentWidth: Double {
        let left = ChartFrame.insets(y: axis, style: style).left
        let legendWidth = groups.count > 1 ? Double(legend.placement(maxWidth: 220).size.width) + 24 : 0
        return max(left + Double(categories.count) * slot + legendWidth, 420)
    }

    /// The plotting area in figure pixels, inside the axes.
    public var plotFrame: CGRect {
        let left = ChartFrame.insets(y: axis, style: style).left
        return CGRect(
            x: style.margin + left, y: style.margin + titleBlock.height + 24,
            width: Double(categories.count) * slot,
            height: plotHeight)
    }

    /// The whole figure's size in pixels, known before drawing so a page can lay it out.
    public var size: CGSize {
        CGSize(
            width: (contentWidth + 2 * style.margin).rounded(.up),
            height: (Double(plotFrame.maxY) + ChartFrame.insets(y: axis, style: style).bottom + style.margin)
                .rounded(.up))
    }

    /// The bar of group `g` in category `c`, in figure pixels.
    public func barFrame(category c: Int, group g: Int) -> CGRect {
        let plot = plotFrame
        let axis = axis
        let barWidth = min(34, (slot - 24) / Double(max(groups.count, 1)))
        let start = Double(plot.minX) + Double(c) * slot + (slot - barWidth * Double(groups.count)) / 2
        let value = groups[g].values.indices.contains(c) ? groups[g].values[c] : 0
        let top = axis.position(max(value, 0), from: Double(plot.maxY), to: Double(plot.minY))
        let base = axis.position(min(value, 0), from: Double(plot.maxY), to: Double(plot.minY))
        return CGRect(x: start + Double(g) * barWidth, y: top, width: barWidth - 2, height: base - top)
    }

    /// Draws the figure with its top-left corner at the origin of `ctx`.
    public func draw(in ctx: DrawingContext) {
        titleBlock.draw(in: ctx, at: CGPoint(x: style.margin, y: style.margin))
        let plot = plotFrame
        ChartFrame(x: nil, y: axis, xLabel: xLabel, yLabel: yLabel, style: style, plot: plot).draw(in: ctx)
        for (c, name) in categories.enumerated() {
            let x = Double(plot.minX) + (Double(c) + 0.5) * slot
            ctx.drawText(
                name, at: CGPoint(x: x, y: Double(plot.maxY) + 6), font: style.labelFont.bold,
                color: style.ink,
                anchor: .top)
            for g in groups.indices {
                let bar = barFrame(category: c, group: g)
                ctx.fillRect(bar, color(g))
                guard groups[g].values.indices.contains(c) else { continue }
                let value = groups[g].values[c]
                ctx.drawText(
                    NumberText.format(value, decimals: valueDecimals),
                    at: CGPoint(x: bar.midX, y: bar.minY - 3),
                    font: style.smallFont, color: style.ink, anchor: .bottom)
            }
        }
        if groups.count > 1 {
            legend.draw(in: ctx, at: CGPoint(x: plot.maxX + 24, y: plot.minY), maxWidth: 220)
        }
    }
}
