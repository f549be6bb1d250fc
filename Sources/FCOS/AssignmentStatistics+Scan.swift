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
        let rule = rules.ambiguity
        let gate = rules.sizeGate
        for (l, map) in maps.enumerated() {
            let generation = scratch.begin(locations: map.count)
            let range = map.level.sizeRange
            var touchedCount = 0
            // The scratch buffers are moved out for the level so the hot loop runs on raw
            // pointers, without uniqueness or bounds checks per location.
            var slots = [StatisticsScratch.Slot]()
            var touched = [Int32]()
            swap(&slots, &scratch.slots)
            swap(&touched, &scratch.touched)
            slots.withUnsafeMutableBufferPointer { slot in
                touched.withUnsafeMutableBufferPointer { touchedList in
                    for (g, gt) in groundTruths.enumerated() where !gt.isCrowd {
                        let key = keys[g]
                        let canWin = rule != .float32Rank || key >= 1e-5
                        guard let columns = admissibleRange(map: map, box: gt.box, axis: .x),
                            let rows = admissibleRange(map: map, box: gt.box, axis: .y)
                        else { continue }
                        let label = gt.label
                        let box = Int32(g)
                        var found = 0
                        for i in rows {
                            let y = map.y(row: i)
                            let t = y - gt.box.y0
                            let b = gt.box.y1 - y
                            let rowBase = i * map.width
                            for j in columns {
                                let x = map.x(column: j)
                                let m = max(max(x - gt.box.x0, t), max(gt.box.x1 - x, b))
                                guard gate.admits(m, in: range) else { continue }
                                found += 1
                                let index = rowBase + j
                                if slot[index].stamp != generation {
                                    slot[index] = StatisticsScratch.Slot(
                                        stamp: generation, count: 1, winner: -1, best: 0, label: label,
                                        labelsDiffer: false)
                                    touchedList[touchedCount] = Int32(index)
                                    touchedCount += 1
                                } else {
                                    slot[index].count &+= 1
                                    if label != slot[index].label { slot[index].labelsDiffer = true }
                                }
                                if canWin
                                    && (slot[index].winner < 0 || rule.prefers(key, over: slot[index].best))
                                {
                                    slot[index].winner = box
                                    slot[index].best = key
                                }
                            }
                        }
                        candidates[g] += found
                    }
                    for k in 0..<touchedCount {
                        let entry = slot[Int(touchedList[k])]
                        guard entry.winner >= 0 else { continue }
                        let winner = Int(entry.winner)
                        perLevel[l] += 1
                        perBox[winner] += 1
                        masks[winner] |= 1 << UInt32(l)
                        if entry.count >= 2 { ambiguous += 1 }
                        if entry.labelsDiffer { mixed += 1 }
                    }
                }
            }
            swap(&slots, &scratch.slots)
            swap(&touched, &scratch.touched)
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
    /// One location's state: current when `stamp` equals the running generation.
    struct Slot {
        var stamp: UInt32
        var count: UInt32
        var winner: Int32
        var best: Float
        var label: Int
        var labelsDiffer: Bool
    }

    var slots: [Slot] = []
    /// Locations that had a candidate this level, in the order first reached.
    var touched: [Int32] = []
    var generation: UInt32 = 0

    /// Empty scratch space; it grows to the largest level it is used on.
    public init() {}

    /// Starts a level of `locations` locations and returns its generation stamp.
    mutating func begin(locations: Int) -> UInt32 {
        if slots.count < locations {
            let empty = Slot(stamp: 0, count: 0, winner: -1, best: 0, label: 0, labelsDiffer: false)
            slots += repeatElement(empty, count: locations - slots.count)
            touched += repeatElement(0, count: locations - touched.count)
        }
        generation &+= 1
        if generation == 0 {
            // Wrapped after 2³² levels: clear once so no stale entry looks current.
            for i in slots.indices { slots[i].stamp = 0 }
            generation = 1
        }
        return generation
    }
}
