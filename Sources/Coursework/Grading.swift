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
    /// Calls the child never answered, already counted in the stop sentence.
    private var unanswered = 0
    var evidence: MatchingEvidence?
    /// The family and informativeness of the case being graded, set by ``begin(_:informative:)``.
    private var family = ""
    private var informative = true
    /// Per family, in first-seen order: informative cases right, and informative cases.
    private var tallies: [(name: String, right: Int, informative: Int)] = []

    init(part: Part) { self.part = part }

    /// Starts a case of `family`. A case is *informative* unless a do-nothing answer (every
    /// location background, nothing suppressed, an empty list, 0) would also be right; only
    /// informative cases earn partial credit, so a constant answer earns none.
    mutating func begin(_ family: String, informative: Bool) {
        self.family = family
        self.informative = informative
    }

    private mutating func tally(right: Bool) {
        guard informative else { return }
        if let k = tallies.firstIndex(where: { $0.name == family }) {
            tallies[k].informative += 1
            if right { tallies[k].right += 1 }
        } else {
            tallies.append((family, right ? 1 : 0, 1))
        }
    }

    var families: [FamilyScore] {
        tallies.map { FamilyScore(name: $0.name, right: $0.right, informative: $0.informative) }
    }

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
        } catch is AnswerReplay.Unanswered {
            // The child stopped before this call; the part's first sentence says why.
            unanswered += 1
            fail(nil)
            return nil
        } catch {
            answered.insert(function)
            fail("\(function) threw an error: \(error)")
            return nil
        }
    }

    mutating func pass() {
        cases += 1
        tally(right: true)
    }

    /// A failing case. The sentence is only built for the first few failures, the ones a report
    /// shows: explaining a matching difference re-runs the reference with explanations, which is
    /// too slow to do for every failing level of a badly broken submission.
    mutating func fail(_ sentence: @autoclosure () -> String?) {
        cases += 1
        failedCases += 1
        tally(right: false)
        if differences.count < Grading.shownDifferences, let sentence = sentence() {
            differences.append(Difference(sentence))
        }
    }

    /// A failing case whose difference has an aside.
    mutating func fail(difference: @autoclosure () -> Difference) {
        cases += 1
        failedCases += 1
        tally(right: false)
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
    /// when every case agreed; otherwise failed, with ``partialPoints``.
    func result(mistakes: [Mistake] = []) -> PartResult {
        let maxPoints = part.maxPoints
        if answered.isEmpty && !notAttempted.isEmpty {
            return PartResult(
                part: part, status: .notAttempted, points: 0, maxPoints: maxPoints,
                explanations: notAttempted.map { "\($0.function) is not attempted yet (\($0.task))." },
                cases: cases, failedCases: failedCases, families: families)
        }
        if failedCases == 0 {
            return PartResult(
                part: part, status: .passed, points: maxPoints, maxPoints: maxPoints, explanations: [],
                cases: cases, failedCases: 0, families: families)
        }
        var explanations = mistakes.map(\.sentence)
        // Each difference ends with the recognised mistake's question ("did you take the square
        // root?"), so the sentence a student reads first already points at the fix. With two
        // mistakes a difference may come from either, so the question would mislead.
        let hint = mistakes.count == 1 ? mistakes[0].question : ""
        explanations += differences.map { $0.sentence(hint: hint) }
        let more = failedCases - differences.count - unanswered
        if more > 0 {
            explanations.append("… and \(more) more failing case\(more == 1 ? "" : "s") of \(cases).")
        }
        explanations += notAttempted.map { "\($0.function) is not attempted yet (\($0.task))." }
        return PartResult(
            part: part, status: .failed, points: partialPoints, maxPoints: maxPoints,
            explanations: explanations,
            mistakes: mistakes, cases: cases, failedCases: failedCases, evidence: evidence, families: families
        )
    }

    /// A failing part's points: `⌊maxPoints / 2 × mean over families of (informative cases right
    /// / informative cases)⌋`, families without informative cases left out.
    ///
    /// At most half: one conceptual mistake often shows in only a few cases (max-area only
    /// matters where boxes overlap) and should still cost much. By family: a family with many
    /// cases (random scenes) does not drown the boundary families. Informative cases only: a
    /// constant answer ("−1 everywhere") is right exactly where the reference has nothing to
    /// find, so it earns nothing, and never more than an honest near-miss.
    var partialPoints: Int { Self.partialPoints(maxPoints: part.maxPoints, families: families) }

    /// The formula of ``partialPoints`` for a part worth `maxPoints`, so a course with other
    /// points (`Course/scored(_:)`) gives the same share.
    static func partialPoints(maxPoints: Int, families: [FamilyScore]) -> Int {
        let shares = families.filter { $0.informative > 0 }.map { Double($0.right) / Double($0.informative) }
        guard !shares.isEmpty else { return 0 }
        let mean = shares.reduce(0, +) / Double(shares.count)
        return min(maxPoints / 2, Int((Double(maxPoints) / 2 * mean + 1e-9).rounded(.down)))
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
