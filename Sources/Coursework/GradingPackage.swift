import Foundation

/// The package the grader builds a student's code in: the student's `Sources/Homework` files
/// and nothing else of theirs, next to the grader's own manifest, `HomeworkTypes` and
/// `answer` program.
///
/// It has no dependencies, so `import FCOS` or `import Coursework` in a student file fails to
/// compile ("no such module"), and the student's `Package.swift`, scripts and build folder
/// play no part. Files are only rewritten when their contents change, so a second grading of
/// the same code in the same scratch path rebuilds nothing.
struct GradingPackage {
    var course: Course
    /// The student's package.
    var submission: URL

    /// Limits on what is copied: the homework is a handful of small files.
    static let maximumFiles = 64
    static let maximumBytes = 1 << 20

    var manifest: String {
        Self.manifest(
            name: "fcos-grading",
            comment: """
                // Written by `fcos course grade`: the student's Sources/Homework, built with nothing but
                // the plain types, and the program that answers the grader's calls.
                """)
    }

    /// The manifest of a package with the homework's three targets and no dependency.
    static func manifest(name: String, comment: String) -> String {
        """
        // swift-tools-version: 6.0
        \(comment)
        import PackageDescription

        let package = Package(
            name: "\(name)",
            targets: [
                .target(name: "HomeworkTypes"),
                .target(name: "Homework", dependencies: ["HomeworkTypes"]),
                .executableTarget(name: "answer", dependencies: ["Homework", "HomeworkTypes"]),
            ],
            swiftLanguageModes: [.v6]
        )

        """
    }

    /// The student's Swift files under `Sources/Homework`, by path relative to it. Symbolic
    /// links are refused (one could point at a file of the grader's to leak it through a
    /// compiler error), as are folders with more files or bytes than homework needs.
    func studentFiles() throws -> [(path: String, contents: Data)] {
        let root = submission.appendingPathComponent("Sources/Homework")
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CourseworkError("\(submission.path) has no Sources/Homework folder")
        }
        if (try? manager.attributesOfItem(atPath: root.path)[.type] as? FileAttributeType)
            == .typeSymbolicLink
        {
            throw CourseworkError("Sources/Homework is a symbolic link; submit the folder itself")
        }
        var files: [(String, Data)] = []
        var total = 0
        guard let walker = manager.enumerator(atPath: root.path) else { return [] }
        while let relative = walker.nextObject() as? String {
            let url = root.appendingPathComponent(relative)
            let attributes = try manager.attributesOfItem(atPath: url.path)
            let type = attributes[.type] as? FileAttributeType
            if type == .typeSymbolicLink {
                throw CourseworkError(
                    "Sources/Homework/\(relative) is a symbolic link; submit the file itself")
            }
            guard type == .typeRegular, relative.hasSuffix(".swift") else { continue }
            let data = try Data(contentsOf: url)
            total += data.count
            files.append((relative, data))
            guard files.count <= Self.maximumFiles, total <= Self.maximumBytes else {
                throw CourseworkError(
                    "Sources/Homework holds more than \(Self.maximumFiles) Swift files or "
                        + "\(Self.maximumBytes >> 10) KB; the homework needs a handful of small files")
            }
        }
        // The wiring of packages made before the grader rebuilt them; it imports Coursework.
        return files.filter { !["Course.swift", "Submission.swift"].contains($0.0) }
    }

    /// Writes the package into `directory` (created if needed), removing stale student files.
    func write(to directory: URL) throws {
        let manager = FileManager.default
        let homework = directory.appendingPathComponent("Sources/Homework")
        var wanted: [String: Data] = [
            "Package.swift": Data(manifest.utf8),
            "Sources/HomeworkTypes/HomeworkTypes.swift": Data(HomeworkTypesSource.text.utf8),
            "Sources/answer/main.swift": Data(AnswerProgram(parts: course.parts).source.utf8),
        ]
        for (path, data) in try studentFiles() { wanted["Sources/Homework/" + path] = data }
        if let existing = manager.enumerator(atPath: homework.path) {
            while let relative = existing.nextObject() as? String {
                let path = "Sources/Homework/" + relative
                var isDirectory: ObjCBool = false
                _ = manager.fileExists(
                    atPath: homework.appendingPathComponent(relative).path, isDirectory: &isDirectory)
                if !isDirectory.boolValue, wanted[path] == nil {
                    try manager.removeItem(at: homework.appendingPathComponent(relative))
                }
            }
        }
        for (path, data) in wanted {
            let url = directory.appendingPathComponent(path)
            if let current = try? Data(contentsOf: url), current == data { continue }
            try manager.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        }
    }
}
