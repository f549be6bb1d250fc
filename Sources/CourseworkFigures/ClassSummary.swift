import Canvas
import Coursework
import Foundation

/// The instructor's view of a whole class, as `fcos course grade-all --out` writes it:
/// `summary.html` (one row per student with per-part points and named mistakes, then the named
/// mistakes by how many students made them), `summary.csv` (the same table for a spreadsheet)
/// and each student's own `report.html` and `report.json` (and Gradescope's `results.json` when
/// asked) in a folder named after the student. Every file is written atomically.
public struct ClassSummary: Sendable {
    /// The course every submission was graded against.
    public var course: Course
    /// One outcome per submission, in the order the table lists them.
    public var outcomes: [ClassGrading.Outcome]
    /// Entries of the class folder that were not submissions.
    public var skipped: [ClassGrading.Skipped]
    /// The hidden cases' seed of the whole class.
    public var hiddenSeed: UInt64?

    /// A summary of `outcomes`, listed by student name.
    public init(
        course: Course, outcomes: [ClassGrading.Outcome], skipped: [ClassGrading.Skipped] = [],
        hiddenSeed: UInt64? = nil
    ) {
        self.course = course
        self.outcomes = outcomes.sorted {
            $0.student.localizedStandardCompare($1.student) == .orderedAscending
        }
        self.skipped = skipped
        self.hiddenSeed = hiddenSeed
    }

    /// A named mistake and the students whose grade names it.
    public struct MistakeCount: Sendable, Equatable {
        /// The mistake's part.
        public var part: Part
        /// The mistake, as the grader names it.
        public var mistake: Mistake
        /// The students, in table order.
        public var students: [String]
    }

    /// The named mistakes across the class, most common first (then in course order, then by
    /// id, so the order is stable).
    public var commonMistakes: [MistakeCount] {
        var counts: [String: MistakeCount] = [:]
        for outcome in outcomes {
            for result in outcome.report?.parts ?? [] {
                for mistake in result.mistakes {
                    let key = result.part.rawValue + "/" + mistake.id
                    counts[key, default: MistakeCount(part: result.part, mistake: mistake, students: [])]
                        .students.append(outcome.student)
                }
            }
        }
        return counts.values.sorted {
            ($1.students.count, $0.part, $0.mistake.id) < ($0.students.count, $1.part, $1.mistake.id)
        }
    }

    /// `id`s of the mistakes named in `report`, in course order, each as `part/id`.
    public static func mistakeIDs(_ report: GradeReport?) -> [String] {
        (report?.parts ?? []).flatMap { result in result.mistakes.map { "\(result.part.rawValue)/\($0.id)" } }
    }

    /// Writes the summary, the CSV and every student's reports into `directory`; returns the
    /// summary page's URL.
    @discardableResult
    public func write(toDirectory directory: URL, gradescope: Bool = false) throws -> URL {
        let manager = FileManager.default
        try manager.createDirectory(at: directory, withIntermediateDirectories: true)
        for outcome in outcomes {
            guard let report = outcome.report else { continue }
            let folder = directory.appendingPathComponent(outcome.student, isDirectory: true)
            try CourseReport(report: report, packageName: outcome.student).write(toDirectory: folder.path)
            if gradescope {
                let results = GradescopeResults(report: report, seconds: outcome.seconds)
                try AtomicFile.write(
                    try results.json() + "\n", to: folder.appendingPathComponent("results.json"))
            }
        }
        try AtomicFile.write(csv(), to: directory.appendingPathComponent("summary.csv"))
        let page = directory.appendingPathComponent("summary.html")
        try AtomicFile.write(html(), to: page)
        return page
    }

