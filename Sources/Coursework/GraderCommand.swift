import Foundation

/// The student package's `grade` executable: `Sources/grade/main.swift` is one call to
/// ``main(course:submission:)``.
///
/// ```
/// swift run grade                 # a summary per part; exit status 1 unless every part passed
/// swift run grade --json          # the GradeReport as JSON (what `fcos course grade` reads)
/// swift run grade --part matching # one part only
/// ```
///
/// Each part runs in a child process (this same executable with `--part P --result-file F`), so
/// a `fatalError`, an index out of range or an endless loop in one part is reported as that
/// part's failure, and the other parts are still graded. A crash whose message starts with
/// `TODO` counts as not attempted, for students who prefer `fatalError("TODO")` to the
/// throwing marker. `--in-process` skips the children (faster, but a crash ends everything).
public enum GraderCommand {
    struct Options {
        var json = false
        var output: String?
        var inProcess = false
        var timeout: Double = 120
        var parts: [Part]?
        var child: (part: Part, resultFile: String)?
    }

    public static func main(
        course: Course, submission: Submission, arguments: [String] = Array(CommandLine.arguments.dropFirst())
    ) -> Never {
        let options: Options
        do {
            options = try parse(arguments)
        } catch {
            FileHandle.standardError.write(Data("grade: \(error)\n\(usage)".utf8))
            exit(2)
        }
        let grader = Grader(course: course, submission: submission)
        if let child = options.child {
            let result = grader.grade(child.part)
            do {
                try encoder.encode(result).write(to: URL(fileURLWithPath: child.resultFile))
                exit(0)
            } catch {
                FileHandle.standardError.write(
                    Data("grade: cannot write \(child.resultFile): \(error)\n".utf8))
                exit(3)
            }
        }
        var selected = course
        if let parts = options.parts { selected.parts = parts.filter(course.parts.contains) }
        let report: GradeReport
        if options.inProcess {
            report = Grader(course: selected, submission: submission).gradeAll()
        } else {
            report = GradeReport(
                course: selected,
                parts: selected.parts.map { isolated($0, timeout: options.timeout) })
        }
        do {
            let json = try report.json()
            if let output = options.output {
                try (json + "\n").write(toFile: output, atomically: true, encoding: .utf8)
            }
            print(options.json ? json : ReportText.summary(report), terminator: options.json ? "\n" : "")
        } catch {
            FileHandle.standardError.write(Data("grade: \(error)\n".utf8))
            exit(3)
        }
        exit(report.passed ? 0 : 1)
    }

    static let usage = """
        usage: grade [--json] [--output FILE] [--part NAME[,NAME…]] [--timeout SECONDS] [--in-process]

        """

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    struct UsageError: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var rest = arguments[...]
        var childPart: Part?
        var resultFile: String?
        func value(_ flag: String) throws -> String {
            guard let next = rest.popFirst() else { throw UsageError(description: "\(flag) needs a value") }
            return next
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--json": options.json = true
            case "--in-process": options.inProcess = true
            case "--output": options.output = try value(argument)
            case "--timeout":
                guard let seconds = Double(try value(argument)), seconds > 0 else {
                    throw UsageError(description: "--timeout needs a positive number of seconds")
                }
                options.timeout = seconds
            case "--part", "--parts":
                switch Part.parseList(try value(argument)) {
                case .success(let parts): options.parts = parts
                case .failure(let error): throw UsageError(description: error.description)
                }
            case "--child-part":
                guard let part = Part(rawValue: try value(argument)) else {
                    throw UsageError(description: "unknown part for --child-part")
                }
                childPart = part
            case "--result-file": resultFile = try value(argument)
            case "-h", "--help":
                print(usage, terminator: "")
                exit(0)
            default: throw UsageError(description: "unknown argument '\(argument)'")
            }
        }
        if let childPart, let resultFile { options.child = (childPart, resultFile) }
        return options
    }

    /// Grades one part in a child process and turns a crash or a timeout into a result.
    static func isolated(_ part: Part, timeout: Double) -> PartResult {
        let resultFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("fcos-grade-\(part.rawValue)-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: resultFile) }
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        let child = Subprocess(
            executable: executable,
            arguments: ["--child-part", part.rawValue, "--result-file", resultFile.path],
            // The crashed thread's frames name the student's function and line (see CrashReport).
            environment: ["SWIFT_BACKTRACE": CrashReport.backtraceSettings], timeout: timeout)
        do {
            let outcome = try child.run()
            if outcome.succeeded, let data = try? Data(contentsOf: resultFile),
                let result = try? JSONDecoder().decode(PartResult.self, from: data)
            {
                return result
            }
            return CrashReport(part: part, outcome: outcome, timeout: timeout).result
        } catch {
            return PartResult(
                part: part, status: .failed, points: 0, maxPoints: part.maxPoints,
                explanations: ["The grader could not start a process for this part: \(error)."])
        }
    }
}

/// What a crashed or stuck part tells the student.
struct CrashReport {
    var part: Part
    var outcome: Subprocess.Outcome
    var timeout: Double

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
                return String(line[range.upperBound...])
            }
        }
        return nil
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
            return (String(function), String(line[at.upperBound...][sources.lowerBound...]))
        }
        return nil
    }

    var result: PartResult {
        if outcome.timedOut {
            return failed(
                "Your code for this part did not finish within \(Int(timeout)) s (an endless loop, or a very slow "
                    + "algorithm?).")
        }
        if let message, message.hasPrefix("TODO") {
            return PartResult(
                part: part, status: .notAttempted, points: 0, maxPoints: part.maxPoints,
                explanations: ["Not attempted yet: fatalError(\"\(message)\") is still there."])
        }
        let place = studentFrame.map { " in \($0.function) at \($0.location)" } ?? ""
        if let message {
            return failed("Your code crashed: \(message)\(place). No case of this part could be graded.")
        }
        if outcome.signalled, !place.isEmpty {
            return failed(
                "Your code crashed with signal \(outcome.status)\(place). No case of this part could be graded."
            )
        }
        let how = outcome.signalled ? "with signal \(outcome.status)" : "with exit status \(outcome.status)"
        let tail = outcome.standardError.split(separator: "\n").suffix(3).joined(separator: " / ")
        return failed("The grader for this part stopped \(how)\(tail.isEmpty ? "" : ": \(tail)").")
    }

    func failed(_ sentence: String) -> PartResult {
        PartResult(
            part: part, status: .failed, points: 0, maxPoints: part.maxPoints, explanations: [sentence])
    }
}
