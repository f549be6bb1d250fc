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

    public init(_ compute: @escaping () throws -> Value) {
        self.compute = compute
    }

    public var value: Value {
        get throws {
            if let computed { return computed }
            let fresh = try compute()
            computed = fresh
            return fresh
        }
    }
}
