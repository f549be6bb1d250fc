import FCOS

/// A named ATSS rule set that reproduces one reference implementation.
///
/// | preset | anchor centre | anchor box | IoU | candidates per level | threshold | centre test |
/// |---|---|---|---|---|---|---|
/// | `atss` | `j·s + s/2` | `8s`, inclusive pixels | `+1` widths | `min(k, n_l)` | mean + sample std, `≥` | `> 0.01` |
/// | `atss-mmdet` | `j·s` | `c ± 4s` | continuous, union ≥ 1e-6 | `min(k, n_l)` | mean + sample std, `≥` | `> 0.01` |
///
/// The authors' code takes `min(k·A, n_l)` candidates with `A` anchors per location and
/// mmdetection `min(k, n_l)`; the shipped configurations have `A = 1`, the only case here.
public struct ATSSPreset: Sendable {
    /// Which reference the preset reproduces, as a closed set the command line can switch over.
    public var id: ID
    /// One line for `--help` and figure captions, naming the reference and its configuration.
    public var summary: String
    /// The assignment rules that make this preset's targets match its reference anchor for anchor.
    public var rules: ATSSRules

    /// A preset of your own, for experiments that change one knob of a reference's rules.
    public init(id: ID, summary: String, rules: ATSSRules) {
        self.id = id
        self.summary = summary
        self.rules = rules
    }

    /// The presets' names, as `--preset` takes them.
    public enum ID: String, Sendable, CaseIterable {
        /// The authors' code, sfzhang15/ATSS.
        case atss
        /// mmdetection 3.x `ATSSAssigner`.
        case atssMmdet = "atss-mmdet"
    }

    /// The name `--preset` takes and tables print.
    public var name: String { id.rawValue }

    /// An assigner with this preset's rules: the usual way in.
    public var assigner: ATSSAssigner { ATSSAssigner(rules: rules) }

    /// The code base whose data path, losses and post-processing go with this preset.
    public var codeBase: CodeBase {
        switch id {
        case .atss: return .atssOfficial
        case .atssMmdet: return .mmdetection
        }
    }
}

extension ATSSPreset {
    /// Every preset, authors' code first, for lists and for comparing references side by side.
    public static let all: [ATSSPreset] = [atss, atssMmdet]

    /// The preset called `name`, or `nil`.
    public static func named(_ name: String) -> ATSSPreset? { all.first { $0.name == name } }

    /// The authors' code (sfzhang15/ATSS, `atss_R_50_FPN_1x`): anchors centred at `j·s + s/2`
    /// with side `8s` in maskrcnn-benchmark's `+1` convention, IoU with `+1` widths.
    public static let atss = ATSSPreset(
        id: .atss, summary: "ATSS, as the authors' code runs it (ATSS R-50 1x)",
        rules: ATSSRules(anchors: .authors))

    /// mmdetection 3.x `ATSSAssigner` with `AnchorGenerator(octave_base_scale=8, center_offset=0)`:
    /// anchors centred at `j·s`, continuous `±4s` boxes and IoU.
    public static let atssMmdet = ATSSPreset(
        id: .atssMmdet, summary: "mmdetection ATSSAssigner + ATSSHead (atss_r50_fpn_1x)",
        rules: ATSSRules(anchors: .mmdetection))
}
