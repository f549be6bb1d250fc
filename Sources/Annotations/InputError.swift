/// Something wrong with a user's file, said in one line that names the file, the record and the
/// problem, e.g. `street.json: boxes[3]: x1 (10) is less than x0 (20)`.
public struct InputError: Error, CustomStringConvertible, Sendable {
    /// The file that holds the bad input.
    public var file: String
    /// The record within the file (`boxes[3].x1`), when the problem is in one.
    public var record: String?
    /// What is wrong, in a few words.
    public var problem: String

    /// An error naming the file, optionally the record, and the problem.
    public init(file: String, record: String? = nil, problem: String) {
        self.file = file
        self.record = record
        self.problem = problem
    }

    /// The one-line message `file: record: problem` a user sees.
    public var description: String {
        [file, record, problem].compactMap { $0 }.joined(separator: ": ")
    }
}
