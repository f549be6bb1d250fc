import Foundation
import Testing

@testable import Coursework

#if canImport(Glibc)
    import Glibc
#endif

/// What the grader takes from a submission to compile: only regular Swift files inside its
/// `Sources/Homework`, each refused with a sentence naming it when it could reach outside the
/// submission or stall the build.
@Suite("Homework files a hostile submission cannot abuse")
struct HomeworkFilesTests {
    /// A submission folder with `Sources/Homework/Centerness.swift`, and a folder outside it
    /// standing for the instructor's answer key.
    struct Fixture: ~Copyable {
        let root: URL
        var package: URL { root.appendingPathComponent("student") }
        var homework: URL { package.appendingPathComponent("Sources/Homework") }
        var key: URL { root.appendingPathComponent("instructor/key/Sources/Homework") }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent(
                "fcos-homework-files-\(UUID().uuidString.prefix(8))")
            let manager = FileManager.default
            try manager.createDirectory(at: homework, withIntermediateDirectories: true)
            try manager.createDirectory(at: key, withIntermediateDirectories: true)
            try Data("public func centerness() {}\n".utf8).write(
                to: homework.appendingPathComponent("Centerness.swift"))
            try Data("let answerKey = 42\n".utf8).write(to: key.appendingPathComponent("Key.swift"))
        }

        func read() throws -> [(path: String, contents: Data)] {
            try HomeworkFiles(submission: package).read()
        }

        /// The sentence the grader refuses the submission with.
        func refusal() -> String {
            do {
                let files = try read()
                return "accepted \(files.map(\.path))"
            } catch {
                return "\(error)"
            }
        }

