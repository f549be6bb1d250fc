import ATSS
import FCOS

/// The `gfl` preset: mmdetection's `GFLHead` (`gfl_r50_fpn_1x_coco`): ATSS assignment exactly as
/// `ATSS.ATSSPreset.atssMmdet` (`ATSSAssigner(topk=9)`, anchors at `j·s`, continuous IoU), then
/// distance targets in strides over 17 bins (``GFLTargets``), QFL (β = 2) on a joint class–IoU
/// score instead of centerness, DFL (weight 0.25) and GIoU (weight 2.0).
public struct GFLPreset: Sendable {
    /// Which reference the preset reproduces.
    public var id: ID
    /// One line for `--help` and captions.
    public var summary: String
    /// The ATSS rules that choose the positives.
    public var assignment: ATSSRules
    /// `reg_max`, the last bin of each side's distribution.
    public var maximum: Int

    /// The presets' names, as `--preset` takes them.
    public enum ID: String, Sendable, CaseIterable {
        /// mmdetection's `GFLHead` (`gfl_r50_fpn_1x_coco`).
        case gfl
    }

    /// A preset of your own, e.g. another `reg_max` to see where the clamp starts to bite.
    public init(id: ID, summary: String, assignment: ATSSRules, maximum: Int) {
        self.id = id
        self.summary = summary
        self.assignment = assignment
        self.maximum = maximum
    }

    /// The name `--preset` takes and tables print.
    public var name: String { id.rawValue }

    /// The code base whose data path, losses and post-processing go with this preset.
    public var codeBase: CodeBase {
        switch id {
        case .gfl: return .mmdetection
        }
    }

    /// The ATSS assigner that chooses GFL's positives: GFL changes the losses, not the assignment.
    public var assigner: ATSSAssigner { ATSSAssigner(rules: assignment) }

    /// mmdetection's GFL: `atss-mmdet` positives, 17 bins per side.
    public static let gfl = GFLPreset(
        id: .gfl, summary: "mmdetection GFLHead (gfl_r50_fpn_1x): atss-mmdet assignment, QFL + DFL",
        assignment: ATSSPreset.atssMmdet.rules, maximum: 16)

    /// Every GFL preset, for lists and `--help`.
    public static let all: [GFLPreset] = [gfl]

    /// The preset called `name`, or `nil`, so a command line can reject an unknown name in one
    /// line.
    public static func named(_ name: String) -> GFLPreset? { all.first { $0.name == name } }
}
