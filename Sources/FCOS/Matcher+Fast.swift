/// The per-box scan: the same three rules as the plain matcher, but each box visits only the
/// locations it can possibly claim.
///
/// Every test except the size gate's lower bound is a conjunction of one condition on `x` and
/// one on `y` (`min(l,t,r,b) > 0` means all four are positive; `m ≤ upper` means all four are;
/// Chebyshev distance `< r·s` means both axis distances are). So for each box and level the
/// admissible columns and rows form two intervals, found with the exact float32 tests, and only
/// their product is visited. The upper bound keeps that product small: at most about
/// `(2·upper/s)²` = 256 locations per level, whatever the box size, so the work grows with the
/// number of boxes, not locations × boxes.
///
/// Ties go to the lower box index because boxes are visited in order and a later box must be
/// strictly better to take a location over.
extension Matcher {
    /// Whether the scan reproduces the reference for these boxes. Only a box of area ≥ 1e8
    /// (10 000 × 10 000 px) breaks it, through the official code's `INF` sentinel; the plain
    /// matcher handles that case literally.
    func canScanPerBox(_ groundTruths: [GroundTruth]) -> Bool {
        groundTruths.allSatisfy { $0.box.area(rules.areaConvention) < FeatureLevel.referenceInfinity }
    }

    /// Whether `assignByBox` gives the reference's targets for these boxes. It does in every
    /// case but one: under ``AmbiguityRule/minimumArea`` with *every* box of area above the
    /// official `INF` (1e8) and none a crowd region. Otherwise a box of area ≥ 1e8 can never win
    /// a location there: every other box puts at most `INF` in the location's column of the
    /// area matrix (its area, or `INF` where it is not a candidate), so the minimum is either a
    /// smaller box or exactly `INF`, which is background. The scan therefore leaves such boxes
    /// out, and one absurd box (`y1 = 3.4e38`) among 100 000 costs no more than an ordinary one
    /// instead of sending all of them through the plain matcher. Under
    /// ``AmbiguityRule/float32Rank`` its key `1e8 − area` is below `1e-5` and it never wins
    /// either, in the scan as in the reference.
    func canAssignByBox(_ groundTruths: [GroundTruth]) -> Bool {
        switch rules.ambiguity {
        case .float32Rank: return true
        case .minimumArea:
            return groundTruths.isEmpty
                || groundTruths.contains {
                    $0.isCrowd || $0.box.area(rules.areaConvention) <= FeatureLevel.referenceInfinity
                }
        }
    }

    /// Targets by scanning each box's reachable locations; no explanation.
    public func assignByBox(_ groundTruths: [GroundTruth], imageWidth: Int, imageHeight: Int) -> Assignment {
        let maps = rules.featureMaps(imageWidth: imageWidth, imageHeight: imageHeight)
        let keys = groundTruths.map { rules.ambiguity.key(area: $0.box.area(rules.areaConvention)) }
        var levels: [LevelTargets] = []
        levels.reserveCapacity(maps.count)
        for map in maps {
            var matched = [Int32](repeating: -1, count: map.count)
            var best = [Float](repeating: 0, count: map.count)
            for (g, gt) in groundTruths.enumerated() where !gt.isCrowd {
                let key = keys[g]
                switch rules.ambiguity {
                case .float32Rank: if !(key >= 1e-5) { continue }
                case .minimumArea: if !(key < FeatureLevel.referenceInfinity) { continue }  // never wins
                }
                guard let columns = admissibleRange(map: map, box: gt.box, axis: .x),
                    let rows = admissibleRange(map: map, box: gt.box, axis: .y)
                else { continue }
                let range = map.level.sizeRange
                for i in rows {
                    let y = map.y(row: i)
                    let t = y - gt.box.y0
                    let b = gt.box.y1 - y
                    let rowBase = i * map.width
                    for j in columns {
                        let x = map.x(column: j)
                        let m = max(max(x - gt.box.x0, t), max(gt.box.x1 - x, b))
                        guard rules.sizeGate.admits(m, in: range) else { continue }
                        let index = rowBase + j
                        if matched[index] < 0 || rules.ambiguity.prefers(key, over: best[index]) {
                            matched[index] = Int32(g)
                            best[index] = key
                        }
                    }
                }
            }
            levels.append(makeTargets(map: map, matched: matched, groundTruths: groundTruths))
        }
        return Assignment(
            rules: rules, imageWidth: imageWidth, imageHeight: imageHeight, groundTruths: groundTruths,
            levels: levels, explanation: nil)
    }

    enum Axis { case x, y }

    /// The interval of columns (or rows) whose coordinate passes every separable test for `box`,
    /// decided by the exact float32 comparisons; `nil` when empty.
    func admissibleRange(map: FeatureMap, box: Box, axis: Axis) -> ClosedRange<Int>? {
        let lo = axis == .x ? box.x0 : box.y0
        let hi = axis == .x ? box.x1 : box.y1
        let center = (lo + hi) / 2
        let count = axis == .x ? map.width : map.height
        let step = axis == .x ? map.stepX : map.stepY
        let range = map.level.sizeRange
        let gate = rules.sizeGate
        let sampling = rules.centerSampling
        let region = sampling.region(for: box, stride: map.stride)
        let reach = (sampling.radius ?? 0) * Float(map.stride)
        let regionLo = axis == .x ? region.x0 : region.y0
        let regionHi = axis == .x ? region.x1 : region.y1

        func passes(_ c: Float) -> Bool {
            let near: Bool
            switch sampling {
            case .off: near = true
            case .clippedSubBox: near = sampling.radius == nil || (c - regionLo > 0 && regionHi - c > 0)
            case .chebyshev: near = sampling.radius == nil || abs(c - center) < reach
            }
            let a = c - lo
            let b = hi - c
            return near && a > 0 && b > 0 && gate.admitsBelowUpper(a, in: range)
                && gate.admitsBelowUpper(b, in: range)
        }

        // Estimate in Double, then let the exact tests decide, one cell of slack either side.
        let offset = Double(axis == .x ? map.x(column: 0) : map.y(row: 0))
        let first = ((Double(regionLo) - offset) / Double(step)).rounded(.down) - 1
        let last = ((Double(regionHi) - offset) / Double(step)).rounded(.up) + 1
        guard first.isFinite, last.isFinite else { return nil }
        let start = Int(max(0, min(Double(count), first)))
        let end = Int(max(-1, min(Double(count - 1), last)))
        guard start <= end else { return nil }
        var lower: Int?
        var upper = start
        for k in start...end {
            let c = axis == .x ? map.x(column: k) : map.y(row: k)
            if passes(c) {
                if lower == nil { lower = k }
                upper = k
            }
        }
        guard let lower else { return nil }
        return lower...upper
    }
}
