import Diagnostics
import Foundation

extension LessonOptions {
    /// The preset of a lesson about another method (ATSS, GFL): `--preset` defaults to `official`
    /// for the FCOS lessons, and here that default means the lesson's own `defaultName`. An unknown
    /// name is a usage error like any other bad option value: one line naming the lesson and the
    /// choices, exit status 64 (the README's exit-status table).
    public func methodPreset<Preset>(
        lesson: String, defaultName: String, choices: [String], named: (String) -> Preset?
    ) -> Preset {
        let name = preset == "official" ? defaultName : preset
        if let found = named(name) { return found }
        reportProblem(
            "--preset: unknown preset '\(name)' (choose \(choices.joined(separator: ", ")))", program: lesson,
            hint: "(see '\(lesson) --help')")
        Foundation.exit(ExitStatus.usageError.rawValue)
    }
}
