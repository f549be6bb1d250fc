/// Why a photo could not be loaded, in one line that names the file, e.g.
/// `images/42.jpg: corrupt JPEG: Premature end of JPEG file`. Commands print it and go on with
/// the next image, so it has to make sense on its own.
public struct PhotoError: Error, CustomStringConvertible, Sendable, Equatable {
    public var path: String
    public var problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem)" }
}
