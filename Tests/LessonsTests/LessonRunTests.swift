import Foundation
import Testing

/// Runs every lesson executable as a student would, without pausing, and checks what it leaves
/// behind: an `index.html` that embeds its figures, and the figure files themselves.
@Suite("Lessons run straight through", .serialized)
struct LessonRunTests {
    static let lessons = [
        "lesson-01-anchor-free", "lesson-02-locations", "lesson-03-matching", "lesson-04-deltas",
        "lesson-05-centerness", "lesson-06-focal-loss", "lesson-07-nms", "lesson-08-training-targets",
        "lesson-09-atss", "lesson-10-gfl", "lesson-11-centernet",
    ]

    /// The build products folder: the test bundle sits beside the executables.
    static let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()

    static func run(_ lesson: String, _ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let result = try LessonProcess.run(lesson, arguments)
        return (result.status, result.err)
    }

    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lesson-run-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("Each lesson writes its figures and index.html", arguments: lessons)
    func runs(lesson: String) throws {
        let path = Self.products.appendingPathComponent(lesson).path
        try #require(FileManager.default.isExecutableFile(atPath: path), "build the lessons first: \(path)")
        let out = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try Self.run(lesson, ["--no-pause", "--no-color", "--out", out.path])
        #expect(result.status == 0, "\(lesson): \(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path)
        let figures = files.filter { $0.hasSuffix(".png") }
        #expect(figures.count >= 2, "\(lesson) wrote \(files)")
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("data:image/png;base64,"))
        #expect(!files.contains { $0.contains(".tmp") }, "no temporary files left")
        #expect(files.contains("\(lesson).ipynb"))
        try ExternalTools.validateNotebook(out.appendingPathComponent("\(lesson).ipynb"))
    }

    @Test("A lesson writes SVG figures on request")
    func svg() throws {
        let out = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try Self.run("lesson-03-matching", ["--no-pause", "--format", "svg", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(files.contains { $0.hasSuffix(".svg") })
    }

    @Test("Bad options end with one clear line and a non-zero status")
    func badInput() throws {
        let out = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let preset = try Self.run(
            "lesson-03-matching", ["--no-pause", "--preset", "nope", "--out", out.path])
        #expect(preset.status != 0)
        #expect(preset.stderr.contains("nope"))
        let scene = try Self.run(
            "lesson-03-matching", ["--no-pause", "--scene", "/nonexistent.json", "--out", out.path])
        #expect(scene.status != 0)
        #expect(scene.stderr.contains("/nonexistent.json"))
    }
}
