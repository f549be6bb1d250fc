/// Grades a ``Submission`` against the toolkit, part by part, in this process.
///
/// The student package's `grade` executable runs this in a child process per part (see
/// ``GraderCommand``), so a crash in one part cannot take the others down; tests call it
/// directly.
public struct Grader: Sendable {
    public var course: Course
    public var submission: Submission

    public init(course: Course, submission: Submission) {
        self.course = course
        self.submission = submission
    }

    /// One part's result. A part the course contains but the submission has no function for is
    /// reported as not attempted.
    public func grade(_ part: Part) -> PartResult {
        let s = submission
        let missing = PartResult(
            part: part, status: .notAttempted, points: 0, maxPoints: part.maxPoints,
            explanations: [
                "The package provides no function for this part (see Sources/Homework/Submission.swift)."
            ])
        switch part {
        case .locations:
            return s.locations.map { LocationsCheck.grade($0, course: course) } ?? missing
        case .matching:
            return s.match.map { MatchingCheck.grade($0, course: course) } ?? missing
        case .deltas:
            guard let deltas = s.deltas, let apply = s.applyDeltas else { return missing }
            return DeltasCheck.grade(deltas, apply, course: course)
        case .centerness:
            return s.centerness.map { CenternessCheck.grade($0, course: course) } ?? missing
        case .focalLoss:
            return s.focalLoss.map { FocalLossCheck.grade($0, course: course) } ?? missing
        case .nms:
            return s.nms.map { NMSCheck.grade($0, course: course) } ?? missing
        }
    }

    /// Every part of the course, in order.
    public func gradeAll() -> GradeReport {
        GradeReport(course: course, parts: course.parts.map(grade))
    }
}
