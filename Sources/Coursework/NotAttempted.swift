/// "Not attempted yet", as the checks understand it: a function that throws this is reported
/// as not attempted rather than wrong.
///
/// Students throw `HomeworkTypes`'s marker of the same name (their code cannot see this
/// module); the answering child writes it as `{"notAttempted": …}` and `AnswerReplay` throws
/// this one in the grader. In-process tests throw it directly.
public struct NotAttempted: Error, Sendable, CustomStringConvertible {
    /// What is left to do, as the starter file says it.
    public var task: String

    /// A marker for the task still to do.
    public init(_ task: String) { self.task = task }

    /// The task, so the report can quote what is left to do.
    public var description: String { task }
}

/// Ends a function body that the student has not written yet: `try notAttempted("TODO: …")`.
/// It returns `Never`, so it type-checks in a function of any return type.
public func notAttempted(_ task: String) throws -> Never {
    throw NotAttempted(task)
}
