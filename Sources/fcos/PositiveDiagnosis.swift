import FCOS

/// Why a ground-truth box ended with no positive location on any level, read off the matcher's
/// ``Explanation``. The three rules fail a box in different ways and each calls for a different
/// fix, so naming the rule is the point of `fcos inspect`:
///
/// - no location inside: the box is smaller than the P3 grid spacing, or falls between its
///   locations (more locations, a smaller stride, or a larger input size would help);
/// - outside the center region: with center sampling, every location inside the box lies
///   outside its `± r·stride` core;
/// - the size gate: locations lie inside, but on each level `m = max(l*, t*, r*, b*)` is outside
///   the level's range (a long, thin box is the classic case);
/// - lost to smaller boxes: it was a candidate somewhere, and every time a smaller box won.
enum MissReason: Hashable, Sendable {
    case noLocationInside
    case outsideCenterRegion(locations: Int)
    /// Per level with locations inside the box: the level, the `m` range seen and the range kept.
    /// `fitting`: levels whose range would keep one of the `m` seen, but with no location inside
    /// the box (or its center region), e.g. P3 for a thin box that only a P4 location falls in.
    case sizeGate(levels: [GateMiss], fitting: [String])
    /// Box `box` lost its candidate locations to `winners`, most wins first.
    case lostToSmallerBoxes(box: Int, candidates: Int, winners: [Int])
    case crowd

    struct GateMiss: Hashable, Sendable {
        var level: String
        var locations: Int
        var smallestM: Float
        var largestM: Float
        var range: SizeRange
    }

    /// A short tag for tables and JSON.
    var tag: String {
        switch self {
        case .noLocationInside: return "no location inside"
        case .outsideCenterRegion: return "outside the center region"
        case .sizeGate: return "all rejected by the size gate"
        case .lostToSmallerBoxes: return "lost every candidate to a smaller box"
        case .crowd: return "crowd region"
        }
    }

    /// The reason for box `g` of `assignment`, which must carry an explanation and give `g` no
    /// positive.
    static func diagnose(_ g: Int, in assignment: Assignment) -> MissReason {
        if assignment.groundTruths[g].isCrowd { return .crowd }
        let levels = assignment.explanation?.levels ?? []
        var inside = 0
        var inRegion = 0
        var candidates = 0
        var wins: [Int: Int] = [:]
        var gate: [GateMiss] = []
        for (levelIndex, notes) in levels.enumerated() {
            var seen: GateMiss?
            for note in notes {
                guard let verdict = note.verdicts.first(where: { $0.groundTruth == g }) else { continue }
                inside += 1
                guard verdict.passesCenterSampling else { continue }
                inRegion += 1
                let level = assignment.levels[levelIndex].map.level
                if var s = seen {
                    s.locations += 1
                    s.smallestM = min(s.smallestM, verdict.m)
                    s.largestM = max(s.largestM, verdict.m)
                    seen = s
                } else {
                    seen = GateMiss(
                        level: level.name, locations: 1, smallestM: verdict.m, largestM: verdict.m,
                        range: level.sizeRange)
                }
                guard verdict.isCandidate else { continue }
                candidates += 1
                if let winner = note.winner, winner != g { wins[winner, default: 0] += 1 }
            }
            if let seen { gate.append(seen) }
        }
        if inside == 0 { return .noLocationInside }
        if inRegion == 0 { return .outsideCenterRegion(locations: inside) }
        if candidates == 0 {
            let seen = Set(gate.map(\.level))
            let sizeGate = assignment.rules.sizeGate
            let fitting = assignment.levels.map(\.map.level).filter { level in
                !seen.contains(level.name)
                    && gate.contains {
                        sizeGate.admits($0.smallestM, in: level.sizeRange)
                            || sizeGate.admits($0.largestM, in: level.sizeRange)
                    }
            }
            return .sizeGate(levels: gate, fitting: fitting.map(\.name))
        }
        let winners = wins.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        return .lostToSmallerBoxes(box: g, candidates: candidates, winners: winners)
    }

    /// One sentence for a person, naming boxes as `#2 cup` and sizes in resized pixels.
    func sentence(groundTruths: [GroundTruth], gate: SizeGate) -> String {
        switch self {
        case .noLocationInside:
            return "no location of any level lies strictly inside the box"
        case .outsideCenterRegion(let n):
            return "all \(Prose.count(n, "location")) inside the box lie outside its center region"
        case .sizeGate(let levels, let fitting):
            let parts = levels.map {
                "\($0.level): \(Prose.count($0.locations, "location")), m \(Prose.range($0.smallestM, $0.largestM)) px, "
                    + "keeps \(Prose.sizeRange($0.range, gate: gate))"
            }
            var text = "the size gate rejected every location inside (" + parts.joined(separator: "; ") + ")"
            if !fitting.isEmpty {
                text +=
                    "; \(fitting.joined(separator: ", ")), whose range would keep that m, "
                    + (fitting.count == 1 ? "has" : "have") + " no location inside"
            }
            return text
        case .lostToSmallerBoxes(let loser, let n, let winners):
            let names = winners.prefix(3).map { Prose.boxLabel($0, groundTruths) }
            let more = winners.count > 3 ? " and \(winners.count - 3) more" : ""
            var text =
                "lost all \(Prose.count(n, "candidate location")) to smaller "
                + (winners.count == 1 ? "box " : "boxes ") + names.joined(separator: ", ") + more
            // Two boxes almost on top of each other are often one object labelled twice.
            if let top = winners.first {
                let iou = intersectionOverUnion(groundTruths[loser].box, groundTruths[top].box)
                text += " (IoU \(Prose.number(iou, decimals: 2))"
                if winners.count > 1 { text += " with \(Prose.boxLabel(top, groundTruths))" }
                text += iou >= 0.7 ? ": nearly the same box, a duplicate annotation?)" : ")"
            }
            return text
        case .crowd:
            return "a crowd region, which no preset matches"
        }
    }
}
