import Foundation

/// The student's Swift files under `Sources/Homework`, read as hostile input: the only thing of
/// theirs the grader compiles.
///
/// The compiler runs none of the student's code (the grader writes the manifest: no plugins,
/// macros or build tools), but what it compiles and prints does matter. A file the grader
/// followed out of the submission (a symbolic link, a link in the folder path, or a hard link
/// to an answer key, another student's file or `/etc/shadow`) would be compiled as the
/// student's and its lines quoted back in compiler errors; a huge file or thousands of them
/// would stall the build or the grader's memory. So only regular files that lie inside the
/// submission, with one link each, valid UTF-8 text and a bounded size and count are taken;
/// anything else fails the grading with a sentence naming the file. The submission's
/// `Package.swift`, `Package.resolved`, plugins, scripts and build folder are never read.
struct HomeworkFiles {
    /// The student's package.
    var submission: URL

    /// Swift files: the homework needs a handful.
    static let maximumFiles = 64
    /// Bytes of all Swift files together.
    static let maximumBytes = 1 << 20
    /// Entries of any kind walked under `Sources/Homework` before giving up.
    static let maximumEntries = 1_000

    /// The files by path relative to `Sources/Homework`, in the walk's order.
    func read() throws -> [(path: String, contents: Data)] {
        let manager = FileManager.default
        let root = submission.appendingPathComponent("Sources/Homework")
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CourseworkError("\(submission.path) has no Sources/Homework folder")
        }
        for folder in ["Sources", "Sources/Homework"] where Self.isSymbolicLink(submission, folder) {
            throw CourseworkError(
                "\(folder) is a symbolic link; the grader reads only files inside your package, so submit "
                    + "the folder itself")
        }
        guard let walker = manager.enumerator(atPath: root.path) else {
            throw CourseworkError("Sources/Homework cannot be read")
        }
        var files: [(String, Data)] = []
        var total = 0
        var entries = 0
        while let relative = walker.nextObject() as? String {
            entries += 1
            guard entries <= Self.maximumEntries else {
                throw CourseworkError(
                    "Sources/Homework holds more than \(Self.maximumEntries) files and folders; the homework "
                        + "needs a handful of Swift files")
            }
            let shown = "Sources/Homework/" + StudentText.line(relative, limit: 120)
            guard relative.unicodeScalars.allSatisfy({ !StudentText.isHidden($0) }),
                let attributes = try? manager.attributesOfItem(
                    atPath: root.appendingPathComponent(relative).path)
            else {
                throw CourseworkError(
                    "\(shown) has a name with control characters or not in UTF-8; rename it")
            }
            switch attributes[.type] as? FileAttributeType {
            case .typeSymbolicLink?:
                throw CourseworkError(
                    "\(shown) is a symbolic link; the grader compiles only files inside your package (a "
                        + "link could point at anyone's file), so submit the file itself")
            case .typeRegular? where relative.hasSuffix(".swift"):
                let links = (attributes[.referenceCount] as? NSNumber)?.intValue ?? 1
                guard links == 1 else {
                    throw CourseworkError(
                        "\(shown) is a hard link (\(links) names for one file); the grader compiles only "
                            + "files of your package's own, so submit a plain copy")
                }
                let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
                guard files.count < Self.maximumFiles, total + size <= Self.maximumBytes else {
                    throw CourseworkError(
                        "Sources/Homework holds more than \(Self.maximumFiles) Swift files or "
                            + "\(Self.maximumBytes >> 10) KB; the homework needs a handful of small files")
                }
                let data = try Self.contents(
                    of: root.appendingPathComponent(relative), upTo: size, shown: shown)
                guard String(validating: data, as: UTF8.self) != nil else {
                    throw CourseworkError("\(shown) is not UTF-8 text; save it as UTF-8")
                }
                total += data.count
                files.append((relative, data))
            default:
                continue
            }
        }
        return files
    }

    /// Whether `path` inside `package` is a symbolic link itself (not followed).
    static func isSymbolicLink(_ package: URL, _ path: String) -> Bool {
        let attributes = try? FileManager.default.attributesOfItem(
            atPath: package.appendingPathComponent(path).path)
        return attributes?[.type] as? FileAttributeType == .typeSymbolicLink
    }

    /// At most `size` bytes of the file: one that grew after it was measured is refused.
    static func contents(of url: URL, upTo size: Int, shown: String) throws -> Data {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw CourseworkError("\(shown) cannot be read")
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: size + 1)) ?? Data()
        guard data.count == size else {
            throw CourseworkError("\(shown) changed while the grader read it")
        }
        return data
    }
}
