import FCOS

/// What an instructor chose when generating the homework: which reference's rules it follows,
/// which parts it contains and what each is worth. The homework's `grader/` package compiles it
/// in, and `fcos course grade` reads it from `course.json` (or the instructor's copy, `--course`).
public struct Course: Sendable, Codable, Equatable {
    /// The `Preset` whose rules are the right answer.
    public var presetName: String
    /// The parts the homework contains, in course order.
    public var parts: [Part]
    /// Seed of the example cases' random scenes; fixed, so students see the same examples. The
    /// hidden cases come from another seed, drawn at grading time.
    public var seed: UInt64
    /// Points the instructor chose per part; a part missing here is worth ``Part/maxPoints``.
    /// `nil` (a `course.json` written before points could be chosen) means the default table.
    public var points: [Part: Int]?

    /// The examples' seed when the instructor picks none; fixed, so every homework shows the
    /// same examples.
    public static let defaultSeed: UInt64 = 2019

    /// The largest number of points one part may carry: more is surely a typo (`100000`).
    public static let maximumPartPoints = 1000

    /// A course following `preset` with the given parts (sorted into course order), examples'
    /// seed and points per part (`nil`: the default table).
    public init(
        preset: String, parts: [Part] = Part.allCases, seed: UInt64 = Course.defaultSeed,
        points: [Part: Int]? = nil
    ) {
        self.presetName = preset
        self.parts = parts.sorted()
        self.seed = seed
        self.points = points
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

    /// What `part` is worth in this course: the instructor's choice, else the default table.
    public func points(for part: Part) -> Int { points?[part] ?? part.maxPoints }

    /// The sum of the parts' points.
    public var maxScore: Int { parts.reduce(0) { $0 + points(for: $1) } }

    /// Why the chosen points cannot be used, in one line; `nil` when they can. Every chosen part
    /// must be one of ``parts`` and carry 1…``maximumPartPoints`` points.
    public var pointsProblem: String? {
        guard let points else { return nil }
        for part in Part.allCases {
            guard let value = points[part] else { continue }
            guard parts.contains(part) else {
                return "points for '\(part.rawValue)', which is not one of the course's parts "
                    + "(\(parts.map(\.rawValue).joined(separator: ",")))"
            }
            guard (1...Self.maximumPartPoints).contains(value) else {
                return "'\(part.rawValue)' must be worth 1 to \(Self.maximumPartPoints) points, not \(value)"
            }
        }
        return nil
    }

    enum CodingKeys: String, CodingKey {
        case presetName = "preset"
        case parts
        case seed
        case points
    }

    /// Reads `points` as an object keyed by part name; a `course.json` without it keeps the
    /// default table, and an unknown part name is an error naming it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        presetName = try container.decode(String.self, forKey: .presetName)
        parts = try container.decode([Part].self, forKey: .parts).sorted()
        seed = try container.decode(UInt64.self, forKey: .seed)
        guard let named = try container.decodeIfPresent([String: Int].self, forKey: .points) else { return }
        var points: [Part: Int] = [:]
        for (name, value) in named {
            guard let part = Part(rawValue: name) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .points, in: container, debugDescription: Part.UnknownPart(name: name).description
                )
            }
            points[part] = value
        }
        self.points = points
    }

    /// Writes `points` as an object keyed by part name, and only when the instructor chose them.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(presetName, forKey: .presetName)
        try container.encode(parts, forKey: .parts)
        try container.encode(seed, forKey: .seed)
        if let points {
            let named = Dictionary(uniqueKeysWithValues: points.map { ($0.key.rawValue, $0.value) })
            try container.encode(named, forKey: .points)
        }
    }
}
