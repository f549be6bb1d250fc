import FCOS
import Notebook

/// A location inside two or more boxes, picked to show Rule 3 (or the gate settling an overlap).
struct OverlapExample {
    var level: Int
    var note: LocationExplanation
}

extension Assignment {
    /// Up to `limit` locations inside several boxes, one per level and kind: ambiguous ones first,
    /// then ones the gate settled in favour of one box, then ones no box could take.
    func overlapExamples(limit: Int) -> [OverlapExample] {
        let overlaps = overlapLocations
        func pick(_ test: (LocationExplanation) -> Bool) -> [OverlapExample] {
            levels.indices.compactMap { (l: Int) -> OverlapExample? in
                let here = overlaps.filter { $0.level == l && test($0.note) }
                return here.isEmpty ? nil : OverlapExample(level: l, note: here[here.count / 2].note)
            }
        }
        let ambiguous = pick(\.isAmbiguous)
        let settled = pick { !$0.isAmbiguous && $0.winner != nil }
        let unclaimed = pick { $0.winner == nil }
        return Array((ambiguous + settled + unclaimed).prefix(limit))
    }

    /// The example worth a close-up: an ambiguous location if there is one; else one the gate gave
    /// to the smallest box containing it; else any with a target; else the first.
    func zoomExample(among examples: [OverlapExample]) -> OverlapExample? {
        examples.first { $0.note.isAmbiguous }
            ?? examples.first { $0.note.winner != nil && $0.note.winner == smallestContaining($0.note) }
            ?? examples.first { $0.note.winner != nil } ?? examples.first
    }

    /// The smallest box containing the location, under the rules' area convention.
    func smallestContaining(_ note: LocationExplanation) -> Int? {
        note.verdicts.map(\.groundTruth).min {
            groundTruths[$0].box.area(rules.areaConvention) < groundTruths[$1].box.area(rules.areaConvention)
        }
    }

    /// The example as a table row: level, location, each box with its `m` and verdict, the
    /// candidates with their areas, and the target with what decided it.
    func overlapRow(_ example: OverlapExample) -> Table.Row {
        let note = example.note
        let inside: [String] = note.verdicts.map { (v: GroundTruthVerdict) -> String in
            "#\(v.groundTruth): m \(px(v.m)) \(v.isCandidate ? "✓" : "✗")"
        }
        let candidates: [String] = note.candidates.map { (g: Int) -> String in
            let area = groundTruths[g].box.area(rules.areaConvention)
            return "#\(g): \(grouped(Int(area)))"
        }
        let target: String
        if let winner = note.winner {
            target = "#\(winner) · " + (note.isAmbiguous ? "smallest area" : "only candidate")
        } else {
            target = "background · no candidate"
        }
        let cells: [String] = [
            levels[example.level].map.level.name, pointText(note.location), inside.joined(separator: ", "),
            candidates.isEmpty ? "—" : candidates.joined(separator: ", "), target,
        ]
        return Table.Row(cells, swatch: note.winner.map { swatch(forBox: $0) })
    }
}
