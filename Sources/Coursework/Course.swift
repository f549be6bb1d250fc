import FCOS

/// What an instructor chose when generating the homework: which reference's rules it follows and
/// which parts it contains. The homework's `grader/` package compiles it in, and
/// `fcos course grade` reads it from `course.json` (or the instructor's copy, `--course`).
public struct Course: Sendable, Codable, Equatable {
    /// The `Preset` whose rules are the right answer.
    public var presetName: String
    /// The parts the homework contains, in course order.
    public var parts: [Part]
    /// Seed of the example cases' random scenes; fixed, so students see the same examples. The
    /// hidden cases come from another seed, drawn at grading time.
    public var seed: UInt64

    /// The examples' seed when the instructor picks none; fixed, so every homework shows the
    /// same examples.
    public static let defaultSeed: UInt64 = 2019

    /// A course following `preset` with the given parts (sorted into course order) and examples' seed.
    public init(preset: String, parts: [Part] = Part.allCases, seed: UInt64 = Course.defaultSeed) {
        self.presetName = preset
        self.parts = parts.sorted()
        self.seed = seed
    }

    /// The preset, which must exist (the generator only writes names it knows).
    public var preset: Preset {
        guard let preset = Preset.named(presetName) else {
            preconditionFailure(
                "unknown preset '\(presetName)' (known: \(Preset.names.joined(separator: ", ")))")
        }
        return preset
    }

    /// The preset's target-assignment rules, which the matching part's reference applies.
    public var rules: AssignmentRules { preset.assignment }

    /// The sum of the parts' points.
    public var maxScore: Int { parts.reduce(0) { $0 + $1.maxPoints } }

    enum CodingKeys: String, CodingKey {
        case presetName = "preset"
        case parts
        case seed
    }
}
