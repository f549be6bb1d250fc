import Canvas
import Figures

/// Anything that can stand on its own line inside a ``Step`` body.
///
/// The builder vocabulary exists because a result-builder line cannot start with `.prose(…)`:
/// Swift would read it as a method call on the previous line.
public protocol CellConvertible {
    /// The cell this value stands for in a step.
    var cell: Cell { get }
}

/// A sub-heading inside a step.
public struct Heading: CellConvertible {
    /// The heading text.
    public var text: String
    /// A heading with the given text.
    public init(_ text: String) { self.text = text }
    /// A heading cell.
    public var cell: Cell { .heading(text) }
}

/// A paragraph with `code` and *emphasis* markup. A bare string literal in a step is prose too.
public struct Prose: CellConvertible {
    /// The paragraph text, with inline markup.
    public var text: String
    /// A paragraph with the given text.
    public init(_ text: String) { self.text = text }
    /// A prose cell.
    public var cell: Cell { .prose(text) }
}

/// A formula shown verbatim in monospace, e.g. `centerness* = sqrt(min(l,r)/max(l,r) · …)`.
public struct Formula: CellConvertible {
    /// The formula as it should appear, alignment included.
    public var text: String
    /// A formula shown exactly as written.
    public init(_ text: String) { self.text = text }
    /// A formula cell.
    public var cell: Cell { .formula(text) }
}

/// An aside: a caveat, a pointer to the paper, a warning about a common misreading.
public struct Note: CellConvertible {
    /// The aside's text, with inline markup.
    public var text: String
    /// An aside with the given text.
    public init(_ text: String) { self.text = text }
    /// A note cell.
    public var cell: Cell { .note(text) }
}

/// Prompts for the student's next experiment, e.g. "run with `--preset torchvision`: …", each
/// best given a hidden answer: `TryThis(Exercise("…", answer: "…"), …)`.
public struct TryThis: CellConvertible {
    /// The prompts and their hidden answers, in the order shown.
    public var exercises: [Exercise]
    /// Prompts without answers.
    public init(_ prompts: String...) { exercises = prompts.map { Exercise($0) } }
    /// Prompts without answers, from an array.
    public init(_ prompts: [String]) { exercises = prompts.map { Exercise($0) } }
    /// Prompts with their hidden answers.
    public init(_ exercises: Exercise...) { self.exercises = exercises }
    /// Prompts with their hidden answers, from an array.
    public init(_ exercises: [Exercise]) { self.exercises = exercises }
    /// The prompt texts alone, without answers.
    public var prompts: [String] { exercises.map(\.prompt) }
    /// A try-this cell.
    public var cell: Cell { .tryThis(exercises) }
}

/// A figure cell. Named `Picture` rather than `Figure` so lessons can import Canvas and the
/// figure modules, which are free to use `Figure`, without an ambiguous type name.
public struct Picture: CellConvertible {
    /// The file name, caption and drawing the runner uses.
    public var spec: FigureSpec

    /// A figure the lesson draws itself, into the file the runner names.
    ///
    /// - Parameters:
    ///   - name: file name without extension; the runner writes `OUT/<name>.<ext>`.
    ///   - caption: the line shown under the figure.
    ///   - render: draws at the given path in the given format, typically with Canvas.
    public init(_ name: String, caption: String, render: @escaping FigureSpec.Render) {
        spec = FigureSpec(name: name, caption: caption, render: render)
    }

    /// A figure handed over whole, e.g. `Picture("targets", caption: "…") { panels }`: the runner
    /// writes it, and a figure that explains its marks (`HotspotProviding`, such as
    /// `LevelPanels`) shows each explanation on hover in the notebook page.
    public init(_ name: String, caption: String, figure: @escaping () throws -> any FigureDrawable) {
        spec = FigureSpec(name: name, caption: caption, figure: figure)
    }

    /// A figure cell.
    public var cell: Cell { .figure(spec) }
}
