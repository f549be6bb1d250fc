/// A named rule set that reproduces one reference implementation exactly.
///
/// | preset | locations | gate | center sampling | ambiguity | units |
/// |---|---|---|---|---|---|
/// | `official` | `j·s + ⌊s/2⌋` | inclusive `[-1,64]…[512,1e8]` | off | min area, `+1` widths | px |
/// | `official-imprv` | `j·s + ⌊s/2⌋` | inclusive | clipped square, r = 1.5 | min area, `+1` widths | ÷ s |
/// | `mmdet` | `(j+0.5)·s` | inclusive | clipped square, r = 1.5 | min area | ÷ s |
/// | `torchvision` | `j·s` | strict `(4s, 8s)` | Chebyshev, r = 1.5 | float32 `1e8 − area` | ÷ s |
/// | `detectron2` | `j·s` | strict `(4s, 8s)` | Chebyshev, r = 1.5 | float32 `1e8 − area` | ÷ s |
/// | `eecs498` | `(j+0.5)·s`, P3–P5 | strict `(4s, 8s)` | off | float32 `1e8 − area` | ÷ s, −1 background |
public struct Preset: Sendable {
    /// Which reference configuration this is; the name `--preset` takes is its raw value.
    public var id: ID
    /// One line on what the preset reproduces.
    public var summary: String
    /// The target-assignment rules.
    public var assignment: AssignmentRules

    /// A preset from its rules.
    public init(id: ID, summary: String, assignment: AssignmentRules) {
        self.id = id
        self.summary = summary
        self.assignment = assignment
    }

    /// The FCOS presets. A closed set: the loss, post-processing and data-path rules switch over
    /// it (and over ``CodeBase``) with no default, so a new preset must say what each of them is.
    public enum ID: String, Sendable, CaseIterable {
        /// The authors' code, `fcos_R_50_FPN_1x`.
        case official
        /// The authors' improved configuration, `fcos_imprv_R_50_FPN_1x`.
        case officialImprv = "official-imprv"
        /// mmdetection's `FCOSHead`, `center-normbbox-centeronreg-giou` config.
        case mmdet
        /// `torchvision.models.detection.FCOS`.
        case torchvision
        /// detectron2's `meta_arch/fcos.py`.
        case detectron2
        /// The EECS 498 one-stage detector homework.
        case eecs498
    }

    /// The name users type, e.g. `torchvision`.
    public var name: String { id.rawValue }

    /// A matcher that follows this preset's rules.
    public var matcher: Matcher { Matcher(rules: assignment) }

    /// The code base whose data path (how annotations become boxes, how images are resized) goes
    /// with this preset. EECS 498 has no COCO pipeline of its own; `DataPath` gives it
    /// torchvision's, the closest.
    public var codeBase: CodeBase {
        switch id {
        case .official, .officialImprv: return .fcosOfficial
        case .mmdet: return .mmdetection
        case .torchvision: return .torchvision
        case .detectron2: return .detectron2
        case .eecs498: return .eecs498
        }
    }
}

extension Preset {
    /// Every preset, the paper's first.
    public static let all: [Preset] = [official, officialImprv, mmdet, torchvision, detectron2, eecs498]

    /// Every preset's name, in the order of ``all``.
    public static var names: [String] { all.map(\.name) }

    /// The preset called `name`, or `nil`.
    public static func named(_ name: String) -> Preset? { all.first { $0.name == name } }

    private static let paperStrides = [8, 16, 32, 64, 128]

    /// The paper as its authors' code runs it (tianzhi0549/FCOS, `fcos_R_50_FPN_1x`): locations at
    /// `j·s + ⌊s/2⌋` on P3–P7, inclusive ranges, no center sampling, areas with `+1` widths,
    /// regression in pixels through `exp(s·x)`.
    public static let official = Preset(
        id: .official,
        summary: "the paper, as the authors' code runs it (FCOS R-50 1x)",
        assignment: AssignmentRules(
            levels: FeatureLevel.paperLevels, featureSize: .paddedThenHalved(divisor: 32),
            locationOffset: .flooredHalfStride, areaConvention: .inclusivePixels, sizeGate: .inclusive,
            centerSampling: .off, ambiguity: .minimumArea, regressionUnits: .pixels))

