import ATSS
import Annotations
import Canvas
import FCOS
import Figures
import Foundation
import Keypoints
import Notebook

// Lesson 11: the keypoint heads. CornerNet and CenterNet do not match locations to boxes; they
// draw Gaussian bumps on heat maps. Every number below comes from the Keypoints module, and every
// figure draws the same targets the tables print.

let options = LessonOptions.parseOrExit()
let preset = options.fcosPreset
let scene = options.scene(default: "tennis")
let sceneName =
    options.scene.map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension }
    ?? "tennis"
let backdrop = Backdrop.named(options.illustrationName(of: scene))
let boxes = scene.groundTruths
let classCount = scene.classCount ?? max(1, (boxes.map(\.label).max() ?? 0) + 1)

// Both papers train on square inputs, so the scene is first fitted into one, as CenterNet's
// test-time transform does; everything is drawn back on the scene.
let centerSquare = SquareInput(imageWidth: scene.width, imageHeight: scene.height, side: 512)
let cornerSquare = SquareInput(imageWidth: scene.width, imageHeight: scene.height, side: 511)
let inputBoxes = centerSquare.inputGroundTruths(boxes)
let centerMapping = KeypointGridMapping(
    grid: .centerNet(inputWidth: 512, inputHeight: 512), square: centerSquare)
let cornerMapping = KeypointGridMapping(
    grid: .cornerNet(inputWidth: 511, inputHeight: 511), square: cornerSquare)

let centerNet = Lazy {
    try CenterNetTargets(inputBoxes, inputWidth: 512, inputHeight: 512, classes: classCount)
}
let cornerNet = Lazy {
    try CornerNetTargets(
        cornerSquare.inputGroundTruths(boxes), inputWidth: 511, inputHeight: 511, classes: classCount)
}
/// FCOS on the same 512 × 512 input, so the comparison differs only in the head.
let fcos = Lazy { preset.matcher.assign(inputBoxes, imageWidth: 512, imageHeight: 512) }
/// ATSS on the same input: mmdetection's rules beside mmdetection's FCOS, else the authors' code.
let atssPreset: ATSSPreset = preset.id == .mmdet ? .atssMmdet : .atss
let atss = Lazy { atssPreset.assigner.assign(inputBoxes, imageWidth: 512, imageHeight: 512) }
/// The box the comparisons follow.
let focus = medianBox(boxes)
/// Labels present, in the order their first box appears.
let labelsPresent: [Int] = boxes.reduce(into: []) { if !$0.contains($1.label) { $0.append($1.label) } }

func className(_ label: Int) -> String {
    let names = boxes.filter { $0.label == label }.compactMap(\.name)
    return names.first.map { "class \(label) (\($0))" } ?? "class \(label)"
}

@MainActor func sceneStep() -> Step {
    Step("The scene, fitted into a square input") {
        """
        FCOS (lessons 2–7) asks of every feature-map location: *which box, if any, do I regress?* The two \
        keypoint detectors ask something else. **CornerNet** (Law & Deng 2018) finds each box's top-left and \
        bottom-right corners as peaks on heat maps; **CenterNet** ("Objects as Points", Zhou et al. 2019) finds \
        its centre and reads the width and height there. Their targets are heat maps with one channel per \
        class and a Gaussian bump per object.
        """
        """
        Both papers train on square inputs: CenterNet on 512 × 512 with an output stride of 4 (a 128 × 128 \
        map), CornerNet on 511 × 511 with a 128 × 128 output. The `\(sceneName)` scene is \(scene.width) × \
        \(scene.height), so it is first fitted into the square the way CenterNet's test-time transform does: \
        scaled by 512 / \(max(scene.width, scene.height)) = \(short(centerSquare.scale)) and centred, leaving \
        bands of padding. All targets below are computed on that 512 × 512 input (511 × 511 for CornerNet) and \
        drawn back on the scene, so one output cell covers \(short(centerMapping.cellWidth)) scene pixels.
        """
        if boxes.isEmpty {
            "The scene has no boxes: every heat map stays 0. Leave out `--scene` to see the targets at work."
        } else {
            Table(
                "Boxes in the scene and in the 512 × 512 input (\(classCount) classes: "
                    + (scene.classCount == nil ? "largest label + 1" : "the scene's num_classes") + ")",
                columns: [
                    "box", .right("label"), "scene x0, y0, x1, y1", "input x0, y0, x1, y1",
                    .right("input w × h"),
                ],
                rows: boxRows(boxes) { g in
                    let b = inputBoxes[g].box
                    return [
                        "\(boxes[g].label)", corners(boxes[g].box),
                        "[\(short(b.x0)), \(short(b.y0)), \(short(b.x1)), \(short(b.y1))]",
                        "\(short(b.width)) × \(short(b.height))",
                    ]
                })
        }
        "Each box keeps its colour in every table and figure that follows."
        Picture("scene", caption: "The \(sceneName) scene and its ground-truth boxes.") { path, format in
            var view = SceneView(
                imageWidth: scene.width, imageHeight: scene.height, groundTruths: boxes, backdrop: backdrop)
            view.title =
                "The \(sceneName) scene: \(counted(boxes.count, "ground-truth box", "ground-truth boxes"))"
            try view.write(toPath: path, format: format)
        }
    }
}

