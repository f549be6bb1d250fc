import FCOS
import Foundation
import Notebook

/// One positive location of an assignment, with its targets in both units.
struct PositiveSample {
    /// Index into `assignment.levels`.
    var level: Int
    var levelName: String
    var stride: Int
    /// Index of the location within its level.
    var index: Int
    var location: Point
    var groundTruth: Int
    var box: Box
    /// `(l*, t*, r*, b*)` in pixels (the paper's Eq. 1).
    var pixels: LTRB
    /// The same distances divided by the level's stride.
    var strides: LTRB
    /// What the assignment stores, in the preset's units.
    var target: LTRB
    var centerness: Float
}

extension Assignment {
    /// Every positive location, level by level in raster order.
    var positiveSamples: [PositiveSample] {
        var samples: [PositiveSample] = []
        for (levelIndex, level) in levels.enumerated() {
            let stride = Float(level.map.stride)
            for index in level.matched.indices where level.matched[index] >= 0 {
                let g = Int(level.matched[index])
                let location = level.map.location(at: index)
                let box = groundTruths[g].box
                samples.append(
                    PositiveSample(
                        level: levelIndex, levelName: level.map.level.name, stride: level.map.stride,
                        index: index,
                        location: location, groundTruth: g, box: box,
                        pixels: RegressionDeltas.encode(box, at: location, stride: stride, units: .pixels),
                        strides: RegressionDeltas.encode(box, at: location, stride: stride, units: .stride),
                        target: level.ltrb[index], centerness: level.centerness[index]))
            }
        }
        return samples
    }
}

/// The positive to zoom on: of the box with the most positives, the location nearest a point a
/// third of the way from the box's top-left corner to its centre, so the four arrows differ.
func zoomSample(_ samples: [PositiveSample], boxCount: Int) -> PositiveSample? {
    var counts = [Int](repeating: 0, count: boxCount)
    for sample in samples { counts[sample.groundTruth] += 1 }
    guard
        let best = counts.indices.max(by: { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) }
        ),
        counts[best] > 0
    else { return nil }
    let own = samples.filter { $0.groundTruth == best }
    let box = own[0].box
    let aim = Point(x: box.x0 + box.width / 3, y: box.y0 + box.height / 3)
    func distance(_ s: PositiveSample) -> Float {
        let dx = s.location.x - aim.x
        let dy = s.location.y - aim.y
        return dx * dx + dy * dy
    }
    return own.min { distance($0) < distance($1) }
}

/// One positive per level that has any: the most central positive of the level's busiest box.
func onePerLevel(_ samples: [PositiveSample]) -> [PositiveSample] {
    var result: [PositiveSample] = []
    for level in Set(samples.map(\.level)).sorted() {
        let here = samples.filter { $0.level == level }
        var counts: [Int: Int] = [:]
        for sample in here { counts[sample.groundTruth, default: 0] += 1 }
        let busiest = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }!.key
        let central = here.filter { $0.groundTruth == busiest }.max { $0.centerness < $1.centerness }!
        result.append(central)
    }
    return result
}

/// Typical target sizes on one level, over all its positives.
///
/// The mean of the four distances would not do: `l* + r*` is the box's width and `t* + b*` its
/// height wherever the location is, so it only measures the box. `m`, the largest distance,
/// depends on where the location sits and is what the size gate bounds.
struct LevelMagnitude {
    var level: Int
    var levelName: String
    var stride: Int
    var positives: Int
    /// `m = max(l*, t*, r*, b*)` over the level's positives, in pixels: mean, smallest, largest.
    var meanM: Float
    var smallestM: Float
    var largestM: Float

    var meanMStrides: Float { meanM / Float(stride) }
}

func levelMagnitudes(_ samples: [PositiveSample]) -> [LevelMagnitude] {
    Set(samples.map(\.level)).sorted().map { level in
        let here = samples.filter { $0.level == level }
        let ms = here.map(\.pixels.maximum)
        return LevelMagnitude(
            level: level, levelName: here[0].levelName, stride: here[0].stride, positives: here.count,
            meanM: ms.reduce(0, +) / Float(ms.count), smallestM: ms.min()!, largestM: ms.max()!)
    }
}

/// The rows of the negative-distance table: the predictions, then each decoding with its width
/// and IoU with the ground truth, one column per prediction.
func decodingRows(
    _ predictions: [LTRB], unitName: String, asIs: [Box], clipped: [Box], truth: Box
) -> [Table.Row] {
    func row(_ title: String, _ cells: [String]) -> Table.Row { Table.Row([title] + cells) }
    let widths: ([Box]) -> [String] = { boxes in boxes.map { short($0.width) } }
    let ious: ([Box]) -> [String] = { boxes in boxes.map { num(intersectionOverUnion($0, truth), 3) } }
    return [
        row("prediction l, t, r, b (\(unitName))", predictions.map { ltrbText($0, 2) }),
        row("decoded as is", asIs.map { boxText($0) }),
        row("→ its width (px)", widths(asIs)),
        row("→ IoU with the box", ious(asIs)),
        row("clipped at 0, then decoded", clipped.map { boxText($0) }),
        row("→ its width (px)", widths(clipped)),
        row("→ IoU with the box", ious(clipped)),
    ]
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

func ltrbText(_ d: LTRB, _ decimals: Int = 2) -> String {
    "(\(short(d.l, decimals)), \(short(d.t, decimals)), \(short(d.r, decimals)), \(short(d.b, decimals)))"
}

func boxText(_ b: Box, _ decimals: Int = 2) -> String {
    "[\(short(b.x0, decimals)), \(short(b.y0, decimals)), \(short(b.x1, decimals)), \(short(b.y1, decimals))]"
}

func pointText(_ p: Point) -> String { "(\(short(p.x)), \(short(p.y)))" }
