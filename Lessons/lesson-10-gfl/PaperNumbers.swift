// Generalized Focal Loss (Li et al., NeurIPS 2020, arXiv 2006.04388) and GFL v2 (Li et al.,
// CVPR 2021), COCO minival AP with ResNet-50 at 1x on ATSS, as collected in
// `research/beyond-fcos.md` §4.6 and §6. These are the papers' measurements; everything about
// the scene and the losses is computed.

/// The QFL / DFL ablation on ATSS (centerness branch as the baseline).
enum Ablation {
    static let baseline = 39.2
    static let qfl = 39.9
    static let dflOnly = 39.5
    static let both = 40.2
}

/// QFL's β: AP for β = 0, 1, 2, 2.5, 4.
enum BetaSweep {
    static let ap: [(beta: Double, ap: Double)] = [(0, 37.6), (1, 39.0), (2, 39.9), (2.5, 39.7), (4, 38.2)]
}

/// GFL v2 (Distribution-Guided Quality Predictor) against GFL v1, R-50 1x minival.
enum Version2 {
    static let v1 = 40.2
    static let v2 = 41.0
}
