import FCOS

/// Grades part 8: one image's dense head outputs to detections, against
/// ``PostProcessing/detections(levels:imageWidth:imageHeight:rules:)`` under the preset's
/// ``PostProcessingRules``.
///
/// Detections are compared in the reference's order (descending score, equal scores in
/// candidate order), boxes and scores within ``close(_:_:tolerance:)``, labels exactly. Two
/// detections whose scores agree within that tolerance may come in either order: a student's
/// `exp` may differ from the toolkit's in the last bits, which is not a mistake.
enum InferenceCheck {
    static func reference(_ c: Case, rules: PostProcessingRules) -> [Detection] {
        PostProcessing.detections(
            levels: c.levels, imageWidth: Float(c.width), imageHeight: Float(c.height), rules: rules)
    }

    /// The case's family for partial credit: the random images count as one family.
    static func family(_ name: String) -> String {
        if name.hasPrefix("hidden: random image") { return "hidden: random image" }
        if name.hasPrefix("random image") { return "random image" }
        return name
    }

    static func grade(_ function: Submission.InferenceFunction, course: Course, hidden: UInt64? = nil)
        -> PartResult
    {
        let rules = course.preset.postProcessing
        var grading = Grading(part: .inference)
        var answers: [(Case, [Detection])] = []
        for c in cases(course: course, hidden: hidden) {
            let expected = reference(c, rules: rules)
            // Returning nothing is the do-nothing answer.
            grading.begin(family(c.name), informative: !expected.isEmpty)
            guard let answer = grading.call("detections", { try function(c.levels, c.width, c.height) })
            else { continue }
            let pairs = c.levels.reduce(0) { $0 + $1.classLogits.count }
            if answer.count > pairs {
                // More than one detection per (location, class) pair cannot come from any
                // recipe; not kept for the diagnosis, whose comparisons it would only slow down.
                grading.fail(
                    "\(c.name): you returned \(Wording.count(answer.count, "detection")), more than the "
                        + "\(Wording.grouped(pairs)) (location, class) pairs of the input; expected "
                        + "\(Wording.count(expected.count, "detection")).")
                continue
            }
            answers.append((c, answer))
            let difference = firstDifference(answer, expected)
            grading.check(difference == nil, sentence(c, difference!, answer: answer, expected: expected))
        }
        guard grading.failedCases > 0, !answers.isEmpty else { return grading.result() }
        let mistakes = diagnose(reference: InferenceRecipe(rules: rules), changes: changes(rules)) { recipe in
            answers.allSatisfy { c, answer in
                firstDifference(
                    answer, recipe.detections(c.levels, imageWidth: c.width, imageHeight: c.height))
                    == nil
            }
        }
        return grading.result(mistakes: mistakes ?? [])
    }

    /// The first place where two lists of detections disagree.
    enum Discrepancy: Equatable {
        /// The reference has a detection here that the answer lacks.
        case missing(position: Int)
        /// The answer has a detection here that the reference lacks.
        case extra(position: Int)
        /// The detections at this position differ in box, score or label.
        case different(position: Int)
    }

    static func same(_ a: Detection, _ b: Detection) -> Bool {
        a.label == b.label && close(a.score, b.score) && close(a.box.x0, b.box.x0)
            && close(a.box.y0, b.box.y0)
            && close(a.box.x1, b.box.x1) && close(a.box.y1, b.box.y1)
    }

    /// How far ahead a missing or extra detection is looked for.
    static let lookAhead = 64

    /// `nil` when `answer` is `expected` up to the tolerance, in order except that detections
    /// whose scores agree within the tolerance may be swapped.
    static func firstDifference(_ answer: [Detection], _ expected: [Detection]) -> Discrepancy? {
        var answer = answer
        for i in expected.indices {
            guard i < answer.count else { return .missing(position: i) }
            if same(answer[i], expected[i]) { continue }
            // A later answer equal to this expected one, among answers tied with this position.
            var j = i + 1
            while j < answer.count, close(answer[j].score, answer[i].score) {
                if same(answer[j], expected[i]) { break }
                j += 1
            }
            if j < answer.count, close(answer[j].score, answer[i].score) {
                answer.swapAt(i, j)
                continue
            }
            let ahead = expected[(i + 1)...].prefix(lookAhead)
            if ahead.contains(where: { same($0, answer[i]) }) { return .missing(position: i) }
            if answer[(i + 1)...].prefix(lookAhead).contains(where: { same($0, expected[i]) }) {
                return .extra(position: i)
            }
            return .different(position: i)
        }
        return answer.count > expected.count ? .extra(position: expected.count) : nil
    }
}