@MainActor func cornerNetStep() -> Step {
    Step("CornerNet: two corners, paired by embeddings") {
        let t = try cornerNet.value
        """
        CornerNet predicts, for every class, a **top-left** heat map and a **bottom-right** heat map. A box's \
        top-left corner `(x0, y0)` is scaled to the output grid by `128 / 511`, giving an exact position `f`; \
        its cell is `int(f)` (truncation), and a Gaussian bump is stamped there. Because truncation loses up to \
        one cell, i.e. 4 input pixels, the network also regresses the **offset** `f − int(f)` at the corner.
        """
        Table(
            "CornerNet targets (sample/coco.py, CornerNet.json): 511 × 511 input, 128 × 128 output",
            columns: [
                "box", "top-left f", "cell", "offset", "bottom-right f", "cell", "offset",
                .right("r → drawn"),
            ],
            rows: boxRows(boxes) { g in
                guard let o = t.objects[g] else {
                    return ["dropped: empty after clipping", "", "", "", "", "", ""]
                }
                let tl = o.topLeft
                let br = o.bottomRight
                return [
                    "(\(short(tl.x)), \(short(tl.y)))", cell(tl.cellX, tl.cellY),
                    "(\(short(tl.offsetX)), \(short(tl.offsetY)))", "(\(short(br.x)), \(short(br.y)))",
                    cell(br.cellX, br.cellY), "(\(short(br.offsetX)), \(short(br.offsetY)))",
                    "\(short(o.radius.value)) → \(o.drawnRadius)",
                ]
            })
        """
        Two things are missing from those heat maps. First, **which corners belong together**: with several \
        people in a picture, a top-left peak does not say which bottom-right peak is its partner. CornerNet \
        predicts a 1-D *embedding* at each corner and trains it with two terms: *pull* draws an object's two \
        embeddings to their mean, *push* drives the means of different objects at least Δ = 1 apart. At test \
        time a pair is kept when its embeddings differ by less than 0.5.
        """
        Formula(
            """
            L_pull = 1/N Σ_k [(e_tk − e_k)² + (e_bk − e_k)²]
            L_push = 1/(N(N − 1)) Σ_k Σ_{j≠k} max(0, 1 − |e_k − e_j|)
            """)
        let n = max(boxes.count, 1)
        let good = (0..<n).map { Float($0) * 1.5 }
        let goodLoss = EmbeddingLoss.pullPush(topLeft: good, bottomRight: good.map { $0 + 0.1 })
        let muddled = (0..<n).map { Float($0) * 0.3 }
        let muddledLoss = EmbeddingLoss.pullPush(topLeft: muddled, bottomRight: muddled.map { $0 + 0.6 })
        Table(
            "Pull and push for made-up embeddings of \(counted(n, "object")), as CornerNet's _ae_loss evaluates them",
            columns: ["embeddings", "top-left e_t", "bottom-right e_b", .right("pull"), .right("push")],
            rows: [
                [
                    "well separated", good.map { short($0) }.joined(separator: ", "),
                    good.map { short($0 + 0.1) }.joined(separator: ", "), decimal(goodLoss.pull, 4),
                    decimal(goodLoss.push, 4),
                ],
                [
                    "muddled", muddled.map { short($0) }.joined(separator: ", "),
                    muddled.map { short($0 + 0.6) }.joined(separator: ", "), decimal(muddledLoss.pull, 4),
                    decimal(muddledLoss.push, 4),
                ],
            ])
        Note(
            """
            The reference sums push over all N² pairs, the diagonal included, and subtracts `1/(N + 1e−4)` from each \
            pair to cancel the diagonal; with one object nothing cancels and push comes out near 1 \
            (\(decimal(EmbeddingLoss.pullPush(topLeft: [0], bottomRight: [0]).push, 4)) here) although there is nothing \
            to push from.
            """)
        """
        Second, **corners usually lie outside the object**: the top-left corner of a standing person is \
        background, with nothing there to recognise. CornerNet's *corner pooling* looks for the evidence along \
        the box's edges instead: for a top-left corner it takes, at every location, the maximum of one feature \
        map over everything to its right and of another over everything below it, and adds the two. The \
        bottom-right pooling looks left and up.
        """
        "In the picture, each corner's integer cell is outlined, its exact position is the white dot, and the dashed circle is the bump's radius."
        Picture(
            "cornernet-corners",
            caption: "CornerNet's top-left and bottom-right heat maps (all classes merged) on the scene."
        ) { path, format in
            func keypoints(_ pick: (CornerNetTargets.Object) -> CornerNetTargets.Corner) -> [TargetCellPanel
                .Keypoint]
            {
                t.objects.indices.compactMap { g in
                    guard let o = t.objects[g] else { return nil }
                    let c = pick(o)
                    return TargetCellPanel.Keypoint(
                        cell: cornerMapping.cellRect(x: c.cellX, y: c.cellY),
                        exact: cornerMapping.imagePoint(x: c.x, y: c.y), radiusCells: o.drawnRadius,
                        radiusPixels: Double(o.drawnRadius) * cornerMapping.cellWidth, box: g)
                }
            }
            let empty = HeatMap(width: t.grid.width, height: t.grid.height)
            var figure = TargetCellPanels(
                panels: [
                    .heatMap(
                        merged(t.topLeft) ?? empty, mapping: cornerMapping, title: "top-left corners",
                        keypoints: keypoints(\.topLeft)),
                    .heatMap(
                        merged(t.bottomRight) ?? empty, mapping: cornerMapping, title: "bottom-right corners",
                        keypoints: keypoints(\.bottomRight)),
                ], groundTruths: boxes, imageWidth: scene.width, imageHeight: scene.height,
                backdrop: backdrop,
                title: "CornerNet: a Gaussian bump at each corner",
                valueName: "Gaussian target y")
            figure.subtitle =
                "511 × 511 input, 128 × 128 output · corrected radius formula at IoU 0.3 · cells at y = 1 are the positives"
            try figure.write(toPath: path, format: format)
        }
    }
}

