import Canvas
import Foundation

/// A legend: titled sections of symbol + text entries, flowed into as many columns as the space
/// it is given needs. Every figure with an encoding (colour, ring, dash) has one, so nothing in a
/// picture has to be guessed.
public struct Legend: Sendable {
    /// The mark drawn before an entry's text.
    public enum Symbol: Hashable, Sendable {
        /// A location marker as the panels draw it.
        case marker(LocationMarker)
        /// A filled square, e.g. a box's colour.
        case swatch(Color)
        /// A small rectangle outline, e.g. a ground-truth box or a dashed region.
        case outline(Color, dashed: Bool)
        /// A short line sample, e.g. a plot series.
        case line(Color, dash: [Double], width: Double)
        /// The ⚠ chip for boxes without a positive.
        case warning
        /// An ATSS candidate's state (``CandidateGlyph``).
        case candidate(CandidateGlyph)
        /// No symbol: a line of plain text.
        case none
    }

    /// One symbol with its explanation.
    public struct Entry: Hashable, Sendable {
        /// The mark explained.
        public var symbol: Symbol
        /// What the mark means.
        public var text: String
        /// The text's colour; `nil` is the legend's ink, a box colour ties the entry to its box.
        public var textColor: Color?

        /// An entry explaining `symbol` with `text`.
        public init(_ symbol: Symbol, _ text: String, textColor: Color? = nil) {
            self.symbol = symbol
            self.text = text
            self.textColor = textColor
        }
    }

    /// A group of entries under an optional heading, e.g. `Boxes` or `Locations`.
    public struct Section: Hashable, Sendable {
        /// The heading; `nil` for none.
        public var title: String?
        /// The entries, in reading order.
        public var entries: [Entry]

        /// A section of `entries` under `title`.
        public init(title: String? = nil, entries: [Entry]) {
            self.title = title
            self.entries = entries
        }
    }

    /// The sections, top to bottom.
    public var sections: [Section]
    /// The entries' font.
    public var font: Font
    /// The section headings' font.
    public var titleFont: Font
    /// The text colour.
    public var ink: Color
    /// Grid spacing the marker symbols are drawn at.
    public var markerSpacing: Double = 16
    /// The most columns a section's entries may take in the stacked layout; 1 keeps a series
    /// legend in reading order.
    public var maxColumns = 4
    /// Empty space above the first section for something the caller draws, e.g. a colour bar.
    public var reservedTop: Double = 0

    /// A legend of `sections` in the house fonts.
    public init(
        sections: [Section], font: Font = .regular(13), titleFont: Font = .bold(13), ink: Color = .gray(0.12)
    ) {
        self.sections = sections
        self.font = font
        self.titleFont = titleFont
        self.ink = ink
    }

    /// The size the legend takes in `maxWidth × maxHeight`.
    public func size(maxWidth: Double, maxHeight: Double = .infinity) -> CGSize {
        placement(maxWidth: maxWidth, maxHeight: maxHeight).size
    }

    /// Draws the legend with its top-left corner at `origin`.
    public func draw(
        in ctx: DrawingContext, at origin: CGPoint, maxWidth: Double, maxHeight: Double = .infinity
    ) {
        draw(placement(maxWidth: maxWidth, maxHeight: maxHeight), in: ctx, at: origin)
    }

    func draw(_ placement: Placement, in ctx: DrawingContext, at origin: CGPoint) {
        let line = TextLayout.lineHeight(font)
        for (item, offset) in placement.items {
            let x = Double(origin.x + offset.x)
            let y = Double(origin.y + offset.y)
            guard let entry = item.entry else {
                TextLayout.draw(item.lines, in: ctx, x: x, top: y, font: titleFont, color: ink)
                continue
            }
            drawSymbol(entry.symbol, at: CGPoint(x: x + Self.symbolWidth / 2, y: y + rowHeight / 2), in: ctx)
            TextLayout.draw(
                item.lines, in: ctx, x: x + Self.symbolWidth + Self.symbolGap,
                top: y + (rowHeight - line) / 2 + 1,
                font: font, color: entry.textColor ?? ink)
        }
    }

    private func drawSymbol(_ symbol: Symbol, at c: CGPoint, in ctx: DrawingContext) {
        let w = Self.symbolWidth
        switch symbol {
        case .marker(let marker):
            let metrics = MarkerMetrics(spacing: markerSpacing)
            if marker != .location && marker != .disagreement && !isComparedPositive(marker) {
                LocationMarker.draw(.location, at: [c], in: ctx, metrics: metrics)
            }
            LocationMarker.draw(marker, at: [c], in: ctx, metrics: metrics)
        case .swatch(let color):
            let r = CGRect(x: c.x - 8, y: c.y - 8, width: 16, height: 16)
            ctx.beginPath()
            ctx.addRoundedRect(r, cornerRadius: 3)
            ctx.fillAndStroke(fill: color, stroke: color.darkened(by: 0.35), style: .solid(1))
        case .outline(let color, let dashed):
            let r = CGRect(x: c.x - w / 2 + 1, y: c.y - 7, width: w - 2, height: 14)
            ctx.strokeRect(r, color, style: dashed ? StrokeStyle(width: 1.6, dash: [4, 3]) : .solid(2))
        case .line(let color, let dash, let width):
            ctx.strokeLine(
                from: CGPoint(x: c.x - w / 2, y: c.y), to: CGPoint(x: c.x + w / 2, y: c.y), color,
                style: StrokeStyle(width: width, dash: dash))
        case .warning:
            ctx.drawLabel(
                BoxColors.warningSymbol, at: c, style: .filled(BoxColors.warning, font: .bold(12)),
                anchor: .center)
        case .candidate(let glyph):
            glyph.draw(at: c, radius: 7, in: ctx)
        case .none:
            break
        }
    }

    private func isComparedPositive(_ marker: LocationMarker) -> Bool {
        if case .comparedPositive = marker { return true }
        return false
    }
}
