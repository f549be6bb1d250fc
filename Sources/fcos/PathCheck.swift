import Annotations
import ArgumentParser
import Diagnostics

/// The command line's edge of ``PathProblem``: an unusable input path is an ``InputError``
/// (exit status 2), an unusable `--out` a `ValidationError` (a usage error, 64), both naming the
/// path, and both raised before any work starts.
enum PathCheck {
    /// Throws unless `path` can be read as `kind`; `option` names the option it came from.
    static func input(_ path: String, _ kind: PathProblem.Kind, option: String? = nil) throws {
        if let problem = PathProblem.reading(path, as: kind) {
            throw InputError(file: path, record: option, problem: problem)
        }
    }

    /// Throws unless `path` is a folder that exists or can be created.
    static func outputFolder(_ path: String, option: String = "--out") throws {
        if let problem = PathProblem.writingFolder(path) {
            throw ValidationError("\(option) \(path): \(problem)")
        }
    }
}