@MainActor func centerNetStep() -> Step {
    Step("CenterNet: one centre per object") {
        let t = try centerNet.value
        """
        CenterNet drops the corners. Each object is a single point, its centre, on its class's heat map, and \
        the width, height and sub-cell offset are regressed *at that one cell*. The recipe (`ctdet.py`), per box:
        """
        """
        - scale it to the 128 × 128 output (divide by the stride 4) and clip it to `[0, 127]`;
        - if the clipped height or width is 0, skip the box entirely;
        - radius `r = max(0, int(gaussian_radius((⌈h⌉, ⌈w⌉), 0.7)))`;
        - centre `c = ((x0 + x1)/2, (y0 + y1)/2)` in float32, cell `c_int` by truncation;
        - stamp the Gaussian at `c_int`, keeping the larger value where bumps meet;
        - targets `wh = (w, h)`, `offset = c − c_int`, `index = c_int.y · 128 + c_int.x`.
        """
        Table(
            "CenterNet targets (ctdet.py): 512 × 512 input, 128 × 128 output, \(classCount) heat maps",
            columns: [
                "box", .right("label"), "on the output", .right("w × h"), .right("r → drawn"), "centre c",
                "cell",
                "offset", .right("index"),
            ],
            rows: boxRows(boxes) { g in
                guard let o = t.objects[g] else {
                    return ["\(boxes[g].label)", "skipped", "", "", "", "", "", ""]
                }
                return [
                    "\(o.label)",
                    "[\(short(o.box.x0)), \(short(o.box.y0)), \(short(o.box.x1)), \(short(o.box.y1))]",
                    "\(short(o.size.width)) × \(short(o.size.height))",
                    "\(short(o.radius.value)) → \(o.drawnRadius)",
                    "(\(short(o.center.x)), \(short(o.center.y)))", cell(o.cellX, o.cellY),
                    "(\(short(o.offset.x)), \(short(o.offset.y)))", "\(o.index)",
                ]
            })
        """
        Of the \(grouped(128 * 128 * classCount)) target values, \(counted(t.positiveCount, "cell is", "cells are")) \
        exactly 1: those are the loss's positives, one per object. The bump around each is not a positive; it \
        lowers the penalty for predicting something near the centre (step 6).
        """
        "Look for the outlined centre cell, the white dot (the exact centre it was truncated from) and the dashed radius circle in each class's panel."
        Picture("centernet-heatmaps", caption: "CenterNet's heat map of each class present, over the scene.")
        {
            path, format in
            var figure = TargetCellPanels(
                panels: labelsPresent.map { label in
                    .centerNetClass(label, targets: t, mapping: centerMapping, title: className(label))
                }, groundTruths: boxes, imageWidth: scene.width, imageHeight: scene.height,
                backdrop: backdrop,
                title: "CenterNet: one heat map per class, a bump at each centre",
                valueName: "Gaussian target y")
            figure.subtitle =
                "512 × 512 input, stride 4 · radius from CenterNet's formula at IoU 0.7 · drawn back on the scene"
            try figure.write(toPath: path, format: format)
        }
        if let small = boxes.indices.min(by: { boxes[$0].box.area() < boxes[$1].box.area() }),
            t.objects[small] != nil
        {
            "The smallest box's bump spans only a few pixels of the scene, so here it is again, zoomed, with each cell's target printed."
            Picture(
                "centernet-heatmap-zoom",
                caption:
                    "CenterNet's heat map around \(boxLabel(small, boxes)), zoomed, with the target in each cell."
            ) { path, format in
                let label = boxes[small].label
                var figure = TargetCellPanels(
                    panels: [
                        .centerNetClass(label, targets: t, mapping: centerMapping, title: className(label))
                    ],
                    groundTruths: boxes, imageWidth: scene.width, imageHeight: scene.height,
                    backdrop: backdrop,
                    title:
                        "Zoomed on \(boxLabel(small, boxes)): radius \(t.objects[small]!.drawnRadius), targets per cell",
                    valueName: "Gaussian target y")
                figure.viewport = zoom(
                    on: boxes[small].box, by: 0.7, width: scene.width, height: scene.height)
                figure.panelWidth = 520
                figure.subtitle =
                    "one output cell = \(short(centerMapping.cellWidth)) scene pixels · only the centre cell is 1"
                try figure.write(toPath: path, format: format)
            }
        }
    }
}

