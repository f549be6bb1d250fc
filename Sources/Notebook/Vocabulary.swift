import Canvas
import Figures

/// Anything that can stand on its own line inside a ``Step`` body.
///
/// The builder vocabulary exists because a result-builder line cannot start with `.prose(…)`:
/// Swift would read it as a method call on the previous line.
public protocol CellConvertible {
    var cell: Cell { get }
}

/// A sub-heading inside a step.
public struct Heading: CellConvertible {
    public var text: String
    public init(_ text: String) { self.text = text }
    public var cell: Cell { .heading(text) }
}

/// A paragraph with `code` and *emphasis* markup. A bare string literal in a step is prose too.
public struct Prose: CellConvertible {
    public var text: String
    public init(_ text: String) { self.text = text }
    public var cell: Cell { .prose(text) }
}

/// A formula shown verbatim in monospace, e.g. `centerness* = sqrt(min(l,r)/max(l,r) · …)`.
public struct Formula: CellConvertible {
    public var text: String
    public init(_ text: String) { self.text = text }
    public var cell: Cell { .formula(text) }
}

/// An aside: a caveat, a pointer to the paper, a warning about a common misreading.
public struct Note: CellConvertible {
    public var text: String
    public init(_ text: String) { self.text = text }
    public var cell: Cell { .note(text) }
}

/// Prompts for the student's next experiment, e.g. "run with `--preset torchvision`: …", each
/// best given a hidden answer: `TryThis(Exercise("…", answer: "…"), …)`.
public struct TryThis: CellConvertible {
    public var exercises: [Exercise]
    public init(_ prompts: String...) { exercises = prompts.map { Exercise($0) } }
    public init(_ prompts: [String]) { exercises = prompts.map { Exercise($0) } }
    public init(_ exercises: Exercise...) { self.exercises = exercises }
    public init(_ exercises: [Exercise]) { self.exercises = exercises }
    public var prompts: [String] { exercises.map(\.prompt) }
    public var cell: Cell { .tryThis(exercises) }
}

/// A figure cell. Named `Picture` rather than `Figure` so lessons can import Canvas and the
/// figure modules, which are free to use `Figure`, without an ambiguous type name.
public struct Picture: CellConvertible {
    public var spec: FigureSpec

    /// - Parameters:
    ///   - name: file name without extension; the runner writes `OUT/<name>.<ext>`.
    ///   - render: draws at the given path in the given format, typically with Canvas.
    public init(_ name: String, caption: String, render: @escaping FigureSpec.Render) {
        spec = FigureSpec(name: name, caption: caption, render: render)
    }

    /// A figure handed over whole, e.g. `Picture("targets", caption: "…") { panels }`: the runner
    /// writes it, and a figure that explains its marks (``HotspotProviding``, such as
    /// `LevelPanels`) shows each explanation on hover in the notebook page.
    public init(_ name: String, caption: String, figure: @escaping () throws -> any FigureDrawable) {
        spec = FigureSpec(name: name, caption: caption, figure: figure)
    }

    public var cell: Cell { .figure(spec) }
}
