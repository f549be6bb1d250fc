import FCOS
import Foundation

/// A positive location turned into a pretend detection, to show how centerness re-ranks.
struct Candidate {
    /// "near the centre" or "near the edge".
    var role: String
    var groundTruth: Int
    var level: Int
    var levelName: String
    var stride: Int
    var index: Int
    var location: Point
    var target: LTRB
    var centerness: Float
    /// The box the pretend head predicts (see ``predictedBox(shortfall:)``).
    var predicted: Box

    /// `#1 edge`, `#1 centre`: short enough for a chip in the NMS frames.
    var shortName: String { "#\(groundTruth) " + (role == "near the edge" ? "edge" : "centre") }

    /// Raster order over the pyramid, the order in which the references list candidates.
    var order: (Int, Int) { (level, index) }
}

/// How much shorter than its target each predicted distance comes out, as a fraction, for a
/// location of the given centerness: `shortfall · (1 − centerness)`, i.e. exact at a box's centre
/// and worst at its edge. A stand-in for a trained head, stated in the lesson's prose.
func predictedBox(for box: Box, at location: Point, centerness: Float, shortfall: Float) -> Box {
    let d = LTRB(from: location, to: box)
    let k = 1 - shortfall * (1 - centerness)
    return RegressionDeltas.decode(
        LTRB(l: d.l * k, t: d.t * k, r: d.r * k, b: d.b * k), at: location, stride: 1, units: .pixels)
}

/// For up to `boxes` ground truths (those with most positives), on the level where each has most
/// positives: its most central positive, and the least central positive listed before it in
/// raster order (the least central overall when none is).
func pickCandidates(_ assignment: Assignment, boxes: Int, shortfall: Float) -> [Candidate] {
    let counts = assignment.positivesPerGroundTruth
    let chosen = counts.indices.filter { counts[$0] > 0 }
        .sorted { counts[$0] > counts[$1] || (counts[$0] == counts[$1] && $0 < $1) }
        .prefix(boxes)
    var result: [Candidate] = []
    for g in chosen {
        let perLevel = assignment.levels.map { level in level.matched.filter { $0 == Int32(g) }.count }
        guard
            let levelIndex = perLevel.indices.max(by: {
                perLevel[$0] < perLevel[$1] || (perLevel[$0] == perLevel[$1] && $0 > $1)
            })
        else { continue }
        let level = assignment.levels[levelIndex]
        let own = level.matched.indices.filter { level.matched[$0] == Int32(g) }
        guard let centre = own.max(by: { level.centerness[$0] < level.centerness[$1] }) else { continue }
        let before = own.filter { $0 < centre }
        let pool = before.isEmpty ? own.filter { $0 != centre } : before
        let box = assignment.groundTruths[g].box
        func candidate(_ index: Int, _ role: String) -> Candidate {
            let location = level.map.location(at: index)
            let c = level.centerness[index]
            return Candidate(
                role: role, groundTruth: g, level: levelIndex, levelName: level.map.level.name,
                stride: level.map.stride, index: index, location: location,
                target: LTRB(from: location, to: box), centerness: c,
                predicted: predictedBox(for: box, at: location, centerness: c, shortfall: shortfall))
        }
        if let edge = pool.min(by: { level.centerness[$0] < level.centerness[$1] }) {
            result.append(candidate(edge, "near the edge"))
        }
        result.append(candidate(centre, "near the centre"))
    }
    return result.sorted { $0.order < $1.order }
}

/// Ranks (1 = first) of `scores`, highest first, ties in list order (a stable sort).
func ranks(_ scores: [Float]) -> [Int] {
    let order = scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
    var rank = [Int](repeating: 0, count: scores.count)
    for (position, i) in order.enumerated() { rank[i] = position + 1 }
    return rank
}

/// A number as the tables print it: fixed decimals, a typographic minus.
func num(_ value: Float, _ decimals: Int = 2) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞") }
    let text = String(format: "%.\(decimals)f", Double(value))
    return text.hasPrefix("-") ? "−" + text.dropFirst() : text
}

/// Whole numbers without decimals, others with up to `decimals`.
func short(_ value: Float, _ decimals: Int = 2) -> String {
    if value == value.rounded() && abs(value) < 1e7 { return num(value, 0) }
    var text = num(value, decimals)
    while text.contains(".") && (text.hasSuffix("0") || text.hasSuffix(".")) { text.removeLast() }
    return text
}

func pointText(_ p: Point) -> String { "(\(short(p.x)), \(short(p.y)))" }

func boxText(_ b: Box) -> String { "[\(short(b.x0)), \(short(b.y0)), \(short(b.x1)), \(short(b.y1))]" }

func ltrbText(_ d: LTRB) -> String { "(\(short(d.l)), \(short(d.t)), \(short(d.r)), \(short(d.b)))" }
