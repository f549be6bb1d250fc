import FCOS
import Foundation
import Testing

@testable import Annotations

@Suite("Data paths: conversion, clipping, dropping and resizing per reference")
struct DataPathTests {
    func image(_ w: Int, _ h: Int, _ boxes: [SourceBox], crowd: Set<Int> = [], difficult: Set<Int> = [])
        -> AnnotatedImage
    {
        AnnotatedImage(
            id: 7, fileName: "x.jpg", width: w, height: h,
            annotations: boxes.enumerated().map { i, box in
                ObjectAnnotation(
                    id: i + 1, categoryID: 1, categoryName: "person", isCrowd: crowd.contains(i),
                    isDifficult: difficult.contains(i), box: box, area: 100)
            })
    }

    @Test("Resize rules on hand-worked sizes")
    func resizeRules() {
        func size(_ rule: ResizeRule, _ w: Int, _ h: Int) -> [Int] {
            let s = rule.size(width: w, height: h, minSize: 800, maxSize: 1333)
            return [s.width, s.height]
        }
        // int(800 · 640 / 480) = int(1066.67) = 1066.
        #expect(size(.maskrcnnBenchmark, 640, 480) == [1066, 800])
        #expect(size(.maskrcnnBenchmark, 480, 640) == [800, 1066])
        #expect(size(.maskrcnnBenchmark, 640, 427) == [1199, 800])
        // 640/200 · 800 > 1333: short side round(1333 · 200/640) = round(416.5625) = 417,
        // long side int(417 · 640 / 200) = int(1334.4) = 1334: one pixel past 1333, as the original.
        #expect(size(.maskrcnnBenchmark, 640, 200) == [1334, 417])
        // Already at size: unchanged.
        #expect(size(.maskrcnnBenchmark, 1066, 800) == [1066, 800])
        // float32(800/480) = 1.66666663 < 5/3, so 480 · factor = 799.99998 floors to 799.
        #expect(size(.torchvision, 640, 480) == [1066, 799])
        // int(x + 0.5): 1066.67 → 1067.
        #expect(size(.detectron2, 640, 480) == [1067, 800])
        #expect(size(.detectron2, 640, 200) == [1333, 417])
        #expect(size(.mmdetection, 640, 480) == [1067, 800])
        #expect(size(.mmdetection, 640, 200) == [1333, 417])
        #expect(size(.mmdetection, 480, 640) == [800, 1067])
    }

    @Test("Official: [10, 20, 30, 40] → inclusive [10, 20, 39, 59] → ×1066/640, ×800/480 on a 640×480 image")
    func officialHandWorked() {
        let path = DataPath(codeBase: Preset.named("official")!.codeBase)
        let p = path.prepare(image(640, 480, [.coco(x: 10, y: 20, width: 30, height: 40)]))
        #expect(p.width == 1066 && p.height == 800)
        #expect(p.originalWidth == 640 && p.originalHeight == 480)
        let rx = Float(1066.0 / 640.0)  // 1.665625
        let ry = Float(800.0 / 480.0)
        #expect(p.groundTruths.map(\.box) == [Box(x0: 10 * rx, y0: 20 * ry, x1: 39 * rx, y1: 59 * ry)])
        #expect(abs(p.groundTruths[0].box.x1 - 64.959375) < 1e-4)
        #expect(abs(p.groundTruths[0].box.y1 - 98.333333) < 1e-4)
        #expect(p.groundTruths[0].label == 1 && p.groundTruths[0].name == "person")
        #expect(p.annotationIndices == [0])
        #expect(DataPath(codeBase: Preset.named("official-imprv")!.codeBase).rule == .official)
    }

    @Test("Official: crowd dropped, x1 = x + w − 1 clamped ≥ x, clipped to W−1, empty boxes dropped")
    func officialDropsAndClips() throws {
        let fixture = try COCOReader.read(Fixtures.path("coco/instances.json"), strict: true).dataset
        let path = DataPath(codeBase: Preset.named("official")!.codeBase)
        let p = path.prepare(fixture.images[0])
        // Boxes 10 (kept), 11 (crowd, dropped), 13 ([600, 400, 40.2, 80.3] → x1 = 639.2 → clipped to 639).
        #expect(p.drops.crowd == 1 && p.drops.total == 1)
        #expect(p.annotationIndices == [0, 2])
        #expect(p.clipped == 1)
        let rx = Float(1066.0 / 640.0)
        let ry = Float(800.0 / 480.0)
        #expect(p.groundTruths[1].box == Box(x0: 600 * rx, y0: 400 * ry, x1: 639 * rx, y1: 479 * ry))
        // w < 1: x1 = x + max(w − 1, 0) = x, an empty box, dropped.
        let thin = path.prepare(image(640, 480, [.coco(x: 5, y: 5, width: 0.5, height: 10)]))
        #expect(thin.groundTruths.isEmpty && thin.drops.empty == 1)
    }

