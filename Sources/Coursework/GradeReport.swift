import Foundation

/// How a part ended. The JSON spells them `passed`, `failed`, `not-attempted`.
public enum PartStatus: String, Sendable, Codable {
    /// Every case agreed with the reference; full points.
    case passed
    /// Some case disagreed or the code did not run; partial credit at most.
    case failed
    /// The student's function threw the not-attempted marker; no points, and no hint-giving comparison.
    case notAttempted = "not-attempted"
}

/// One part's grade and the reasons for it.
public struct PartResult: Sendable, Codable, Equatable {
    /// Which part this grade is for.
    public var part: Part
    /// Whether the part passed, failed or was not attempted.
    public var status: PartStatus
    /// The points awarded, partial credit included.
    public var points: Int
    /// The points this part is worth in the course.
    public var maxPoints: Int
    /// Sentences a student can act on: a recognised mistake first, then the first differences.
    public var explanations: [String]
    /// Mistakes recognised by re-running the reference with them (see ``Mistake``).
    public var mistakes: [Mistake]
    /// How many cases were compared and how many disagreed.
    public var cases: Int
    /// How many of the compared cases disagreed with the reference.
    public var failedCases: Int
    /// The scene behind the first matching difference, for the report's figures.
    public var evidence: MatchingEvidence?
    /// Per family of cases, how many of its informative cases were right: the basis of a
    /// failing part's partial credit (see `Grading/result(mistakes:)`).
    public var families: [FamilyScore]

    /// A result with everything a report needs; the counts and evidence default to none.
    public init(
        part: Part, status: PartStatus, points: Int, maxPoints: Int, explanations: [String],
        mistakes: [Mistake] = [], cases: Int = 0, failedCases: Int = 0, evidence: MatchingEvidence? = nil,
        families: [FamilyScore] = []
    ) {
        self.part = part
        self.status = status
        self.points = points
        self.maxPoints = maxPoints
        self.explanations = explanations
        self.mistakes = mistakes
        self.cases = cases
        self.failedCases = failedCases
        self.evidence = evidence
        self.families = families
    }

    enum CodingKeys: String, CodingKey {
        case part, status, points, explanations, mistakes, cases, evidence, families
        case maxPoints = "max_points"
        case failedCases = "failed_cases"
    }
}

/// A scene and the student's matching on it, level by level: enough to draw the student's
/// assignment next to the reference without running the student's code again.
public struct MatchingEvidence: Sendable, Codable, Equatable {
    /// The scene the student's matching disagreed on.
    public var scene: CourseScene
    /// Per level, the student's box index per location (−1 background).
    public var matched: [[Int]]

    /// The scene and the student's per-level box indices.
    public init(scene: CourseScene, matched: [[Int]]) {
        self.scene = scene
        self.matched = matched
    }
}

/// One family of cases of a part (e.g. "m exactly on a range bound") and how many of its
/// informative cases were right.
public struct FamilyScore: Sendable, Codable, Equatable {
    /// The family's name, shown in the report's partial-credit line.
    public var name: String
    /// How many informative cases of the family the student got right.
    public var right: Int
    /// How many of the family's cases can tell a right answer from a wrong one.
    public var informative: Int

    /// A family's tally.
    public init(name: String, right: Int, informative: Int) {
        self.name = name
        self.right = right
        self.informative = informative
    }
}

/// The whole grade, as `fcos course grade --json` prints it.
public struct GradeReport: Sendable, Codable, Equatable {
    /// The course graded against, so the report says which rules were the right answer.
    public var course: Course
    /// The points awarded over all parts, each capped at its part's maximum.
    public var score: Int
    /// The points available over all parts.
    public var maxScore: Int
    /// One result per graded part, in course order.
    public var parts: [PartResult]
    /// The seed of the hidden cases, so a grade can be reproduced with `--seed`; `nil` when
    /// only the example cases were graded (a student's self-check).
    public var hiddenSeed: UInt64?
    /// How the student's code was confined, or why less than bubblewrap; `nil` in-process.
    public var sandbox: String?

    /// A report whose score and maximum are summed from `parts`.
    public init(course: Course, parts: [PartResult], hiddenSeed: UInt64? = nil, sandbox: String? = nil) {
        self.course = course
        self.parts = parts
        self.hiddenSeed = hiddenSeed
        self.sandbox = sandbox
        score = parts.reduce(0) { $0 + min($1.points, $1.maxPoints) }
        maxScore = parts.reduce(0) { $0 + $1.maxPoints }
    }

    /// Every part passed.
    public var passed: Bool { parts.allSatisfy { $0.status == .passed } }

    /// The result of one part, or nil when the course did not grade it.
    public func result(for part: Part) -> PartResult? { parts.first { $0.part == part } }

    enum CodingKeys: String, CodingKey {
        case course, score, parts, sandbox
        case maxScore = "max_score"
        case hiddenSeed = "hidden_seed"
    }

    /// Pretty-printed JSON with sorted keys, so reports diff cleanly.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Reads a report written by ``json()``, e.g. to draw its figures later.
    public static func decode(_ data: Data) throws -> GradeReport {
        try JSONDecoder().decode(GradeReport.self, from: data)
    }
}
