import ArgumentParser
import Canvas
import Foundation

/// The options every lesson understands. Include them in a lesson's own command with
/// `@OptionGroup var options: LessonOptions`, or parse them alone with
/// `LessonOptions.parseOrExit()`.
public struct LessonOptions: ParsableArguments {
    /// `--out`: where the figures, `index.html` and the `.ipynb` go; nil means the default.
    @Option(
        name: .customLong("out"),
        help: ArgumentHelp(
            "Directory for the figures and index.html; created if missing.",
            discussion: "Defaults to lesson-output/<lesson id> under the current directory.",
            valueName: "dir"
        )
    )
    public var outDirectory: String?

    /// `--step`: the 1-based step to show first; earlier steps still run for their results.
    @Option(
        help: ArgumentHelp(
            "Start at step N (1-based). Earlier steps still run, so later ones can use their results.",
            valueName: "n"
        )
    )
    public var step: Int = 1

    /// `--no-pause`: run straight through without waiting for Enter between steps.
    @Flag(help: "Show every step at once instead of waiting for Enter (automatic when input is piped).")
    public var noPause = false

    /// `--preset`: the name of the rule set to follow; each lesson resolves it against its choices.
    @Option(
        help: ArgumentHelp(
            "Which target-assignment rules to follow, e.g. official or torchvision; the lesson lists its choices.",
            valueName: "name"
        )
    )
    public var preset: String = "official"

    /// `--scene`: a scene file whose boxes replace the lesson's built-in scene.
    @Option(
        help: ArgumentHelp(
            "Use the ground-truth boxes in this scene file instead of the lesson's built-in scene.",
            valueName: "file"
        )
    )
    public var scene: String?

    /// `--format`: the file format every figure is written in.
    @Option(
        help: "File format for figures: png (shown inline in index.html), svg or pdf (for slides and print).")
    public var format: FileFormat = .png

    /// `--no-color`: plain text without ANSI escapes.
    @Flag(help: "Plain text without ANSI colours, e.g. for a log file; NO_COLOR=1 does the same.")
    public var noColor = false

    /// The defaults: start at step 1, pause between steps, official preset, PNG figures.
    public init() {}

    /// Refuses a `--step` below 1 before any step runs.
    public func validate() throws {
        guard step >= 1 else {
            throw ValidationError("--step counts from 1; use --step 1 to start at the beginning.")
        }
    }

    /// Where this run writes its files: `--out`, or `lesson-output/<lessonID>`.
    public func outputDirectory(lessonID: String) -> String {
        outDirectory ?? "lesson-output/\(lessonID)"
    }

    /// The value for `--preset` among the lesson's choices, or an error that lists them.
    ///
    /// Choices are ordered pairs so the error message lists them in the lesson's order:
    /// `try options.resolvePreset(from: ["official": .official, "torchvision": .torchvision])`.
    public func resolvePreset<Preset>(from choices: KeyValuePairs<String, Preset>) throws -> Preset {
        if let match = choices.first(where: { $0.key == preset }) { return match.value }
        let names = choices.map(\.key).joined(separator: ", ")
        throw ValidationError("unknown preset '\(preset)'; choose one of: \(names).")
    }

    /// Like ``resolvePreset(from:)``, but an unknown name ends the lesson with one line and a
    /// usage error's status, which is what a lesson's top-level code wants.
    public func preset<Preset>(from choices: KeyValuePairs<String, Preset>) -> Preset {
        do {
            return try resolvePreset(from: choices)
        } catch {
            Self.fail("--preset: \(error)", status: .usageError)
        }
    }

    /// The options that change what the notebook page shows, as shell arguments, so the page can
    /// say how to regenerate itself. Defaults are left out.
    public var reproducingArguments: [String] {
        var arguments: [String] = []
        if preset != "official" { arguments += ["--preset", Self.shellQuoted(preset)] }
        if let scene { arguments += ["--scene", Self.shellQuoted(scene)] }
        if format != .png { arguments += ["--format", format.rawValue] }
        return arguments
    }

    private static func shellQuoted(_ word: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
        if !word.isEmpty, word.allSatisfy(safe.contains) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
