import Canvas
import Figures

/// One block of a lesson page. Renderers switch over this closed set, so the terminal and the
/// HTML page always agree on what a lesson can contain.
public enum Cell {
    /// A sub-heading inside a step.
    case heading(String)
    /// A paragraph of text with light inline markup: `code` spans, *emphasis* and **strong**.
    /// Blank lines separate paragraphs; lines starting with "- " are bullet items.
    case prose(String)
    /// A formula, shown verbatim in a monospace block so hand-aligned maths keeps its shape.
    case formula(String)
    case table(Table)
    case figure(FigureSpec)
    /// An aside the student should not skip, such as a caveat or a link to the paper.
    case note(String)
    /// Experiments the student can run next; each prompt is one item.
    case tryThis([String])
}

/// A figure whose file the runner places (`OUT/<name>.<ext>`) and the lesson draws.
///
/// The runner owns the path so every lesson writes to the same layout, the HTML page can find
/// the files, and the write can be made atomic behind the lesson's back.
public struct FigureSpec {
    /// Draws the figure at `path` in `format`. Not `@Sendable`: lessons draw on the caller's thread.
    public typealias Render = (_ path: String, _ format: FileFormat) throws -> Void

    /// The file name without extension; letters, digits, `-`, `_` and `.`.
    public var name: String
    public var caption: String
    public var render: Render
    /// The figure itself, when the lesson hands one over (``Picture/init(_:caption:figure:)``):
    /// the runner then writes it and, if it is ``HotspotProviding``, lays its explanations over
    /// it on the page.
    public var figure: (() throws -> any FigureDrawable)?

    public init(name: String, caption: String, render: @escaping Render) {
        self.name = name
        self.caption = caption
        self.render = render
    }

    /// A figure the runner draws itself, asking it for hotspots when it has them.
    public init(name: String, caption: String, figure: @escaping () throws -> any FigureDrawable) {
        self.name = name
        self.caption = caption
        self.render = { path, format in try figure().write(toPath: path, format: format) }
        self.figure = figure
    }
}
