import Foundation

/// A student's own check, `swift run --package-path grader grade` inside the homework: the
/// instructor's grader, run on the example cases only (no hidden cases), with the same
/// sandbox and the same explanations.
///
/// ```
/// swift run --package-path grader grade                 # every part, with explanations
/// swift run --package-path grader grade --part nms      # one part
/// swift run --package-path grader grade --json          # the result as JSON
/// ```
public enum SelfCheck {
    struct Options {
        var json = false
        var parts: [Part]?
        var timeout: Double = 60
        var sandbox = SandboxMode.bubblewrap
    }

    static let usage = """
        usage: grade [--json] [--part NAME[,NAME…]] [--timeout SECONDS] [--sandbox bubblewrap|rlimits|none]

        Builds your Sources/Homework in a clean package and checks it on the example cases. Your
        instructor's grader adds hidden cases drawn at grading time.

        """

    /// Checks the homework package at `package` (the folder holding `grader/`).
    public static func main(
        course: Course, package: URL, arguments: [String] = Array(CommandLine.arguments.dropFirst())
    ) -> Never {
        let options: Options
        do {
            options = try parse(arguments)
        } catch {
            FileHandle.standardError.write(Data("grade: \(error)\n\(usage)".utf8))
            exit(2)
        }
        var selected = course
        if let parts = options.parts { selected.parts = parts.filter(course.parts.contains) }
        var grading = PackageGrading(
            package: package, scratchPath: package.appendingPathComponent(".build/fcos-self-check"))
        grading.course = selected
        grading.timeoutPerPart = options.timeout
        grading.sandbox = options.sandbox
        if !options.json {
            grading.progress = { FileHandle.standardError.write(Data("grade: \($0)\n".utf8)) }
        }
        do {
            let report = try grading.run()
            print(
                options.json ? try report.json() : ReportText.summary(report),
                terminator: options.json ? "\n" : "")
            exit(report.passed ? 0 : 1)
        } catch {
            FileHandle.standardError.write(Data("grade: \(error)\n".utf8))
            exit(3)
        }
    }

    struct UsageError: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var rest = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let next = rest.popFirst() else { throw UsageError(description: "\(flag) needs a value") }
            return next
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--json": options.json = true
            case "--timeout":
                guard let seconds = Double(try value(argument)), seconds > 0 else {
                    throw UsageError(description: "--timeout needs a positive number of seconds")
                }
                options.timeout = seconds
            case "--sandbox":
                let name = try value(argument)
                guard let mode = SandboxMode(rawValue: name) else {
                    throw UsageError(description: "--sandbox is bubblewrap, rlimits or none, not '\(name)'")
                }
                options.sandbox = mode
            case "--part", "--parts":
                switch Part.parseList(try value(argument)) {
                case .success(let parts): options.parts = parts
                case .failure(let error): throw UsageError(description: error.description)
                }
            case "-h", "--help":
                print(usage, terminator: "")
                exit(0)
            default: throw UsageError(description: "unknown argument '\(argument)'")
            }
        }
        return options
    }
}
