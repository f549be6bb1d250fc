/// The rest of each reference's rule set: how it weighs and normalises the training loss, and
/// how it turns dense predictions into detections. Kept beside ``Preset`` so that choosing a
/// preset chooses all three consistently.
extension Preset {
    /// The training loss of this preset's reference (``LossRules``).
    public var loss: LossRules {
        switch name {
        case Preset.officialImprv.name: return .officialImprv
        case Preset.mmdet.name: return .mmdet
        case Preset.torchvision.name: return .torchvision
        case Preset.detectron2.name: return .detectron2
        case Preset.eecs498.name: return .eecs498
        default: return .official
        }
    }

    /// Inference post-processing of this preset's reference (``PostProcessingRules``).
    public var postProcessing: PostProcessingRules {
        switch name {
        case Preset.officialImprv.name: return .officialImprv
        case Preset.mmdet.name: return .mmdet
        case Preset.torchvision.name: return .torchvision
        case Preset.detectron2.name: return .detectron2
        case Preset.eecs498.name: return .eecs498
        default: return .official
        }
    }
}
