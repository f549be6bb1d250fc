/// A value computed on first use and then remembered.
///
/// Lets several steps share an expensive result (a matcher run, a loaded scene) without
/// computing it before the step that introduces it:
/// ```swift
/// let assignment = Lazy { try Matcher(rules).assign(scene) }
/// Step("Positives") { Prose("\(try assignment.value.positives.count) positives") }
/// ```
/// A failed computation is not remembered, so the next access tries again.
public final class Lazy<Value> {
    private let compute: () throws -> Value
    private var computed: Value?

    /// Remembers `compute` without running it; the first ``value`` access runs it.
    public init(_ compute: @escaping () throws -> Value) {
        self.compute = compute
    }

    /// The computed result, computing it now if no earlier access succeeded.
    public var value: Value {
        get throws {
            if let computed { return computed }
            let fresh = try compute()
            computed = fresh
            return fresh
        }
    }
}
