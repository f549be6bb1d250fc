import Coursework
import FCOS
import Foundation
import Testing

/// The inference part through real generated packages, in the serialized suite that shares
/// one scratch path: the starter is not attempted, the answer key gets full marks with hidden
/// cases, and a key edited into class-agnostic NMS is named.
extension GeneratedPackageTests {
    @Test("inference: the starter scores 0, the answer key full marks", arguments: ["eecs498", "official"])
    func inferenceRoundTrip(preset: String) throws {
        let course = Course(preset: preset, parts: [.inference])
        let starter = try Self.generate(course)
        let empty = try Self.grading(starter).run()
        #expect(empty.result(for: .inference)?.status == .notAttempted)
        #expect(empty.score == 0)
        let key = try Self.generate(course, solutions: true)
        let full = try Self.grading(key).run()
        let result = try #require(full.result(for: .inference))
        #expect(result.status == .passed, "\(result.explanations)")
        #expect(full.score == full.maxScore)
    }

    @Test("inference: class-agnostic NMS written into the key is named")
    func inferenceMistakeInPackage() throws {
        let course = Course(preset: "mmdet", parts: [.inference])
        let package = try Self.generate(course, solutions: true)
        let file = package.url.appendingPathComponent("Sources/Homework/Inference.swift")
        let key = try String(contentsOf: file, encoding: .utf8)
        let line = "guard candidates[k].label == candidates[i].label else { return false }"
        try #require(key.contains(line))
        try key.replacingOccurrences(of: line, with: "").write(to: file, atomically: true, encoding: .utf8)
        let report = try Self.grading(package).run()
        let result = try #require(report.result(for: .inference))
        #expect(result.status == .failed)
        #expect(result.mistakes.map(\.id) == ["class-agnostic-nms"], "\(result.explanations)")
    }
}
