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

    /// The student's Swift files under `Sources/Homework`, by path relative to it, checked by
    /// ``HomeworkFiles`` (no links, nothing outside the submission, bounded size and count).
    func studentFiles() throws -> [(path: String, contents: Data)] {
        let files = try HomeworkFiles(submission: submission).read()
        // The wiring of packages made before the grader rebuilt them; it imports Coursework.
        return files.filter { !["Course.swift", "Submission.swift"].contains($0.path) }
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