    /// One row per student: `student,total,max,<part>…,status,mistakes,seconds`, RFC 4180
    /// quoting. Student names come from folder names, so a cell starting with `=`, `+`, `-` or
    /// `@` gets a leading `'` and a spreadsheet shows it instead of evaluating it.
    public func csv() -> String {
        var lines = [
            (["student", "total", "max"] + course.parts.map(\.rawValue) + ["status", "mistakes", "seconds"])
                .map(Self.cell).joined(separator: ",")
        ]
        for outcome in outcomes {
            var row = [outcome.student]
            if let report = outcome.report {
                row += [String(report.score), String(report.maxScore)]
                row += course.parts.map { part in report.result(for: part).map { String($0.points) } ?? "" }
            } else {
                row += ["", String(course.maxScore)] + course.parts.map { _ in "" }
            }
            row += [status(outcome), Self.mistakeIDs(outcome.report).joined(separator: ";")]
            row.append(String(format: "%.1f", outcome.seconds))
            lines.append(row.map(Self.cell).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func cell(_ text: String) -> String {
        var text = text
        if let first = text.first, "=+-@".contains(first) { text = "'" + text }
        guard text.contains(where: { ",\"\r\n".contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `graded`, or `not graded: <why>`.
    func status(_ outcome: ClassGrading.Outcome) -> String {
        guard outcome.report != nil else { return "not graded: \(outcome.problem ?? "unknown problem")" }
        return "graded"
    }

    /// The page.
    public func html() -> String {
        let graded = outcomes.compactMap(\.report)
        var body = "<h1>FCOS coursework: class summary</h1>\n"
        body +=
            "<p class=\"meta\">preset <code>\(escape(course.presetName))</code> · "
            + "\(escape(course.preset.summary)) · \(outcomes.count) submissions, \(graded.count) graded</p>\n"
        if let hiddenSeed {
            body +=
                "<p class=\"meta\">Every submission was graded on the example cases and the same hidden cases, "
                + "seed <code>\(hiddenSeed)</code> (regrade with <code>--seed \(hiddenSeed)</code>).</p>\n"
        }
        if !graded.isEmpty {
            let totals = graded.map(\.score).sorted()
            let median =
                totals.count % 2 == 1
                ? Double(totals[totals.count / 2])
                : Double(totals[totals.count / 2 - 1] + totals[totals.count / 2]) / 2
            body +=
                "<p class=\"score\">Median <strong>\(Self.number(median))</strong> / \(course.maxScore) · "
                + "full marks \(graded.filter { $0.score == $0.maxScore }.count) · "
                + "zero \(graded.filter { $0.score == 0 }.count)</p>\n"
        }
        body += studentTable()
        body += mistakeTable()
        if !skipped.isEmpty {
            body += "<h2>Not submissions</h2>\n<ul>\n"
            body += skipped.map { "<li><code>\(escape($0.name))</code>: \(escape($0.reason))</li>\n" }
                .joined()
            body += "</ul>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>FCOS coursework: class summary (\(outcomes.count) submissions)</title>
            <style>\(CourseReport.style)\(Self.style)</style>
            </head>
            <body>
            \(body)
            <footer>Generated by <code>fcos course grade-all</code>. Each submission was graded as \
            <code>fcos course grade</code> grades one: built in a clean package, run in a sandbox, compared \
            with the FCOS toolkit. A named mistake means the reference, run with that mistake, reproduces \
            the student's output exactly. The same table is in <code>summary.csv</code>.</footer>
            </body>
            </html>

            """
    }

    func studentTable() -> String {
        let heads = course.parts.map {
            "<th class=\"num\" title=\"\(escape($0.title))\">\(escape($0.rawValue))<br>"
                + "<small>/ \(course.points(for: $0))</small></th>"
        }.joined()
        var rows = ""
        for outcome in outcomes {
            let name = escape(outcome.student)
            guard let report = outcome.report else {
                rows +=
                    "<tr><td>\(name)</td><td class=\"num\">—</td>"
                    + "<td colspan=\"\(course.parts.count)\"><span class=\"status failed\">not graded</span> "
                    + "\(escape(outcome.problem ?? ""))</td><td></td></tr>\n"
                continue
            }
            let link = "<a href=\"\(Self.percentEncoded(outcome.student))/report.html\">\(name)</a>"
            var cells = ""
            for part in course.parts {
                guard let result = report.result(for: part) else {
                    cells += "<td class=\"num\">—</td>"
                    continue
                }
                cells +=
                    "<td class=\"num cell \(result.status.rawValue)\" title=\"\(escape(result.part.title)): "
                    + "\(result.status.rawValue)\">\(result.points)</td>"
            }
            let mistakes = report.parts.flatMap { result in
                result.mistakes.map {
                    "<span class=\"tag\" title=\"\(escape($0.name))\">\(escape(result.part.rawValue))/"
                        + "\(escape($0.id))</span>"
                }
            }.joined(separator: " ")
            var notes = mistakes
            if outcome.ownCourseDiffers {
                notes +=
                    " <span class=\"note\">(own course.json differs; graded with the instructor's)</span>"
            }
            rows +=
                "<tr><td>\(link)</td><td class=\"num\"><strong>\(report.score)</strong> / \(report.maxScore)</td>"
                + "\(cells)<td>\(notes)</td></tr>\n"
        }
        return """
            <h2>Students</h2>
            <table class="summary class">
            <thead><tr><th>student</th><th class="num">total</th>\(heads)<th>named mistakes</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>
            <p class="meta">Cells: green passed, red failed (partial credit), grey not attempted. \
            Students in name order; <code>summary.csv</code> sorts any other way.</p>

            """
    }

    func mistakeTable() -> String {
        let common = commonMistakes
        guard !common.isEmpty else { return "<h2>Named mistakes</h2>\n<p>No mistake was named.</p>\n" }
        var rows = ""
        for entry in common {
            rows +=
                "<tr><td class=\"num\">\(entry.students.count)</td><td>\(escape(entry.part.title))</td>"
                + "<td><strong>\(escape(entry.mistake.name))</strong> <code>\(escape(entry.mistake.id))</code></td>"
                + "<td>\(entry.students.map(escape).joined(separator: ", "))</td></tr>\n"
        }
        return """
            <h2>Named mistakes, most common first</h2>
            <table class="summary class">
            <thead><tr><th class="num">students</th><th>part</th><th>mistake</th><th>who</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>

            """
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    static func percentEncoded(_ name: String) -> String {
        name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/", "?", "#"]))
            ?? name
    }

    static let style = """
        body{max-width:1400px}table.class td.num,table.class th.num{text-align:right;white-space:nowrap}\
        table.class td:first-child{white-space:nowrap}
        table.class td.cell.passed{background:#dcefdc}table.class td.cell.failed{background:#f8dcdc}\
        table.class td.cell.not-attempted{background:#ececec}
        .tag{display:inline-block;background:#fff6dc;border:1px solid #e0a800;border-radius:.4em;\
        padding:0 .35em;margin:.1em;font-size:.85em;white-space:nowrap}.note{color:#555;font-size:.85em}
        """
}
