import FCOS
import Foundation

/// One image's dense head outputs under construction: the preset's feature maps for a `width ×
/// height` image, every location background at first (class logits of −9 to −6), then objects
/// planted at chosen locations. Distances are given in pixels and stored in the preset's units,
/// so that the same scene means the same boxes under every preset.
struct InferenceScene {
    var maps: [FeatureMap]
    let classes: Int
    let units: RegressionUnits
    let width: Int
    let height: Int
    var logits: [[Float]]
    var regression: [[LTRB]]
    var centerness: [[Float]]

    init(
        rules: AssignmentRules, units: RegressionUnits, width: Int, height: Int, classes: Int,
        rng: inout SeededGenerator
    ) {
        maps = rules.featureMaps(imageWidth: width, imageHeight: height)
        self.classes = classes
        self.units = units
        self.width = width
        self.height = height
        logits = maps.map { map in (0..<(map.count * classes)).map { _ in -9 + rng.integer(0...6) * 0.5 } }
        centerness = maps.map { map in (0..<map.count).map { _ in -2 + rng.integer(0...8) * 0.5 } }
        regression = []
        for map in maps {
            let s: Float = units == .stride ? Float(map.stride) : 1
            regression.append(
                (0..<map.count).map { _ in
                    LTRB(
                        l: rng.integer(2...20) / s, t: rng.integer(2...20) / s, r: rng.integer(2...20) / s,
                        b: rng.integer(2...20) / s)
                })
        }
    }

    /// The location of `level` nearest `point` (the first on ties).
    func location(_ level: Int, near point: Point) -> Int {
        let locations = maps[level].locations
        return locations.indices.min { a, b in
            distance(locations[a], point) < distance(locations[b], point)
        }!
    }

    private func distance(_ a: Point, _ b: Point) -> Float { abs(a.x - b.x) + abs(a.y - b.y) }

    func point(_ level: Int, _ location: Int) -> Point { maps[level].locations[location] }

    /// Sets the distances from a location to the sides of `box`, in pixels (negative when the
    /// location is outside it), stored in the preset's units.
    mutating func regress(_ level: Int, _ location: Int, to box: Box) {
        let p = point(level, location)
        let s: Float = units == .stride ? Float(maps[level].stride) : 1
        regression[level][location] = LTRB(
            l: (p.x - box.x0) / s, t: (p.y - box.y0) / s, r: (box.x1 - p.x) / s, b: (box.y1 - p.y) / s)
    }

    /// Makes `location` predict `box` of class `label` with the given logits.
    mutating func plant(
        _ level: Int, _ location: Int, label: Int, logit: Float, centerness ctr: Float, box: Box
    ) {
        logits[level][location * classes + label] = logit
        centerness[level][location] = ctr
        regress(level, location, to: box)
    }

    var levels: [DensePredictions] {
        maps.indices.map { k in
            DensePredictions(
                locations: maps[k].locations, stride: Float(maps[k].stride), classLogits: logits[k],
                regression: regression[k], centernessLogits: centerness[k])
        }
    }

    func inferenceCase(_ name: String) -> InferenceCheck.Case {
        InferenceCheck.Case(name: name, levels: levels, width: width, height: height)
    }
}

/// Logits whose scores stay clear of every preset's threshold.
///
/// The references threshold in float32 and a student's `exp` may differ from the toolkit's in
/// the last bits, so a score within a few ulps of 0.05, 0.2 or 0.3 could fall either way for an
/// honest answer. Every foreground logit the cases draw keeps `p`, `p·ctr` and `√(p·ctr)` at
/// least 2·10⁻⁴ from each threshold, and centerness logits are not negative; the cases that probe a threshold put scores 0.5 % to 3.5 % from it.
enum SafeLogits {
    static let thresholds: [Float] = [0.05, 0.2, 0.3]
    static let classGrid: [Float] = (0...22).map { -1.5 + Float($0) * 0.25 }
    /// Non-negative only: a student who forgets a sigmoid then multiplies non-negative numbers,
    /// and no NaN (whose order no rule fixes) reaches the detections.
    static let centernessGrid: [Float] = (0...12).map { Float($0) * 0.25 }

    static func sigmoid(_ x: Float) -> Float { 1 / (1 + expf(-x)) }

    static func clear(_ classLogit: Float, _ centernessLogit: Float) -> Bool {
        let p = sigmoid(classLogit)
        let c = sigmoid(centernessLogit)
        return [p, p * c, (p * c).squareRoot()].allSatisfy { s in thresholds.allSatisfy { abs(s - $0) > 2e-4 }
        }
    }

    /// A (class logit, centerness logit) pair clear of every threshold, both logits at least
    /// `atLeast`.
    static func pair(_ rng: inout SeededGenerator, atLeast: Float = -.infinity) -> (Float, Float) {
        while true {
            let x = classGrid.randomElement(using: &rng)!
            let c = centernessGrid.randomElement(using: &rng)!
            if x >= atLeast, c >= atLeast, clear(x, c) { return (x, c) }
        }
    }

    /// Another class logit for a location whose centerness logit is `c`.
    static func classLogit(centerness c: Float, _ rng: inout SeededGenerator) -> Float {
        while true {
            let x = classGrid.randomElement(using: &rng)!
            if clear(x, c) { return x }
        }
    }

    /// The logit whose sigmoid is `p`.
    static func logit(_ p: Float) -> Float { logf(p / (1 - p)) }
}
