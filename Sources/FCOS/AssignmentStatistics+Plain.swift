/// Statistics read straight off the plain matcher's ``Explanation``: every location against every
/// box, candidates as ``LocationExplanation/candidates`` lists them. Slow (locations × boxes) but
/// plainly right, so it is the yardstick the per-box scan is tested against, and the fallback for
/// boxes of area ≥ 1e8 that the scan does not handle.
extension Matcher {
    /// The statistics of one image, computed location by location with the plain matcher.
    public func plainStatistics(_ groundTruths: [GroundTruth], imageWidth: Int, imageHeight: Int)
        -> AssignmentStatistics
    {
        let assignment = assignByLocation(
            groundTruths, imageWidth: imageWidth, imageHeight: imageHeight, explain: true)
        var perLevel = [Int](repeating: 0, count: assignment.levels.count)
        var perBox = [Int](repeating: 0, count: groundTruths.count)
        var masks = [UInt32](repeating: 0, count: groundTruths.count)
        var candidateCounts = [Int](repeating: 0, count: groundTruths.count)
        var ambiguous = 0
        var mixed = 0
        for (l, notes) in (assignment.explanation?.levels ?? []).enumerated() {
            for note in notes {
                for g in note.candidates { candidateCounts[g] += 1 }
                guard let winner = note.winner else { continue }
                perLevel[l] += 1
                perBox[winner] += 1
                masks[winner] |= 1 << UInt32(l)
                let candidates = note.candidates
                if candidates.count >= 2 { ambiguous += 1 }
                if Set(candidates.map { groundTruths[$0].label }).count >= 2 { mixed += 1 }
            }
        }
        return AssignmentStatistics(
            levelNames: assignment.levels.map(\.map.level.name), positivesPerLevel: perLevel,
            ambiguous: ambiguous, ambiguousDifferentClass: mixed, positivesPerGroundTruth: perBox,
            levelMaskPerGroundTruth: masks, candidatesPerGroundTruth: candidateCounts,
            isCrowd: groundTruths.map(\.isCrowd))
    }
}
