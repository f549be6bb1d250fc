import Annotations
import ArgumentParser
import Canvas
import Coursework
import CourseworkFigures
import Diagnostics
import FCOS
import Foundation

/// `fcos course`: homework on FCOS targets for a class. `init` writes the students' package,
/// `grade` builds a student's code in a clean package, runs it in a sandbox and grades its
/// answers in this process, with a self-contained HTML report for people. The grading logic
/// lives in the `Coursework` module, so the student's self-check and this command agree.
struct CourseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "course",
        abstract: "Write FCOS homework for students and grade their submissions with explanations.",
        discussion: """
            Instructor's path: `fcos course init hw`, hand `hw` to the students, then \
            `fcos course grade hw --out report` on each submission. See docs/coursework.md.
            """,
        subcommands: [
            CourseInitCommand.self, CourseGradeCommand.self, CourseGradeAllCommand.self,
            CourseDemoClassCommand.self,
        ]
    )
}

struct CourseInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a student package: one source file per part, a grader, a visualizer, a README.",
        discussion: """
            Each part's file has the function's signature, a doc comment with the task and the chosen \
            preset's rule, and a body that throws `notAttempted("TODO: …")`, which the grader reports as \
            "not attempted". The package depends on the toolkit by path, so it builds offline.
            """
    )

    @Argument(help: "The directory to create (must be empty or missing).")
    var directory: String

    @Option(help: "Comma-separated parts: \(Part.allCases.map(\.rawValue).joined(separator: ",")).")
    var parts: String = Part.allCases.map(\.rawValue).joined(separator: ",")

    @Option(help: "Rule set whose answers are correct: \(Preset.names.joined(separator: ", ")).")
    var preset: String = "official"

    @Option(
        help: """
            Points per part, as part=points pairs (matching=40,nms=10; parts not named keep their \
            default) or one number per part in course order (10,40,15); recorded in course.json.
            """)
    var points: String?

    @Option(help: "The toolkit checkout to depend on (default: the one this fcos was built from).")
    var toolkit: String?

    @Flag(help: "Write the answer key (plain code on the homework's types) instead of starter bodies.")
    var withSolutions = false

    @Flag(help: "Write into a directory that is not empty, replacing the package's files.")
    var force = false

    func run() throws {
        try reportingInputErrors {
            let chosen = try lookUpPreset(named: preset)
            let selected = try parseParts(parts)
            var chosenPoints: [Part: Int]?
            if let points {
                switch Course.parsePoints(points, parts: selected) {
                case .success(let table): chosenPoints = table
                case .failure(let error): throw UsageError("--points: \(error.description)")
                }
            }
            let course = Course(preset: chosen.name, parts: selected, points: chosenPoints)
            let toolkitURL = try resolveToolkit(toolkit)
            let package = StarterPackage(course: course, toolkit: toolkitURL, withSolutions: withSolutions)
            let target = URL(fileURLWithPath: directory)
            do {
                try package.write(to: target, overwrite: force)
            } catch let error as CourseworkError {
                throw InputError(file: directory, problem: error.description)
            }
            let kind = withSolutions ? "solutions" : "starter package"
            writeOut(
                """
                Wrote the \(kind) for preset \(chosen.name) to \(target.path)
                  parts: \(selected.map { "\($0.rawValue) (\(course.points(for: $0)))" }.joined(separator: ", ")), \
                total \(course.maxScore) points
                  toolkit: \(toolkitURL.path)
                Students: cd \(directory) && swift run --package-path grader grade
                Instructor: fcos course grade \(directory) --out report

                """)
        }
    }
}

/// The parts named by `--parts`, in course order; a usage error for an unknown or empty list.
func parseParts(_ text: String) throws -> [Part] {
    switch Part.parseList(text) {
    case .success(let list) where !list.isEmpty: return list
    case .success: throw UsageError("--parts: name at least one part")
    case .failure(let error): throw UsageError("--parts: \(error.description)")
    }
}