@MainActor func radiusStep() -> Step {
    Step("The radius, worked through") {
        let t = try centerNet.value
        """
        How wide should a bump be? CornerNet's answer: wide enough that a corner predicted anywhere inside the \
        radius still gives a box with IoU ≥ t against the ground truth. There are three ways the two corners \
        can move by `r` (one in and one out, both in, both out), each a quadratic in `r`:
        """
        Formula(
            """
            case 1   r² − (h + w)·r + w·h·(1 − t)/(1 + t) = 0
            case 2   4r² − 2(h + w)·r + (1 − t)·w·h = 0        i.e. (w − 2r)(h − 2r) = t·w·h
            case 3   4t·r² + 2t(h + w)·r + (t − 1)·w·h = 0     i.e. t(w + 2r)(h + 2r) = w·h
            r = min(r1, r2, r3),   drawn as max(0, int(r)),   σ = (2r + 1)/6
            """)
        if let g = focus, let o = t.objects[g] {
            let h = Int(o.size.height.rounded(.up))
            let w = Int(o.size.width.rounded(.up))
            let original = GaussianRadius(height: h, width: w, minOverlap: 0.7, formula: .original)
            let corrected7 = GaussianRadius(height: h, width: w, minOverlap: 0.7, formula: .corrected)
            let corrected3 = GaussianRadius(height: h, width: w, minOverlap: 0.3, formula: .corrected)
            """
            Worked through for \(boxLabel(g, boxes)): on the output it is \(short(o.size.width)) × \
            \(short(o.size.height)) cells, so the radius sees `h = ⌈\(short(o.size.height))⌉ = \(h)` and \
            `w = ⌈\(short(o.size.width))⌉ = \(w)`. The code does not always solve these equations as written. \
            CornerNet's first release returned `(b + √Δ)/2` in all three cases: the *larger* root, without \
            dividing by `a`. CenterNet copied that version and trains with it at `t = 0.7`; CornerNet later \
            fixed it (smaller roots, divided by `2a`) and lowered its `t` to 0.3.
            """
            Table(
                "The three roots for \(boxLabel(g, boxes)) (h = \(h), w = \(w))",
                columns: [
                    "formula", .right("t"), .right("r1"), .right("r2"), .right("r3"), .right("min"),
                    .right("drawn"), "used by",
                ],
                rows: [
                    [
                        "original (b + √Δ)/2", "0.7", short(original.r1), short(original.r2),
                        short(original.r3), short(original.value), "\(original.truncated)",
                        "CenterNet (master)",
                    ],
                    [
                        "corrected (b ∓ √Δ)/(2a)", "0.7", short(corrected7.r1), short(corrected7.r2),
                        short(corrected7.r3), short(corrected7.value), "\(corrected7.truncated)",
                        "what the paper describes at t = 0.7",
                    ],
                    [
                        "corrected (b ∓ √Δ)/(2a)", "0.3", short(corrected3.r1), short(corrected3.r2),
                        short(corrected3.r3), short(corrected3.value), "\(corrected3.truncated)",
                        "CornerNet (after the fix)",
                    ],
                ])
            """
            Under the original formula case 3 always wins, and its value is `4t` = \(short(4 * 0.7)) times the \
            root it means; cases 1 and 2 take the large root, which lies far above. So CenterNet's bumps are about \
            \(short(original.value / max(corrected7.value, 1e-9)))× wider than the paper's derivation at the same t. \
            The drawn radius is then **truncated**, `int(r)`: \(short(original.value)) becomes \(original.truncated)\
            \(Int(original.value.rounded()) == original.truncated ? "" : ", where rounding would give \(Int(original.value.rounded()))"); \
            a 3.66 radius draws 3, not 4. CenterNet's author reported trying other radius rules with similar \
            results: the exact width matters less than the fact that near-misses are penalised less.
            """
        }
        "In the pictures, the thin curves are the three roots and the thick step is the radius actually drawn; follow which curve the step hugs."
        Picture(
            "radius-centernet", caption: "CenterNet's radius against box size: original formula, t = 0.7."
        ) {
            path, format in
            try LinePlot.gaussianRadius(
                formula: .original, minOverlap: 0.7,
                title: "CenterNet as it trains: case 3 always wins, cases 1 and 2 leave the chart"
            ).write(toPath: path, format: format)
        }
        Picture("radius-cornernet", caption: "CornerNet's radius after its fix: corrected formula, t = 0.3.")
        {
            path, format in
            try LinePlot.gaussianRadius(
                formula: .corrected, minOverlap: 0.3,
                title: "CornerNet after the fix: case 2 (both corners inward) is the binding one"
            ).write(toPath: path, format: format)
        }
    }
}

