import FCOS
import Foundation
import Testing

@testable import Coursework

/// The loss part through the real package grading: the student's `Loss.swift` built in the
/// grader's clean package, answered by a sandboxed child.
extension GeneratedPackageTests {
    @Test(
        "the loss part round-trips through a real package: starter 0, answer key full marks",
        arguments: Preset.names)
    func lossRoundTrip(preset: String) throws {
        let course = Course(preset: preset, parts: [.loss])
        let starter = try Self.generate(course)
        let none = try Self.grading(starter).run()
        #expect(
            none.parts.map(\.status) == [.notAttempted] && none.score == 0,
            "\(none.parts.map(\.explanations))")
        let key = try Self.generate(course, solutions: true)
        let text = try String(
            contentsOf: key.url.appendingPathComponent("Sources/Homework/Loss.swift"), encoding: .utf8)
        #expect(!text.contains("sigmoidFocalLoss("), "the key does not lean on part 5")
        let (report, seconds) = try Self.timed { try Self.grading(key).run() }
        let result = try #require(report.result(for: .loss))
        #expect(result.status == .passed, "\(result.explanations)")
        #expect(report.score == Part.loss.maxPoints)
        print("loss answer key (\(preset)) graded in \(String(format: "%.1f", seconds)) s")
    }

    /// EECS 498 rules; the L1 loss without its 0.25, written as a student would.
    @Test("a planted mistake in Loss.swift is named through the package")
    func lossMistakeThroughPackage() throws {
        let course = Course(preset: "eecs498", parts: [.loss])
        let package = try Self.generate(course, solutions: true)
        let url = package.url.appendingPathComponent("Sources/Homework/Loss.swift")
        let key = try String(contentsOf: url, encoding: .utf8)
        let flawed = key.replacingOccurrences(of: "return 0.25 * (abs(", with: "return 1 * (abs(")
        try #require(flawed != key)
        try flawed.write(to: url, atomically: true, encoding: .utf8)
        let report = try Self.grading(package).run()
        let result = try #require(report.result(for: .loss))
        #expect(result.status == .failed)
        #expect(result.mistakes.map(\.id) == ["l1-without-quarter"], "\(result.explanations)")
    }
}
