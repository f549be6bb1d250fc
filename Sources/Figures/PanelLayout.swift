import Canvas
import FCOS
import Foundation

/// Where everything goes in a small-multiples figure: a title, then one panel per FPN level in
/// a grid, all at the *same scale*, then the shared legend.
///
/// Sharing the scale is the point of the figure: a box is the same size in every panel, so the
/// eye compares only what changes from level to level (how dense the grid is, and which
/// locations the size gate keeps). The legend takes a free cell of the grid when there is one
/// (five levels in 3 × 2 leave one), otherwise a band under it.
public struct PanelLayout: Sendable {
    /// The whole figure.
    public var size: CGSize
    /// The image area shown in every panel, in image pixels.
    public var viewport: CGRect
    /// The picture area of each panel, in figure pixels.
    public var panels: [CGRect]
    /// The text line above each panel.
    public var panelTitles: [CGRect]
    /// The area reserved for the shared legend.
    public var legendFrame: CGRect
    /// Where the figure's title starts.
    public var titleOrigin: CGPoint
    /// Panels per row.
    public var columns: Int

    /// How image pixels map into panel `panel`.
    public func mapping(panel: Int) -> ImageMapping {
        ImageMapping(viewport: viewport, frame: panels[panel])
    }

    /// Where the image point `point` (a location) lands in panel `panel`: the mapping tests use to
    /// probe the pixel under a location.
    public func figurePoint(_ point: Point, panel: Int) -> CGPoint {
        mapping(panel: panel).point(point)
    }

    /// Columns for `count` panels: as asked, else up to three, never more than there are panels.
    static func columnCount(panels count: Int, requested: Int?) -> Int {
        max(1, min(requested ?? min(count, 3), max(count, 1)))
    }

    /// The width the panels' columns and the gaps between them take up; figure titles wrap to it.
    static func gridWidth(panels count: Int, panelWidth: Double, columns requested: Int?, gap: Double)
        -> Double
    {
        let columns = columnCount(panels: count, requested: requested)
        return Double(columns) * panelWidth + Double(columns - 1) * gap
    }

    /// Lays out `count` panels of `panelWidth` showing `viewport`, under a header of
    /// `headerHeight`, with `panelTitleHeight` above each panel and room for `legend`.
    init(
        count: Int, viewport: CGRect, panelWidth: Double, columns requested: Int?, headerHeight: Double,
        panelTitleHeight: Double, legend: Legend?, style: FigureStyle
    ) {
        let columns = Self.columnCount(panels: count, requested: requested)
        let rows = max(1, (count + columns - 1) / columns)
        let panelHeight = (panelWidth * Double(viewport.height) / Double(viewport.width)).rounded()
        let cellHeight = panelTitleHeight + panelHeight
        let margin = style.margin
        let gap = style.gap
        let gridWidth = Self.gridWidth(panels: count, panelWidth: panelWidth, columns: columns, gap: gap)
        let top = margin + headerHeight
        var panels: [CGRect] = []
        var titles: [CGRect] = []
        for index in 0..<count {
            let x = margin + Double(index % columns) * (panelWidth + gap)
            let y = top + Double(index / columns) * (cellHeight + gap)
            titles.append(CGRect(x: x, y: y, width: panelWidth, height: panelTitleHeight))
            panels.append(CGRect(x: x, y: y + panelTitleHeight, width: panelWidth, height: panelHeight))
        }
        var height = top + Double(rows) * cellHeight + Double(rows - 1) * gap + margin
        var legendFrame = CGRect.zero
        if let legend {
            let free = rows * columns - count
            let inset = 12.0
            var placedInCell = false
            if free > 0 {
                let x = margin + Double(count % columns) * (panelWidth + gap)
                let y = top + Double(rows - 1) * (cellHeight + gap)
                let width = Double(free) * panelWidth + Double(free - 1) * gap
                let needed = legend.placement(maxWidth: width - 2 * inset, maxHeight: cellHeight - 2 * inset)
                if needed.size.height <= cellHeight - 2 * inset {
                    legendFrame = CGRect(x: x, y: y, width: width, height: cellHeight)
                    placedInCell = true
                }
            }
            if !placedInCell {
                let placement = legend.placement(maxWidth: gridWidth - 2 * inset)
                let bandHeight = Double(placement.size.height) + 2 * inset
                legendFrame = CGRect(
                    x: margin, y: height - margin + gap, width: gridWidth, height: bandHeight)
                height += gap + bandHeight
            }
        }
        self.size = CGSize(width: (2 * margin + gridWidth).rounded(.up), height: height.rounded(.up))
        self.viewport = viewport
        self.panels = panels
        self.panelTitles = titles
        self.legendFrame = legendFrame
        self.titleOrigin = CGPoint(x: margin, y: margin)
        self.columns = columns
    }

    /// Draws `legend` in its frame on a light card.
    func drawLegend(_ legend: Legend, in ctx: DrawingContext, style: FigureStyle) {
        guard legendFrame.width > 0 else { return }
        let inset = 12.0
        let inCell = legendFrame.minY < panels.last.map { $0.maxY } ?? 0
        let maxWidth = Double(legendFrame.width) - 2 * inset
        let placement =
            inCell
            ? legend.placement(maxWidth: maxWidth, maxHeight: Double(legendFrame.height) - 2 * inset)
            : legend.placement(maxWidth: maxWidth)
        let card = CGRect(
            x: legendFrame.minX, y: legendFrame.minY, width: Double(placement.size.width) + 2 * inset,
            height: Double(placement.size.height) + 2 * inset)
        ctx.beginPath()
        ctx.addRoundedRect(card, cornerRadius: 6)
        ctx.fillAndStroke(fill: Color(hex: 0xFAFAF7), stroke: .gray(0.82), style: .solid(1))
        legend.draw(placement, in: ctx, at: CGPoint(x: card.minX + inset, y: card.minY + inset))
    }
}
