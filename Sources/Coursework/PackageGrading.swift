import FCOS
import Foundation

/// Grades a student package from the outside, as `fcos course grade` does: the toolkit's own
/// process is the grader; the student's code only answers.
///
/// 1. The student's `Sources/Homework` files are copied into a clean package of the grader's
///    (`GradingPackage`) and built there, with a time limit.
/// 2. Each part runs in its own sandboxed child (`PartRun`, ``Sandbox``) that reads the
///    part's calls and writes raw answers; this process compares them with the reference,
///    scores and explains. Nothing the child prints or writes can set a status or points.
/// 3. The report records the seed of the hidden cases and the sandbox used, and every
///    temporary file is removed, whatever the children did.
///
/// A package that does not compile gets every part failed, with the compiler's first errors.
public struct PackageGrading: Sendable {
    /// The student package's root folder.
    public var package: URL
    /// Where the clean package is built; by default a temporary folder removed afterwards.
    /// Graders of many submissions pass one folder of their own to compile warm (never a
    /// submission's own `.build`, which its author controls).
    public var scratchPath: URL?
    /// Seconds per part before the grader stops its child.
    public var timeoutPerPart: Double = 120
    /// Seconds `swift build` may take.
    public var buildTimeout: Double = 600
    /// Bytes of address space each process of `swift build` may take (`RLIMIT_AS`), so a source
    /// file built to exhaust the compiler stops with an error instead of taking the machine's
    /// memory; an honest homework compiles in well under this.
    public var buildMemoryBytes = 4 << 30
    /// The confinement asked for; the grader falls back to rlimits, and says so, when bubblewrap
    /// cannot start.
    public var sandbox: SandboxMode = .bubblewrap
    /// The seed of the hidden cases; `nil` grades the example cases only (a student's
    /// self-check).
    public var hiddenSeed: UInt64?
    /// The course to grade against; by default the package's `course.json`.
    public var course: Course?
    /// Called with each step's description, for progress on the terminal.
    public var progress: (@Sendable (String) -> Void)?

    /// Where the grading's temporary folder goes (the system's temporary folder by default); a
    /// test gives its own, so that it can check nothing is left there without mistaking another
    /// grading running beside it for a leak.
    public var temporaryParent: URL?

    /// A grading of the package at `package`, with defaults for everything else.
    public init(package: URL, scratchPath: URL? = nil) {
        self.package = package.standardizedFileURL
        self.scratchPath = scratchPath?.standardizedFileURL
    }

    /// The course the package was generated for, from its `course.json`. Its author can edit
    /// that file; `fcos course grade --course` takes the instructor's copy instead.
    public func readCourse() throws -> Course {
        try Self.readCourse(package.appendingPathComponent("course.json"))
    }

    /// A `course.json`, checked: a known preset and at least one part.
    public static func readCourse(_ url: URL) throws -> Course {
        // The package's own course.json is the student's: a link to `/dev/zero` or a FIFO must
        // not make the grader read without end or wait forever, so only a regular file is read,
        // and only its first 64 KB.
        let resolved = url.resolvingSymlinksInPath()
        let type =
            (try? FileManager.default.attributesOfItem(atPath: resolved.path))?[.type] as? FileAttributeType
        guard type == .typeRegular, let handle = try? FileHandle(forReadingFrom: resolved),
            let data = try? handle.read(upToCount: 64 << 10), data.count < 64 << 10
        else {
            throw CourseworkError(
                "\(url.path) is missing, not a regular file or larger than 64 KB; is it a course.json from "
                    + "`fcos course init`?")
        }
        let course: Course
        do {
            course = try JSONDecoder().decode(Course.self, from: data)
        } catch {
            throw CourseworkError("\(url.path) is not a course description: \(StudentText.line("\(error)"))")
        }
        guard Preset.named(course.presetName) != nil else {
            throw CourseworkError(
                "\(url.path) names an unknown preset '\(StudentText.line(course.presetName, limit: 40))' (known: "
                    + "\(Preset.names.joined(separator: ", ")))")
        }
        guard !course.parts.isEmpty else { throw CourseworkError("\(url.path) lists no parts") }
        if let problem = course.pointsProblem { throw CourseworkError("\(url.path) gives \(problem)") }
        return course
    }

    /// Builds the package, runs every part in its sandbox and grades the answers; throws only when
    /// the package cannot be graded at all.
    public func run() throws -> GradeReport {
        let course = try self.course ?? readCourse()
        let built = try build(course)
        guard let prepared = built.prepared else {
            return GradeReport(course: course, parts: built.failures, hiddenSeed: hiddenSeed)
        }
        var results: [PartResult] = []
        for part in course.parts {
            progress?("Grading \(part.rawValue)")
            results.append(prepared.grade(part, course: course, hiddenSeed: hiddenSeed))
        }
        return GradeReport(
            course: course, parts: results, hiddenSeed: hiddenSeed, sandbox: prepared.sandbox.note)
    }

