import Canvas
import Foundation

/// Fonts, inks and spacing shared by every figure, so a lesson's pictures look like one set.
///
/// The smallest text is 12 px at the default size: figures are often projected or shrunk into
/// a notebook column, and anything smaller stops being readable there.
public struct FigureStyle: Hashable, Sendable {
    /// The figure's title.
    public var titleFont: Font
    /// The line under the title.
    public var subtitleFont: Font
    /// Each panel's heading.
    public var panelTitleFont: Font
    /// Axis labels, legend text and marks' labels.
    public var labelFont: Font
    /// Tick labels and values printed in cells.
    public var smallFont: Font
    /// Text and axes.
    public var ink: Color
    /// Secondary text: subtitles, tick labels.
    public var mutedInk: Color
    /// Empty space around the whole figure.
    public var margin: Double
    /// Space between panels.
    public var gap: Double
    /// The white veil laid over a backdrop so that markers stand out from the picture under them.
    public var backdropDimming: Double

    /// A style; the defaults are the toolkit's house style.
    public init(
        titleFont: Font = .bold(20), subtitleFont: Font = .regular(14), panelTitleFont: Font = .bold(14),
        labelFont: Font = .regular(13), smallFont: Font = .regular(12), ink: Color = .gray(0.12),
        mutedInk: Color = .gray(0.36), margin: Double = 20, gap: Double = 18, backdropDimming: Double = 0.55
    ) {
        self.titleFont = titleFont
        self.subtitleFont = subtitleFont
        self.panelTitleFont = panelTitleFont
        self.labelFont = labelFont
        self.smallFont = smallFont
        self.ink = ink
        self.mutedInk = mutedInk
        self.margin = margin
        self.gap = gap
        self.backdropDimming = backdropDimming
    }

    /// The house style every figure uses unless told otherwise.
    public static let standard = FigureStyle()

    /// Thin frame around panels.
    var frameColor: Color { .gray(0.7) }
}
