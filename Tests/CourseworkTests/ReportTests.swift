import CourseworkFigures
import FCOS
import Foundation
import Testing

@testable import Coursework

@Suite("Reports")
struct ReportTests {
    static func report() -> GradeReport {
        let course = Course(preset: "official")
        let student = HandWrittenStudent(
            rules: course.rules, flaws: [.maxArea, .nmsGreaterOrEqual],
            postProcessing: course.preset.postProcessing)
        var submission = student.submission
        submission.centerness = { _ in try notAttempted("TODO: centerness") }
        return Grader(course: course, submission: submission).gradeAll()
    }

    @Test("the JSON has the documented shape")
    func json() throws {
        let report = Self.report()
        let object = try JSONSerialization.jsonObject(with: Data(try report.json().utf8)) as! [String: Any]
        #expect(object["score"] as? Int == report.score)
        #expect(object["max_score"] as? Int == report.maxScore)
        let parts = try #require(object["parts"] as? [[String: Any]])
        #expect(parts.map { $0["part"] as? String } == Part.allCases.map(\.rawValue))
        #expect(
            parts.map { $0["status"] as? String } == [
                "passed", "failed", "passed", "not-attempted", "passed", "passed", "failed", "passed",
            ])
        for part in parts {
            #expect(part["points"] is Int && part["max_points"] is Int && part["explanations"] is [String])
        }
        #expect(try GradeReport.decode(Data(report.json().utf8)) == report)
    }

    @Test("the HTML report is self-contained, has the figure and is written atomically")
    func html() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fcos-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try CourseReport(report: Self.report(), packageName: "alice").write(
            toDirectory: folder.path)
        let html = try String(contentsOf: url, encoding: .utf8)
        #expect(html.contains("<title>FCOS coursework: alice ("))
        #expect(html.contains("max-area instead of min-area"))
        #expect(html.contains("NMS with ≥ instead of &gt;"))
        #expect(html.contains("not attempted"))
        #expect(html.contains("data:image/png;base64,"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("src=\"http"))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["report.html", "report.json"])
    }

    @Test("the terminal summary lists every part and the score")
    func summary() {
        let text = ReportText.summary(Self.report())
        for part in Part.allCases { #expect(text.contains(part.rawValue)) }
        #expect(text.contains("Score: "))
    }
}
