import FCOS

/// From annotation records to the boxes a preset's matcher sees: which boxes are dropped, how
/// `[x, y, w, h]` becomes corners, where boxes are clipped, and how the image is resized
/// (shorter side 800, longer ≤ 1333). Each reference does this its own way, in float32 where its
/// tensors are float32 and in double where its Python is, and the steps are reproduced in that
/// order:
///
/// | rule | drop | corners | clip | resize |
/// |---|---|---|---|---|
/// | official (maskrcnn-benchmark) | crowd, difficult | `x1 = x + max(w − 1, 0)`, float32 | `[0, W−1]×[0, H−1]` before resizing, then drop `x1 ≤ x0` or `y1 ≤ y0` | ``ResizeRule/maskrcnnBenchmark``, per-axis ratios |
/// | torchvision | crowd | `x1 = x + w`, float32 | `[0, W]×[0, H]` before resizing, drop empty | ``ResizeRule/torchvision`` |
/// | detectron2 | crowd | `x1 = x + w`, float32 | after resizing (double) to `[0, W′]×[0, H′]`, drop sides ≤ 1e-5 | ``ResizeRule/detectron2`` |
/// | mmdet | crowd (to `gt_bboxes_ignore`, which `FCOSHead` never reads), difficult, no overlap with the image, `area ≤ 0`, `w < 1`, `h < 1` | `x1 = x + w`, double then float32 | after resizing to `[0, W′]×[0, H′]` | ``ResizeRule/mmdetection`` |
///
/// Sources read: official `fcos_core/data/datasets/coco.py` (crowd filter, `convert("xyxy")`,
/// `clip_to_image(remove_empty=True)`), maskrcnn-benchmark `structures/bounding_box.py`
/// (`TO_REMOVE = 1`, `resize` by `new / old` per axis), `data/datasets/voc.py` (all four VOC
/// corners `− 1`, difficult left out of training); torchvision `references/detection/
/// coco_utils.py` (`ConvertCocoPolysToMask`: crowd filter, `boxes[:, 2:] += boxes[:, :2]`, clamp
/// to `[0, w]`, keep `x1 > x0` and `y1 > y0`; the stored snapshot is an early version without the
/// clamp, which later versions and DETR's copy have) and `models/detection/transform.py`
/// (`resize_boxes` with float32 ratios); detectron2 `data/detection_utils.py`
/// (`transform_instance_annotations`: `BoxMode.convert`, `apply_box`, `clip(min=0)`, `minimum` with
/// the new size; `filter_empty_instances` with threshold 1e-5), `data/transforms/transform.py`
/// (`ResizeTransform.apply_coords`: `x · new_w / w` in double) and `data/datasets/pascal_voc.py`
/// (`xmin − 1`, `ymin − 1`; difficult boxes kept in training); mmdetection `datasets/coco.py`
/// (`parse_data_info`), `datasets/xml_style.py` (`int(float(text))`, difficult ignored) and
/// `datasets/transforms/transforms.py` (`Resize`: float32 `scale_factor`, `clip_object_border`).
///
/// Not verified, closest choice taken: torchvision has no VOC reader, so it follows detectron2's
/// VOC rule; EECS 498 has no COCO pipeline at all, so ``init(codeBase:minSize:maxSize:)`` gives
/// it torchvision's. Training-time extras are left out: random flips, multi-scale short sides,
/// and the loaders' image filters (images whose boxes are all ≤ 1 px, or smaller than 32 px,
/// are skipped by some training loaders; here every image is measured).
///
/// YOLO boxes are first turned into COCO's `[x, y, w, h]` in pixels
/// (``SourceBox/cocoEquivalent(imageWidth:imageHeight:)``), as converters do, then follow the
/// COCO rule.
public struct DataPath: Sendable {
    /// The reference code base whose resizing and box conversion the data path copies.
    public enum Rule: String, Sendable, CaseIterable {
        /// maskrcnn-benchmark's path, used by official FCOS and official ATSS.
        case official
        /// torchvision's detection transforms.
        case torchvision
        /// detectron2's data mapper.
        case detectron2
        /// mmdetection's loader and resize.
        case mmdet
    }

    /// Which code base's rules resize and clip the boxes.
    public var rule: Rule
    /// The target short side in pixels (800 in every reference's COCO setting).
    public var minSize: Int
    /// The cap on the long side in pixels (1333 in every reference's COCO setting).
    public var maxSize: Int

    /// A data path with the given rule and sizes, for comparing code bases on the same images.
    public init(rule: Rule, minSize: Int = 800, maxSize: Int = 1333) {
        self.rule = rule
        self.minSize = minSize
        self.maxSize = maxSize
    }

    /// The data path of a reference code base: maskrcnn-benchmark's for official FCOS and
    /// official ATSS (both built on it), and each other code base's own; EECS 498, which has no
    /// COCO pipeline, gets torchvision's.
    public init(codeBase: CodeBase, minSize: Int = 800, maxSize: Int = 1333) {
        let rule: Rule
        switch codeBase {
        case .fcosOfficial, .atssOfficial: rule = .official
        case .mmdetection: rule = .mmdet
        case .torchvision, .eecs498: rule = .torchvision
        case .detectron2: rule = .detectron2
        }
        self.init(rule: rule, minSize: minSize, maxSize: maxSize)
    }