    /// Builds the clean package and picks the sandbox; or, when the package cannot be built,
    /// every part failed with the reason.
    public func build(_ course: Course) throws -> (prepared: BuiltSubmission?, failures: [PartResult]) {
        guard let swift = Subprocess.which("swift") else {
            throw CourseworkError("cannot find `swift` on PATH")
        }
        let manager = FileManager.default
        let work = (temporaryParent ?? manager.temporaryDirectory).appendingPathComponent(
            "fcos-grade-\(UUID().uuidString.prefix(12))", isDirectory: true)
        try manager.createDirectory(
            at: work, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        // Removed when the last reference goes, whatever happens below.
        let folder = TemporaryFolder(url: work)
        let build = scratchPath ?? work.appendingPathComponent("build")
        let source = (scratchPath ?? work).appendingPathComponent("package")

        do {
            try GradingPackage(course: course, submission: package).write(to: source)
        } catch let error as CourseworkError {
            return (
                nil,
                course.parts.map {
                    failed($0, course, "Your package could not be graded: \(error.description).")
                }
            )
        }
        progress?(
            "Building \(StudentText.line(package.lastPathComponent, limit: 80))'s Sources/Homework in a clean "
                + "package")
        // SwiftPM leaves lock files in TMPDIR; these go with the work folder.
        let buildTemporary = work.appendingPathComponent("tmp", isDirectory: true)
        try manager.createDirectory(at: buildTemporary, withIntermediateDirectories: true)
        var environment = Subprocess.minimalEnvironment
        environment["TMPDIR"] = buildTemporary.path
        // A compiler that crashes (at its memory cap, say) would otherwise symbolicate its own
        // backtrace for many seconds; the report does not quote it.
        environment["SWIFT_BACKTRACE"] = "enable=no"
        var command = [
            swift.path, "build", "--product", "answer", "--package-path", source.path, "--scratch-path",
            build.path,
        ]
        // The compiler runs none of the student's code, but 1 MB of source can still ask it for
        // exponentially large types; each of its processes gets an address-space cap.
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit") {
            command = ["/usr/bin/prlimit", "--as=\(buildMemoryBytes)", "--"] + command
        }
        var compile = Subprocess(
            executable: URL(fileURLWithPath: command[0]), arguments: Array(command.dropFirst()),
            environment: environment, timeout: buildTimeout)
        compile.standardOutputLimit = 256 << 10
        let built = try compile.run()
        if built.timedOut {
            return (
                nil,
                course.parts.map {
                    failed(
                        $0, course,
                        "Your package did not build within \(Int(buildTimeout)) s, so nothing could be graded."
                    )
                }
            )
        }
        guard built.succeeded else {
            return (nil, course.parts.map { buildFailed($0, course, built, source: source) })
        }

        // A copy the sandbox user can read and run, whatever the permissions of the scratch path.
        let bin = work.appendingPathComponent("bin", isDirectory: true)
        try manager.createDirectory(
            at: bin, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let program = bin.appendingPathComponent("answer")
        try manager.copyItem(at: try answerBinary(swift: swift, source: source, build: build), to: program)
        try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: program.path)

        let limits = SandboxLimits.forTimeout(timeoutPerPart)
        let probeScratch = work.appendingPathComponent("probe", isDirectory: true)
        try manager.createDirectory(
            at: probeScratch, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o777])
        let sandbox = Sandbox.choose(
            self.sandbox, limits: limits, probe: program, runtime: Sandbox.runtimeDirectories(swift: swift),
            seccomp: try Sandbox.writeSeccompFilter(in: work), scratch: probeScratch)
        return (
            BuiltSubmission(program: program, sandbox: sandbox, timeout: timeoutPerPart, folder: folder), []
        )
    }

    /// The built `answer`, from SwiftPM's usual place or, failing that, from `--show-bin-path`.
    func answerBinary(swift: URL, source: URL, build: URL) throws -> URL {
        let usual = build.appendingPathComponent("debug/answer")
        if FileManager.default.isExecutableFile(atPath: usual.path) { return usual }
        var ask = Subprocess(
            executable: swift,
            arguments: [
                "build", "--package-path", source.path, "--scratch-path", build.path, "--show-bin-path",
            ],
            timeout: 120)
        ask.standardOutputLimit = 4096
        let path = try ask.run().standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let found = URL(fileURLWithPath: path).appendingPathComponent("answer")
        guard FileManager.default.isExecutableFile(atPath: found.path) else {
            throw CourseworkError("the built `answer` program is not in \(path)")
        }
        return found
    }

    func failed(_ part: Part, _ course: Course, _ sentence: String) -> PartResult {
        PartResult(
            part: part, status: .failed, points: 0, maxPoints: course.points(for: part),
            explanations: [sentence])
    }

    /// The compiler's first errors, with paths shortened to `Sources/Homework/…`.
    func buildFailed(_ part: Part, _ course: Course, _ build: Subprocess.Outcome, source: URL) -> PartResult {
        let lines = (build.standardOutput + "\n" + build.standardError).split(separator: "\n").map(
            String.init)
        let prefixes = [source.path + "/", source.resolvingSymlinksInPath().path + "/"]
        var errors = lines.filter { $0.contains(": error: ") }.map { line in
            prefixes.reduce(line) { $0.replacingOccurrences(of: $1, with: "") }
        }
        var seen: Set<String> = []
        errors = Array(errors.filter { seen.insert($0).inserted }.prefix(5)).map { StudentText.line($0) }
        if errors.isEmpty {
            // A compiler stopped at its memory cap prints a crash report, whose last lines say
            // nothing a student can act on.
            errors =
                lines.contains { $0.contains("out of memory") }
                ? [
                    "The compiler ran out of memory (the grader allows it \(buildMemoryBytes >> 20) MB) compiling "
                        + "your code: look for a very large literal or deeply nested types."
                ] : Array(lines.suffix(5)).map { StudentText.line($0) }
        }
        var explanation = ["Your package does not build, so nothing could be graded:"] + errors
        if errors.contains(where: {
            $0.contains("no such module 'FCOS'") || $0.contains("no such module 'Coursework'")
        }) {
            explanation.append(
                "The grader builds Sources/Homework with nothing but HomeworkTypes (Point, Box, LTRB, FeatureLevel, "
                    + "SizeRange): write the computations yourself instead of importing the toolkit.")
        }
        return PartResult(
            part: part, status: .failed, points: 0, maxPoints: course.points(for: part),
            explanations: explanation)
    }
}

