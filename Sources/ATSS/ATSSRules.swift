import FCOS

/// Every knob on which the ATSS reference implementations differ, as data. ``ATSSPreset`` names
/// the values that reproduce each reference.
///
/// ATSS (Zhang et al., CVPR 2020, Algorithm 1) keeps FCOS's levels and its "centre inside the
/// box" test but replaces the size gate and the smallest-area rule by statistics of IoUs:
///
/// 1. per level, the `k` anchors whose centres lie nearest the box centre are its **candidates**;
/// 2. the **threshold** is `t_g = m_g + v_g`, the mean plus the standard deviation of the
///    candidates' IoUs with the box, pooled over all levels;
/// 3. a candidate is **positive** when `IoU ≥ t_g` and its centre lies inside the box;
/// 4. an anchor positive for several boxes goes to the one it overlaps most.
public struct ATSSRules: Hashable, Sendable {
    /// The FPN levels P3–P7. ATSS uses only their names and strides: it has no size range.
    public var levels: [FeatureLevel]
    /// How big each level's feature map is (padded to a multiple of 32 in both references).
    public var featureSize: FeatureSizeRule
    /// The anchor boxes: where their centres sit and how their corners are written.
    public var anchors: AnchorConvention
    /// `k`, the candidates taken per level (the paper's Table 4 sweeps 3…19; 9 by default).
    /// A level with fewer anchors gives all of them (`min(k, n_l)`, both references since 2020).
    public var candidatesPerLevel: Int
    /// Which standard deviation the threshold adds to the mean (the references: sample, n − 1).
    public var deviation: Deviation
    /// How far inside the box, in pixels, an anchor centre must be: `min(l, t, r, b) > margin`
    /// (0.01 in both references, strict).
    public var centerMargin: Float

    /// Rules with the paper's defaults (P3–P7, `k = 9`, sample deviation, margin 0.01) and the
    /// given anchors, which are what tell the references apart.
    public init(
        levels: [FeatureLevel] = ATSSRules.paperLevels,
        featureSize: FeatureSizeRule = .paddedThenHalved(divisor: 32),
        anchors: AnchorConvention, candidatesPerLevel: Int = 9, deviation: Deviation = .sample,
        centerMargin: Float = 0.01
    ) {
        self.levels = levels
        self.featureSize = featureSize
        self.anchors = anchors
        self.candidatesPerLevel = candidatesPerLevel
        self.deviation = deviation
        self.centerMargin = centerMargin
    }

    /// P3–P7, strides 8…128. The size range is unused by ATSS and left unbounded.
    public static let paperLevels: [FeatureLevel] = [8, 16, 32, 64, 128].map { stride in
        FeatureLevel(
            name: "P\(stride.trailingZeroBitCount)", stride: stride,
            sizeRange: SizeRange(lower: 0, upper: .infinity))
    }

    /// The anchor grids for an input of `width × height` pixels: one anchor per location, listed
    /// row-major (x fastest) as `FCOS.FeatureMap.location(at:)` gives their centres.
    public func featureMaps(imageWidth width: Int, imageHeight height: Int) -> [FeatureMap] {
        let sizes = featureSize.sizes(imageWidth: width, imageHeight: height, levels: levels)
        return zip(levels, sizes).map { level, size in
            FeatureMap(
                level: level, width: size.width, height: size.height, stepX: level.stride,
                stepY: level.stride,
                offset: anchors.centerOffset)
        }
    }

    /// The same rules on one stride-16 level, the counterpart of FCOS's "without FPN" baseline
    /// (`FCOS.AssignmentRules.withoutFPN`): `k` candidates on P4 only, so the threshold can no
    /// longer choose a level.
    public var withoutFPN: ATSSRules {
        var rules = self
        rules.levels = [
            FeatureLevel(name: "P4", stride: 16, sizeRange: SizeRange(lower: 0, upper: .infinity))
        ]
        return rules
    }
}