@MainActor func overlapStep() -> Step {
    Step("Overlapping bumps of one class") {
        // Two people side by side, same class, centres 12 cells apart on one row.
        let pair = [
            GroundTruth(box: Box(x0: 150, y0: 120, x1: 290, y1: 440), label: 0, name: "person A"),
            GroundTruth(box: Box(x0: 198, y0: 120, x1: 338, y1: 440), label: 0, name: "person B"),
        ]
        let t = try CenterNetTargets(pair, inputWidth: 512, inputHeight: 512, classes: 1)
        let a = t.objects[0]!
        let b = t.objects[1]!
        let map = t.heatmaps[0]
        let between = (a.cellX + b.cellX) / 2
        let ka = GaussianKernel(radius: a.drawnRadius)
        let kb = GaussianKernel(radius: b.drawnRadius)
        """
        Two boxes of one class share one heat map. Where their bumps overlap, the map keeps the **larger** \
        value (`np.maximum`), not the sum: a peak stays exactly 1 and never grows past it. Here two people \
        overlap on a 512 × 512 input; their centres land on cells \(cell(a.cellX, a.cellY)) and \
        \(cell(b.cellX, b.cellY)) with radii \(a.drawnRadius) and \(b.drawnRadius).
        """
        Table(
            "Row y = \(a.cellY) between the two centres",
            columns: [
                .right("x"), .right("A's bump"), .right("B's bump"), .right("map"), .right("sum (not used)"),
            ],
            rows: stride(from: a.cellX, through: b.cellX, by: max(1, (b.cellX - a.cellX) / 6)).map { x in
                let va = bumpValue(ka, a, x)
                let vb = bumpValue(kb, b, x)
                return Table.Row(["\(x)", short(va), short(vb), short(map[x, a.cellY]), short(va + vb)])
            })
        "Halfway, at x = \(between), the map holds \(short(map[between, a.cellY])) where the sum would be \(short(bumpValue(ka, a, between) + bumpValue(kb, b, between))). The cross-section shows the same along the whole row."
        Picture("overlapping-bumps", caption: "Two people of one class: their bumps merge by maximum.") {
            path, format in
            var figure = TargetCellPanels(
                panels: [
                    .centerNetClass(
                        0, targets: t, mapping: KeypointGridMapping(grid: t.grid), title: "class 0 heat map")
                ],
                groundTruths: pair, imageWidth: 512, imageHeight: 512, backdrop: .plain,
                title: "Overlapping bumps of one class: the map keeps the maximum",
                valueName: "Gaussian target y")
            figure.viewport = Box(x0: 140, y0: 150, x1: 400, y1: 410)
            figure.panelWidth = 520
            figure.subtitle = "512 × 512 input, stride 4 · two boxes with label 0 · centre cells outlined"
            try figure.write(toPath: path, format: format)
        }
        Picture("overlapping-profile", caption: "The heat map along the row through both centres.") {
            path, format in
            try overlapProfile(t).write(toPath: path, format: format)
        }
    }
}

