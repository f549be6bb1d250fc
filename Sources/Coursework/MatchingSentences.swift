import FCOS

/// Sentences for matching differences, written from the reference matcher's ``Explanation``:
/// for a location, which boxes contain it, which test each one failed, and why the winner won.
struct MatchingSentences {
    var scene: CourseScene
    var map: FeatureMap
    var rules: AssignmentRules
    /// The reference's notes for this level (locations inside at least one box).
    var notes: [LocationExplanation]

    var level: FeatureLevel { map.level }
    var rangeText: String { RuleText.range(level.sizeRange, gate: rules.sizeGate) }

    /// The first differing location, explained, and how many more differ on this level.
    func difference(student: [Int], expected: [Int]) -> Difference {
        let prefix = "\(scene.name) (\(scene.width)×\(scene.height)), \(level.name)"
        guard student.count == expected.count else {
            return Difference(
                "\(prefix): you returned \(Wording.count(student.count, "value")) for "
                    + "\(Wording.count(expected.count, "location")): return one box index per location, in order."
            )
        }
        let differing = expected.indices.filter { student[$0] != expected[$0] }
        let i = differing[0]
        let sentence =
            "\(prefix) location \(Wording.point(map.location(at: i))): "
            + explain(index: i, student: student[i], expected: expected[i])
        let more = differing.count - 1
        return Difference(
            sentence,
            aside: more > 0
                ? "\(more) more location\(more == 1 ? "" : "s") differ\(more == 1 ? "s" : "") on \(level.name)"
                : nil)
    }

    func explain(index: Int, student s: Int, expected e: Int) -> String {
        let note = notes.first { $0.index == index }
        let p = map.location(at: index)
        guard s >= -1, s < scene.boxes.count else {
            return
                "you returned \(s), but the scene has \(Wording.count(scene.boxes.count, "box", "boxes")): "
                + "return an index 0..<\(scene.boxes.count), or −1 for background."
        }
        if s == -1 {
            return "you left it background, expected GT \(e): \(whyCandidate(e, note: note))"
                + (note?.isAmbiguous == true ? "; \(whyWins(e, note: note!))." : ".")
        }
        if e == -1 {
            return "you matched GT \(s), expected background: \(whyNot(s, at: p, note: note))."
        }
        if let verdict = note?.verdicts.first(where: { $0.groundTruth == s }), verdict.isCandidate {
            return "you matched GT \(s), expected GT \(e): both contain it and pass the \(level.name) gate "
                + "\(rangeText)\(rules.centerSampling.radius == nil ? "" : " and center sampling"), "
                + "\(whyWins(e, over: s))."
        }
        return "you matched GT \(s), expected GT \(e): \(whyNot(s, at: p, note: note))."
    }

    /// Why box `g` is a candidate at the location.
    func whyCandidate(_ g: Int, note: LocationExplanation?) -> String {
        guard let verdict = note?.verdicts.first(where: { $0.groundTruth == g }) else {
            return "GT \(g) is the reference's choice"
        }
        var text =
            "it is strictly inside GT \(g) (l*, t*, r*, b* = \(Wording.ltrb(verdict.ltrb))) and "
            + "m = \(Wording.number(verdict.m)) is in \(level.name)'s range \(rangeText)"
        if rules.centerSampling.radius != nil { text += ", inside its center-sampling region" }
        return text
    }

    /// Why the expected winner beats every other candidate.
    func whyWins(_ e: Int, note: LocationExplanation) -> String {
        let others = note.candidates.filter { $0 != e }
        return others.map { whyWins(e, over: $0) }.joined(separator: "; ")
    }

    /// Why box `e` beats candidate `s` under the ambiguity rule.
    func whyWins(_ e: Int, over s: Int) -> String {
        let areaE = scene.boxes[e].area(rules.areaConvention)
        let areaS = scene.boxes[s].area(rules.areaConvention)
        let unit =
            rules.areaConvention == .inclusivePixels ? ", counting +1 pixel widths as this preset does" : ""
        if areaE == areaS {
            return
                "GT \(e) and GT \(s) have equal areas (\(Wording.number(areaE))\(unit)), so the lower index wins"
        }
        if rules.ambiguity == .float32Rank,
            rules.ambiguity.key(area: areaE) == rules.ambiguity.key(area: areaS)
        {
            return "their areas (\(Wording.number(areaE)) vs \(Wording.number(areaS))) give the same Float "
                + "1e8 − area = \(Wording.number(rules.ambiguity.key(area: areaE))), so the lower index, GT \(e), wins"
        }
        return "GT \(e) has the smaller area (\(Wording.number(areaE)) vs \(Wording.number(areaS))\(unit))"
    }

    /// Why box `g` is not a candidate at the location.
    func whyNot(_ g: Int, at p: Point, note: LocationExplanation?) -> String {
        guard let verdict = note?.verdicts.first(where: { $0.groundTruth == g }) else {
            return outside(g, at: p)
        }
        switch verdict.rejection {
        case .crowd:
            return "GT \(g) is a crowd region"
        case .centerSampling:
            let region = rules.centerSampling.region(for: scene.boxes[g], stride: map.stride)
            let r = rules.centerSampling.radius ?? 0
            let reach = r * Float(map.stride)
            let c = scene.boxes[g].center
            let text =
                "it is inside GT \(g) but outside its center-sampling region (\(Wording.number(r)) × stride "
                + "\(map.stride) = \(Wording.number(reach)) px around the centre "
                + "\(Wording.point(c))\(regionNote(region)))"
            // On the region's edge: |x − cx| or |y − cy| is exactly r·s, or a clipped side is at 0.
            let onEdge =
                max(abs(p.x - c.x), abs(p.y - c.y)) == reach || LTRB(from: p, to: region).minimum == 0
            return onEdge
                ? text + ": the location lies exactly on the region's boundary, and the region is strict, "
                    + "so a location on it is not inside (compare with <, not ≤)"
                : text
        case .sizeGate:
            let m = verdict.m
            var text =
                "it is inside GT \(g), but m = max(l*, t*, r*, b*) = \(Wording.number(m)) is outside "
                + "\(level.name)'s range \(rangeText)"
            if m == level.sizeRange.lower || m == level.sizeRange.upper {
                text +=
                    rules.sizeGate == .strict
                    ? ": m lies exactly on a bound, and this preset's ranges exclude their bounds"
                    : ": m lies exactly on a bound"
            }
            return text
        case nil:
            return "GT \(g) is a candidate, but GT \(note?.winner ?? -1) wins"
        }
    }

    func regionNote(_ region: Box) -> String {
        if case .clippedSubBox = rules.centerSampling {
            return ", clipped to the box: \(Wording.box(region))"
        }
        return ""
    }

    /// The location is not strictly inside box `g`: say which side it is on or beyond.
    func outside(_ g: Int, at p: Point) -> String {
        let box = scene.boxes[g]
        let d = LTRB(from: p, to: box)
        let names = ["left", "top", "right", "bottom"]
        let values = [d.l, d.t, d.r, d.b]
        if d.minimum == 0, let side = values.firstIndex(of: 0) {
            return
                "it lies exactly on GT \(g)'s \(names[side]) edge (\(["l*", "t*", "r*", "b*"][side]) = 0), and a "
                + "location must be strictly inside: min(l*, t*, r*, b*) > 0"
        }
        return
            "it is not inside GT \(g) \(Wording.box(box)): l*, t*, r*, b* = \(Wording.ltrb(d)), and all four "
            + "must be positive"
    }
}