/// The toolkit checkout a generated package depends on: `path` when given (checked), else the
/// one this `fcos` was built from.
func resolveToolkit(_ path: String?) throws -> URL {
    if let path {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        guard ToolkitLocation.isToolkit(url) else {
            throw InputError(file: "--toolkit", problem: "\(url.path) has no fcos-targets Package.swift")
        }
        return url
    }
    guard let found = ToolkitLocation.find() else {
        throw InputError(
            file: "--toolkit",
            problem:
                "cannot find the toolkit checkout from this binary or the current directory; pass --toolkit PATH"
        )
    }
    return found
}

struct CourseGradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Build a student's code, run it in a sandbox, and grade its answers per part.",
        discussion: """
            Copies DIR/Sources/Homework into a clean package with no dependencies (so importing the \
            toolkit does not compile), builds it, and runs each part in a sandboxed child that only \
            answers; this process compares, scores and explains. Hidden cases are drawn from --seed \
            (random unless given; the report records it). Exit status 0 when every part passed, 1 \
            otherwise. --out writes report.html (self-contained, with figures) and report.json.
            """
    )

    @Argument(help: "The student's package directory.")
    var directory: String

    @Flag(help: "Print the grade as JSON.")
    var json = false

    @Option(help: "Directory for report.html and report.json.")
    var out: String?

    @Option(
        help: """
            A build folder of yours to keep between gradings (compiles warm); default: a temporary one. \
            Never a submission's own .build.
            """)
    var scratchPath: String?

    @Option(help: "Seconds each part may run before it counts as failed.")
    var timeout: Double = 120

    @Option(help: "Seconds the build may take.")
    var buildTimeout: Double = 600

    @Option(help: "Seed of the hidden cases (default: random); the report records it.")
    var seed: UInt64?

    @Option(
        help: """
            The course.json to grade against, e.g. the one `fcos course init` wrote for you \
            (default: the package's own, which its author could edit).
            """)
    var course: String?

    @Option(
        help:
            "Confinement of the student's code: bubblewrap (falls back to rlimits if it cannot start), rlimits, none."
    )
    var sandbox: String = "bubblewrap"

    @Option(
        help: "Also write Gradescope's autograder results.json here (e.g. /autograder/results/results.json).")
    var gradescope: String?

    func validate() throws {
        guard timeout > 0, buildTimeout > 0 else {
            throw ValidationError("--timeout and --build-timeout must be positive")
        }
        guard SandboxMode(rawValue: sandbox) != nil else {
            throw ValidationError("--sandbox is bubblewrap, rlimits or none, not '\(sandbox)'")
        }
    }

    func run() throws {
        var report: GradeReport!
        try reportingInputErrors {
            var grading = PackageGrading(
                package: URL(fileURLWithPath: directory),
                scratchPath: scratchPath.map { URL(fileURLWithPath: $0) })
            grading.timeoutPerPart = timeout
            grading.buildTimeout = buildTimeout
            grading.sandbox = SandboxMode(rawValue: sandbox) ?? .bubblewrap
            grading.hiddenSeed = seed ?? UInt64.random(in: 1...UInt64(UInt32.max))
            if let course {
                do {
                    let chosen = try PackageGrading.readCourse(URL(fileURLWithPath: course))
                    if let own = try? grading.readCourse(), own != chosen {
                        warnLine("\(directory)/course.json differs from \(course); grading with \(course)")
                    }
                    grading.course = chosen
                } catch let error as CourseworkError {
                    throw InputError(file: course, problem: error.description)
                }
            }
            grading.progress = { warnLine($0) }
            let start = Date()
            do {
                report = try grading.run()
            } catch let error as CourseworkError {
                throw InputError(file: directory, problem: error.description)
            }
            writeOut(json ? try report.json() + "\n" : ReportText.summary(report))
            if let out {
                let written = try CourseReport(report: report, packageName: directory).write(toDirectory: out)
                warnLine("wrote \(written.path)")
            }
            if let gradescope {
                let results = GradescopeResults(report: report, seconds: Date().timeIntervalSince(start))
                let file = URL(fileURLWithPath: gradescope)
                try FileManager.default.createDirectory(
                    at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try AtomicFile.write(try results.json() + "\n", to: file)
                warnLine("wrote \(gradescope)")
            }
        }
        if !report.passed { throw ExitCode(1) }
    }
}
