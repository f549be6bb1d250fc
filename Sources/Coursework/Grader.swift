/// Grades a ``Submission`` against the toolkit, part by part, in this process.
///
/// A student's code never runs here in earnest: ``PackageGrading`` runs it in a sandboxed
/// child and hands this grader a submission that replays the child's answers
/// (`AnswerReplay`). Tests call it with closures directly.
public struct Grader: Sendable {
    /// The rules and parts to grade against.
    public var course: Course
    /// The student's functions, or the replay of a sandboxed child's answers.
    public var submission: Submission
    /// The seed of the hidden cases graded after the examples; `nil` grades the examples only.
    public var hiddenSeed: UInt64?

    /// A grader of `submission` against `course`, with hidden cases when a seed is given.
    public init(course: Course, submission: Submission, hiddenSeed: UInt64? = nil) {
        self.course = course
        self.submission = submission
        self.hiddenSeed = hiddenSeed
    }

    /// One part's result, out of the course's points for it. A part the course contains but the
    /// submission has no function for is reported as not attempted.
    public func grade(_ part: Part) -> PartResult { course.scored(check(part)) }

    /// The part's check, scored out of the default table.
    func check(_ part: Part) -> PartResult {
        let s = submission
        let h = hiddenSeed
        let missing = PartResult(
            part: part, status: .notAttempted, points: 0, maxPoints: part.maxPoints,
            explanations: [
                "The package provides no function for this part."
            ])
        switch part {
        case .locations:
            return s.locations.map { LocationsCheck.grade($0, course: course, hidden: h) } ?? missing
        case .matching:
            return s.match.map { MatchingCheck.grade($0, course: course, hidden: h) } ?? missing
        case .deltas:
            guard let deltas = s.deltas, let apply = s.applyDeltas else { return missing }
            return DeltasCheck.grade(deltas, apply, course: course, hidden: h)
        case .centerness:
            return s.centerness.map { CenternessCheck.grade($0, course: course, hidden: h) } ?? missing
        case .focalLoss:
            return s.focalLoss.map { FocalLossCheck.grade($0, course: course, hidden: h) } ?? missing
        case .loss:
            return s.loss.map { LossCheck.grade($0, course: course, hidden: h) } ?? missing
        case .nms:
            return s.nms.map { NMSCheck.grade($0, course: course, hidden: h) } ?? missing
        case .inference:
            return s.inference.map { InferenceCheck.grade($0, course: course, hidden: h) } ?? missing
        }
    }

    /// Every part of the course, in order.
    public func gradeAll() -> GradeReport {
        GradeReport(course: course, parts: course.parts.map(grade), hiddenSeed: hiddenSeed)
    }
}
