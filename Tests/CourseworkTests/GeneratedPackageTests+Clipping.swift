import FCOS
import Foundation
import Testing

@testable import Coursework

extension GeneratedPackageTests {
    /// The key's `applyDeltas` clips negative distances only under a preset that does; this one
    /// builds the EECS 498 key (the other package tests use presets that do not clip).
    @Test("under a clipping preset the answer key clips negative distances and gets full marks")
    func clippingAnswerKey() throws {
        let package = try Self.generate(
            Course(preset: "eecs498", parts: [.deltas, .centerness]), solutions: true)
        let source = try String(
            contentsOf: package.url.appendingPathComponent("Sources/Homework/Deltas.swift"), encoding: .utf8)
        #expect(source.contains("max(deltas.l, 0)"))
        #expect(source.contains("clips them: replace each negative distance by 0"))
        let report = try Self.grading(package).run()
        for part in report.parts { #expect(part.status == .passed, "\(part.part): \(part.explanations)") }
    }
}
