import FCOS
import Foundation

/// RetinaNet's anchors, generated the way this lesson counts them: the detector FCOS was
/// compared with in the paper, on the same P3–P7 grids.
///
/// Nine anchors per location: three sizes per level (`4s · 2^0`, `4s · 2^(1/3)`, `4s · 2^(2/3)`,
/// so 32, 40.3 and 50.8 px on P3) times three aspect ratios `h/w ∈ {1/2, 1, 2}`, each anchor
/// keeping the area `size²`. They are centred on the official FCOS locations `⌊s/2⌋ + j·s`, so
/// that the anchor count and the location count come from the very same grids.
enum RetinaNetAnchors {
    /// P3–P7 with the paper's strides.
    static let levels = FeatureLevel.paperLevels
    /// The padding rule every FPN preset uses: pad to a multiple of 32, then P6 and P7 are
    /// `⌈previous / 2⌉`.
    static let sizeRule = FeatureSizeRule.paddedThenHalved(divisor: 32)
    static let octaveScales: [Float] = [0, 1, 2].map { Float(pow(2, Double($0) / 3)) }
    /// Height over width.
    static let aspectRatios: [Float] = [0.5, 1, 2]
    /// RetinaNet's matching thresholds: IoU ≥ 0.5 positive, IoU < 0.4 negative, in between ignored.
    static let positiveIoU: Float = 0.5
    static let negativeIoU: Float = 0.4

    static var perLocation: Int { octaveScales.count * aspectRatios.count }

    /// The nine `(width, height)` shapes of a level of `stride`.
    static func shapes(stride: Int) -> [(width: Float, height: Float)] {
        var result: [(width: Float, height: Float)] = []
        for scale in octaveScales {
            let size = 4 * Float(stride) * scale
            for ratio in aspectRatios {
                let width = (size * size / ratio).squareRoot()
                result.append((width, width * ratio))
            }
        }
        return result
    }

    /// `(width, height)` of each level's grid for an input of `width × height`.
    static func grids(imageWidth: Int, imageHeight: Int) -> [(width: Int, height: Int)] {
        sizeRule.sizes(imageWidth: imageWidth, imageHeight: imageHeight, levels: levels)
    }

    /// Anchors per level for an input of `width × height`.
    static func counts(imageWidth: Int, imageHeight: Int) -> [Int] {
        grids(imageWidth: imageWidth, imageHeight: imageHeight).map { $0.width * $0.height * perLocation }
    }

    /// What RetinaNet's IoU matching makes of a scene.
    struct Matching {
        var anchors = 0
        var positives = 0
        var ignored = 0
        var negatives = 0
        /// IoU values computed: every anchor against every box.
        var iouComputations = 0
        /// Per box: anchors with IoU ≥ 0.5 with it, and its best IoU with any anchor.
        var anchorsAboveThreshold: [Int] = []
        var bestIoU: [Float] = []
        /// The positive anchors and the box each one is assigned to (its best-IoU box).
        var positiveAnchors: [(anchor: Box, groundTruth: Int)] = []
    }

    /// Matches every anchor against every (non-crowd) box with the library's IoU, the way
    /// RetinaNet labels anchors: by each anchor's best IoU over the boxes.
    static func match(_ groundTruths: [GroundTruth], imageWidth: Int, imageHeight: Int) -> Matching {
        let boxes = groundTruths.map { $0.isCrowd ? nil : $0.box }
        var result = Matching()
        result.anchorsAboveThreshold = Array(repeating: 0, count: boxes.count)
        result.bestIoU = Array(repeating: 0, count: boxes.count)
        let grids = grids(imageWidth: imageWidth, imageHeight: imageHeight)
        for (level, grid) in zip(levels, grids) {
            let offset = LocationOffset.flooredHalfStride.pixels(stride: level.stride)
            let shapes = shapes(stride: level.stride)
            for i in 0..<grid.height {
                let y = Float(i * level.stride) + offset
                for j in 0..<grid.width {
                    let x = Float(j * level.stride) + offset
                    for shape in shapes {
                        let anchor = Box(
                            x0: x - shape.width / 2, y0: y - shape.height / 2, x1: x + shape.width / 2,
                            y1: y + shape.height / 2)
                        var best: Float = 0
                        var bestBox = -1
                        for (g, box) in boxes.enumerated() {
                            guard let box else { continue }
                            let iou = intersectionOverUnion(anchor, box)
                            result.iouComputations += 1
                            if iou > best {
                                best = iou
                                bestBox = g
                            }
                            result.bestIoU[g] = max(result.bestIoU[g], iou)
                            if iou >= positiveIoU { result.anchorsAboveThreshold[g] += 1 }
                        }
                        result.anchors += 1
                        if best >= positiveIoU {
                            result.positives += 1
                            result.positiveAnchors.append((anchor, bestBox))
                        } else if best >= negativeIoU {
                            result.ignored += 1
                        } else {
                            result.negatives += 1
                        }
                    }
                }
            }
        }
        return result
    }
}
