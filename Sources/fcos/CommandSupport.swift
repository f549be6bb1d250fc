import Annotations
import ArgumentParser
import Diagnostics
import FCOS
import Foundation

/// Runs a command body so that a bad input ends with one line on stderr and
/// ``ExitStatus/inputError``, instead of a stack trace or ArgumentParser's multi-line usage text.
func reportingInputErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as InputError {
        warn(error)
        throw ExitCode(ExitStatus.inputError.rawValue)
    }
}

/// Ends a run that skipped something (records, photos, figures) with ``ExitStatus/partial``,
/// after the report has been written, so scripts can tell a complete result from a partial one.
func finishPartial(if skippedSomething: Bool) throws {
    if skippedSomething { throw ExitCode(ExitStatus.partial.rawValue) }
}

/// The preset called `name`, or a usage error listing the ones that exist.
func lookUpPreset(named name: String) throws -> Preset {
    guard let preset = Preset.named(name) else {
        throw UsageError(
            "--preset: unknown preset '\(name)' (choose \(Preset.names.joined(separator: ", ")))")
    }
    return preset
}
