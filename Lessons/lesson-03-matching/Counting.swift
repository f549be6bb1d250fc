import FCOS

// Counting what the matcher decided, box by box and level by level. Everything here reads the
// matcher's own `Assignment` and its `Explanation`, so the tables cannot disagree with the
// targets or with the figures (which are drawn from the same explanation).

extension Assignment {
    var levelNames: [String] { levels.map(\.map.level.name) }

    /// `[box][level]`: locations strictly inside the box (Rule 1, `min(l*, t*, r*, b*) > 0`).
    var insideCounts: [[Int]] { verdictCounts { _ in true } }

    /// `[box][level]`: inside the box and `m` in the level's range (Rules 1 and 2).
    var gateCounts: [[Int]] { verdictCounts(\.passesSizeGate) }

    /// `[box][level]`: inside the box's center-sampling region and in range.
    var candidateCounts: [[Int]] { verdictCounts(\.isCandidate) }

    /// `[box][level]`: final positives.
    var positiveCounts: [[Int]] {
        var counts = [[Int]](repeating: [Int](repeating: 0, count: levels.count), count: groundTruths.count)
        for (l, level) in levels.enumerated() {
            for g in level.matched where g >= 0 { counts[Int(g)][l] += 1 }
        }
        return counts
    }

    private func verdictCounts(_ test: (GroundTruthVerdict) -> Bool) -> [[Int]] {
        var counts = [[Int]](repeating: [Int](repeating: 0, count: levels.count), count: groundTruths.count)
        for (l, notes) in (explanation?.levels ?? []).enumerated() {
            for note in notes {
                for verdict in note.verdicts where test(verdict) { counts[verdict.groundTruth][l] += 1 }
            }
        }
        return counts
    }

    /// Per level: locations inside two or more boxes (Rule 1 alone).
    var multiplyInside: [Int] {
        (explanation?.levels ?? []).map { $0.filter { $0.verdicts.count > 1 }.count }
    }

    /// Per level: locations for which two or more boxes pass every test, so the area rule decides.
    var ambiguous: [Int] {
        (explanation?.levels ?? []).map { $0.filter(\.isAmbiguous).count }
    }

    /// Every explained location inside two or more boxes, with its level index.
    var overlapLocations: [(level: Int, note: LocationExplanation)] {
        (explanation?.levels ?? []).enumerated().flatMap { l, notes in
            notes.filter { $0.verdicts.count > 1 }.map { (l, $0) }
        }
    }

    /// The smallest and largest `m` over the box's inside locations, on any level.
    func mRange(ofBox g: Int) -> (low: Float, high: Float)? {
        var low = Float.infinity
        var high = -Float.infinity
        for notes in explanation?.levels ?? [] {
            for note in notes {
                for verdict in note.verdicts where verdict.groundTruth == g {
                    low = min(low, verdict.m)
                    high = max(high, verdict.m)
                }
            }
        }
        return low <= high ? (low, high) : nil
    }

    /// The verdict for box `g` at location `index` of level `l`, if the location is inside it.
    func verdict(level l: Int, index: Int, box g: Int) -> GroundTruthVerdict? {
        explanation?.levels[l].first { $0.index == index }?.verdicts.first { $0.groundTruth == g }
    }
}

/// A location lying exactly on one of a box's sides: a zero distance, so not inside.
struct EdgeHit {
    var level: Int
    var index: Int
    var location: Point
    var side: String
}

/// The locations of `maps` that lie on the outline of `box` (one distance 0, the others ≥ 0).
func edgeHits(of box: Box, maps: [FeatureMap]) -> [EdgeHit] {
    var hits: [EdgeHit] = []
    for (l, map) in maps.enumerated() {
        for index in 0..<map.count {
            let p = map.location(at: index)
            let d = LTRB(from: p, to: box)
            guard d.minimum == 0 else { continue }
            let side = d.l == 0 ? "left" : d.r == 0 ? "right" : d.t == 0 ? "top" : "bottom"
            hits.append(EdgeHit(level: l, index: index, location: p, side: side))
        }
    }
    return hits
}

extension AssignmentRules {
    /// These rules with every level's range opened to everything and center sampling off: what
    /// Rule 1 (and, where boxes overlap, Rule 3) would do alone.
    var withoutSizeGate: AssignmentRules {
        var rules = self
        rules.levels = levels.map { level in
            var open = level
            open.sizeRange = SizeRange(lower: -1, upper: FeatureLevel.referenceInfinity)
            return open
        }
        rules.centerSampling = .off
        return rules
    }

