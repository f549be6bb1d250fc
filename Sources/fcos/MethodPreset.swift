import ATSS
import Annotations
import FCOS
import GFL

/// The rule set `--preset` names, resolved from its name once, at the command line's edge, and
/// never looked up by name again below it.
///
/// This is the dispatch point between methods: every command that accepts any method's preset
/// switches over it with no `default:`, so adding a method (CenterNet, CornerNet, …) is a new
/// case here and the compiler lists each place that must handle it. Within a method the preset
/// carries its rules; across methods what they share is derived from the ``CodeBase`` each names
/// (the data path) and from the per-level targets every method writes (``DenseTargets``).
enum MethodPreset: Sendable {
    case fcos(Preset)
    case atss(ATSSPreset)
    case gfl(GFLPreset)

    /// Every preset of every method, FCOS's first (the paper's first among them).
    static let all: [MethodPreset] =
        Preset.all.map(MethodPreset.fcos) + ATSSPreset.all.map(MethodPreset.atss)
        + GFLPreset.all.map(MethodPreset.gfl)

    static var names: [String] { all.map(\.name) }

    static func named(_ name: String) -> MethodPreset? { all.first { $0.name == name } }

    var name: String {
        switch self {
        case .fcos(let p): return p.name
        case .atss(let p): return p.name
        case .gfl(let p): return p.name
        }
    }

    var summary: String {
        switch self {
        case .fcos(let p): return p.summary
        case .atss(let p): return p.summary
        case .gfl(let p): return p.summary
        }
    }

    var codeBase: CodeBase {
        switch self {
        case .fcos(let p): return p.codeBase
        case .atss(let p): return p.codeBase
        case .gfl(let p): return p.codeBase
        }
    }

    /// The method's name as a heading says it.
    var methodName: String {
        switch self {
        case .fcos: return "FCOS"
        case .atss: return "ATSS"
        case .gfl: return "GFL"
        }
    }

    /// The data path of the preset's code base.
    func dataPath(minSize: Int = 800, maxSize: Int = 1333) -> DataPath {
        DataPath(codeBase: codeBase, minSize: minSize, maxSize: maxSize)
    }

    /// The ATSS rules of an ATSS-based preset, `nil` for FCOS.
    var atssRules: ATSSRules? {
        switch self {
        case .fcos: return nil
        case .atss(let p): return p.rules
        case .gfl(let p): return p.assignment
        }
    }

    /// One image's per-level targets (no explanations).
    func targets(_ groundTruths: [GroundTruth], imageWidth: Int, imageHeight: Int) -> DenseTargets {
        switch self {
        case .fcos(let p):
            return p.matcher.assign(groundTruths, imageWidth: imageWidth, imageHeight: imageHeight).targets
        case .atss(let p):
            return p.assigner.assign(groundTruths, imageWidth: imageWidth, imageHeight: imageHeight).targets
        case .gfl(let p):
            return p.assigner.assign(groundTruths, imageWidth: imageWidth, imageHeight: imageHeight).targets
        }
    }

    /// Best possible recall and ambiguity over a data set, with FPN and on one stride-16 level.
    func statistics(
        _ dataset: Dataset, dataPath: DataPath, workers: Int, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) -> DatasetStatistics {
        func atss(_ rules: ATSSRules) -> DatasetStatistics {
            DatasetStatistics.compute(
                dataset, name: name, withFPN: ATSSAssigner(rules: rules),
                withoutFPN: ATSSAssigner(rules: rules.withoutFPN),
                dataPath: dataPath, workers: workers, progress: progress)
        }
        switch self {
        case .fcos(let p):
            return DatasetStatistics.compute(
                dataset, preset: p, dataPath: dataPath, workers: workers, progress: progress)
        case .atss(let p): return atss(p.rules)
        case .gfl(let p): return atss(p.assignment)
        }
    }
}

/// The preset of any method called `name`, or an error listing them all.
func lookUpMethodPreset(named name: String) throws -> MethodPreset {
    guard let preset = MethodPreset.named(name) else {
        throw InputError(
            file: "--preset",
            problem: "unknown preset '\(name)' (choose \(MethodPreset.names.joined(separator: ", ")))")
    }
    return preset
}
