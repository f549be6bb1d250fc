/// One screenful of a lesson: a title and the cells shown before the runner waits for Enter.
///
/// The body is a closure so the work behind it (matching thousands of locations, drawing a
/// figure) happens only when the student reaches the step, and so it may throw: a failing step
/// ends the lesson with a one-line error instead of a crash.
public struct Step {
    /// The step's heading, also listed in the page's table of contents.
    public var title: String
    var body: () throws -> [Cell]

    /// A step whose cells are written out in a builder block and computed when it is shown.
    public init(_ title: String, @CellBuilder body: @escaping () throws -> [Cell]) {
        self.title = title
        self.body = body
    }

    /// A step from ready-made cells, for lessons assembled from data rather than written out.
    public init(_ title: String, cells: [Cell]) {
        self.title = title
        self.body = { cells }
    }
}