    /// The authors' improved configuration (`fcos_imprv_R_50_FPN_1x`): center sampling with
    /// radius 1.5 and regression targets divided by the stride (`NORM_REG_TARGETS`).
    public static let officialImprv = Preset(
        id: .officialImprv,
        summary: "the authors' improved variant: center sampling r = 1.5, targets ÷ stride",
        assignment: AssignmentRules(
            levels: FeatureLevel.paperLevels, featureSize: .paddedThenHalved(divisor: 32),
            locationOffset: .flooredHalfStride, areaConvention: .inclusivePixels, sizeGate: .inclusive,
            centerSampling: .clippedSubBox(radius: 1.5), ambiguity: .minimumArea, regressionUnits: .stride))

    /// mmdetection's `FCOSHead` as configured in its `center-normbbox-centeronreg-giou` model:
    /// points at `(j + 0.5)·s`, continuous areas, center sampling 1.5, `norm_on_bbox`.
    public static let mmdet = Preset(
        id: .mmdet,
        summary: "mmdetection FCOSHead (center-normbbox-centeronreg-giou config)",
        assignment: AssignmentRules(
            levels: FeatureLevel.paperLevels, featureSize: .paddedThenHalved(divisor: 32),
            locationOffset: .halfStride, areaConvention: .continuous, sizeGate: .inclusive,
            centerSampling: .clippedSubBox(radius: 1.5), ambiguity: .minimumArea, regressionUnits: .stride))

    /// torchvision's `FCOS.compute_loss`: anchor points at `j·s`, strict `(4s, 8s)` ranges,
    /// Chebyshev center sampling 1.5, float32 `1e8 − area` ranking, `BoxLinearCoder` targets ÷ s.
    public static let torchvision = Preset(
        id: .torchvision,
        summary: "torchvision.models.detection.FCOS",
        assignment: AssignmentRules(
            levels: FeatureLevel.strideDerivedLevels(strides: paperStrides),
            featureSize: .paddedThenHalved(divisor: 32), locationOffset: .zero, areaConvention: .continuous,
            sizeGate: .strict, centerSampling: .chebyshev(radius: 1.5), ambiguity: .float32Rank,
            regressionUnits: .stride))

    /// detectron2's `meta_arch/fcos.py`, whose matching torchvision's was ported from: the same
    /// rules, with its `DefaultAnchorGenerator` at offset 0 (so locations at `j·s`, not the cell
    /// centre) and its FPN padding inputs to a multiple of 32.
    public static let detectron2 = Preset(
        id: .detectron2,
        summary: "detectron2 modeling/meta_arch/fcos.py",
        assignment: AssignmentRules(
            levels: FeatureLevel.strideDerivedLevels(strides: paperStrides),
            featureSize: .paddedThenHalved(divisor: 32), locationOffset: .zero, areaConvention: .continuous,
            sizeGate: .strict, centerSampling: .chebyshev(radius: 1.5), ambiguity: .float32Rank,
            regressionUnits: .stride))

    /// The EECS 498 one-stage-detector homework: P3–P5 only, locations `(j + 0.5)·s`, strict
    /// `(4s, 8s)` ranges with 0 and ∞ at the ends, no center sampling, float32 `1e8 − area`,
    /// deltas ÷ s, and `−1` marking background deltas and centerness.
    public static let eecs498 = Preset(
        id: .eecs498,
        summary: "EECS 498 one-stage detector homework (P3-P5)",
        assignment: AssignmentRules(
            levels: FeatureLevel.strideDerivedLevels(strides: [8, 16, 32]), featureSize: .ceilDivision,
            locationOffset: .halfStride, areaConvention: .continuous, sizeGate: .strict, centerSampling: .off,
            ambiguity: .float32Rank, regressionUnits: .stride, backgroundSentinels: true))
}
