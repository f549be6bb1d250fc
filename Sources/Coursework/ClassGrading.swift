import Foundation

/// Grades every submission in a class folder, as `fcos course grade-all` does: each one exactly
/// as ``PackageGrading`` grades a single package (clean package, sandboxed children, the
/// instructor's course), a few at a time.
///
/// Isolation between submissions: each grading has its own temporary work folder (calls,
/// answers, the copied `answer` binary, the sandbox's scratch), and each worker its own scratch
/// path, where one submission at a time is built; `GradingPackage` removes the previous
/// student's files before writing the next one's, so a student's code is never compiled or run
/// with another's. A submission that hangs, crashes or floods stops at its own limits (build
/// timeout, per-part timeout, output caps) and only its own grade says so.
public struct ClassGrading: Sendable {
    /// The class folder.
    public var directory: URL
    /// The instructor's course, which every submission is graded against.
    public var course: Course
    /// How many submissions are graded at the same time.
    public var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    /// Seconds per part before a child is stopped.
    public var timeoutPerPart: Double = 120
    /// Seconds a build may take.
    public var buildTimeout: Double = 600
    /// The confinement of the students' code.
    public var sandbox: SandboxMode = .bubblewrap
    /// The hidden cases' seed, the same for the whole class so every student gets the same cases.
    public var hiddenSeed: UInt64?
    /// A folder for the workers' build folders, kept between runs to compile warm; by default a
    /// temporary one removed afterwards.
    public var scratchPath: URL?
    /// Called with one line per event (a submission started, graded or failed), from any thread.
    public var progress: (@Sendable (String) -> Void)?

    /// A grading of the submissions in `directory` against `course`.
    public init(directory: URL, course: Course) {
        self.directory = directory.standardizedFileURL
        self.course = course
    }

    /// A folder in the class folder that is not a submission, and why.
    public struct Skipped: Sendable, Equatable {
        /// The entry's name in the class folder.
        public var name: String
        /// Why it was not graded.
        public var reason: String
    }

    /// One student's outcome.
    public struct Outcome: Sendable {
        /// The submission folder's name, which names the student everywhere.
        public var student: String
        /// The grade, or `nil` when the submission could not be graded at all.
        public var report: GradeReport?
        /// Why the submission could not be graded; `nil` when it was.
        public var problem: String?
        /// Seconds from the start of its build to its last part's grade.
        public var seconds: Double
        /// The student's own `course.json` differs from the instructor's (a note, not an error).
        public var ownCourseDiffers: Bool
    }

    /// The submissions in the class folder, sorted by name, and the entries that are not one (a
    /// submission is a folder with `Sources/Homework` or a `Package.swift`). Hidden entries
    /// (`.DS_Store`, `.git`) and `course.json` are passed over silently.
    public func submissions() throws -> (submissions: [URL], skipped: [Skipped]) {
        let manager = FileManager.default
        let names = try manager.contentsOfDirectory(atPath: directory.path).sorted {
            $0.localizedStandardCompare($1) == .orderedAscending
        }
        var found: [URL] = []
        var skipped: [Skipped] = []
        for name in names where !name.hasPrefix(".") && name != "course.json" {
            let url = directory.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                skipped.append(Skipped(name: name, reason: "not a folder"))
                continue
            }
            let homework = url.appendingPathComponent("Sources/Homework").path
            let manifest = url.appendingPathComponent("Package.swift").path
            guard manager.fileExists(atPath: homework) || manager.fileExists(atPath: manifest) else {
                skipped.append(Skipped(name: name, reason: "no Package.swift or Sources/Homework"))
                continue
            }
            found.append(url)
        }
        return (found, skipped)
    }

    /// Grades `submissions` with at most ``jobs`` at a time and returns their outcomes in the
    /// same order.
    public func run(_ submissions: [URL]) throws -> [Outcome] {
        let manager = FileManager.default
        let scratchRoot: URL
        var temporary: TemporaryFolder?
        if let scratchPath {
            scratchRoot = scratchPath
        } else {
            scratchRoot = manager.temporaryDirectory.appendingPathComponent(
                "fcos-grade-all-\(UUID().uuidString.prefix(12))", isDirectory: true)
            temporary = TemporaryFolder(url: scratchRoot)
        }
        try manager.createDirectory(at: scratchRoot, withIntermediateDirectories: true)
        let workers = max(1, min(jobs, submissions.count))
        let queue = WorkQueue(count: submissions.count)
        let group = DispatchGroup()
        for worker in 0..<workers {
            group.enter()
            let thread = Thread { [self] in
                let scratch = scratchRoot.appendingPathComponent("worker-\(worker)", isDirectory: true)
                while let index = queue.next() {
                    queue.store(grade(submissions[index], scratch: scratch), at: index)
                }
                group.leave()
            }
            // Building and grading need more than the default secondary-thread stack.
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        withExtendedLifetime(temporary) {}
        return queue.outcomes
    }

    /// One submission, graded in the worker's scratch path.
    func grade(_ submission: URL, scratch: URL) -> Outcome {
        let student = submission.lastPathComponent
        let start = Date()
        var grading = PackageGrading(package: submission, scratchPath: scratch)
        grading.course = course
        grading.timeoutPerPart = timeoutPerPart
        grading.buildTimeout = buildTimeout
        grading.sandbox = sandbox
        grading.hiddenSeed = hiddenSeed
        let ownCourseDiffers = (try? grading.readCourse()).map { $0 != course } ?? false
        progress?("\(student): grading")
        do {
            let report = try grading.run()
            let seconds = Date().timeIntervalSince(start)
            progress?(
                "\(student): \(report.score)/\(report.maxScore) in \(String(format: "%.1f", seconds)) s")
            return Outcome(
                student: student, report: report, problem: nil, seconds: seconds,
                ownCourseDiffers: ownCourseDiffers)
        } catch {
            let seconds = Date().timeIntervalSince(start)
            progress?("\(student): could not be graded: \(error)")
            return Outcome(
                student: student, report: nil, problem: "\(error)", seconds: seconds,
                ownCourseDiffers: ownCourseDiffers)
        }
    }
}

/// The next submission to grade, and the outcomes so far, shared by the workers.
private final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let count: Int
    private var results: [ClassGrading.Outcome?]

    init(count: Int) {
        self.count = count
        results = Array(repeating: nil, count: count)
    }

    func next() -> Int? {
        lock.withLock {
            guard nextIndex < count else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }

    func store(_ outcome: ClassGrading.Outcome, at index: Int) {
        lock.withLock { results[index] = outcome }
    }

    var outcomes: [ClassGrading.Outcome] { lock.withLock { results.compactMap { $0 } } }
}
