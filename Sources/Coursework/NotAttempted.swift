/// The marker a starter file's body throws, so the grader can tell "not attempted yet" from
/// "attempted and wrong" without the student's code crashing the grader: a throw is caught and
/// reported; `fatalError` would end the process (the grader survives that too, by running each
/// part in its own process, and reports a crash whose message starts with `TODO` as not
/// attempted).
public struct NotAttempted: Error, Sendable, CustomStringConvertible {
    /// What is left to do, as the starter file says it.
    public var task: String

    public init(_ task: String) { self.task = task }

    public var description: String { task }
}

/// Ends a function body that the student has not written yet: `try notAttempted("TODO: …")`.
/// It returns `Never`, so it type-checks in a function of any return type.
public func notAttempted(_ task: String) throws -> Never {
    throw NotAttempted(task)
}
