import Foundation

/// Grades a student package from the outside, as `fcos course grade` does: build its `grade`
/// product (only that, so the drawing code is never compiled), run it, read its JSON.
///
/// A package that does not compile gets every part failed, with the compiler's first errors as
/// the explanation; the parts are then read from the package's `course.json`.
public struct PackageGrading: Sendable {
    public var package: URL
    /// `swift build --scratch-path`; by default the package's own `.build`. Tests share one
    /// scratch path between packages so the toolkit is compiled once.
    public var scratchPath: URL?
    /// Seconds per part before the grader gives up on it.
    public var timeoutPerPart: Double = 120
    /// Called with each build step's description, for progress on the terminal.
    public var progress: (@Sendable (String) -> Void)?

    public init(package: URL, scratchPath: URL? = nil) {
        self.package = package.standardizedFileURL
        self.scratchPath = scratchPath?.standardizedFileURL
    }

    var buildArguments: [String] {
        var arguments = ["build", "--product", "grade"]
        if let scratchPath { arguments += ["--scratch-path", scratchPath.path] }
        return arguments
    }

    /// The course the package was generated for, from `course.json`.
    public func course() throws -> Course {
        let url = package.appendingPathComponent("course.json")
        guard let data = try? Data(contentsOf: url) else {
            throw CourseworkError(
                "\(package.path) has no course.json; is it a package from `fcos course init`?")
        }
        return try JSONDecoder().decode(Course.self, from: data)
    }

    public func run() throws -> GradeReport {
        let course = try course()
        guard let swift = Subprocess.which("swift") else {
            throw CourseworkError("cannot find `swift` on PATH")
        }
        progress?("Building \(package.lastPathComponent) (swift \(buildArguments.joined(separator: " ")))")
        let build = try Subprocess(executable: swift, arguments: buildArguments, directory: package).run()
        guard build.succeeded else {
            return GradeReport(course: course, parts: course.parts.map { buildFailed($0, build) })
        }
        let binPath = try Subprocess(
            executable: swift, arguments: buildArguments + ["--show-bin-path"], directory: package
        ).run()
        let bin = binPath.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        guard binPath.succeeded, !bin.isEmpty else {
            throw CourseworkError("swift build --show-bin-path failed: \(binPath.standardError)")
        }
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("fcos-grade-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: output) }
        progress?("Grading")
        let grade = try Subprocess(
            executable: URL(fileURLWithPath: bin).appendingPathComponent("grade"),
            arguments: ["--json", "--output", output.path, "--timeout", String(timeoutPerPart)],
            directory: package,
            environment: ["SWIFT_BACKTRACE": CrashReport.backtraceSettings],
            timeout: timeoutPerPart * Double(course.parts.count + 1)
        ).run()
        guard grade.status == 0 || grade.status == 1, !grade.signalled,
            let data = try? Data(contentsOf: output)
        else {
            throw CourseworkError(
                "the package's grader failed (status \(grade.status)): \(grade.standardError.suffix(2_000))")
        }
        return try GradeReport.decode(data)
    }

    /// The compiler's first errors, with paths shortened to the package.
    func buildFailed(_ part: Part, _ build: Subprocess.Outcome) -> PartResult {
        let lines = (build.standardOutput + "\n" + build.standardError).split(separator: "\n").map(
            String.init)
        // Paths inside the package, and the toolkit's if the toolkit itself is broken, shortened.
        let prefix = package.path + "/"
        var errors = lines.filter { $0.contains(": error: ") }.map {
            $0.replacingOccurrences(of: prefix, with: "")
        }
        var seen: Set<String> = []
        errors = Array(errors.filter { seen.insert($0).inserted }.prefix(5))
        if errors.isEmpty { errors = Array(lines.suffix(5)) }
        return PartResult(
            part: part, status: .failed, points: 0, maxPoints: part.maxPoints,
            explanations: ["The package does not build, so nothing could be graded:"] + errors)
    }
}
