/// Collects one part's verdicts while its cases run, then turns them into a ``PartResult``.
///
/// A case is one comparison that can pass or fail (one feature map, one scene level, one array
/// of logits). The student's code is only ever reached through ``call(_:_:)``, which turns a
/// ``NotAttempted`` throw into "not attempted" and any other throw into a failure, and stops
/// calling a function once it said it is not attempted.
struct Grading {
    let part: Part
    private(set) var cases = 0
    private(set) var failedCases = 0
    /// The sentences of the first failing cases, in case order.
    private(set) var differences: [Difference] = []
    private var notAttempted: [(function: String, task: String)] = []
    private var answered: Set<String> = []
    var evidence: MatchingEvidence?

    init(part: Part) { self.part = part }

    /// The student's answer, or `nil` (the case then counts as failed) when the function is not
    /// attempted or throws.
    mutating func call<T>(_ function: String, _ body: () throws -> T) -> T? {
        if notAttempted.contains(where: { $0.function == function }) {
            fail(nil)
            return nil
        }
        do {
            let value = try body()
            answered.insert(function)
            return value
        } catch let marker as NotAttempted {
            notAttempted.append((function, marker.task))
            fail(nil)
            return nil
        } catch {
            answered.insert(function)
            fail("\(function) threw an error: \(error)")
            return nil
        }
    }

    mutating func pass() { cases += 1 }

    /// A failing case. The sentence is only built for the first few failures, the ones a report
    /// shows: explaining a matching difference re-runs the reference with explanations, which is
    /// too slow to do for every failing level of a badly broken submission.
    mutating func fail(_ sentence: @autoclosure () -> String?) {
        cases += 1
        failedCases += 1
        if differences.count < Grading.shownDifferences, let sentence = sentence() {
            differences.append(Difference(sentence))
        }
    }

    /// A failing case whose difference has an aside.
    mutating func fail(difference: @autoclosure () -> Difference) {
        cases += 1
        failedCases += 1
        if differences.count < Grading.shownDifferences { differences.append(difference()) }
    }

    /// Passes when `agrees`, else fails with the sentence.
    mutating func check(_ agrees: Bool, _ sentence: @autoclosure () -> String) {
        if agrees { pass() } else { fail(sentence()) }
    }

    /// Whether a new failure's sentence would still be shown.
    var wantsSentences: Bool { differences.count < Grading.shownDifferences }

    /// How many differences a report shows per part; the rest are counted.
    static let shownDifferences = 3

    /// The part's result. Not attempted when no function of the part returned anything; passed
    /// when every case agreed; otherwise failed, with up to half the points in proportion to the
    /// cases passed.
    func result(mistakes: [Mistake] = []) -> PartResult {
        let maxPoints = part.maxPoints
        if answered.isEmpty && !notAttempted.isEmpty {
            return PartResult(
                part: part, status: .notAttempted, points: 0, maxPoints: maxPoints,
                explanations: notAttempted.map { "\($0.function) is not attempted yet (\($0.task))." },
                cases: cases, failedCases: failedCases)
        }
        if failedCases == 0 {
            return PartResult(
                part: part, status: .passed, points: maxPoints, maxPoints: maxPoints, explanations: [],
                cases: cases, failedCases: 0)
        }
        var explanations = mistakes.map(\.sentence)
        // Each difference ends with the recognised mistake's question ("did you take the square
        // root?"), so the sentence a student reads first already points at the fix. With two
        // mistakes a difference may come from either, so the question would mislead.
        let hint = mistakes.count == 1 ? mistakes[0].question : ""
        explanations += differences.map { $0.sentence(hint: hint) }
        let more = failedCases - differences.count
        if more > 0 {
            explanations.append("… and \(more) more failing case\(more == 1 ? "" : "s") of \(cases).")
        }
        explanations += notAttempted.map { "\($0.function) is not attempted yet (\($0.task))." }
        // A failing part earns at most half its points: one conceptual mistake often shows in only
        // a few cases (max-area only matters where boxes overlap), and should still cost much.
        let points = cases > 0 ? maxPoints * (cases - failedCases) / cases / 2 : 0
        return PartResult(
            part: part, status: .failed, points: points, maxPoints: maxPoints, explanations: explanations,
            mistakes: mistakes, cases: cases, failedCases: failedCases, evidence: evidence)
    }
}

/// Closeness for float answers: absolute `1e-4` near zero, relative `1e-4` elsewhere, and
/// non-finite values equal only to themselves. Students compute in a different order than the
/// toolkit, so exact equality would fail honest answers in the last bits.
func close(_ a: Float, _ b: Float, tolerance: Float = 1e-4) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if !a.isFinite || !b.isFinite { return a == b }
    return abs(a - b) <= tolerance * max(1, abs(b))
}

/// One failing case in words: the sentence, and an aside such as "15 more locations differ on
/// P3" that goes after the recognised mistake's question.
struct Difference {
    var text: String
    var aside: String?

    init(_ text: String, aside: String? = nil) {
        self.text = text
        self.aside = aside
    }

    func sentence(hint: String) -> String {
        let body = text.hasSuffix(".") ? String(text.dropLast()) : text
        var sentence = hint.isEmpty ? body + "." : body + ": " + hint
        if let aside { sentence += " (\(aside).)" }
        return sentence
    }
}
