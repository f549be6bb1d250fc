import FCOS
import Foundation

/// SplitMix64: a tiny, well-mixed generator, so the simulated head outputs are the same on every
/// run and every machine.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in `[low, high)`.
    mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * Double(next() >> 11) / Double(1 << 53)
    }

    /// A standard normal number (Box–Muller).
    mutating func normal() -> Double {
        let u = uniform(Double.leastNonzeroMagnitude, 1)
        let v = uniform(0, 1)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}

/// The logit whose sigmoid is `p`.
func logit(_ p: Double) -> Float { Float(log(p / (1 - p))) }

/// The post-processing rules of the reference a matching preset reproduces.
func postProcessingRules(for preset: Preset) -> PostProcessingRules {
    switch preset.name {
    case "official-imprv": return .officialImprv
    case "mmdet": return .mmdet
    case "torchvision": return .torchvision
    case "detectron2": return .detectron2
    case "eecs498": return .eecs498
    default: return .official
    }
}

/// How the simulated head is made up; every number here is printed by the lesson.
struct SimulationRecipe {
    var seed: UInt64 = 7
    var classCount = 80
    /// Each predicted side is the target side times a factor drawn from this range.
    var sideJitter: ClosedRange<Double> = 0.8...1.2
    /// A positive's own class: `p = base + slope · centerness* + noise`.
    var positiveBase = 0.3
    var positiveSlope = 0.6
    var positiveNoise = 0.1
    /// A positive's centerness prediction: `centerness* + noise`.
    var centernessNoise = 0.1
    /// Every other (location, class) pair: `p = median · exp(spread · z)`, `z` standard normal.
    var backgroundMedian = 0.01
    var backgroundSpread = 0.9
    /// Background centerness predictions, uniform in this range.
    var backgroundCenterness: ClosedRange<Double> = 0.05...0.4
    /// Background boxes: each side this many strides from the location.
    var backgroundSide: ClosedRange<Double> = 1...4
}

/// Dense head outputs made from an assignment's targets plus seeded noise: what a reasonably
/// trained network might output, without training one.
struct SimulatedHead {
    var levels: [DensePredictions]
    var recipe: SimulationRecipe
    /// The class index of each ground truth.
    var classOfBox: [Int]
    /// A readable name per class index the scene uses.
    var classNames: [Int: String]

    func className(_ index: Int) -> String { classNames[index] ?? "class \(index)" }
}

func simulateHead(_ assignment: Assignment, units: RegressionUnits, recipe: SimulationRecipe) -> SimulatedHead {
    var classIndex: [Int: Int] = [:]
    var classNames: [Int: String] = [:]
    for truth in assignment.groundTruths where classIndex[truth.label] == nil {
        let index = classIndex.count % recipe.classCount
        classIndex[truth.label] = index
        classNames[index] = truth.name ?? "label \(truth.label)"
    }
    let classOfBox = assignment.groundTruths.map { classIndex[$0.label]! }
    var random = SeededRandom(seed: recipe.seed)
    let classes = recipe.classCount
    var levels: [DensePredictions] = []
    for level in assignment.levels {
        let stride = Float(level.map.stride)
        let toUnits: Float = units == .stride ? 1 / stride : 1
        var locations: [Point] = []
        var classLogits: [Float] = []
        var regression: [LTRB] = []
        var centerness: [Float] = []
        locations.reserveCapacity(level.map.count)
        classLogits.reserveCapacity(level.map.count * classes)
        for index in 0..<level.map.count {
            let location = level.map.location(at: index)
            locations.append(location)
            for _ in 0..<classes {
                let p = recipe.backgroundMedian * exp(recipe.backgroundSpread * random.normal())
                classLogits.append(logit(min(p, 0.99)))
            }
            let matched = Int(level.matched[index])
            if matched >= 0 {
                let box = assignment.groundTruths[matched].box
                let target = LTRB(from: location, to: box)
                func jitter(_ side: Float) -> Float {
                    side * Float(random.uniform(recipe.sideJitter.lowerBound, recipe.sideJitter.upperBound))
                        * toUnits
                }
                regression.append(LTRB(l: jitter(target.l), t: jitter(target.t), r: jitter(target.r), b: jitter(target.b)))
                let ctr = Double(Centerness.value(target))
                let p =
                    recipe.positiveBase + recipe.positiveSlope * ctr
                    + random.uniform(-recipe.positiveNoise, recipe.positiveNoise)
                classLogits[index * classes + classOfBox[matched]] = logit(min(max(p, 0.01), 0.99))
                let c = ctr + random.uniform(-recipe.centernessNoise, recipe.centernessNoise)
                centerness.append(logit(min(max(c, 0.02), 0.98)))
            } else {
                func side() -> Float {
                    Float(random.uniform(recipe.backgroundSide.lowerBound, recipe.backgroundSide.upperBound))
                        * stride * toUnits
                }
                regression.append(LTRB(l: side(), t: side(), r: side(), b: side()))
                centerness.append(
                    logit(random.uniform(recipe.backgroundCenterness.lowerBound, recipe.backgroundCenterness.upperBound)))
            }
        }
        levels.append(
            DensePredictions(
                locations: locations, stride: stride, classLogits: classLogits, regression: regression,
                centernessLogits: centerness))
    }
    return SimulatedHead(levels: levels, recipe: recipe, classOfBox: classOfBox, classNames: classNames)
}
