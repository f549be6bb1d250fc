/// Builds a step's cells from a notebook-like list of statements.
///
/// Accepts the vocabulary types (``Prose``, ``Formula``, ``Picture``…), a ``Table``, a bare
/// string (prose), a `Cell` or an array of cells, plus `if`, `switch` and `for`. Statements that
/// return nothing (a `print`, an assignment) are allowed and contribute no cell.
@resultBuilder
public enum CellBuilder {
    /// A vocabulary value (``Prose``, ``Picture``, …) becomes its one cell.
    public static func buildExpression(_ item: some CellConvertible) -> [Cell] { [item.cell] }
    /// A cell built directly stays as it is.
    public static func buildExpression(_ cell: Cell) -> [Cell] { [cell] }
    /// An array of cells, e.g. made by a helper function, is spliced in order.
    public static func buildExpression(_ cells: [Cell]) -> [Cell] { cells }
    /// A bare string literal is a paragraph of prose.
    public static func buildExpression(_ prose: String) -> [Cell] { [.prose(prose)] }
    /// A statement with no value (a `print`, an assignment) contributes no cell.
    public static func buildExpression(_: Void) -> [Cell] { [] }
    /// Joins the statements' cells in the order they are written.
    public static func buildBlock(_ parts: [Cell]...) -> [Cell] { parts.flatMap { $0 } }
    /// An `if` without `else` contributes its cells only when taken.
    public static func buildOptional(_ part: [Cell]?) -> [Cell] { part ?? [] }
    /// The `if` branch of an `if`/`else` or the first `switch` case taken.
    public static func buildEither(first part: [Cell]) -> [Cell] { part }
    /// The `else` branch of an `if`/`else` or a later `switch` case taken.
    public static func buildEither(second part: [Cell]) -> [Cell] { part }
    /// A `for` loop contributes every iteration's cells in order.
    public static func buildArray(_ parts: [[Cell]]) -> [Cell] { parts.flatMap { $0 } }
    /// Allows `if #available` inside a step.
    public static func buildLimitedAvailability(_ part: [Cell]) -> [Cell] { part }
}

/// Builds a lesson's list of steps; `if` and `for` let a lesson add steps per preset or level.
@resultBuilder
public enum StepBuilder {
    /// A single step.
    public static func buildExpression(_ step: Step) -> [Step] { [step] }
    /// An array of steps, e.g. made per level, is spliced in order.
    public static func buildExpression(_ steps: [Step]) -> [Step] { steps }
    /// Joins the statements' steps in the order they are written.
    public static func buildBlock(_ parts: [Step]...) -> [Step] { parts.flatMap { $0 } }
    /// An `if` without `else` adds its steps only when taken.
    public static func buildOptional(_ part: [Step]?) -> [Step] { part ?? [] }
    /// The `if` branch of an `if`/`else` or the first `switch` case taken.
    public static func buildEither(first part: [Step]) -> [Step] { part }
    /// The `else` branch of an `if`/`else` or a later `switch` case taken.
    public static func buildEither(second part: [Step]) -> [Step] { part }
    /// A `for` loop adds every iteration's steps in order.
    public static func buildArray(_ parts: [[Step]]) -> [Step] { parts.flatMap { $0 } }
}