@MainActor func focalStep() -> Step {
    Step("The penalty-reduced focal loss") {
        let t = try centerNet.value
        """
        Both detectors train the heat maps with a variant of the focal loss (CornerNet Eq. 1, CenterNet Eq. 1), \
        with `α = 2`, `β = 4` and `N` the number of cells whose target is exactly 1:
        """
        Formula(
            """
                        ⎧ (1 − p)^α · log(p)               if y = 1
            L = −1/N  Σ ⎨
                        ⎩ (1 − y)^β · p^α · log(1 − p)     otherwise
            """)
        """
        Compare FCOS's focal loss (lesson 6): its targets are 0 or 1, and a location next to an object's centre \
        that is not a positive pays the full background price. Here every cell but the centre is a negative, but \
        one inside a bump pays only `(1 − y)⁴` of it: the prediction `p` that a good network makes *near* the \
        centre is hardly punished. Both divide by the number of positives; with no positive at all, the \
        reference returns the negatives' sum undivided.
        """
        if let g = focus, let o = t.objects[g] {
            let k = GaussianKernel(radius: o.drawnRadius)
            let p: Float = 0.3
            let logit = Float(log(Double(p) / (1 - Double(p))))
            Table(
                "Cost of predicting p = \(short(p)) along \(boxLabel(g, boxes))'s centre row, cell by cell",
                columns: [
                    .right("cells from centre"), .right("target y"), .right("(1 − y)⁴"),
                    .right("penalty-reduced"),
                    .right("FCOS focal, z = 0 off-centre"),
                ],
                rows: (0...(o.drawnRadius + 1)).map { d in
                    let y = d <= o.drawnRadius ? k.value(dx: d, dy: 0) : 0
                    let reduced = PenaltyReducedFocalLoss.loss(probabilities: [p], targets: [y])
                    let fcosCost = FocalLoss.value(logit: logit, target: y == 1 ? 1 : 0)
                    return Table.Row([
                        "\(d)", decimal(y, 3), decimal(pow(1 - y, 4), 4),
                        decimal(-(reduced.positive + reduced.negative), 4), decimal(fcosCost, 4),
                    ])
                })
            """
            The penalty-reduced cost falls to almost nothing next to the centre and only reaches the full \
            `p²·log(1 − p)` outside the bump. (In FCOS these cells would mostly be positives of their own; the \
            last column is what a cell pays there when it is background, with FCOS's α = 0.25, γ = 2.)
            """
        }
        let scores = t.heatmaps.flatMap(\.values).map { $0 == 1 ? Float(0.6) : 0.05 }
        let all = PenaltyReducedFocalLoss.loss(probabilities: scores, targets: t.heatmaps.flatMap(\.values))
        """
        Over the whole target for this scene (\(classCount) × 128 × 128 cells), a prediction of 0.6 at every \
        centre and 0.05 everywhere else costs \(short(all.loss)): positives \(short(-all.positive)), negatives \
        \(short(-all.negative)), divided by N = \(all.positiveCount). `fcos loss keypoint-focal` computes the \
        same from a JSON file.
        """
    }
}

