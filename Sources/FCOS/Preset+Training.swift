/// The rest of each reference's rule set: how it weighs and normalises the training loss, and
/// how it turns dense predictions into detections. Kept beside ``Preset`` so that choosing a
/// preset chooses all three consistently.
extension Preset {
    /// The training loss of this preset's reference (``LossRules``).
    public var loss: LossRules {
        switch id {
        case .official: return .official
        case .officialImprv: return .officialImprv
        case .mmdet: return .mmdet
        case .torchvision: return .torchvision
        case .detectron2: return .detectron2
        case .eecs498: return .eecs498
        }
    }

    /// Inference post-processing of this preset's reference (``PostProcessingRules``).
    public var postProcessing: PostProcessingRules {
        switch id {
        case .official: return .official
        case .officialImprv: return .officialImprv
        case .mmdet: return .mmdet
        case .torchvision: return .torchvision
        case .detectron2: return .detectron2
        case .eecs498: return .eecs498
        }
    }
}
