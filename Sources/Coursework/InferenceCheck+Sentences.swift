import FCOS

extension InferenceCheck {
    /// The first difference in words: which detection (by position in score order) is missing,
    /// extra or different, with the returned and expected box, score and class, and where the
    /// expected one comes from (level and location).
    static func sentence(_ c: Case, _ d: Discrepancy, answer: [Detection], expected: [Detection]) -> String {
        let head =
            "\(c.name) (\(c.width)×\(c.height) image): you returned \(Wording.count(answer.count, "detection")), "
            + "expected \(Wording.grouped(expected.count))"
        let classes = c.levels.first?.classCount ?? 0
        switch d {
        case .missing(let i):
            let e = expected[i]
            return head + "; expected detection \(i + 1) is missing: \(describe(e)), \(origin(e, c))."
        case .extra(let i):
            let a = answer[i]
            var text = head + "; your detection \(i + 1), \(describe(a)), is not expected"
            if !(0..<classes).contains(a.label) {
                text += " (class \(a.label) is not a class: 0..<\(classes))"
            }
            if a.score.isNaN { text += " (its score is NaN)" }
            return text + "."
        case .different(let i):
            let a = answer[i]
            let e = expected[i]
            var parts: [String] = []
            if a.label != e.label { parts.append("class") }
            if !close(a.score, e.score) { parts.append("score") }
            if !(close(a.box.x0, e.box.x0) && close(a.box.y0, e.box.y0) && close(a.box.x1, e.box.x1)
                && close(a.box.y1, e.box.y1))
            {
                parts.append("box")
            }
            return head
                + "; detection \(i + 1) (in descending score order) differs in its \(parts.joined(separator: " and ")): "
                + "you returned \(describe(a)), expected \(describe(e)), \(origin(e, c))."
        }
    }

    static func describe(_ d: Detection) -> String {
        "box \(Wording.box(d.box)), score \(Wording.number(d.score)), class \(d.label)"
    }

    /// "from location (36, 20) of the stride-16 level".
    static func origin(_ d: Detection, _ c: Case) -> String {
        guard c.levels.indices.contains(d.level),
            c.levels[d.level].locations.indices.contains(d.locationIndex)
        else { return "" }
        let level = c.levels[d.level]
        return
            "from location \(Wording.point(level.locations[d.locationIndex])) of the stride-"
            + "\(Wording.number(level.stride)) level"
    }
}
