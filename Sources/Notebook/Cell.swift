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
    /// A computed table; the terminal aligns it in columns, the page renders an HTML table.
    case table(Table)
    /// A figure the runner writes to the output directory and the page shows inline.
    case figure(FigureSpec)
    /// An aside the student should not skip, such as a caveat or a link to the paper.
    case note(String)
    /// Experiments the student can run next; each is one item, with an answer kept hidden until
    /// the student asks for it.
    case tryThis([Exercise])
}

/// One "try this" prompt and, when the lesson knows it, its answer.
///
/// The answer is hidden on purpose: a prompt asks the student to predict before running, and
/// an answer printed beside it would be read first. The terminal shows it on a key, the page in
/// a closed `<details>` element. A string literal is a prompt without an answer, so existing
/// `TryThis("…")` call sites keep their meaning.
public struct Exercise: Hashable, Sendable, ExpressibleByStringLiteral {
    /// The question or experiment, with the same inline markup as prose.
    public var prompt: String
    /// The answer revealed on request; nil when the prompt is left open for discussion.
    public var answer: String?

    /// An exercise with an optional hidden answer.
    public init(_ prompt: String, answer: String? = nil) {
        self.prompt = prompt
        self.answer = answer
    }

    /// Lets a bare string literal stand for a prompt without an answer.
    public init(stringLiteral prompt: String) {
        self.init(prompt)
    }
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
    /// The line shown under the figure on the page and in the terminal.
    public var caption: String
    /// Draws the file; called by the runner once it has chosen the path.
    public var render: Render
    /// The figure itself, when the lesson hands one over (``Picture/init(_:caption:figure:)``):
    /// the runner then writes it and, if it is `HotspotProviding`, lays its explanations over
    /// it on the page.
    public var figure: (() throws -> any FigureDrawable)?

    /// A figure drawn by a closure the lesson writes, for figures that are not a `FigureDrawable`.
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
