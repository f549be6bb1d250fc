import Annotations
import ArgumentParser
import FCOS
import Foundation

/// Runs a command body so that a bad input ends with one line on stderr and exit code 2,
/// instead of a stack trace or ArgumentParser's multi-line usage text.
func reportingInputErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as InputError {
        FileHandle.standardError.write(Data("fcos: \(error)\n".utf8))
        throw ExitCode(2)
    }
}

/// The preset called `name`, or an error listing the ones that exist.
func lookUpPreset(named name: String) throws -> Preset {
    guard let preset = Preset.named(name) else {
        throw InputError(
            file: "--preset",
            problem: "unknown preset '\(name)' (choose \(Preset.names.joined(separator: ", ")))")
    }
    return preset
}

/// Writes `text` to standard output in one piece.
func writeOut(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}
