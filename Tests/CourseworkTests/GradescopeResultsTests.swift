import Foundation
import Testing

@testable import Coursework

/// The `results.json` Gradescope reads: the documented keys and types, and student text kept
/// valid and bounded.
@Suite("Gradescope results")
struct GradescopeResultsTests {
    static func object(_ results: GradescopeResults) throws -> [String: Any] {
        let json = try results.json()
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    @Test("score, execution_time, output and one test per part with name, score, max_score, status, output")
    func shape() throws {
        let course = Course(preset: "official", points: [.matching: 40])
        let flawed = HandWrittenStudent(rules: course.rules, flaws: [.maxArea]).submission
        let report = Grader(course: course, submission: flawed).gradeAll()
        let object = try Self.object(GradescopeResults(report: report, seconds: 12.2))
        #expect(Set(object.keys) == ["score", "execution_time", "output", "tests"])
        #expect(object["score"] as? Double == Double(report.score))
        #expect(object["execution_time"] as? Int == 13)
        let tests = try #require(object["tests"] as? [[String: Any]])
        #expect(tests.count == course.parts.count)
        for (test, result) in zip(tests, report.parts) {
            #expect(Set(test.keys) == ["name", "score", "max_score", "status", "output", "visibility"])
            #expect(test["score"] as? Double == Double(result.points))
            #expect(test["max_score"] as? Double == Double(result.maxPoints))
            #expect((test["name"] as? String)?.hasSuffix("(\(result.part.rawValue))") == true)
            #expect(test["status"] as? String == (result.status == .passed ? "passed" : "failed"))
            #expect(test["visibility"] as? String == "visible")
        }
        let matching = try #require(tests.first { ($0["name"] as? String)?.contains("(matching)") == true })
        #expect(matching["max_score"] as? Double == 40)
        #expect(
            (matching["output"] as? String)?.hasPrefix("Recognised mistake: max-area instead of min-area")
                == true)
        #expect((tests.map { $0["score"] as? Double ?? -1 }.reduce(0, +)) == Double(report.score))
    }

    @Test("a student's text (quotes, control characters, a flood) stays valid JSON and bounded")
    func hostileText() throws {
        let flood = String(repeating: "\"\\\u{1}\u{7}</script>\n", count: 20_000)
        let report = GradeReport(
            course: Course(preset: "official", parts: [.nms]),
            parts: [
                PartResult(
                    part: .nms, status: .failed, points: 0, maxPoints: 20,
                    explanations: ["Your code crashed: \(flood)"] + Array(repeating: "x: \(flood)", count: 30)
                )
            ])
        let results = GradescopeResults(report: report)
        let object = try Self.object(results)
        #expect(object["execution_time"] == nil)
        let output = try #require((object["tests"] as? [[String: Any]])?.first?["output"] as? String)
        #expect(output.count <= GradescopeResults.maximumOutput)
        #expect(output.hasPrefix("Your code crashed: \"\\\u{1}"))
        #expect(output.hasSuffix("(more in the instructor's report)"))
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            #expect(line.count <= GradescopeResults.maximumSentence)
        }
    }
}
