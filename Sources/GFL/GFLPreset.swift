import ATSS
import FCOS

/// The `gfl` preset: mmdetection's `GFLHead` (`gfl_r50_fpn_1x_coco`): ATSS assignment exactly as
/// ``ATSSPreset/atssMmdet`` (`ATSSAssigner(topk=9)`, anchors at `j·s`, continuous IoU), then
/// distance targets in strides over 17 bins (``GFLTargets``), QFL (β = 2) on a joint class–IoU
/// score instead of centerness, DFL (weight 0.25) and GIoU (weight 2.0).
public struct GFLPreset: Sendable {
    public var id: ID
    public var summary: String
    /// The ATSS rules that choose the positives.
    public var assignment: ATSSRules
    /// `reg_max`, the last bin of each side's distribution.
    public var maximum: Int

    public enum ID: String, Sendable, CaseIterable {
        case gfl
    }

    public init(id: ID, summary: String, assignment: ATSSRules, maximum: Int) {
        self.id = id
        self.summary = summary
        self.assignment = assignment
        self.maximum = maximum
    }

    public var name: String { id.rawValue }

    public var codeBase: CodeBase {
        switch id {
        case .gfl: return .mmdetection
        }
    }

    public var assigner: ATSSAssigner { ATSSAssigner(rules: assignment) }

    public static let gfl = GFLPreset(
        id: .gfl, summary: "mmdetection GFLHead (gfl_r50_fpn_1x): atss-mmdet assignment, QFL + DFL",
        assignment: ATSSPreset.atssMmdet.rules, maximum: 16)

    public static let all: [GFLPreset] = [gfl]

    public static func named(_ name: String) -> GFLPreset? { all.first { $0.name == name } }
}
