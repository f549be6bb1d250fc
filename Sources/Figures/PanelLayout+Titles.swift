import Foundation

extension PanelLayout {
    /// The layout of panels under `titleBlock`, with room above each panel for the tallest of
    /// `titleLines`: the arithmetic every small-multiples figure with wrapped panel titles repeats.
    init(
        count: Int, viewport: CGRect, panelWidth: Double, columns: Int?, titleBlock: TitleBlock,
        titleLines: [[String]], legend: Legend?, style: FigureStyle
    ) {
        self.init(
            count: count, viewport: viewport, panelWidth: panelWidth, columns: columns,
            headerHeight: titleBlock.height + 8,
            panelTitleHeight: Double(titleLines.map(\.count).max() ?? 1)
                * TextLayout.lineHeight(style.panelTitleFont) + 4,
            legend: legend, style: style)
    }
}