    /// These rules with only the first `count` levels. Each level is matched on its own, so the
    /// kept levels get exactly the targets they get with all levels.
    func keepingLevels(_ count: Int) -> AssignmentRules {
        var rules = self
        rules.levels = Array(levels.prefix(count))
        return rules
    }

    func with(gate: SizeGate) -> AssignmentRules {
        var rules = self
        rules.sizeGate = gate
        return rules
    }

    func with(offset: LocationOffset) -> AssignmentRules {
        var rules = self
        rules.locationOffset = offset
        return rules
    }
}

extension Preset {
    /// The assignment of `groundTruths` under this preset, explained.
    func explained(_ groundTruths: [GroundTruth], width: Int, height: Int) -> Assignment {
        matcher.assign(groundTruths, imageWidth: width, imageHeight: height, explain: true)
    }
}

/// A crop around `boxes` for zoomed panels: their union with a margin, at least 200 px on a side,
/// inside the image; `nil` when there is nothing to zoom on or the crop would be most of the image.
func zoomViewport(around boxes: [Box], width: Int, height: Int) -> Box? {
    guard let first = boxes.first else { return nil }
    var x0 = first.x0
    var y0 = first.y0
    var x1 = first.x1
    var y1 = first.y1
    for b in boxes.dropFirst() {
        x0 = min(x0, b.x0)
        y0 = min(y0, b.y0)
        x1 = max(x1, b.x1)
        y1 = max(y1, b.y1)
    }
    let margin: Float = 32
    let minimum: Float = 200
    x0 -= margin
    y0 -= margin
    x1 += margin
    y1 += margin
    if x1 - x0 < minimum {
        let grow = (minimum - (x1 - x0)) / 2
        x0 -= grow
        x1 += grow
    }
    if y1 - y0 < minimum {
        let grow = (minimum - (y1 - y0)) / 2
        y0 -= grow
        y1 += grow
    }
    let crop = Box(
        x0: max(0, x0).rounded(.down), y0: max(0, y0).rounded(.down), x1: min(Float(width), x1).rounded(.up),
        y1: min(Float(height), y1).rounded(.up))
    guard !crop.isEmpty, crop.area() < 0.8 * Float(width * height) else { return nil }
    return crop
}

/// The middle `fraction` of an image in each direction, in whole pixels.
func centreCrop(width: Int, height: Int, fraction: Float) -> Box {
    let w = Float(width) * fraction
    let h = Float(height) * fraction
    let x0 = ((Float(width) - w) / 2).rounded()
    let y0 = ((Float(height) - h) / 2).rounded()
    return Box(x0: x0, y0: y0, x1: x0 + w.rounded(), y1: y0 + h.rounded())
}

/// The `m` values of the locations of `map` inside `box` at the 64-px boundary: those with `m`
/// exactly 64, and the smallest `m` above it. Step 8 needs both, because a box whose width is
/// 128 has `max(l*, r*) ≥ 64` everywhere, with equality only on its centre column.
func boundaryMValues(of box: Box, on map: FeatureMap, boundary: Float = 64)
    -> (exactly: [Point], lowestAbove: Float?)
{
    var exactly: [Point] = []
    var lowestAbove: Float?
    for index in 0..<map.count {
        let location = map.location(at: index)
        let distances = LTRB(from: location, to: box)
        guard distances.minimum > 0 else { continue }
        let m = distances.maximum
        if m == boundary {
            exactly.append(location)
        } else if m > boundary {
            lowestAbove = min(lowestAbove ?? m, m)
        }
    }
    return (exactly, lowestAbove)
}

/// Where the locations beyond the image's right or bottom edge lie: on the zero padding (inside
/// the padded size the backbone sees), or past it, where a coarse level's grid overhangs the
/// padded image because each level halves the previous one rounding up.
func locationsBeyondEdge(
    _ maps: [FeatureMap], imageWidth: Int, imageHeight: Int, padded: (width: Int, height: Int)
) -> (onPadding: Int, pastPadding: Int, pastPaddingLevels: [String]) {
    var onPadding = 0
    var pastPadding = 0
    var levels: [String] = []
    for map in maps {
        var past = 0
        for index in 0..<map.count {
            let p = map.location(at: index)
            guard p.x >= Float(imageWidth) || p.y >= Float(imageHeight) else { continue }
            if p.x >= Float(padded.width) || p.y >= Float(padded.height) {
                past += 1
            } else {
                onPadding += 1
            }
        }
        pastPadding += past
        if past > 0 { levels.append(map.level.name) }
    }
    return (onPadding, pastPadding, levels)
}
