/// A lesson: an identifier (the executable's name), a title, and its steps in reading order.
///
/// A lesson's `main.swift` reads top to bottom like the notebook it produces:
/// ```swift
/// import Notebook
///
/// Lesson(id: "lesson-02-centerness", title: "Centerness") {
///     Step("The formula") {
///         "Centerness down-weights locations far from the *centre* of their box."
///         Formula("centerness* = sqrt(min(l,r)/max(l,r) · min(t,b)/max(t,b))")
///     }
///     Step("On a real box") {
///         let values = try computeCenterness()      // runs when the student gets here
///         Table("Centerness", columns: ["location", .right("value")], rows: values)
///         Picture("centerness", caption: "Centerness inside GT 1") { path, format in
///             try drawCenterness(values, to: path, format: format)
///         }
///         TryThis("Run with `--preset torchvision`: does the map change?")
///     }
/// }.main()
/// ```
/// `main()` parses ``LessonOptions``, runs the steps in the terminal (waiting for Enter between
/// them when a person is at the keyboard), writes `index.html` and the figures to the output
/// directory, and exits non-zero with a one-line message if a step throws.
public struct Lesson {
    /// Used for the default output directory `lesson-output/<id>`; match the executable name.
    public var id: String
    /// The page's and the terminal's heading.
    public var title: String
    /// One or two sentences under the title: what the student will be able to explain afterwards.
    public var summary: String?
    /// The screenfuls in reading order; the runner numbers them from 1.
    public var steps: [Step]

    /// A lesson whose steps are written out in a builder block, the usual form in `main.swift`.
    public init(id: String, title: String, summary: String? = nil, @StepBuilder steps: () -> [Step]) {
        self.init(id: id, title: title, summary: summary, steps: steps())
    }

    /// A lesson from an already-built list of steps, for lessons generated from data.
    public init(id: String, title: String, summary: String? = nil, steps: [Step]) {
        self.id = id
        self.title = title
        self.summary = summary
        self.steps = steps
    }
}