    @Test("torchvision: x + w, clipped to [0, W] before resizing, float32 ratios new/old")
    func torchvision() throws {
        let fixture = try COCOReader.read(Fixtures.path("coco/instances.json"), strict: true).dataset
        let p = DataPath(codeBase: Preset.named("torchvision")!.codeBase).prepare(fixture.images[0])
        #expect(p.width == 1066 && p.height == 799)
        let rx = Float(1066) / Float(640)
        let ry = Float(799) / Float(480)
        #expect(p.groundTruths[0].box == Box(x0: 10 * rx, y0: 20 * ry, x1: 40 * rx, y1: 60 * ry))
        #expect(p.groundTruths[1].box == Box(x0: 600 * rx, y0: 400 * ry, x1: 640 * rx, y1: 480 * ry))
        #expect(p.clipped == 1 && p.drops.crowd == 1)
        #expect(DataPath(codeBase: Preset.named("eecs498")!.codeBase).rule == .torchvision)
    }

    @Test("detectron2: x + w in float32, scaled in double, clipped after resizing, sides ≤ 1e-5 dropped")
    func detectron2() throws {
        let fixture = try COCOReader.read(Fixtures.path("coco/instances.json"), strict: true).dataset
        let p = DataPath(codeBase: Preset.named("detectron2")!.codeBase).prepare(fixture.images[0])
        #expect(p.width == 1067 && p.height == 800)
        let sx = 1067.0 / 640.0
        let sy = 800.0 / 480.0
        #expect(
            p.groundTruths[0].box
                == Box(x0: Float(10 * sx), y0: Float(20 * sy), x1: Float(40 * sx), y1: Float(60 * sy)))
        // 640.2 · sx > 1067: clipped to the new width.
        #expect(p.groundTruths[1].box.x1 == 1067 && p.groundTruths[1].box.y1 == 800)
        #expect(p.clipped == 1)
    }

    @Test("mmdet: loader drops no-overlap, w < 1 and area ≤ 0; float32 scale factor; clipped after resizing")
    func mmdet() {
        let path = DataPath(codeBase: Preset.named("mmdet")!.codeBase)
        let p = path.prepare(
            image(
                640, 480,
                [
                    .coco(x: 10, y: 20, width: 30, height: 40), .coco(x: 5, y: 5, width: 0.5, height: 10),
                    .coco(x: 640, y: 5, width: 10, height: 10),
                    .coco(x: 600, y: 400, width: 40.2, height: 80.3),
                    .coco(x: 1, y: 1, width: 5, height: 5),
                ], crowd: [4]))
        #expect(p.width == 1067 && p.height == 800)
        #expect(p.drops.small == 1 && p.drops.outside == 1 && p.drops.crowd == 1)
        let rx = Float(1067.0 / 640.0)
        let ry = Float(800.0 / 480.0)
        #expect(p.groundTruths[0].box == Box(x0: 10 * rx, y0: 20 * ry, x1: 40 * rx, y1: 60 * ry))
        #expect(p.groundTruths[1].box.x1 == 1067 && p.groundTruths[1].box.y1 == 800)
        #expect(p.clipped == 1)
        var zeroArea = image(640, 480, [.coco(x: 10, y: 20, width: 30, height: 40)])
        zeroArea.annotations[0].area = 0
        #expect(path.prepare(zeroArea).drops.small == 1)
    }

    @Test("VOC corners per reference, and which references leave difficult boxes out")
    func voc() {
        let box = SourceBox.voc(xmin: 48, ymin: 240, xmax: 195, ymax: 371)
        let im = image(353, 500, [box, box], difficult: [1])
        func unscaled(_ name: String) -> (Box, Int) {
            var path = DataPath(codeBase: Preset.named(name)!.codeBase)
            path.minSize = 353  // 353×500 stays as it is under every rule
            path.maxSize = 10_000
            let p = path.prepare(
                AnnotatedImage(id: 1, fileName: "", width: 353, height: 500, annotations: im.annotations))
            return (p.groundTruths[0].box, p.groundTruths.count)
        }
        #expect(unscaled("official").0 == Box(x0: 47, y0: 239, x1: 194, y1: 370))
        #expect(unscaled("official").1 == 1)
        #expect(unscaled("detectron2").0 == Box(x0: 47, y0: 239, x1: 195, y1: 371))
        #expect(unscaled("detectron2").1 == 2)
        #expect(unscaled("torchvision").0 == Box(x0: 47, y0: 239, x1: 195, y1: 371))
        #expect(unscaled("mmdet").0 == Box(x0: 48, y0: 240, x1: 195, y1: 371))
        #expect(unscaled("mmdet").1 == 1)
    }

    @Test("YOLO boxes become COCO's [x, y, w, h] in pixels, then follow the COCO rule")
    func yolo() {
        // 640×480, centre (0.5, 0.5), size (0.25, 0.5): [240, 120, 160, 240].
        let p = DataPath(codeBase: Preset.named("official")!.codeBase).prepare(
            image(640, 480, [.yolo(centerX: 0.5, centerY: 0.5, width: 0.25, height: 0.5)]))
        let rx = Float(1066.0 / 640.0)
        let ry = Float(800.0 / 480.0)
        #expect(p.groundTruths[0].box == Box(x0: 240 * rx, y0: 120 * ry, x1: 399 * rx, y1: 359 * ry))
    }
}