    /// The rule that picks the resized image size, matching the chosen code base's rounding.
    public var resizeRule: ResizeRule {
        switch rule {
        case .official: return .maskrcnnBenchmark
        case .torchvision: return .torchvision
        case .detectron2: return .detectron2
        case .mmdet: return .mmdetection
        }
    }

    /// The network-input size for an image of `width × height` pixels.
    public func resizedSize(width: Int, height: Int) -> (width: Int, height: Int) {
        resizeRule.size(width: width, height: height, minSize: minSize, maxSize: maxSize)
    }

    /// The image as the preset's matcher sees it.
    public func prepare(_ image: AnnotatedImage) -> PreparedImage {
        let W = image.width
        let H = image.height
        let size = resizedSize(width: W, height: H)
        var prepared = PreparedImage(
            imageID: image.id, originalWidth: W, originalHeight: H, width: size.width, height: size.height)
        prepared.groundTruths.reserveCapacity(image.annotations.count)
        prepared.annotationIndices.reserveCapacity(image.annotations.count)
        // Float32 ratios: maskrcnn-benchmark multiplies float32 boxes by a Python float (cast to
        // float32 by the kernel), torchvision divides float32 sizes, mmdetection keeps a float32
        // `scale_factor`. detectron2 scales in double and is handled apart.
        let ratioX: Float
        let ratioY: Float
        switch rule {
        case .torchvision:
            ratioX = Float(size.width) / Float(W)
            ratioY = Float(size.height) / Float(H)
        case .official, .detectron2, .mmdet:
            ratioX = Float(Double(size.width) / Double(W))
            ratioY = Float(Double(size.height) / Double(H))
        }
        for (index, annotation) in image.annotations.enumerated() {
            if annotation.isCrowd {
                prepared.drops.crowd += 1
                continue
            }
            if annotation.isDifficult && (rule == .official || rule == .mmdet) {
                prepared.drops.difficult += 1
                continue
            }
            guard var box = corners(annotation, image: image, drops: &prepared.drops) else { continue }
            switch rule {
            case .official, .torchvision:
                // Clip in original pixels, drop what is empty, then scale.
                let (maxX, maxY) = rule == .official ? (Float(W - 1), Float(H - 1)) : (Float(W), Float(H))
                let clipped = Box(
                    x0: min(max(box.x0, 0), maxX), y0: min(max(box.y0, 0), maxY),
                    x1: min(max(box.x1, 0), maxX),
                    y1: min(max(box.y1, 0), maxY))
                if clipped != box { prepared.clipped += 1 }
                guard clipped.x1 > clipped.x0, clipped.y1 > clipped.y0 else {
                    prepared.drops.empty += 1
                    continue
                }
                box = Box(
                    x0: clipped.x0 * ratioX, y0: clipped.y0 * ratioY, x1: clipped.x1 * ratioX,
                    y1: clipped.y1 * ratioY)
            case .detectron2:
                // Scale in double, clip to the new size, round to float32, drop sides ≤ 1e-5.
                let sx = Double(size.width) / Double(W)
                let sy = Double(size.height) / Double(H)
                let nw = Double(size.width)
                let nh = Double(size.height)
                let raw = (Double(box.x0) * sx, Double(box.y0) * sy, Double(box.x1) * sx, Double(box.y1) * sy)
                let c = (
                    min(max(raw.0, 0), nw), min(max(raw.1, 0), nh), min(max(raw.2, 0), nw),
                    min(max(raw.3, 0), nh)
                )
                if c != raw { prepared.clipped += 1 }
                box = Box(x0: Float(c.0), y0: Float(c.1), x1: Float(c.2), y1: Float(c.3))
                guard box.x1 - box.x0 > 1e-5, box.y1 - box.y0 > 1e-5 else {
                    prepared.drops.empty += 1
                    continue
                }
            case .mmdet:
                // Scale in float32, then clip to the new size (`clip_object_border`).
                let scaled = Box(
                    x0: box.x0 * ratioX, y0: box.y0 * ratioY, x1: box.x1 * ratioX, y1: box.y1 * ratioY)
                let nw = Float(size.width)
                let nh = Float(size.height)
                box = Box(
                    x0: min(max(scaled.x0, 0), nw), y0: min(max(scaled.y0, 0), nh),
                    x1: min(max(scaled.x1, 0), nw),
                    y1: min(max(scaled.y1, 0), nh))
                if box != scaled { prepared.clipped += 1 }
            }
            prepared.groundTruths.append(
                GroundTruth(box: box, label: annotation.categoryID, name: annotation.categoryName))
            prepared.annotationIndices.append(index)
        }
        return prepared
    }