/// A submission's `answer` program, built and ready to run in its sandbox. Its temporary
/// folder goes when the value does.
public struct BuiltSubmission: Sendable {
    var program: URL
    /// The confinement the answering program runs under, recorded in the report.
    public var sandbox: Sandbox
    var timeout: Double
    var folder: TemporaryFolder

    var work: URL { folder.url }

    func grade(_ part: Part, course: Course, hiddenSeed: UInt64?) -> PartResult {
        PartRun(
            part: part, course: course, hiddenSeed: hiddenSeed, program: program, sandbox: sandbox,
            timeout: timeout,
            directory: work.appendingPathComponent("parts/\(part.rawValue)")
        ).result()
    }

    /// The student's matching of `scene`, level by level, for `visualize`; `nil` with the reason
    /// when the child did not answer.
    public func matching(_ scene: CourseScene, course: Course) -> Result<[[Int]], CourseworkError> {
        let calls = course.rules.featureMaps(imageWidth: scene.width, imageHeight: scene.height).map {
            ChildCall.match(locations: $0.locations, level: $0.level, boxes: scene.boxes)
        }
        let run = PartRun(
            part: .matching, course: course, hiddenSeed: nil, program: program, sandbox: sandbox,
            timeout: timeout,
            directory: work.appendingPathComponent("parts/visualize"))
        guard let outcome = try? run.run(calls) else {
            return .failure(CourseworkError("cannot start your code"))
        }
        let read = ChildAnswers(outcome.answers, overflowed: outcome.answersOverflowed, calls: calls)
        if let problem = read.problem { return .failure(CourseworkError(problem)) }
        var levels: [[Int]] = []
        for answer in read.answers {
            switch answer {
            case .value(.indices(let matched)): levels.append(matched)
            case .notAttempted(let task):
                return .failure(CourseworkError("matchLocations is not attempted yet (\(task))"))
            case .error(let text): return .failure(CourseworkError("matchLocations threw an error: \(text)"))
            case .value:
                return .failure(CourseworkError("matchLocations returned something other than indices"))
            }
        }
        guard levels.count == calls.count else {
            let stop = StopReport(
                outcome: outcome, timeout: timeout, limits: sandbox.limits, calls: calls,
                answered: levels.count)
            return .failure(CourseworkError(stop.sentence ?? "your code stopped before answering"))
        }
        return .success(levels)
    }
}

/// A folder removed when the last copy of this value goes.
final class TemporaryFolder: Sendable {
    let url: URL
    init(url: URL) { self.url = url }
    deinit { try? FileManager.default.removeItem(at: url) }
}
