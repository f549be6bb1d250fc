import ArgumentParser
import Foundation

/// A problem with the command line found by the toolkit's own checks, after parsing: reported
/// like the parser's own errors, as one line, with ``ExitStatus/usageError``.
public struct UsageError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) { self.description = description }
}

/// Writes `program: text` as one line on standard error: the one style every command of the
/// toolkit reports a problem in, so a student (or a script's log) sees the same shape from
/// `fcos`, from a lesson and from the argument parser.
public func reportProblem(_ text: String, program: String, hint: String? = nil) {
    var line = text.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? text
    if let hint {
        if line.hasSuffix(".") { line.removeLast() }
        line += " " + hint
    }
    FileHandle.standardError.write(Data("\(program): \(line)\n".utf8))
}

extension ParsableCommand {
    /// Parses `arguments` (the process's own when nil), runs the command and exits with an
    /// ``ExitStatus``. A usage error prints one line, `program: problem (see 'program sub --help')`,
    /// instead of swift-argument-parser's usage block; `--help` and `--version` print as usual.
    ///
    /// Commands report their own input errors and partial results (and throw `ExitCode`); this only
    /// formats what reaches the top.
    public static func mainReportingOneLine(program: String? = nil, _ arguments: [String]? = nil) -> Never {
        let arguments = arguments ?? Array(CommandLine.arguments.dropFirst())
        let program = program ?? _commandName
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(ExitStatus.success.rawValue)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch let error as UsageError {
            reportProblem(error.description, program: program, hint: helpHint(program: program, arguments))
            Foundation.exit(ExitStatus.usageError.rawValue)
        } catch {
            let code = exitCode(for: error)
            guard code != .success else { exit(withError: error) }
            reportProblem(message(for: error), program: program, hint: helpHint(program: program, arguments))
            Foundation.exit(code == .validationFailure ? ExitStatus.usageError.rawValue : code.rawValue)
        }
    }

    /// `(see 'fcos loss iou --help')`: the subcommand path the arguments name, so the hint leads to
    /// the help that explains the option in question.
    static func helpHint(program: String, _ arguments: [String]) -> String {
        var path = [program]
        var command: any ParsableCommand.Type = self
        for word in arguments {
            guard
                let sub = command.configuration.subcommands.first(where: {
                    $0._commandName == word || $0.configuration.aliases.contains(word)
                })
            else { break }
            path.append(sub._commandName)
            command = sub
        }
        return "(see '\(path.joined(separator: " ")) --help')"
    }
}
