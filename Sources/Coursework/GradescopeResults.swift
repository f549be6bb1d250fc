import Foundation

/// A grade in Gradescope's autograder format (`/autograder/results/results.json`, documented at
/// gradescope-autograders.readthedocs.io, "Autograder Specifications"), so a course can run
/// `fcos course grade` as its `run_autograder` script.
///
/// One test per part: its name, points, maximum and status, and as `output` the same sentences
/// the report gives (recognised mistakes first). The explanations quote what the student's code
/// threw or printed, so every one is cut to ``maximumSentence`` characters and the whole output
/// to ``maximumOutput``; the JSON encoder escapes whatever they contain.
public struct GradescopeResults: Sendable, Codable, Equatable {
    /// The points over all parts; Gradescope shows it as the autograder score.
    public var score: Double
    /// Seconds the grading took, when measured.
    public var executionTime: Int?
    /// One line for the whole submission: the preset, the total, the hidden cases' seed.
    public var output: String
    /// One entry per part, in course order.
    public var tests: [Test]

    /// One part as a Gradescope test case.
    public struct Test: Sendable, Codable, Equatable {
        /// `"2. Matching locations to boxes (matching)"`: numbered as the README's table.
        public var name: String
        /// The points awarded, partial credit included.
        public var score: Double
        /// What the part is worth in this course.
        public var maxScore: Double
        /// `passed` or `failed` (a part not attempted is failed), which Gradescope colours.
        public var status: String
        /// The part's explanations, one per line, bounded.
        public var output: String
        /// Always `visible`: the explanations are written for the student. An instructor who
        /// wants to hold them back sets the assignment's visibility in Gradescope.
        public var visibility: String

        enum CodingKeys: String, CodingKey {
            case name, score, status, output, visibility
            case maxScore = "max_score"
        }
    }

    /// The longest explanation kept, in characters; longer ones end with "…".
    public static let maximumSentence = 1_000
    /// The longest `output` of one test, in characters.
    public static let maximumOutput = 8_000

    /// The results of `report`, which took `seconds` to grade when given.
    public init(report: GradeReport, seconds: Double? = nil) {
        score = Double(report.score)
        executionTime = seconds.map { Int($0.rounded(.up)) }
        var summary =
            "Preset \(report.course.presetName): \(report.score) of \(report.maxScore) points."
        if let seed = report.hiddenSeed {
            summary += " Example cases and hidden cases (seed \(seed))."
        } else {
            summary += " Example cases only."
        }
        output = summary
        tests = report.parts.enumerated().map { index, result in
            let number = (Part.allCases.firstIndex(of: result.part) ?? index) + 1
            return Test(
                name: "\(number). \(result.part.title) (\(result.part.rawValue))",
                score: Double(result.points), maxScore: Double(result.maxPoints),
                status: result.status == .passed ? "passed" : "failed",
                output: Self.output(result), visibility: "visible")
        }
    }

    /// The explanations of `result`, each and all bounded.
    static func output(_ result: PartResult) -> String {
        var lines: [String]
        switch result.status {
        case .passed: lines = ["Every case agrees with the reference (\(result.cases) cases)."]
        case .notAttempted, .failed: lines = []
        }
        lines += result.explanations.map { sentence in
            sentence.count > maximumSentence ? String(sentence.prefix(maximumSentence - 1)) + "…" : sentence
        }
        var text = ""
        for line in lines {
            guard text.count + line.count + 1 <= maximumOutput - 40 else {
                text += "… (more in the instructor's report)"
                break
            }
            text += (text.isEmpty ? "" : "\n") + line
        }
        return text
    }

    enum CodingKeys: String, CodingKey {
        case score, output, tests
        case executionTime = "execution_time"
    }

    /// Pretty-printed JSON with sorted keys.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
