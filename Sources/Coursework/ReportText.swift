import Foundation

/// The terminal summary of a grade: one line per part, then its explanations indented.
public enum ReportText {
    /// The summary printed by `fcos course grade`, ending with the score and how to regrade.
    public static func summary(_ report: GradeReport) -> String {
        var lines = ["FCOS coursework (preset \(report.course.presetName))", ""]
        let width = report.parts.map(\.part.rawValue.count).max() ?? 0
        for result in report.parts {
            let name = result.part.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
            let status = result.status.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)
            lines.append("  \(name)  \(status)  \(result.points)/\(result.maxPoints)")
            for explanation in result.explanations {
                lines.append("      • " + explanation)
            }
        }
        lines.append("")
        lines.append("Score: \(report.score)/\(report.maxScore)")
        lines.append(
            report.hiddenSeed.map { "Hidden cases from seed \($0) (regrade with --seed \($0))." }
                ?? "Example cases only; the instructor's grading adds hidden cases.")
        if let sandbox = report.sandbox { lines.append("Sandbox: \(sandbox).") }
        // Explanations quote the student's code and output; only the grader's own lines break.
        return StudentText.visible(lines.joined(separator: "\n")) + "\n"
    }
}