        deinit { try? FileManager.default.removeItem(at: root) }
    }

    @Test("plain Swift files are read; the submission's manifest, lock file, plugins and build are not")
    func plainFiles() throws {
        let fixture = try Fixture()
        let manager = FileManager.default
        for (path, text) in [
            ("Package.swift", "// a hostile manifest\n"), ("Package.resolved", "{}\n"),
            ("Plugins/Evil/plugin.swift", "// a build-tool plugin\n"), (".build/debug/answer", "binary\n"),
            ("Sources/Homework/Notes.md", "notes\n"), ("Sources/Homework/Deep/Nested.swift", "let n = 1\n"),
            ("Sources/Homework/Package.swift", "let p = 1\n"),
        ] {
            let url = fixture.package.appendingPathComponent(path)
            try manager.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let files = try fixture.read()
        #expect(
            Set(files.map(\.path)) == ["Centerness.swift", "Deep/Nested.swift", "Package.swift"])
        // The grader's clean package has its own manifest; the student's `Package.swift` under
        // Sources/Homework is only a source file there.
        let clean = fixture.root.appendingPathComponent("clean")
        try GradingPackage(course: Course(preset: "official"), submission: fixture.package).write(to: clean)
        let manifest = try String(contentsOf: clean.appendingPathComponent("Package.swift"), encoding: .utf8)
        #expect(manifest.contains("Written by `fcos course grade`"))
        #expect(
            manager.fileExists(atPath: clean.appendingPathComponent("Sources/Homework/Package.swift").path))
        #expect(!manager.fileExists(atPath: clean.appendingPathComponent("Package.resolved").path))
        #expect(!manager.fileExists(atPath: clean.appendingPathComponent("Plugins").path))
    }

    @Test("a symbolic link to a file outside the submission is refused and not read")
    func symbolicLinkFile() throws {
        let fixture = try Fixture()
        try FileManager.default.createSymbolicLink(
            at: fixture.homework.appendingPathComponent("Key.swift"),
            withDestinationURL: fixture.key.appendingPathComponent("Key.swift"))
        let refusal = fixture.refusal()
        #expect(refusal.hasPrefix("Sources/Homework/Key.swift is a symbolic link"), "\(refusal)")
    }

    @Test("a symbolic link in the folder path (Sources pointing at an answer key) is refused")
    func symbolicLinkFolder() throws {
        let fixture = try Fixture()
        let manager = FileManager.default
        let sources = fixture.package.appendingPathComponent("Sources")
        try manager.removeItem(at: sources)
        try manager.createSymbolicLink(
            at: sources, withDestinationURL: fixture.key.deletingLastPathComponent())
        #expect(fixture.refusal().hasPrefix("Sources is a symbolic link"), "\(fixture.refusal())")
        try manager.removeItem(at: sources)
        try manager.createDirectory(at: sources, withIntermediateDirectories: true)
        try manager.createSymbolicLink(at: fixture.homework, withDestinationURL: fixture.key)
        #expect(fixture.refusal().hasPrefix("Sources/Homework is a symbolic link"), "\(fixture.refusal())")
        // A linked folder inside Sources/Homework is refused before it is walked.
        try manager.removeItem(at: fixture.homework)
        try manager.createDirectory(at: fixture.homework, withIntermediateDirectories: true)
        try manager.createSymbolicLink(
            at: fixture.homework.appendingPathComponent("Parts"), withDestinationURL: fixture.key)
        #expect(
            fixture.refusal().hasPrefix("Sources/Homework/Parts is a symbolic link"), "\(fixture.refusal())")
    }

    @Test("a hard link (a second name for a file that may lie outside) is refused")
    func hardLink() throws {
        let fixture = try Fixture()
        try FileManager.default.linkItem(
            at: fixture.key.appendingPathComponent("Key.swift"),
            to: fixture.homework.appendingPathComponent("Key.swift"))
        #expect(
            fixture.refusal()
                == "Sources/Homework/Key.swift is a hard link (2 names for one file); the grader "
                + "compiles only files of your package's own, so submit a plain copy")
    }

    @Test("an enormous file is refused by its size, without being read")
    func enormousFile() throws {
        let fixture = try Fixture()
        let url = fixture.homework.appendingPathComponent("Huge.swift")
        // Sparse: 64 GB that take no disk; reading it would take minutes and the memory.
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 64 << 30)
        try handle.close()
        let start = Date()
        #expect(fixture.refusal().hasPrefix("Sources/Homework holds more than 64 Swift files or 1024 KB"))
        #expect(Date().timeIntervalSince(start) < 1)
    }

    @Test("too many Swift files, or too many entries of any kind, are refused")
    func tooMany() throws {
        let fixture = try Fixture()
        for k in 0..<HomeworkFiles.maximumFiles {
            try Data("let v\(k) = \(k)\n".utf8).write(
                to: fixture.homework.appendingPathComponent("F\(k).swift"))
        }
        #expect(fixture.refusal().hasPrefix("Sources/Homework holds more than 64 Swift files"))
        let other = try Fixture()
        for k in 0...HomeworkFiles.maximumEntries {
            FileManager.default.createFile(
                atPath: other.homework.appendingPathComponent("note\(k).txt").path, contents: nil)
        }
        #expect(other.refusal().hasPrefix("Sources/Homework holds more than 1000 files and folders"))
    }

    @Test("a file that is not UTF-8 is refused, naming it")
    func notUTF8() throws {
        let fixture = try Fixture()
        try Data([0x6C, 0x65, 0x74, 0x20, 0xFF, 0xFE, 0x0A]).write(
            to: fixture.homework.appendingPathComponent("Latin1.swift"))
        #expect(fixture.refusal() == "Sources/Homework/Latin1.swift is not UTF-8 text; save it as UTF-8")
    }

    @Test("a name with control characters is refused, shown escaped")
    func controlCharacters() throws {
        let fixture = try Fixture()
        try Data("let a = 1\n".utf8).write(
            to: fixture.homework.appendingPathComponent("a\u{1B}[2J\nScore 100.swift"))
        #expect(
            fixture.refusal() == "Sources/Homework/a\\u{1B}[2J\\u{A}Score 100.swift has a name with control "
                + "characters or not in UTF-8; rename it")
    }

    @Test("a course.json linked to /dev/zero, or a FIFO, is refused at once, not read without end")
    func hostileCourseFile() throws {
        let fixture = try Fixture()
        let course = fixture.package.appendingPathComponent("course.json")
        try FileManager.default.createSymbolicLink(
            at: course, withDestinationURL: URL(fileURLWithPath: "/dev/zero"))
        let start = Date()
        #expect {
            _ = try PackageGrading(package: fixture.package).readCourse()
        } throws: { error in
            "\(error)".hasSuffix(
                "course.json is missing, not a regular file or larger than 64 KB; is it a "
                    + "course.json from `fcos course init`?")
        }
        #if canImport(Glibc)
            try FileManager.default.removeItem(at: course)
            #expect(mkfifo(course.path, 0o644) == 0)
            #expect(throws: CourseworkError.self) {
                _ = try PackageGrading(package: fixture.package).readCourse()
            }
        #endif
        #expect(Date().timeIntervalSince(start) < 1)
    }

    #if canImport(Glibc)
        @Test("a FIFO named like a Swift file is skipped without blocking the grader")
        func fifo() throws {
            let fixture = try Fixture()
            #expect(mkfifo(fixture.homework.appendingPathComponent("Pipe.swift").path, 0o644) == 0)
            #expect(try fixture.read().map(\.path) == ["Centerness.swift"])
        }
    #endif
}
