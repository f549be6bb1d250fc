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
}

/// How many pairs to pass over before the next noisy one: geometric with success probability `q`.
func skip(_ random: inout SeededRandom, _ q: Double) -> Int {
    Int(log(random.uniform(Double.leastNonzeroMagnitude, 1)) / log(1 - q))
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
    /// Each predicted side is the target side times a factor from `U(1 − a, 1 + a)`, where `a`
    /// runs from `edgeJitter` at centerness* 0 to `centreJitter` at centerness* 1: locations far
    /// from an object's centre predict worse boxes, the observation behind centerness.
    var centreJitter = 0.1
    var edgeJitter = 0.5
    /// A positive's own class: `p = base + slope · centerness* + noise`.
    var positiveBase = 0.3
    var positiveSlope = 0.6
    var positiveNoise = 0.1
    /// A positive's centerness prediction: `centerness* + noise`.
    var centernessNoise = 0.1
    /// Every other (location, class) pair scores `quietP`, except a random `noisyFraction` of
    /// them, which score a log-uniform `p` in `noisyRange`: the background "drizzle".
    var quietP = 0.005
    var noisyFraction = 0.01
    var noisyRange: ClosedRange<Double> = 0.02...0.2
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

    /// The scene's own classes by their names; the simulation's other class indices by the COCO
    /// names the scene does not use, in COCO order, so no two indices share a name.
    func className(_ index: Int) -> String {
        if let name = classNames[index] { return name }
        let used = Set(classNames.values)
        let spare = cocoClassNames.filter { !used.contains($0) }
        let position = index - classNames.count
        return spare.indices.contains(position) ? spare[position] : "class \(index)"
    }
}

func simulateHead(_ assignment: Assignment, units: RegressionUnits, recipe: SimulationRecipe) -> SimulatedHead
{
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
        // Every pair starts quiet; then the noisy ones are picked by geometric skips, which draws
        // one random number per noisy pair instead of one per pair.
        classLogits = [Float](repeating: logit(recipe.quietP), count: level.map.count * classes)
        var pair = skip(&random, recipe.noisyFraction)
        while pair < classLogits.count {
            let p = exp(random.uniform(log(recipe.noisyRange.lowerBound), log(recipe.noisyRange.upperBound)))
            classLogits[pair] = logit(p)
            pair += 1 + skip(&random, recipe.noisyFraction)
        }
        for index in 0..<level.map.count {
            let location = level.map.location(at: index)
            locations.append(location)
            let matched = Int(level.matched[index])
            if matched >= 0 {
                let box = assignment.groundTruths[matched].box
                let target = LTRB(from: location, to: box)
                let ctr = Double(Centerness.value(target))
                let a = recipe.edgeJitter + (recipe.centreJitter - recipe.edgeJitter) * ctr
                func jitter(_ side: Float) -> Float {
                    side * Float(random.uniform(1 - a, 1 + a)) * toUnits
                }
                regression.append(
                    LTRB(l: jitter(target.l), t: jitter(target.t), r: jitter(target.r), b: jitter(target.b)))
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
                    logit(
                        random.uniform(
                            recipe.backgroundCenterness.lowerBound, recipe.backgroundCenterness.upperBound)))
            }
        }
        levels.append(
            DensePredictions(
                locations: locations, stride: stride, classLogits: classLogits, regression: regression,
                centernessLogits: centerness))
    }
    return SimulatedHead(levels: levels, recipe: recipe, classOfBox: classOfBox, classNames: classNames)
}
