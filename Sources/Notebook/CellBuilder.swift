/// Builds a step's cells from a notebook-like list of statements.
///
/// Accepts the vocabulary types (``Prose``, ``Formula``, ``Picture``…), a ``Table``, a bare
/// string (prose), a `Cell` or an array of cells, plus `if`, `switch` and `for`. Statements that
/// return nothing (a `print`, an assignment) are allowed and contribute no cell.
@resultBuilder
public enum CellBuilder {
    public static func buildExpression(_ item: some CellConvertible) -> [Cell] { [item.cell] }
    public static func buildExpression(_ cell: Cell) -> [Cell] { [cell] }
    public static func buildExpression(_ cells: [Cell]) -> [Cell] { cells }
    public static func buildExpression(_ prose: String) -> [Cell] { [.prose(prose)] }
    public static func buildExpression(_: Void) -> [Cell] { [] }
    public static func buildBlock(_ parts: [Cell]...) -> [Cell] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Cell]?) -> [Cell] { part ?? [] }
    public static func buildEither(first part: [Cell]) -> [Cell] { part }
    public static func buildEither(second part: [Cell]) -> [Cell] { part }
    public static func buildArray(_ parts: [[Cell]]) -> [Cell] { parts.flatMap { $0 } }
    public static func buildLimitedAvailability(_ part: [Cell]) -> [Cell] { part }
}

/// Builds a lesson's list of steps; `if` and `for` let a lesson add steps per preset or level.
@resultBuilder
public enum StepBuilder {
    public static func buildExpression(_ step: Step) -> [Step] { [step] }
    public static func buildExpression(_ steps: [Step]) -> [Step] { steps }
    public static func buildBlock(_ parts: [Step]...) -> [Step] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Step]?) -> [Step] { part ?? [] }
    public static func buildEither(first part: [Step]) -> [Step] { part }
    public static func buildEither(second part: [Step]) -> [Step] { part }
    public static func buildArray(_ parts: [[Step]]) -> [Step] { parts.flatMap { $0 } }
}