    /// The annotation's corners in original pixels under this rule's conversion, or `nil` (and a
    /// drop counted) when the rule's loader rejects the record.
    func corners(_ a: ObjectAnnotation, image: AnnotatedImage, drops: inout DropCounts) -> Box? {
        if case .voc(let xmin, let ymin, let xmax, let ymax) = a.box {
            switch rule {
            case .official:
                // voc.py: int(text) − 1 on all four: 0-based inclusive pixel indices. `int` is
                // truncation, done in Double so that no value from a file can trap.
                return Box(
                    x0: Float(xmin.rounded(.towardZero) - 1), y0: Float(ymin.rounded(.towardZero) - 1),
                    x1: Float(xmax.rounded(.towardZero) - 1), y1: Float(ymax.rounded(.towardZero) - 1))
            case .torchvision, .detectron2:
                // pascal_voc.py: float(text), xmin − 1 and ymin − 1: continuous corners.
                return Box(x0: Float(xmin - 1), y0: Float(ymin - 1), x1: Float(xmax), y1: Float(ymax))
            case .mmdet:
                // xml_style.py: int(float(text)), as written (truncation, in Double: no trap).
                return Box(
                    x0: Float(xmin.rounded(.towardZero)), y0: Float(ymin.rounded(.towardZero)),
                    x1: Float(xmax.rounded(.towardZero)), y1: Float(ymax.rounded(.towardZero)))
            }
        }
        let (x, y, w, h) = a.box.cocoEquivalent(imageWidth: image.width, imageHeight: image.height)
        switch rule {
        case .official:
            let (fx, fy) = (Float(x), Float(y))
            return Box(x0: fx, y0: fy, x1: fx + max(Float(w) - 1, 0), y1: fy + max(Float(h) - 1, 0))
        case .torchvision, .detectron2:
            let (fx, fy) = (Float(x), Float(y))
            return Box(x0: fx, y0: fy, x1: fx + Float(w), y1: fy + Float(h))
        case .mmdet:
            let W = Double(image.width)
            let H = Double(image.height)
            let overlapW = max(0, min(x + w, W) - max(x, 0))
            let overlapH = max(0, min(y + h, H) - max(y, 0))
            if overlapW * overlapH == 0 {
                drops.outside += 1
                return nil
            }
            if (a.area.map { $0 <= 0 } ?? false) || w < 1 || h < 1 {
                drops.small += 1
                return nil
            }
            return Box(x0: Float(x), y0: Float(y), x1: Float(x + w), y1: Float(y + h))
        }
    }
}

/// One image ready for the matcher: its size after resizing and its kept boxes in resized
/// pixels, each remembering which annotation it came from.
public struct PreparedImage: Sendable {
    /// The image's id in the data set, to trace a prepared image back to its annotations.
    public var imageID: Int
    /// The width before resizing, from the annotation file.
    public var originalWidth: Int
    /// The height before resizing, from the annotation file.
    public var originalHeight: Int
    /// The network-input size (resized pixels, before padding).
    public var width: Int
    /// The network-input height (resized pixels, before padding).
    public var height: Int
    /// Kept boxes in resized pixels, labelled with the category id.
    public var groundTruths: [GroundTruth] = []
    /// For each kept box, its index in the image's `annotations`.
    public var annotationIndices: [Int] = []
    /// Boxes this image lost to the data path's filters, by reason.
    public var drops = DropCounts()
    /// Kept boxes that clipping changed.
    public var clipped = 0

    /// An image with its sizes and no boxes yet; the data path fills in the kept boxes.
    public init(imageID: Int, originalWidth: Int, originalHeight: Int, width: Int, height: Int) {
        self.imageID = imageID
        self.originalWidth = originalWidth
        self.originalHeight = originalHeight
        self.width = width
        self.height = height
    }
}

/// Boxes a data path left out, by reason.
public struct DropCounts: Hashable, Sendable {
    /// COCO `iscrowd` regions.
    public var crowd = 0
    /// VOC difficult objects (official and mmdet leave them out of training).
    public var difficult = 0
    /// Empty after clipping (official, torchvision) or with a side ≤ 1e-5 (detectron2).
    public var empty = 0
    /// No overlap with the image (mmdet's loader).
    public var outside = 0
    /// `area ≤ 0`, `w < 1` or `h < 1` (mmdet's loader).
    public var small = 0

    /// No boxes dropped, the start of a count.
    public init() {}

    /// All dropped boxes, whatever the reason.
    public var total: Int { crowd + difficult + empty + outside + small }

    /// Adds two counts reason by reason, to total drops over images.
    public static func + (a: DropCounts, b: DropCounts) -> DropCounts {
        var s = a
        s.crowd += b.crowd
        s.difficult += b.difficult
        s.empty += b.empty
        s.outside += b.outside
        s.small += b.small
        return s
    }

    /// `(reason, count)` pairs, for reports.
    public var reasons: [(String, Int)] {
        [
            ("crowd", crowd), ("difficult", difficult), ("empty after clipping", empty),
            ("outside the image", outside), ("area ≤ 0 or side < 1 px", small),
        ]
    }
}