@MainActor func peaksStep() -> Step {
    Step("Peaks instead of NMS") {
        let t = try centerNet.value
        """
        FCOS ends with non-maximum suppression (lesson 7): many locations predict a box for one object, and \
        greedy NMS keeps the best and drops those that overlap it by IoU > 0.6. CenterNet needs no IoU at all. \
        A cell is kept when it is the maximum of its 3 × 3 neighbourhood (a max-pool with stride 1 compared to \
        the map itself), then the K = 100 best cells are read off, and each becomes a box from the `wh` and \
        `offset` predicted there.
        """
        var predicted = t.heatmaps
        var sizes = [(width: Float, height: Float)](repeating: (0, 0), count: 128 * 128)
        var offsets = [(x: Float, y: Float)](repeating: (0, 0), count: 128 * 128)
        for case let o? in t.objects {
            sizes[o.index] = o.size
            offsets[o.index] = o.offset
        }
        var echo: (box: Int, x: Int, y: Int)?
        if let g = focus, let o = t.objects[g], o.cellX + 2 < 128 {
            // A second, weaker peak two cells to the right: a typical near-duplicate.
            predicted[o.label][o.cellX + 2, o.cellY] = 0.9
            sizes[o.index + 2] = o.size
            echo = (g, o.cellX + 2, o.cellY)
        }
        let found = PeakExtraction.decode(
            heatmaps: predicted, sizes: sizes, offsets: offsets, k: boxes.count + 3)
        """
        To see it work, take the targets themselves as a perfect prediction, with the true `wh` and `offset` at \
        each centre\(echo.map { ", and add a second peak of 0.9 two cells right of \(boxLabel($0.box, boxes))'s centre" } ?? ""). \
        Decoding only the top \(found.count) instead of 100:
        """
        Table(
            "Top \(found.count) after the 3 × 3 peak test (boxes mapped back to scene pixels)",
            columns: [
                .right("rank"), .right("score"), "class", "cell", "box on the scene", "best IoU with a GT",
            ],
            rows: found.enumerated().map { rank, d in
                let a = centerMapping.imagePoint(x: Double(d.box.x0), y: Double(d.box.y0))
                let b = centerMapping.imagePoint(x: Double(d.box.x1), y: Double(d.box.y1))
                let onScene = Box(x0: a.x, y0: a.y, x1: b.x, y1: b.y)
                let best = boxes.map { intersectionOverUnion($0.box, onScene) }.max() ?? 0
                return Table.Row([
                    "\(rank + 1)", short(d.score), "\(d.label)", cell(d.cellX, d.cellY),
                    d.score > 0
                        ? "[\(short(onScene.x0)), \(short(onScene.y0)), \(short(onScene.x1)), \(short(onScene.y1))]"
                        : "(w = h = 0 here)", d.score > 0 ? short(best) : "—",
                ])
            })
        """
        The true centres come back exactly (IoU 1 with their boxes, as the offsets undo the truncation). \
        \(echo == nil ? "" : "The extra peak is two cells away, outside the 3 × 3 window, so it survives as a near-duplicate that greedy NMS would have removed (its IoU with the true box is high). ")\
        When fewer than K cells are peaks, the list is filled with zero-score cells, as `torch.topk` does; in \
        practice a score threshold drops them. The paper reports that adding NMS on top changes little, because \
        a well-trained centre heat map has one peak per object.
        """
    }
}

