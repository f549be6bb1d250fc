import Annotations
import Canvas
import FCOS
import Figures
import Foundation
import Notebook

let options = LessonOptions.parseOrExit()
let preset = options.fcosPreset
let scene = options.scene(default: "tennis")
let sceneName = options.scene.map { ($0 as NSString).lastPathComponent } ?? "tennis.json"

// The input size the paper talks about: shorter side 800, longer side at most 1333.
let inputWidth = 1333
let inputHeight = 800

Lesson(
    id: "lesson-01-anchor-free",
    title: "Why drop the anchors?",
    summary:
        "What anchor boxes cost a detector, counted on a real input size, and the two overlap measures (IoU and GIoU) that anchors lean on and FCOS still uses."
) {
    Step("Anchors and their four problems") {
        """
        Most detectors before FCOS (Faster R-CNN, SSD, YOLOv2/v3, RetinaNet) start from *anchor boxes*: \
        a fixed set of rectangles of chosen sizes and shapes, repeated at every position of every \
        feature map. Training decides which anchors are "positive" for which ground-truth box by \
        measuring how much they overlap, and the network learns to nudge a positive anchor onto its box.

        FCOS keeps the feature maps and throws away the rectangles. A feature-map cell is just a \
        *location* `(x, y)` in the image, and a location inside a box learns four distances to the \
        box's sides. These lessons write them as the paper does: `l*, t*, r*, b*` for the distances \
        to the left, top, right and bottom side; `m = max(l*, t*, r*, b*)`; the FPN levels `P3 … P7`; \
        and `s`, a level's stride (how many input pixels one cell spans).
        """
        Heading("What the paper holds against anchors")
        """
        - **They are tuning knobs, and the results are sensitive to them.** How big the anchors are, \
        which aspect ratios they have and how many sit at each position are choices made by hand, \
        and the paper cites RetinaNet's experiments: changing them moves COCO accuracy by up to 4 AP points.
        - **Fixed shapes fit some objects badly.** However carefully chosen, a handful of shapes \
        cannot cover objects whose shapes vary a lot, and small objects suffer most: a small box \
        overlaps no anchor well. A new data set (other sizes, other shapes) means designing the set again.
        - **There are very many of them, and nearly all are negatives.** To reach every object, \
        anchors are laid densely over the image; almost all of them cover background, so training \
        sees a flood of easy negatives for each positive.
        - **They add computation and rules.** Labelling anchors means an IoU between every anchor \
        and every box, plus thresholds to turn those IoUs into positive, ignored and negative.
        """
        let shapes = RetinaNetAnchors.shapes(stride: 8)
        let ratios = RetinaNetAnchors.aspectRatios
        let scales = RetinaNetAnchors.octaveScales
        """
        To make "hand-chosen shapes" concrete: RetinaNet, the anchor-based detector FCOS is built on \
        and compared with, puts \(RetinaNetAnchors.perLocation) anchors at every position: \
        \(scales.count) sizes times \(ratios.count) aspect ratios. On `P3` (`s` = 8) they are:
        """
        Table(
            "RetinaNet's anchors on P3, width × height in pixels",
            columns: ["size"] + ratios.map { .right("h/w = \(number($0))") },
            rows: scales.indices.map { k in
                let size = 4 * 8 * scales[k]
                return Table.Row(
                    ["\(number(size)) px"]
                        + ratios.indices.map { r in
                            let shape = shapes[k * ratios.count + r]
                            return "\(number(shape.width)) × \(number(shape.height))"
                        })
            })
        Note(
            "Every higher level doubles these sizes, up to \(number(4 * 128 * scales.last!)) px on P7. Each number in the table is a hyper-parameter FCOS does not have."
        )
    }

    Step("Anchors vs locations, counted") {
        let levels = RetinaNetAnchors.levels
        let grids = RetinaNetAnchors.grids(imageWidth: inputWidth, imageHeight: inputHeight)
        let anchors = RetinaNetAnchors.counts(imageWidth: inputWidth, imageHeight: inputHeight)
        let padded = RetinaNetAnchors.sizeRule.paddedSize(imageWidth: inputWidth, imageHeight: inputHeight)
        let maps = preset.assignment.featureMaps(imageWidth: inputWidth, imageHeight: inputHeight)
        let fcosByLevel = levels.map { level in maps.first { $0.level.stride == level.stride } }
        let totalAnchors = anchors.reduce(0, +)
        let totalLocations = maps.reduce(0) { $0 + $1.count }
        """
        Take the largest input the paper trains on: \(inputHeight) × \(inputWidth) pixels (height × \
        width). The batch is padded to a multiple of 32, here to \(padded.height) × \(padded.width); \
        `P3`, `P4` and `P5` are the padded size divided by the stride, and `P6`, `P7` each halve the \
        level before, rounding up. RetinaNet puts \(RetinaNetAnchors.perLocation) anchors on every \
        cell; FCOS (preset `\(preset.name)`) puts one location there.
        """
        let sameGrids =
            maps.count == grids.count
            && zip(maps, grids).allSatisfy { $0.width == $1.width && $0.height == $1.height }
        if !sameGrids {
            """
            Preset `\(preset.name)` builds its own grids (levels \(listed(maps.map { "`\($0.level.name)`" }))\
            \(preset.assignment.featureSize == .ceilDivision ? ", no padding, `⌈H / s⌉ × ⌈W / s⌉` cells" : "")), so \
            the table gives its grid in parentheses where it differs and `—` for a level it does not have.
            """
        }
        Formula(
            """
            anchors   = \(RetinaNetAnchors.perLocation) · Σ  H_l · W_l      (l = P3 … P7)
            locations =     Σ  H_l · W_l
            """)
        Table(
            "\(inputHeight) × \(inputWidth) input: cells per level",
            columns: [
                "level", .right("stride s"), .right("grid H × W"), .right("FCOS locations"),
                .right("RetinaNet anchors"),
            ],
            rows: levels.indices.map { l in
                let grid = grids[l]
                var fcos = "—"
                if let map = fcosByLevel[l] {
                    fcos = grouped(map.count)
                    if map.width != grid.width || map.height != grid.height {
                        fcos += " (\(map.height) × \(map.width))"
                    }
                }
                return [
                    levels[l].name, "\(levels[l].stride)", "\(grid.height) × \(grid.width)", fcos,
                    grouped(anchors[l]),
                ]
            } + [["total", "", "", grouped(totalLocations), grouped(totalAnchors)]])
        """
        That is \(grouped(totalAnchors)) anchors against \(grouped(totalLocations)) locations, \
        \(ratio(totalAnchors, totalLocations)) as many. The paper speaks of "more than 180K" anchors \
        for an image whose shorter side is 800, and of FCOS having a ninth as many outputs.
        """
        let photoWidth = inputHeight * 4 / 3  // a 4:3 photo scaled to the same shorter side
        let fourByThree = RetinaNetAnchors.counts(imageWidth: photoWidth, imageHeight: inputHeight).reduce(
            0, +)
        let papersFigure = 180_000
        let between = fourByThree < papersFigure && papersFigure < totalAnchors
        Note(
            "The paper's figure is a round number for any image whose *shorter* side is \(inputHeight): the count grows with the longer side, from \(grouped(fourByThree)) anchors for a 4:3 photo (\(inputHeight) × \(photoWidth)) to \(grouped(totalAnchors)) at the \(inputWidth)-px cap\(between ? ", and 180K lies in between" : "")."
        )
        """
        In the chart, compare the two bars of each level, then the levels with each other: where do \
        most anchors live?
        """
        Picture(
            "anchors-vs-locations",
            caption:
                "Per level, FCOS's locations (one per cell) next to RetinaNet's anchors (\(RetinaNetAnchors.perLocation) per cell) for an \(inputHeight) × \(inputWidth) input."
        ) { path, format in
            var chart = BarChart(
                categories: levels.map(\.name),
                groups: [
                    .init(
                        name: "FCOS locations (\(preset.name))",
                        values: fcosByLevel.map { Double($0?.count ?? 0) }),
                    .init(name: "RetinaNet anchors", values: anchors.map(Double.init)),
                ],
                title: "Anchors vs locations per level", yLabel: "count")
            chart.subtitle =
                "\(inputHeight) × \(inputWidth) input · \(grouped(totalAnchors)) anchors, \(grouped(totalLocations)) locations in all"
            try chart.write(toPath: path, format: format)
        }
        let p3Share = Double(anchors[0]) / Double(max(totalAnchors, 1)) * 100
        """
        \(String(format: "%.0f", p3Share)) % of the anchors sit on `P3` alone, the level meant for the \
        smallest objects: halving the stride quadruples the cells, and every cell carries \
        \(RetinaNetAnchors.perLocation) anchors.
        """
    }

    Step("On a scene: how many anchors does a box get?") {
        let matching = RetinaNetAnchors.match(
            scene.groundTruths, imageWidth: scene.width, imageHeight: scene.height)
        let assignment = preset.matcher.assign(
            scene.groundTruths, imageWidth: scene.width, imageHeight: scene.height)
        let perBox = assignment.positivesPerGroundTruth
        let locations = assignment.levels.reduce(0) { $0 + $1.map.count }
        let fcosPositives = assignment.positiveCount
        """
        Now label the anchors of the scene `\(sceneName)` (\(scene.width) × \(scene.height), \
        \(scene.groundTruths.count == 1 ? "1 box" : "\(scene.groundTruths.count) boxes")) the way RetinaNet does: an anchor whose best IoU with any \
        box is at least \(decimal(RetinaNetAnchors.positiveIoU, 1)) is positive, below \
        \(decimal(RetinaNetAnchors.negativeIoU, 1)) negative, and in between ignored. That took \
        \(grouped(matching.iouComputations)) IoU computations, one per anchor and box. FCOS \
        (preset `\(preset.name)`) instead asks of each location whether it lies inside a box, and \
        which level's size range its `m` falls in; lesson 3 goes through those rules.
        """
        if scene.groundTruths.isEmpty {
            "This scene has no boxes, so every anchor and every location is a negative."
        } else {
            Table(
                "Per box: RetinaNet anchors with IoU ≥ \(decimal(RetinaNetAnchors.positiveIoU, 1)), the best anchor's IoU, FCOS positives",
                columns: [
                    "box", .right("w × h"), .right("anchors"), .right("best IoU"), .right("FCOS"),
                ],
                rows: scene.groundTruths.indices.map { g in
                    let box = scene.groundTruths[g].box
                    return Table.Row(
                        [
                            boxName(g, in: scene.groundTruths),
                            "\(number(box.width)) × \(number(box.height))",
                            grouped(matching.anchorsAboveThreshold[g]), decimal(matching.bestIoU[g]),
                            grouped(perBox[g]),
                        ], swatch: swatch(forBox: g))
                })
            let poorlyCovered = scene.groundTruths.indices.filter {
                !scene.groundTruths[$0].isCrowd && matching.bestIoU[$0] < RetinaNetAnchors.positiveIoU
            }
            if poorlyCovered.isEmpty {
                let byArea = scene.groundTruths.indices.sorted {
                    scene.groundTruths[$0].box.area() < scene.groundTruths[$1].box.area()
                }
                let smallest = byArea.first!
                let largest = byArea.last!
                if smallest == largest {
                    "The box overlaps at least one anchor well enough to become a positive."
                } else {
                    "Every box here overlaps at least one anchor well enough. Compare the smallest box, `\(boxName(smallest, in: scene.groundTruths))`, with \(grouped(matching.anchorsAboveThreshold[smallest])) anchors above the threshold (best IoU \(decimal(matching.bestIoU[smallest]))), and the largest, `\(boxName(largest, in: scene.groundTruths))`, with \(grouped(matching.anchorsAboveThreshold[largest])) (best IoU \(decimal(matching.bestIoU[largest])))."
                }
            } else {
                let names = listed(poorlyCovered.map { "`\(boxName($0, in: scene.groundTruths))`" })
                let one = poorlyCovered.count == 1
                "\(names) never \(one ? "reaches" : "reach") IoU \(decimal(RetinaNetAnchors.positiveIoU, 1)) with any anchor: the fixed shapes simply do not fit \(one ? "it" : "them"). detectron2's and torchvision's RetinaNet rescue such a box by also making its best-overlapping anchors positive, however low their IoU; the table's positives do not include those."
            }
        }
        let fcosLocations = assignment.levels.flatMap { level in
            level.matched.indices.filter { level.matched[$0] >= 0 }.map {
                (point: level.map.location(at: $0), groundTruth: Int(level.matched[$0]))
            }
        }
        """
        The picture puts the two side by side. On the left, look at the shapes: every positive anchor \
        is one of the \(RetinaNetAnchors.perLocation) fixed rectangles, and only those that happen to \
        overlap a box well enough count. On the right, FCOS's positives are points inside the boxes.
        """
        Picture(
            "scene-positives",
            caption:
                "The scene \(sceneName): RetinaNet's positive anchors (left) and FCOS's positive locations under preset \(preset.name) (right), each in the colour of its box."
        ) { path, format in
            try ScenePositivesFigure(
                scene: scene, backdrop: Backdrop.named(options.illustrationName(of: scene)),
                anchors: matching.positiveAnchors, locations: fcosLocations, presetName: preset.name,
                title: "Positives on the scene: anchors vs locations"
            ).write(toPath: path, format: format)
        }
        Table(
            "Training samples on this scene",
            columns: [
                "detector", .right("samples"), .right("positives"), .right("ignored"), .right("negatives"),
                .right("neg. per pos."),
            ],
            rows: [
                [
                    "RetinaNet", grouped(matching.anchors), grouped(matching.positives),
                    grouped(matching.ignored), grouped(matching.negatives),
                    ratio(matching.negatives, matching.positives),
                ],
                [
                    "FCOS (\(preset.name))", grouped(locations), grouped(fcosPositives), "0",
                    grouped(locations - fcosPositives), ratio(locations - fcosPositives, fcosPositives),
                ],
            ])
        if matching.positives > 0 && fcosPositives > 0 {
            """
            Both detectors still see far more negatives than positives, which is why both train with \
            the focal loss (lesson 6). What FCOS removes is the \(RetinaNetAnchors.perLocation)× \
            multiplication, the IoU bookkeeping and the thresholds.
            """
        } else {
            let none =
                matching.positives == 0 && fcosPositives == 0
                ? "Neither detector has a single positive here: every sample is a negative."
                : "\(matching.positives == 0 ? "RetinaNet" : "FCOS") has no positive here at all: every one of its samples is a negative."
            """
            \(none) On ordinary images both detectors see far more negatives than positives, which is \
            why both train with the focal loss (lesson 6).
            """
        }
    }

    Step("Boxes and IoU") {
        let pairs = [
            BoxPair(
                name: "identical", a: Box(x0: 20, y0: 20, x1: 120, y1: 100),
                b: Box(x0: 20, y0: 20, x1: 120, y1: 100)),
            BoxPair(
                name: "nested", a: Box(x0: 0, y0: 0, x1: 200, y1: 200),
                b: Box(x0: 50, y0: 50, x1: 150, y1: 150)),
            BoxPair(
                name: "disjoint", a: Box(x0: 0, y0: 0, x1: 100, y1: 100),
                b: Box(x0: 150, y0: 40, x1: 250, y1: 140)),
            BoxPair(
                name: "touching", a: Box(x0: 0, y0: 0, x1: 100, y1: 100),
                b: Box(x0: 100, y0: 0, x1: 200, y1: 100)),
            BoxPair(
                name: "small", a: Box(x0: 2, y0: 2, x1: 6, y1: 6), b: Box(x0: 4, y0: 4, x1: 8, y1: 8),
                showsPixels: true),
            BoxPair(
                name: "small × 10", a: Box(x0: 20, y0: 20, x1: 60, y1: 60),
                b: Box(x0: 40, y0: 40, x1: 80, y1: 80)),
        ]
        """
        IoU, *intersection over union*, is the area two boxes share divided by the area they cover \
        together: 1 for identical boxes, 0 for boxes that do not overlap. Anchors are labelled by it, \
        NMS (lesson 7) uses it to drop duplicate detections, and FCOS's regression loss is built on it.

        GIoU, *generalized IoU*, subtracts the fraction of the smallest enclosing box `C` that \
        neither box covers. It equals IoU when one box contains the other, and unlike IoU it keeps \
        falling as two disjoint boxes move apart, so a loss built on it still has a direction to push.
        """
        Formula(
            """
            IoU  = |A ∩ B| / |A ∪ B|
            GIoU = IoU − |C \\ (A ∪ B)| / |C|
                   C: the smallest box enclosing A and B
            """)
        """
        One more detail matters in practice. The official FCOS code (built on maskrcnn-benchmark) \
        treats `x1` and `y1` as the *last pixel inside* the box, so a box is `x1 − x0 + 1` pixels \
        wide. Look at the last two rows: the same shapes give different IoUs with `+1`, much more so \
        for the small pair.
        """
        Table(
            "IoU and GIoU, computed by the library",
            columns: ["pair", "box A", "box B", .right("IoU"), .right("IoU +1"), .right("GIoU")],
            rows: pairs.map { pair in
                [
                    pair.name, corners(pair.a), corners(pair.b), decimal(pair.iou),
                    decimal(pair.iouInclusive),
                    decimal(pair.giou),
                ]
            })
        let touching = pairs[3]
        """
        In the pictures, look for the shaded intersection and the dashed enclosing box `C`. In the \
        small pair, each pixel is a square: the shaded squares are the pixels a box covers under the \
        `+1` convention, one more column and row than its outline. Note also the touching pair: IoU \
        \(decimal(touching.iou)) in continuous coordinates but \(decimal(touching.iouInclusive)) with \
        `+1`, because the shared edge becomes a shared column of pixels.
        """
        Picture(
            "iou-pairs",
            caption:
                "Six pairs of boxes with their IoU and GIoU. Shaded: the intersection; dashed: the enclosing box C; in the small pair, the pixels each box covers with +1 widths."
        ) { path, format in
            try BoxPairsFigure(pairs: pairs, title: "IoU and GIoU of six box pairs").write(
                toPath: path, format: format)
        }
        let nms = PostProcessingRules.official
        Note(
            "Where the official code uses `+1`: box areas when it picks the smallest of several boxes (lesson 3) and its NMS, which suppresses a detection whose `+1` IoU with a better one exceeds \(decimal(Float(nms.nmsThreshold), 1)). mmdetection, torchvision, detectron2 and EECS 498 use continuous coordinates throughout."
        )
    }

    Step("Try this") {
        let count = { (p: Preset) in
            p.assignment.featureMaps(imageWidth: inputWidth, imageHeight: inputHeight).reduce(0) {
                $0 + $1.count
            }
        }
        let eecs = count(.eecs498)
        let ours = count(preset)
        let small = try ShippedSceneSamples("small-objects", preset: preset)
        let street = try ShippedSceneSamples("street", preset: preset)
        let tennis = try ShippedSceneSamples("tennis", preset: preset)
        "Predict first, then reveal the answer (a key in the terminal, a click on the page)."
        TryThis(
            Exercise(
                "Run with `--preset eecs498`, which uses only P3–P5 and no padding. Predict first: more or fewer FCOS "
                    + "locations at 800 × 1333 than the \(grouped(ours)) of `\(preset.name)`, and by how much?",
                answer:
                    "\(grouped(eecs)): \(eecs < ours ? "fewer" : "more"), by \(grouped(abs(ours - eecs))). The difference is the "
                    + "P6 and P7 grids eecs498 does not have, and the cells that padding to a multiple of 32 adds on "
                    + "the lower levels; both are small next to P3, which holds three quarters of all locations."
            ),
            Exercise(
                "Run with `--scene Assets/scenes/small-objects.json`. Before looking: which boxes never reach IoU 0.5 "
                    + "with any anchor, and do they still get FCOS positives?",
                answer: small.weak.isEmpty
                    ? "All of them reach IoU 0.5 with some anchor."
                    : "\(listed(small.weak)); under `\(preset.name)` they get "
                        + "\(listed(small.weakPositives.map { $0 == 1 ? "1 positive" : "\($0) positives" })). A location only has to lie "
                        + "inside a box, so no box is too small or too oddly shaped for FCOS, only too thin for the grid."
            ),
            Exercise(
                "Run with `--scene Assets/scenes/street.json` (eight boxes). Does RetinaNet's negatives-per-positive "
                    + "ratio go up or down compared with the tennis scene? And FCOS's?",
                answer:
                    "RetinaNet's goes \(street.values.retina < tennis.values.retina ? "down" : "up") (\(tennis.retina) on tennis, "
                    + "\(street.retina) on the street), FCOS's \(street.values.fcos < tennis.values.fcos ? "down" : "up") "
                    + "(\(tennis.fcos) and \(street.fcos)). More and larger boxes mean more positives, while the number "
                    + "of anchors and locations is fixed by the image size.")
        )
    }
}.main(options)
