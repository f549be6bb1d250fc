import Annotations
import ArgumentParser
import Coursework
import CourseworkFigures
import Diagnostics
import Foundation

/// `fcos course grade-all DIR`: every submission folder in a class folder, graded as
/// `fcos course grade` grades one, a few at a time, into one summary and each student's reports.
struct CourseGradeAllCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade-all",
        abstract:
            "Grade every submission in a class folder; write a class summary and each student's report.",
        discussion: """
            A submission is a folder of DIR with Sources/Homework or a Package.swift; other entries are \
            listed and skipped. Each is graded exactly as `fcos course grade` grades one (clean package, \
            sandboxed children), --jobs at a time, all against the instructor's course: --course FILE, \
            else DIR/course.json (a student's own course.json is never used; one that differs is noted). \
            Every student gets the same hidden cases (--seed, random unless given; recorded). --out \
            writes summary.html, summary.csv and OUT/<student>/report.html, report.json (and results.json \
            with --gradescope). \(ExitStatus.summary) 1 means some submissions could not be graded (named \
            on stderr and in the summary); a submission that does not build is graded (0 points), not \
            skipped.
            """
    )

    @Argument(help: "The class folder: one folder per student.")
    var directory: String

    @Option(help: "Directory for summary.html, summary.csv and one folder of reports per student.")
    var out: String?

    @Option(help: "The instructor's course.json (default: DIR/course.json).")
    var course: String?

    @Option(help: "Submissions graded at the same time (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Seconds each part may run before it counts as failed.")
    var timeout: Double = 120

    @Option(help: "Seconds each build may take.")
    var buildTimeout: Double = 600

    @Option(help: "Seed of the hidden cases, the same for every student (default: random; recorded).")
    var seed: UInt64?

    @Option(help: "Build folders to keep between runs (compiles warm); default: temporary ones.")
    var scratchPath: String?

    @Option(help: "Confinement of the students' code: bubblewrap, rlimits, none.")
    var sandbox: String = "bubblewrap"

    @Flag(help: "Also write each student's Gradescope results.json next to their report.")
    var gradescope = false

    func validate() throws {
        guard timeout > 0, buildTimeout > 0 else {
            throw ValidationError("--timeout and --build-timeout must be positive")
        }
        guard (1...256).contains(jobs) else { throw ValidationError("--jobs must be 1 to 256, not \(jobs)") }
        guard SandboxMode(rawValue: sandbox) != nil else {
            throw ValidationError("--sandbox is bubblewrap, rlimits or none, not '\(sandbox)'")
        }
        if gradescope, out == nil { throw ValidationError("--gradescope writes into --out; give --out DIR") }
    }

    func run() throws {
        var couldNotGrade = false
        try reportingInputErrors {
            let folder = URL(fileURLWithPath: directory)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory),
                isDirectory.boolValue
            else { throw InputError(file: directory, problem: "is not a folder of submissions") }
            let coursePath = course ?? folder.appendingPathComponent("course.json").path
            guard course != nil || FileManager.default.fileExists(atPath: coursePath) else {
                throw UsageError(
                    "grade-all grades with the instructor's course: pass --course FILE (the course.json "
                        + "`fcos course init` wrote) or put it at \(coursePath)")
            }
            let chosen: Course
            do {
                chosen = try PackageGrading.readCourse(URL(fileURLWithPath: coursePath))
            } catch let error as CourseworkError {
                throw InputError(file: coursePath, problem: error.description)
            }
            var grading = ClassGrading(directory: folder, course: chosen)
            grading.jobs = jobs
            grading.timeoutPerPart = timeout
            grading.buildTimeout = buildTimeout
            grading.sandbox = SandboxMode(rawValue: sandbox) ?? .bubblewrap
            grading.hiddenSeed = seed ?? UInt64.random(in: 1...UInt64(UInt32.max))
            grading.scratchPath = scratchPath.map { URL(fileURLWithPath: $0) }
            let (submissions, skipped) = try grading.submissions()
            for entry in skipped { warnLine("skipping \(directory)/\(entry.name): \(entry.reason)") }
            guard !submissions.isEmpty else {
                throw InputError(
                    file: directory, problem: "holds no submission (a folder with Sources/Homework)")
            }
            warnLine(
                "grading \(submissions.count) submissions, \(min(jobs, submissions.count)) at a time, "
                    + "hidden seed \(grading.hiddenSeed ?? 0)")
            // Workers are threads, which do not inherit the task-local output sink; capture it here.
            let sink = Output.sink
            let counter = Counter(total: submissions.count)
            grading.progress = { line in
                let text = "fcos: \(counter.prefix(for: line))\(line)\n"
                if let sink { sink.err(text) } else { FileHandle.standardError.write(Data(text.utf8)) }
            }
            let start = Date()
            let outcomes = try grading.run(submissions)
            let elapsed = Date().timeIntervalSince(start)
            let summary = ClassSummary(
                course: chosen, outcomes: outcomes, skipped: skipped, hiddenSeed: grading.hiddenSeed)
            writeOut(ClassText.table(summary))
            let failed = outcomes.filter { $0.report == nil }
            couldNotGrade = !failed.isEmpty
            for outcome in failed {
                warnLine("\(outcome.student) could not be graded: \(outcome.problem ?? "")")
            }
            let seconds = outcomes.map(\.seconds).sorted()
            let median =
                seconds.isEmpty
                ? 0 : (seconds[(seconds.count - 1) / 2] + seconds[seconds.count / 2]) / 2
            warnLine(
                String(
                    format: "graded %d of %d in %.1f s (median %.1f s per submission)",
                    outcomes.count - failed.count, outcomes.count, elapsed, median))
            if let out {
                let page = try summary.write(toDirectory: URL(fileURLWithPath: out), gradescope: gradescope)
                warnLine("wrote \(page.path)")
            }
        }
        try finishPartial(if: couldNotGrade)
    }
}

/// Numbers the "graded" lines `[k/n]` as they arrive from the workers.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let total: Int

    init(total: Int) { self.total = total }

    /// `[k/n] ` for a line that ends a submission, nothing for the others.
    func prefix(for line: String) -> String {
        guard !line.hasSuffix(": grading") else { return "" }
        return lock.withLock {
            done += 1
            return "[\(done)/\(total)] "
        }
    }
}

/// The class's grades as a plain table for the terminal.
enum ClassText {
    static func table(_ summary: ClassSummary) -> String {
        let width = max(7, summary.outcomes.map(\.student.count).max() ?? 0)
        func pad(_ text: String, _ count: Int) -> String {
            text.count >= count ? text : text + String(repeating: " ", count: count - text.count)
        }
        var lines = [
            pad("student", width) + "  " + pad("total", 7) + "  "
                + summary.course.parts.map { pad($0.rawValue, 5) }.joined(separator: " ")
                + "  mistakes"
        ]
        for outcome in summary.outcomes {
            guard let report = outcome.report else {
                lines.append(pad(outcome.student, width) + "  not graded: \(outcome.problem ?? "")")
                continue
            }
            let cells = summary.course.parts.map { part -> String in
                let cell = report.result(for: part).map { String($0.points) } ?? "-"
                return pad(cell, max(5, part.rawValue.count))
            }
            let mistakes = ClassSummary.mistakeIDs(report)
            lines.append(
                pad(outcome.student, width) + "  " + pad("\(report.score)/\(report.maxScore)", 7) + "  "
                    + cells.joined(separator: " ") + "  "
                    + (mistakes.isEmpty ? "-" : mistakes.joined(separator: " ")))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
