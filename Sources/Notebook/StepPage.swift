import Canvas
import Figures

/// A step after its body has run: the cells to show, plus where its figures were written.
///
/// Kept so that going back re-shows a step without recomputing it or redrawing its figures,
/// and so the HTML page can be written from exactly what the terminal showed.
struct StepPage {
    /// 1-based, as students read it.
    var number: Int
    var title: String
    var cells: [Cell]
    var figures: [String: WrittenFigure]
}

struct WrittenFigure: Sendable {
    var path: String
    var format: FileFormat
    /// Numbered across the whole lesson, so "Figure 4" means the same in terminal and page.
    var number: Int
    /// What the figure's marks mean, when it can say (PNG and SVG only: a page cannot lay
    /// anything over a PDF link).
    var hotspots: FigureHotspots? = nil
}
