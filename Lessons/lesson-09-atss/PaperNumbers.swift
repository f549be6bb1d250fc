// The ATSS paper's own results (Zhang et al., "Bridging the Gap Between Anchor-based and
// Anchor-free Detection via Adaptive Training Sample Selection", CVPR 2020, arXiv 1912.02424),
// COCO minival AP with ResNet-50 at 1x, as collected in `research/beyond-fcos.md` §6. These are
// measurements the lesson quotes; everything about the scene is computed.

/// Table 2: the same two ways of defining positives, with a box or a point to regress from.
enum Table2 {
    /// RetinaNet with one square anchor per location (#A = 1), regressing from the anchor box.
    static let retinaNetIoU = 37.0
    static let retinaNetSpatialScale = 37.8
    /// FCOS, regressing from the point.
    static let fcosIoU = 36.9
    static let fcosSpatialScale = 37.8
}

/// Table 3: FCOS, FCOS with center sampling (the "lite" ATSS merged into the FCOS code), and
/// FCOS with full ATSS.
enum Table3 {
    static let fcos = 37.8
    static let fcosCenterSampling = 38.6
    static let fcosATSS = 39.2
    static let retinaNet = 37.0
    static let retinaNetATSS = 39.3
}

/// Table 4: AP for k = 3, 5, …, 19 candidates per level.
enum Table4 {
    static let ap: [(k: Int, ap: Double)] = [
        (3, 38.0), (5, 38.8), (7, 39.1), (9, 39.3), (11, 39.1), (13, 39.0), (15, 39.1), (17, 39.2),
        (19, 38.9),
    ]
}
