/// The keypoint heads this module reproduces, each after its own reference code base.
public enum KeypointHead: String, Sendable, CaseIterable {
    /// "Objects as Points" (Zhou et al. 2019), xingyizhou/CenterNet `ctdet`.
    case centerNet = "centernet"
    /// CornerNet (Law & Deng 2018), princeton-vl/CornerNet.
    case cornerNet = "cornernet"

    /// One line for `--help` and summaries.
    public var summary: String {
        switch self {
        case .centerNet:
            return "one centre heat map per class at stride 4, radius formula as CenterNet's master "
                + "(min overlap 0.7), size and offset at the centre cell"
        case .cornerNet:
            return "top-left and bottom-right heat maps per class, corrected radius formula with "
                + "gaussian_iou 0.3, sub-pixel corner offsets and embedding indices"
        }
    }
}
