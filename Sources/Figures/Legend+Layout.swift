import Canvas
import Foundation

/// Fitting a legend into the space a figure gives it.
extension Legend {
    static let symbolWidth = 24.0
    static let symbolGap = 8.0
    static let columnGap = 22.0

    /// One placed line: a section title, or an entry's symbol with its (possibly wrapped) text.
    struct Item {
        var entry: Entry?
        var lines: [String]
        var height: Double
        /// Space above the item unless it opens a column: separates sections.
        var spaceAbove: Double
        var isTitle: Bool { entry == nil }
    }

    /// Where each item goes for a given box.
    struct Placement {
        var items: [(Item, CGPoint)]
        var size: CGSize
    }

    var rowHeight: Double { max(TextLayout.lineHeight(font), 20) }

    private func items(columnWidth: Double) -> [Item] {
        var result: [Item] = []
        let textWidth = columnWidth - Self.symbolWidth - Self.symbolGap
        for (s, section) in sections.enumerated() {
            let sectionGap = s > 0 ? 8.0 : 0
            if let title = section.title {
                let lines = TextLayout.wrap(title, font: titleFont, width: columnWidth)
                let height = Double(lines.count) * TextLayout.lineHeight(titleFont)
                result.append(Item(entry: nil, lines: lines, height: height, spaceAbove: sectionGap))
            }
            for (e, entry) in section.entries.enumerated() {
                let lines = TextLayout.wrap(entry.text, font: font, width: textWidth)
                let height = rowHeight + Double(lines.count - 1) * TextLayout.lineHeight(font) + 2
                let above = section.title == nil && e == 0 ? sectionGap : 0
                result.append(Item(entry: entry, lines: lines, height: height, spaceAbove: above))
            }
        }
        return result
    }

    /// The placement in `columns` columns of `maxWidth`, filling each column to `maxHeight`.
    /// Returns `nil` if it does not fit.
    private func place(columns: Int, maxWidth: Double, maxHeight: Double) -> Placement? {
        let columnWidth = (maxWidth - Double(columns - 1) * Self.columnGap) / Double(columns)
        guard columns == 1 || columnWidth > 120 else { return nil }
        let all = items(columnWidth: columnWidth)
        var placed: [(Item, CGPoint)] = []
        var column = 0
        var y = reservedTop
        var usedHeight = y
        for (i, item) in all.enumerated() {
            // A section title moves to the next column with its first entry.
            let needed = item.isTitle && i + 1 < all.count ? item.height + all[i + 1].height : item.height
            if y > reservedTop && y + item.spaceAbove + needed > maxHeight {
                column += 1
                y = reservedTop
                if column >= columns { return nil }
            }
            if y > reservedTop { y += item.spaceAbove }
            guard y + item.height <= maxHeight || y == reservedTop else { return nil }
            placed.append((item, CGPoint(x: Double(column) * (columnWidth + Self.columnGap), y: y)))
            y += item.height
            usedHeight = max(usedHeight, y)
        }
        guard usedHeight <= maxHeight else { return nil }
        // A single column is only as wide as its longest line, so callers can centre it.
        let natural =
            placed.map { item, _ in
                (item.lines.map { (item.isTitle ? titleFont : font).measure($0).width }.max() ?? 0)
                    + (item.isTitle ? 0 : Self.symbolWidth + Self.symbolGap)
            }.max() ?? 0
        let width =
            column == 0
            ? min(columnWidth, natural + 2)
            : Double(column + 1) * columnWidth + Double(column) * Self.columnGap
        return Placement(items: placed, size: CGSize(width: width, height: usedHeight))
    }

    /// The most compact placement within `maxWidth × maxHeight`. First choice: sections stacked,
    /// each section's entries in as many columns as their natural width allows (eight short box
    /// names take two columns, long marker explanations one); otherwise sections flowed through
    /// up to four columns; if nothing fits, balanced columns taller than asked.
    func placement(maxWidth: Double, maxHeight: Double = .infinity) -> Placement {
        let grid = sectionGrid(maxWidth: maxWidth)
        if Double(grid.size.height) <= maxHeight { return grid }
        for columns in 1...4 {
            if let p = place(columns: columns, maxWidth: maxWidth, maxHeight: maxHeight) { return p }
        }
        return balanced(columns: 4, maxWidth: maxWidth)
    }

    /// Sections one under another, each as a grid of equal columns filled top to bottom.
    func sectionGrid(maxWidth: Double) -> Placement {
        var placed: [(Item, CGPoint)] = []
        var y = reservedTop
        var width = 0.0
        let entryWidth = { (entry: Entry) in
            self.font.measure(entry.text).width + Self.symbolWidth + Self.symbolGap + 4
        }
        for (s, section) in sections.enumerated() {
            if s > 0 { y += 8 }
            if let title = section.title {
                let lines = TextLayout.wrap(title, font: titleFont, width: maxWidth)
                let height = Double(lines.count) * TextLayout.lineHeight(titleFont)
                placed.append(
                    (Item(entry: nil, lines: lines, height: height, spaceAbove: 0), CGPoint(x: 0, y: y)))
                width = max(width, lines.map { titleFont.measure($0).width }.max() ?? 0)
                y += height
            }
            guard !section.entries.isEmpty else { continue }
            let natural = min(section.entries.map(entryWidth).max() ?? 0, maxWidth)
            var columns = max(
                1, min(section.entries.count, Int((maxWidth + Self.columnGap) / (natural + Self.columnGap))))
            let rows = (section.entries.count + columns - 1) / columns
            columns = (section.entries.count + rows - 1) / rows
            let columnWidth = natural
            var rowTops = [Double](repeating: y, count: rows + 1)
            // Rows take the height of their tallest entry (an entry may wrap in one column).
            var heights = [Double](repeating: 0, count: rows)
            var entryItems: [(Item, Int, Int)] = []
            for (e, entry) in section.entries.enumerated() {
                let lines = TextLayout.wrap(
                    entry.text, font: font, width: columnWidth - Self.symbolWidth - Self.symbolGap)
                let height = rowHeight + Double(lines.count - 1) * TextLayout.lineHeight(font) + 2
                let row = e % rows
                heights[row] = max(heights[row], height)
                entryItems.append(
                    (Item(entry: entry, lines: lines, height: height, spaceAbove: 0), row, e / rows))
            }
            for row in 0..<rows { rowTops[row + 1] = rowTops[row] + heights[row] }
            for (item, row, column) in entryItems {
                placed.append(
                    (item, CGPoint(x: Double(column) * (columnWidth + Self.columnGap), y: rowTops[row])))
            }
            width = max(width, Double(columns) * columnWidth + Double(columns - 1) * Self.columnGap)
            y = rowTops[rows]
        }
        return Placement(items: placed, size: CGSize(width: width, height: y))
    }

    /// Up to `columns` columns of about equal height, for a legend laid out as a wide band.
    func balanced(columns: Int, maxWidth: Double) -> Placement {
        var columns = max(1, columns)
        while columns > 1 && (maxWidth - Double(columns - 1) * Self.columnGap) / Double(columns) <= 120 {
            columns -= 1
        }
        let total = items(columnWidth: maxWidth / Double(columns)).reduce(0) {
            $0 + $1.height + $1.spaceAbove
        }
        var height = (total / Double(columns)).rounded(.down)
        while true {
            if let p = place(columns: columns, maxWidth: maxWidth, maxHeight: height) { return p }
            height += 4
        }
    }
}