@MainActor func comparisonStep() -> Step {
    Step("Which locations learn this box") {
        let a = try fcos.value
        let b = try atss.value
        let t = try centerNet.value
        if let g = focus {
            let toScene = { (p: Point) in centerSquare.imagePoint(p) }
            let fcosPanel = TargetCellPanel.fcosBox(
                g, assignment: a, title: "FCOS (\(preset.name))", toImage: toScene)
            let atssPanel = TargetCellPanel.atssBox(
                g, assignment: b, title: "ATSS (\(atssPreset.name))", toImage: toScene)
            let centerPanel = TargetCellPanel.centerNetBox(
                g, targets: t, mapping: centerMapping, title: "CenterNet")
            let fcosLevels = a.levels.map { level in level.matched.filter { $0 == Int32(g) }.count }
            let story = b.boxes[g]
            let levelNames = a.levels.map(\.map.level.name)
            let fcosWhere = perLevel(fcosLevels, names: levelNames)
            let atssWhere = perLevel(story.positivesPerLevel, names: levelNames)
            let threshold = story.threshold.map { short($0) } ?? "undefined"
            let ious = atssPanel.cells.map(\.value)
            """
            One box, three heads, the same 512 × 512 input. **FCOS** makes a positive of every location inside \
            \(boxLabel(g, boxes)) on the level whose size range holds its `m`: \(fcosWhere). **ATSS** first takes \
            the \(b.rules.candidatesPerLevel) anchors nearest the box centre on each level \
            (\(counted(story.candidateCount, "candidate")) in all), sets the box's threshold to the mean plus the \
            standard deviation of their IoUs (`t = \(short(story.mean ?? .nan)) + \(short(story.standardDeviation ?? .nan)) \
            = \(threshold)`), and keeps those at or above it whose centre lies inside the box: \(atssWhere)\
            \(story.remark.map { " (\($0.rawValue))" } ?? ""). **CenterNet** makes exactly one cell a positive; the \
            bump around it only softens the cost of the negatives.
            """
            Table(
                "What learns \(boxLabel(g, boxes))",
                columns: [
                    "head", .right("positive cells"), "on which levels", "what each positive learns",
                    "cells near the box",
                ],
                rows: [
                    [
                        "FCOS (\(preset.name))", "\(fcosPanel.positiveCount)", fcosWhere,
                        "class, l* t* r* b*, centerness",
                        "background, full focal-loss cost",
                    ],
                    [
                        "ATSS (\(atssPreset.name))", "\(atssPanel.positiveCount)", atssWhere,
                        "class, the box relative to its anchor, centerness",
                        "background, full focal-loss cost",
                    ],
                    [
                        "CenterNet", "\(centerPanel.positiveCount)", "the one stride-4 map",
                        "class, w and h, offset",
                        "\(centerPanel.cells.count - centerPanel.positiveCount) negatives at reduced cost (1 − y)⁴",
                    ],
                ])
            if let low = ious.min(), let high = ious.max() {
                """
                ATSS's positives are the anchors whose IoU with the box reached \(threshold): here from \
                \(short(low)) to \(short(high)). That IoU is what the ATSS panel colours; it decides *whether* an \
                anchor learns the box, while FCOS's colour is the centerness target it learns and CenterNet's the \
                Gaussian `y`.
                """
            }
            "Outlined cells are the positives; each is drawn as its stride-wide cell around the location or anchor centre, so cells of two levels overlap."
            Picture(
                "which-cells-learn",
                caption:
                    "The cells that learn \(boxLabel(g, boxes)) under FCOS, ATSS and CenterNet, zoomed on the box."
            ) { path, format in
                var figure = TargetCellPanels(
                    panels: [fcosPanel, atssPanel, centerPanel], groundTruths: boxes, imageWidth: scene.width,
                    imageHeight: scene.height, backdrop: backdrop,
                    title: "Which cells learn \(boxLabel(g, boxes)), and with what target",
                    valueName: "colour: centerness (FCOS), anchor IoU (ATSS), Gaussian y (CenterNet)")
                figure.viewport = zoom(on: boxes[g].box, by: 0.35, width: scene.width, height: scene.height)
                figure.minimumValue = 0
                figure.notes = [
                    "ATSS: positives are anchors with IoU ≥ the box's threshold t",
                    "CenterNet: only the centre cell (y = 1) is a positive",
                ]
                figure.subtitle =
                    "the same 512 × 512 input for all three heads · drawn back on the \(sceneName) scene"
                try figure.write(toPath: path, format: format)
            }
        } else {
            "The scene has no boxes, so no location learns anything."
        }
    }
}

@MainActor func tryThisStep() -> Step {
    Step("Try this") {
        "Predict each answer before you run it."
        TryThis(
            "Run `swift run fcos targets --scene Assets/scenes/tennis.json --preset centernet`: the scene is 1066 × 800, "
                + "not a multiple of 4 on both sides. What output size does CenterNet's integer division give, and by "
                + "how much are the boxes scaled? Compare with the 512 × 512 input used here.",
            "Run with `--scene Assets/scenes/small-objects.json`: which boxes get a drawn radius of 0 (a single-cell "
                + "bump), and what does step 6's table look like for such a box?",
            "In step 4, the original formula's case 3 is `4t` times the true root. Work out by hand the drawn "
                + "radius for a 16 × 16-cell box under both formulas at t = 0.7, then check with step 4's plot.",
            "Run with `--preset torchvision`: does FCOS's panel in step 8 change its level or its number of positives "
                + "for the box? CenterNet's cannot: why?"
        )
    }
}

Lesson(
    id: "lesson-11-centernet",
    title: "Keypoint heads: CornerNet's corners and CenterNet's centres",
    summary:
        "CornerNet and CenterNet turn each box into Gaussian bumps on per-class heat maps. Afterwards you can "
        + "compute a bump's radius by hand, say which cells are positives and what the others cost, read "
        + "objects back off the heat maps with a 3 × 3 max-pool, and compare the cells that learn a box with FCOS's."
) {
    sceneStep()
    cornerNetStep()
    centerNetStep()
    radiusStep()
    overlapStep()
    focalStep()
    peaksStep()
    comparisonStep()
    tryThisStep()
}.main(options)
