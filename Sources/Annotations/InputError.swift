/// Something wrong with a user's file, said in one line that names the file, the record and the
/// problem, e.g. `street.json: boxes[3]: x1 (10) is less than x0 (20)`.
public struct InputError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var record: String?
    public var problem: String

    public init(file: String, record: String? = nil, problem: String) {
        self.file = file
        self.record = record
        self.problem = problem
    }

    public var description: String {
        [file, record, problem].compactMap { $0 }.joined(separator: ": ")
    }
}
