import Foundation
import Testing

@testable import Coursework

/// `ClassGrading` finds the submissions of a class folder and grades them side by side without
/// one affecting another: a hostile submission (forged results, floods, a fork bomb, a memory
/// hog, a parent killer) graded at the same time as the answer key leaves the key's grade intact.
@Suite("Grading a class folder", .serialized)
struct ClassGradingTests {
    static let toolkit = GeneratedPackageTests.toolkit

    @Test("submissions are the folders with a package; the rest is listed as skipped")
    func findsSubmissions() throws {
        let folder = try TemporaryPackage()
        let manager = FileManager.default
        for name in ["b-student/Sources/Homework", "a-student", "notes", ".git"] {
            try manager.createDirectory(
                at: folder.url.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        try Data().write(to: folder.url.appendingPathComponent("a-student/Package.swift"))
        try Data().write(to: folder.url.appendingPathComponent("grades.txt"))
        try Data().write(to: folder.url.appendingPathComponent("course.json"))
        let grading = ClassGrading(directory: folder.url, course: Course(preset: "official"))
        let (found, skipped) = try grading.submissions()
        #expect(found.map(\.lastPathComponent) == ["a-student", "b-student"])
        #expect(
            skipped == [
                .init(name: "grades.txt", reason: "not a folder"),
                .init(name: "notes", reason: "no Package.swift or Sources/Homework"),
            ])
    }

    @Test("a hostile submission graded beside the answer key changes nothing of the key's grade")
    func hostileBesideKey() throws {
        let folder = try TemporaryPackage()
        let course = Course(preset: "torchvision", points: [.matching: 40])
        let toolkit = Self.toolkit
        try StarterPackage(course: course, toolkit: toolkit, withSolutions: true)
            .write(to: folder.url.appendingPathComponent("a-key"))
        let hostile = folder.url.appendingPathComponent("b-hostile")
        try StarterPackage(course: course, toolkit: toolkit).write(to: hostile)
        for (file, source) in HostileSubmission.files {
            try source.write(
                to: hostile.appendingPathComponent("Sources/Homework/\(file)"), atomically: true,
                encoding: .utf8)
        }
        var grading = ClassGrading(directory: folder.url, course: course)
        grading.jobs = 2
        grading.timeoutPerPart = 5
        grading.hiddenSeed = 7
        let outcomes = try grading.run(try grading.submissions().submissions)
        #expect(outcomes.map(\.student) == ["a-key", "b-hostile"])
        let key = try #require(outcomes[0].report, "\(outcomes[0].problem ?? "")")
        #expect(key.passed, "\(key.parts.map(\.explanations))")
        #expect(
            key.score == course.maxScore
                && key.maxScore == Part.allCases.map(course.points(for:)).reduce(0, +))
        let attack = try #require(outcomes[1].report)
        #expect(attack.score == 0)
        #expect(attack.parts.allSatisfy { $0.status == .failed && !$0.explanations.isEmpty })
    }
}
