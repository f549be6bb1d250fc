import Foundation

/// How a part ended. The JSON spells them `passed`, `failed`, `not-attempted`.
public enum PartStatus: String, Sendable, Codable {
    case passed
    case failed
    case notAttempted = "not-attempted"
}

/// One part's grade and the reasons for it.
public struct PartResult: Sendable, Codable, Equatable {
    public var part: Part
    public var status: PartStatus
    public var points: Int
    public var maxPoints: Int
    /// Sentences a student can act on: a recognised mistake first, then the first differences.
    public var explanations: [String]
    /// Mistakes recognised by re-running the reference with them (see ``Mistake``).
    public var mistakes: [Mistake]
    /// How many cases were compared and how many disagreed.
    public var cases: Int
    public var failedCases: Int
    /// The scene behind the first matching difference, for the report's figures.
    public var evidence: MatchingEvidence?

    public init(
        part: Part, status: PartStatus, points: Int, maxPoints: Int, explanations: [String],
        mistakes: [Mistake] = [], cases: Int = 0, failedCases: Int = 0, evidence: MatchingEvidence? = nil
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
    }

    enum CodingKeys: String, CodingKey {
        case part, status, points, explanations, mistakes, cases, evidence
        case maxPoints = "max_points"
        case failedCases = "failed_cases"
    }
}

/// A scene and the student's matching on it, level by level: enough to draw the student's
/// assignment next to the reference without running the student's code again.
public struct MatchingEvidence: Sendable, Codable, Equatable {
    public var scene: CourseScene
    /// Per level, the student's box index per location (−1 background).
    public var matched: [[Int]]

    public init(scene: CourseScene, matched: [[Int]]) {
        self.scene = scene
        self.matched = matched
    }
}

/// The whole grade, as `grade --json` prints it.
public struct GradeReport: Sendable, Codable, Equatable {
    public var course: Course
    public var score: Int
    public var maxScore: Int
    public var parts: [PartResult]

    public init(course: Course, parts: [PartResult]) {
        self.course = course
        self.parts = parts
        score = parts.reduce(0) { $0 + $1.points }
        maxScore = parts.reduce(0) { $0 + $1.maxPoints }
    }

    /// Every part passed.
    public var passed: Bool { parts.allSatisfy { $0.status == .passed } }

    public func result(for part: Part) -> PartResult? { parts.first { $0.part == part } }

    enum CodingKeys: String, CodingKey {
        case course, score, parts
        case maxScore = "max_score"
    }

    /// Pretty-printed JSON with sorted keys, so reports diff cleanly.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    public static func decode(_ data: Data) throws -> GradeReport {
        try JSONDecoder().decode(GradeReport.self, from: data)
    }
}
