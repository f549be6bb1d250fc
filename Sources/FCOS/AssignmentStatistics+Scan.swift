/// Statistics by the per-box scan of `Matcher+Fast.swift`, extended to remember, per location,
/// how many candidates it had and whether they span more than one class.
///
/// Each box visits only the product of its admissible column and row intervals (the exact
/// float32 tests of ``Matcher/admissibleRange(map:box:axis:)``), then the size gate's lower bound.
/// Every visit that passes is a candidate: it is counted, its label compared with the location's
/// first candidate's, and it takes the location over when its key is strictly better, exactly as
/// `assignByBox` decides winners. Work therefore grows with the boxes, not with locations × boxes,
/// and a data set of 118 000 images takes seconds.
///
/// A float32-rank box whose `1e8 − area` falls below `1e-5` is still a candidate (the plain
/// matcher's explanation lists it) but can never win, as in the reference. Boxes of area ≥ 1e8,
/// where the official `INF` sentinel changes the outcome, go through the plain matcher instead.
extension Matcher {
    /// Statistics of one image of `imageWidth × imageHeight` input pixels.
    public func statistics(_ groundTruths: [GroundTruth], imageWidth: Int, imageHeight: Int)
        -> AssignmentStatistics
    {
        var scratch = StatisticsScratch()
        return statistics(groundTruths, imageWidth: imageWidth, imageHeight: imageHeight, scratch: &scratch)
    }

    /// The same, reusing `scratch`'s per-location buffers between calls (one scratch per thread):
    /// nothing is cleared between images, a generation stamp marks which entries are current.
    public func statistics(
        _ groundTruths: [GroundTruth], imageWidth: Int, imageHeight: Int, scratch: inout StatisticsScratch
    ) -> AssignmentStatistics {
        guard canScanPerBox(groundTruths) else {
            return plainStatistics(groundTruths, imageWidth: imageWidth, imageHeight: imageHeight)
        }
        let maps = rules.featureMaps(imageWidth: imageWidth, imageHeight: imageHeight)
        let keys = groundTruths.map { rules.ambiguity.key(area: $0.box.area(rules.areaConvention)) }
        var perLevel = [Int](repeating: 0, count: maps.count)
        var perBox = [Int](repeating: 0, count: groundTruths.count)
        var masks = [UInt32](repeating: 0, count: groundTruths.count)
        var candidates = [Int](repeating: 0, count: groundTruths.count)
        var ambiguous = 0
        var mixed = 0
        for (l, map) in maps.enumerated() {
            scratch.begin(locations: map.count)
            let range = map.level.sizeRange
            for (g, gt) in groundTruths.enumerated() where !gt.isCrowd {
                let key = keys[g]
                let canWin = rules.ambiguity != .float32Rank || key >= 1e-5
                guard let columns = admissibleRange(map: map, box: gt.box, axis: .x),
                    let rows = admissibleRange(map: map, box: gt.box, axis: .y)
                else { continue }
                for i in rows {
                    let y = map.y(row: i)
                    let t = y - gt.box.y0
                    let b = gt.box.y1 - y
                    let rowBase = i * map.width
                    for j in columns {
                        let x = map.x(column: j)
                        let m = max(max(x - gt.box.x0, t), max(gt.box.x1 - x, b))
                        guard rules.sizeGate.admits(m, in: range) else { continue }
                        candidates[g] += 1
                        scratch.addCandidate(
                            at: rowBase + j, box: Int32(g), label: gt.label, key: key, canWin: canWin,
                            rule: rules.ambiguity)
                    }
                }
            }
            scratch.collect { winner, candidateCount, labelsDiffer in
                perLevel[l] += 1
                perBox[winner] += 1
                masks[winner] |= 1 << UInt32(l)
                if candidateCount >= 2 { ambiguous += 1 }
                if labelsDiffer { mixed += 1 }
            }
        }
        return AssignmentStatistics(
            levelNames: maps.map(\.level.name), positivesPerLevel: perLevel, ambiguous: ambiguous,
            ambiguousDifferentClass: mixed, positivesPerGroundTruth: perBox, levelMaskPerGroundTruth: masks,
            candidatesPerGroundTruth: candidates, isCrowd: groundTruths.map(\.isCrowd))
    }
}

/// Per-location working memory for ``Matcher/statistics(_:imageWidth:imageHeight:scratch:)``.
///
/// An entry is current only when its stamp equals the running generation, so starting a level
/// costs nothing however large the previous map was; the touched list lets the collection pass
/// visit only locations that had a candidate.
public struct StatisticsScratch: Sendable {
    var stamp: [UInt32] = []
    var winner: [Int32] = []
    var best: [Float] = []
    var count: [UInt32] = []
    var firstLabel: [Int] = []
    var labelsDiffer: [Bool] = []
    var touched: [Int32] = []
    var generation: UInt32 = 0

    public init() {}

    mutating func begin(locations: Int) {
        if stamp.count < locations {
            let extra = locations - stamp.count
            stamp += repeatElement(0, count: extra)
            winner += repeatElement(-1, count: extra)
            best += repeatElement(0, count: extra)
            count += repeatElement(0, count: extra)
            firstLabel += repeatElement(0, count: extra)
            labelsDiffer += repeatElement(false, count: extra)
        }
        touched.removeAll(keepingCapacity: true)
        generation &+= 1
        if generation == 0 {
            // Wrapped after 2³² levels: clear once so no stale entry looks current.
            for i in stamp.indices { stamp[i] = 0 }
            generation = 1
        }
    }

    @inline(__always)
    mutating func addCandidate(
        at index: Int, box: Int32, label: Int, key: Float, canWin: Bool, rule: AmbiguityRule
    ) {
        if stamp[index] != generation {
            stamp[index] = generation
            touched.append(Int32(index))
            count[index] = 1
            firstLabel[index] = label
            labelsDiffer[index] = false
            winner[index] = -1
        } else {
            count[index] &+= 1
            if label != firstLabel[index] { labelsDiffer[index] = true }
        }
        if canWin && (winner[index] < 0 || rule.prefers(key, over: best[index])) {
            winner[index] = box
            best[index] = key
        }
    }

    /// Calls `body(winner, candidates, labelsDiffer)` for every positive location of the level.
    mutating func collect(_ body: (Int, UInt32, Bool) -> Void) {
        for index in touched {
            let i = Int(index)
            let w = winner[i]
            guard w >= 0 else { continue }
            body(Int(w), count[i], labelsDiffer[i])
        }
    }
}
