import ArgumentParser
import Diagnostics
import Foundation

/// A lesson executable's command line: the common ``LessonOptions`` under the lesson's own name,
/// so `--help` reads `USAGE: lesson-03-matching [--out <dir>] …` rather than a name derived from
/// the options type, and errors come out in the toolkit's one-line style.
struct LessonCommandLine: ParsableCommand {
    /// The executable's name, from `argv[0]`: `swift run` and a direct call both give it.
    static var programName: String {
        CommandLine.arguments.first.map { ($0 as NSString).lastPathComponent } ?? "lesson"
    }

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: programName,
            abstract:
                "A step-by-step lesson on FCOS targets: prose, tables and figures, then a notebook page.",
            discussion: """
                Between steps: Enter (or space) for the next, b to go back, q to quit; single keys when \
                the terminal allows, otherwise each followed by Enter. Figures and index.html go to --out. \
                \(ExitStatus.summary)
                """)
    }

    @OptionGroup var options: LessonOptions
}

extension LessonOptions {
    /// The lesson's options from the process's arguments (or `arguments`). `--help` prints the
    /// lesson's usage and exits 0; a bad option prints one line, `lesson-…: problem (see … --help)`,
    /// and exits with `ExitStatus/usageError`.
    ///
    /// Declared on the type so it is chosen over `ParsableArguments.parseOrExit`, whose usage text
    /// would name the program `lesson`.
    public static func parseOrExit(_ arguments: [String]? = nil) -> LessonOptions {
        let arguments = arguments ?? Array(CommandLine.arguments.dropFirst())
        do {
            return try LessonCommandLine.parse(arguments).options
        } catch {
            let code = LessonCommandLine.exitCode(for: error)
            guard code != .success else { LessonCommandLine.exit(withError: error) }
            let program = LessonCommandLine.programName
            reportProblem(
                LessonCommandLine.message(for: error), program: program, hint: "(see '\(program) --help')")
            Foundation.exit(code == .validationFailure ? ExitStatus.usageError.rawValue : code.rawValue)
        }
    }

    /// Ends the lesson before it starts with one line in the toolkit's style and `status`.
    static func fail(_ message: String, status: ExitStatus) -> Never {
        reportProblem(message, program: LessonCommandLine.programName)
        Foundation.exit(status.rawValue)
    }
}
