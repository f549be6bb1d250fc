import ATSS
import Annotations
import FCOS

extension ImageInspection {
    /// ATSS's levels (GFL's are the same). ATSS has no size range per level (each box's IoU
    /// threshold decides), so a level's range reads "any (threshold per box)". A location is
    /// ambiguous, as in `fcos stats`, when two or more boxes passed the threshold and the centre
    /// test on it before the highest-IoU rule chose.
    static func levelLines(_ assignment: ATSSAssignment) -> [LevelLine] {
        let ambiguous = ambiguousPerLevel(assignment)
        return assignment.levels.enumerated().map { l, level in
            LevelLine(
                name: level.map.level.name, stride: level.map.stride, range: "any (threshold per box)",
                positives: level.positiveCount, ambiguous: ambiguous[l])
        }
    }

    /// Per level, the anchors that two or more boxes passed both tests on.
    static func ambiguousPerLevel(_ assignment: ATSSAssignment) -> [Int] {
        assignment.levels.indices.map { l in
            var passes: [Int: Int] = [:]
            for box in assignment.boxes where l < box.levels.count {
                for c in box.levels[l].candidates where c.verdict.passedTests {
                    passes[c.index, default: 0] += 1
                }
            }
            return passes.values.filter { $0 >= 2 }.count
        }
    }

    /// Why box `box` has no positive under ATSS (``BoxExplanation/Remark``), in one sentence for
    /// a person, with the numbers that decided: the threshold, the best IoU,
    /// and the boxes that took the anchors.
    static func sentence(_ remark: BoxExplanation.Remark, box: BoxExplanation, in assignment: ATSSAssignment)
        -> String
    {
        let best = box.candidates.map(\.iou).max().map { Prose.number($0, decimals: 3) } ?? "—"
        let threshold = box.threshold.map { Prose.number($0, decimals: 3) } ?? "undefined"
        switch remark {
        case .crowd:
            return "a crowd region, which ATSS never matches"
        case .noCandidates:
            return "no anchor on any level"
        case .undefinedDeviation:
            return "a single candidate: the sample deviation of one IoU is undefined, so nothing passes"
        case .centerOutside:
            let n = box.candidates.filter { $0.verdict == .centerOutside }.count
            return
                "no candidate centre inside the box: \(Prose.count(n, "anchor")) reached the threshold "
                + "\(threshold) but lie outside it"
        case .belowThreshold:
            return "every candidate IoU is below the threshold \(threshold) (best \(best))"
        case .lostEveryAnchor:
            var winners: [Int: Int] = [:]
            for c in box.candidates {
                if case .lostToHigherIoU(let winner, _) = c.verdict { winners[winner, default: 0] += 1 }
            }
            let names = winners.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map {
                Prose.boxLabel($0.key, assignment.groundTruths)
            }
            return
                "every anchor that passed went to a box with a higher IoU on it: "
                + names.prefix(3).joined(separator: ", ")
                + (names.count > 3 ? " and \(names.count - 3) more" : "")
        }
    }
}
