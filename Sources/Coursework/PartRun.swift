import Foundation

/// Grades one part of a built submission: the calls the part's check makes go to the
/// sandboxed `answer` child, its raw answers come back on a bounded channel, and this process
/// (the grader) replays them through the unchanged check, which compares, scores and explains.
///
/// However the child ends (it crashes, hangs, floods its output, kills its parent, exits early
/// with status 0), the part gets a result: the answers it gave are graded, the calls it never
/// answered count as wrong, and the first explanation says in words why it stopped.
struct PartRun {
    var part: Part
    var course: Course
    var hiddenSeed: UInt64?
    var program: URL
    var sandbox: Sandbox
    var timeout: Double
    /// A folder of this part's own: the calls file, and the working folder without namespaces.
    var directory: URL

    func result() -> PartResult {
        let calls = CallRecorder.calls(for: part, course: course, hiddenSeed: hiddenSeed)
        let outcome: Subprocess.Outcome
        do {
            outcome = try run(calls)
        } catch {
            return PartResult(
                part: part, status: .failed, points: 0, maxPoints: course.points(for: part),
                explanations: ["The grader could not start your code for this part: \(error)."])
        }
        let read = ChildAnswers(outcome.answers, overflowed: outcome.answersOverflowed, calls: calls)
        if let problem = read.problem {
            return PartResult(
                part: part, status: .failed, points: 0, maxPoints: course.points(for: part),
                explanations: [problem],
                cases: 0, failedCases: 0)
        }
        let stop = StopReport(
            outcome: outcome, timeout: timeout, limits: sandbox.limits, calls: calls,
            answered: read.answers.count)
        if read.answers.isEmpty, let todo = stop.todoMessage {
            return PartResult(
                part: part, status: .notAttempted, points: 0, maxPoints: course.points(for: part),
                explanations: ["Not attempted yet: fatalError(\"\(todo)\") is still there."])
        }
        let replay = AnswerReplay(calls: calls, answers: read.answers)
        var result = Grader(course: course, submission: replay.submission, hiddenSeed: hiddenSeed).grade(part)
        if let sentence = stop.sentence {
            result.explanations.insert(sentence, at: 0)
            if result.status != .failed {
                result.status = .failed
                result.points = 0
            }
        }
        return result
    }

    func run(_ calls: [ChildCall]) throws -> Subprocess.Outcome {
        let manager = FileManager.default
        let scratch = directory.appendingPathComponent("scratch")
        try manager.createDirectory(
            at: scratch, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o777])
        let input = directory.appendingPathComponent("calls.jsonl")
        try Data(ChildCall.input(calls).utf8).write(to: input)
        try manager.setAttributes([.posixPermissions: 0o644], ofItemAtPath: input.path)
        let (executable, arguments) = sandbox.command(program, calls: input, scratch: scratch)
        var environment = [
            "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TMPDIR": scratch.path, "HOME": scratch.path,
            // The crashed thread's frames name the student's function and line (see StopReport).
            "SWIFT_BACKTRACE": StopReport.backtraceSettings,
        ]
        if sandbox.mode == .bubblewrap {
            environment["TMPDIR"] = "/tmp"
            environment["HOME"] = "/tmp"
        }
        var child = Subprocess(
            executable: executable, arguments: arguments, environment: environment, timeout: timeout)
        child.answersLimit = ChildAnswers.limit
        return try child.run()
    }
}

/// Why a child stopped before answering every call, in a sentence a student can act on.
struct StopReport {
    var outcome: Subprocess.Outcome
    var timeout: Double
    var limits: SandboxLimits
    var calls: [ChildCall]
    var answered: Int

    /// Swift's backtracer, asked for the crashed thread only and no colours: it takes a tenth of
    /// a second and gives the file and line in the student's code, which the runtime's message
    /// (`Swift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range`) does not.
    static let backtraceSettings =
        "enable=yes,interactive=no,color=no,threads=crashed,registers=none,images=none"

    /// The runtime's message, e.g. `Index out of range`.
    var message: String? {
        for line in outcome.standardError.split(separator: "\n").map(String.init) {
            for marker in ["Fatal error: ", "Precondition failed: ", "Assertion failed: "] {
                guard let range = line.range(of: marker) else { continue }
                return StudentText.line(line[range.upperBound...], limit: 300)
            }
        }
        return nil
    }

    /// `fatalError("TODO…")` left in place.
    var todoMessage: String? {
        guard let message, message.hasPrefix("TODO") else { return nil }
        return message
    }

    /// The innermost frame in the student's sources: `fpnLocations(width:height:stride:)` at
    /// `Sources/Homework/Locations.swift:6:18`.
    var studentFrame: (function: String, location: String)? {
        for line in outcome.standardError.split(separator: "\n").map(String.init) {
            guard let at = line.range(of: " at ", options: .backwards),
                let sources = line[at.upperBound...].range(of: "Sources/Homework/"),
                let plus = line.range(of: " + ", options: .backwards, range: line.startIndex..<at.lowerBound),
                let address = line.range(of: #"0x[0-9a-f]+ "#, options: .regularExpression)
            else { continue }
            let function = line[address.upperBound..<plus.lowerBound]
            return (
                StudentText.line(function, limit: 200),
                StudentText.line(line[at.upperBound...][sources.lowerBound...], limit: 200)
            )
        }
        return nil
    }

    /// Where the child was: "it was running `matchLocations` (call 12 of 85)".
    var position: String {
        guard answered < calls.count else { return "after answering every call" }
        return "it was running `\(calls[answered].function)` (call \(answered + 1) of \(calls.count))"
    }

    var unanswered: String {
        let left = calls.count - answered
        return left <= 0 ? "" : " The \(Wording.count(left, "call")) it did not answer count as wrong."
    }

    /// `nil` when the child answered every call and exited normally.
    var sentence: String? {
        let complete = answered >= calls.count
        if outcome.timedOut {
            return "Your code did not finish within \(Wording.number(Float(timeout))) s; \(position)."
                + unanswered + " (An endless loop, or a very slow algorithm?)"
        }
        // Every call answered: how the child ended afterwards does not matter. Too many answers
        // is its own sentence (see ChildAnswers).
        if complete || outcome.answersOverflowed { return nil }
        // bubblewrap and the shell in front of the child report a signal as 128 + its number.
        let signal: Int32? =
            outcome.signalled ? outcome.status : (outcome.status > 128 ? outcome.status - 128 : nil)
        let place = studentFrame.map { " in \($0.function) at \($0.location)" } ?? ""
        if let message {
            return "Your code crashed: \(message)\(place); \(position)." + unanswered
        }
        if let signal {
            switch signal {
            case SIGXCPU:
                return "Your code used more than \(limits.cpuSeconds) s of CPU time; \(position)."
                    + unanswered
            case SIGXFSZ:
                return "Your code wrote a file larger than \(limits.fileBytes >> 20) MB; \(position)."
                    + unanswered
            case SIGKILL:
                return "Your code was killed (signal 9: out of memory, or it killed its own process); "
                    + "\(position)." + unanswered
            default:
                return "Your code crashed with signal \(signal)\(place); \(position)." + unanswered
            }
        }
        let tail = outcome.standardError.split(separator: "\n").suffix(2).joined(separator: " / ")
        let said = tail.isEmpty ? "" : " Its last words on stderr: \(StudentText.line(tail, limit: 300))"
        return "Your code exited with status \(outcome.status) before answering; \(position)." + unanswered
            + said
    }
}