/// Which standard deviation of the candidates' IoUs the threshold adds to their mean.
///
/// - ``sample``: `sqrt(Σ(x − m)² / (n − 1))`, Bessel-corrected, which is what `Tensor.std`
///   computes by default and so what both references use. Undefined for one candidate: the
///   reference gets NaN, every comparison with NaN is false, and the box gets no positive.
/// - ``population``: `sqrt(Σ(x − m)² / n)`, a slightly lower threshold; for teaching only (the
///   research notes' vector B changes its positives).
public enum Deviation: String, Hashable, Sendable, CaseIterable {
    /// Bessel-corrected (÷ n − 1): what both references compute.
    case sample
    /// Divided by n: for teaching how the correction moves the threshold.
    case population
}

/// The anchor boxes ATSS measures IoU with: one square of side `scale · s` per location
/// (`scale` 8 in both references, the paper's Table 5 tries 5…9).
///
/// - ``authors``: sfzhang15/ATSS (`anchor_generator.py`, `generate_anchors` from the window
///   `[0.5, 0.5, s − 0.5, s − 0.5]`): centre `j·s + s/2`, corners in maskrcnn-benchmark's
///   inclusive-pixel convention `[c − (8s − 1)/2, c + (8s − 1)/2]`, so that its `+1` width is
///   `8s`; IoU with `+1` widths (`boxlist_iou`).
/// - ``mmdetection``: mmdetection 3.x `AnchorGenerator` with `center_offset = 0`: centre `j·s`
///   (the top-left corner of the cell), corners `c ± 4s`, continuous IoU with the union clamped
///   to at least 1e-6 (`bbox_overlaps`).
public struct AnchorConvention: Hashable, Sendable {
    /// Where in its cell an anchor sits: the references differ by half a stride.
    public var centerOffset: LocationOffset
    /// Whether corners are inclusive pixels (`+1` widths) or continuous, which changes every IoU
    /// slightly.
    public var boxes: BoxConvention
    /// The anchor side in strides.
    public var scale: Float

    /// A convention of your own, e.g. another `scale` to replay the paper's Table 5.
    public init(centerOffset: LocationOffset, boxes: BoxConvention, scale: Float = 8) {
        self.centerOffset = centerOffset
        self.boxes = boxes
        self.scale = scale
    }

    /// sfzhang15/ATSS's anchors: centre `j·s + s/2`, inclusive-pixel corners, `+1` IoU.
    public static let authors = AnchorConvention(centerOffset: .halfStride, boxes: .inclusivePixels)
    /// mmdetection's anchors: centre `j·s`, continuous corners and IoU.
    public static let mmdetection = AnchorConvention(centerOffset: .zero, boxes: .continuous)

    /// The anchor box centred on `center` for a level of `stride`.
    public func box(centeredOn center: Point, stride: Int) -> Box {
        let side = scale * Float(stride)
        let half: Float
        switch boxes {
        case .continuous: half = side / 2
        case .inclusivePixels: half = (side - 1) / 2
        }
        return Box(x0: center.x - half, y0: center.y - half, x1: center.x + half, y1: center.y + half)
    }

    /// IoU of an anchor with a ground-truth box, in the reference's float32 order of operations:
    /// `inter / (area_a + area_g − inter)`, widths `+1` under inclusive pixels, the union at least
    /// 1e-6 under the continuous convention.
    @inline(__always)
    public func iou(anchor a: Box, box g: Box) -> Float {
        switch boxes {
        case .inclusivePixels:
            let w = max(min(a.x1, g.x1) - max(a.x0, g.x0) + 1, 0)
            let h = max(min(a.y1, g.y1) - max(a.y0, g.y0) + 1, 0)
            let inter = w * h
            let areaA = (a.x1 - a.x0 + 1) * (a.y1 - a.y0 + 1)
            let areaG = (g.x1 - g.x0 + 1) * (g.y1 - g.y0 + 1)
            return inter / (areaA + areaG - inter)
        case .continuous:
            let w = max(min(a.x1, g.x1) - max(a.x0, g.x0), 0)
            let h = max(min(a.y1, g.y1) - max(a.y0, g.y0), 0)
            let inter = w * h
            let areaA = (a.x1 - a.x0) * (a.y1 - a.y0)
            let areaG = (g.x1 - g.x0) * (g.y1 - g.y0)
            return inter / max(areaA + areaG - inter, 1e-6)
        }
    }
}
