import Annotations
import FCOS
import Foundation

/// The flattened training targets of one image, in the order every reference concatenates them:
/// level by level, and within a level row by row (`k = offset_ℓ + i·W_ℓ + j`).
struct FlatTargets: Sendable {
    var classTargets: [Int] = []
    var regressionTargets: [LTRB] = []
    var locations: [Point] = []
    var strides: [Float] = []
    var matched: [Int] = []
    /// The matched ground-truth box per location (a zero box for background): torchvision and
    /// detectron2 compare the decoded prediction with the box itself.
    var boxes: [Box] = []
    /// The first `k` of each level.
    var offsets: [Int] = []

    init(_ assignment: Assignment) {
        for level in assignment.levels {
            offsets.append(classTargets.count)
            for index in 0..<level.map.count {
                let g = Int(level.matched[index])
                matched.append(g)
                boxes.append(g >= 0 ? assignment.groundTruths[g].box : Box(x0: 0, y0: 0, x1: 0, y1: 0))
                classTargets.append(g >= 0 ? assignment.groundTruths[g].label : -1)
                regressionTargets.append(level.ltrb[index])
                locations.append(level.map.location(at: index))
                strides.append(Float(level.map.stride))
            }
        }
    }

    var count: Int { classTargets.count }
}

/// Made-up head outputs for every location, so the loss has something to measure. Not a network:
/// an error model with a fixed seed. The background part is drawn once (``BackgroundScores``) and
/// shared by every preset, and each preset's positives are drawn per location in the same way,
/// so two presets differ only by their targets and their loss rules, never by a different draw.
///
/// - classification: every (location, class) entry that should be 0 keeps its background logit;
///   a positive's own class gets `p` uniform in 0.3…0.9.
/// - regression: each target distance times a factor `e^u`, `u` uniform in ±0.25 (a box up to
///   about 28 % too large or small per side); background locations predict 1.
/// - centerness: the target plus a uniform error in ±0.15, kept inside 0.02…0.98, as a logit.
struct SimulatedHead {
    var classLogits: [Float]
    var regression: [LTRB]
    var centernessLogits: [Float]

    init(_ targets: FlatTargets, background: BackgroundScores, seed: UInt64) {
        let classCount = background.classCount
        precondition(targets.count <= background.locationCount, "background drawn for too few locations")
        var random = SeededGenerator(seed: seed)
        classLogits = Array(background.classLogits.prefix(targets.count * classCount))
        centernessLogits = Array(background.centernessLogits.prefix(targets.count))
        regression = [LTRB](repeating: LTRB(l: 1, t: 1, r: 1, b: 1), count: targets.count)
        for k in 0..<targets.count {
            let label = targets.classTargets[k]
            guard label >= 0 else { continue }
            let p = Double.random(in: 0.3...0.9, using: &random)
            classLogits[k * classCount + label] = Float(log(p / (1 - p)))
            let t = targets.regressionTargets[k]
            func off(_ d: Float) -> Float { d * Float(exp(Double.random(in: -0.25...0.25, using: &random))) }
            regression[k] = LTRB(l: off(t.l), t: off(t.t), r: off(t.r), b: off(t.b))
            let c = Double(Centerness.value(t)) + Double.random(in: -0.15...0.15, using: &random)
            let clamped = min(max(c, 0.02), 0.98)
            centernessLogits[k] = Float(log(clamped / (1 - clamped)))
        }
    }

    /// The library's loss inputs: these outputs against `targets`.
    func inputs(_ targets: FlatTargets, classCount: Int) -> FCOSLossInputs {
        FCOSLossInputs(
            classTargets: targets.classTargets, regressionTargets: targets.regressionTargets,
            classLogits: classLogits, regression: regression, centernessLogits: centernessLogits,
            locations: targets.locations, strides: targets.strides, targetBoxes: targets.boxes,
            classCount: classCount)
    }
}

/// The background scores of the simulated head: `logit(p) ~ N(logit 0.01, 1)` for every
/// (location, class) entry, easy background with a tail of hard negatives as in lesson 6. Drawn
/// from a table of 4 096 seeded normal numbers, indexed by a SplitMix step per entry: a million
/// and a half Box–Muller draws would take seconds in a debug build, for no visible difference.
struct BackgroundScores: Sendable {
    var classCount: Int
    var locationCount: Int
    var classLogits: [Float]
    var centernessLogits: [Float]

    init(locations: Int, classCount: Int, seed: UInt64) {
        self.classCount = classCount
        locationCount = locations
        var random = SeededGenerator(seed: seed)
        let centre = Float(log(0.01 / 0.99))
        let table: [Float] = (0..<4096).map { _ in
            let u = Double.random(in: Double.leastNormalMagnitude..<1, using: &random)
            let v = Double.random(in: 0..<1, using: &random)
            return centre + Float((-2 * log(u)).squareRoot() * cos(2 * .pi * v))
        }
        classLogits = [Float](unsafeUninitializedCapacity: locations * classCount) { buffer, count in
            for i in 0..<buffer.count { buffer[i] = table[Int(truncatingIfNeeded: random.next() & 4095)] }
            count = buffer.count
        }
        centernessLogits = (0..<locations).map { _ in table[Int(truncatingIfNeeded: random.next() & 4095)] }
    }
}

/// One preset's targets, the simulated head's outputs against them, and the library's loss.
struct PresetLoss: Sendable {
    var preset: Preset
    var targets: FlatTargets
    var inputs: FCOSLossInputs
    var breakdown: FCOSLossBreakdown
}

/// The simulated head on `targets`, measured by `FCOSLoss.breakdown` under `preset`'s rules.
func simulatedLoss(_ preset: Preset, _ targets: FlatTargets, background: BackgroundScores, seed: UInt64)
    -> PresetLoss
{
    let inputs = SimulatedHead(targets, background: background, seed: seed)
        .inputs(targets, classCount: background.classCount)
    return PresetLoss(
        preset: preset, targets: targets, inputs: inputs,
        breakdown: FCOSLoss.breakdown(inputs, rules: preset.loss))
}

/// ``simulatedLoss(_:_:background:seed:)`` for several presets at once, in parallel: each is
/// independent, and each takes a debug build a second or two.
func simulatedLosses(_ presets: [(Preset, FlatTargets)], background: BackgroundScores, seed: UInt64)
    -> [PresetLoss]
{
    let slots = Slots<PresetLoss>(count: presets.count)
    DispatchQueue.concurrentPerform(iterations: presets.count) { index in
        slots[index] = simulatedLoss(presets[index].0, presets[index].1, background: background, seed: seed)
    }
    return slots.values.map { $0! }
}

/// Results written by parallel iterations, one slot each, behind a lock.
final class Slots<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Value?]

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Value? {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    var values: [Value?] { lock.withLock { storage } }
}
