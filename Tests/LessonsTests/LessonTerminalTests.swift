import Foundation
import Testing

/// What a student sees of lesson 3 in a terminal: every line within the width at 80 and at 160
/// columns (prose and tables stop at 100), `--help` under the lesson's own name, and one clean
/// line for an `--out` that is a file.
@Suite("Lesson 3 in the terminal", .serialized)
struct LessonTerminalTests {
    static let lesson = "lesson-03-matching"

    /// Runs lesson 3 with `arguments` and `COLUMNS`, as a pipe sees it (no terminal, so `COLUMNS`
    /// gives the width, as it does for `ls`).
    static func run(_ arguments: [String], columns: Int) throws -> (status: Int32, out: String, err: String) {
        try LessonProcess.run(lesson, arguments, environment: ["COLUMNS": String(columns)])
    }

    @Test("Every line fits: 80 columns, and 100 (the prose cap) at 160", arguments: [(80, 80), (160, 100)])
    func widths(columns: Int, limit: Int) throws {
        let out = LessonRunTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try Self.run(["--no-pause", "--no-color", "--out", out.path], columns: columns)
        #expect(result.status == 0, "\(result.err)")
        let lines = result.out.split(separator: "\n", omittingEmptySubsequences: false)
        let tooWide = lines.filter { $0.count > limit }
        #expect(tooWide.isEmpty, "\(tooWide.count) lines wider than \(limit): \(tooWide.prefix(3))")
        #expect(lines.contains { $0.count == limit }, "the header rule spans the width")
        #expect(result.out.contains("┌"), "tables are still drawn as tables where they fit")
    }

    @Test("--help names the lesson, not 'lesson'")
    func help() throws {
        let result = try Self.run(["--help"], columns: 80)
        #expect(result.status == 0)
        #expect(result.out.contains("USAGE: lesson-03-matching [--out <dir>]"))
    }

    @Test("--out naming a file: one line, usage status, no Foundation error dump")
    func outIsAFile() throws {
        let folder = LessonRunTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("notes.txt")
        try Data("mine".utf8).write(to: file)
        let result = try Self.run(["--no-pause", "--out", file.path], columns: 80)
        #expect(result.status == 64)
        #expect(result.err == "lesson-03-matching: --out \(file.path): is a file, not a folder\n")
        #expect(try String(contentsOf: file, encoding: .utf8) == "mine")
    }

    @Test("A bad option: one line naming the lesson and pointing at --help")
    func badOption() throws {
        let result = try Self.run(["--step", "0"], columns: 80)
        #expect(result.status == 64)
        #expect(result.err.split(separator: "\n").count == 1)
        #expect(result.err.hasPrefix("lesson-03-matching: --step counts from 1"))
        #expect(result.err.hasSuffix("(see 'lesson-03-matching --help')\n"))
    }
}
