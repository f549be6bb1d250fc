import ATSS
import Annotations
import Canvas
import FCOS
import Figures
import Foundation
import GFL
import Notebook

// Lesson 10: Generalized Focal Loss (Li et al. 2020) on top of ATSS: a classification score that
// is trained to be the IoU, box sides as distributions, and GFL v2's statistics of those
// distributions. Every number about the scene and every loss value is computed by the GFL module.

let options = LessonOptions.parseOrExit()
let preset: GFLPreset = options.methodPreset(
    lesson: "lesson-10-gfl", defaultName: GFLPreset.gfl.name, choices: GFLPreset.all.map(\.name),
    named: GFLPreset.named)
let scene = options.scene(default: "tennis")
let sceneName =
    options.scene.map { ($0 as NSString).lastPathComponent.replacingOccurrences(of: ".json", with: "") }
    ?? "tennis"
let boxes = scene.groundTruths
let n = preset.maximum
let assignment = Lazy { preset.assigner.assign(boxes, imageWidth: scene.width, imageHeight: scene.height) }

/// The positive anchor the lesson follows: the best-overlapping positive of the largest box that has one.
struct Focus {
    var box: Int
    var level: Int
    var center: Point
    var stride: Int
    var iou: Float
    var target: LTRB
}

let focus = Lazy { () -> Focus? in
    let a = try assignment.value
    let withPositives = a.boxes.indices.filter { a.boxes[$0].positiveCount > 0 }
    guard let g = withPositives.max(by: { boxes[$0].box.area() < boxes[$1].box.area() }) else { return nil }
    var best: (level: Int, candidate: Candidate)?
    for (l, level) in a.boxes[g].levels.enumerated() {
        for c in level.candidates where c.verdict == .positive && c.iou > (best?.candidate.iou ?? -1) {
            best = (l, c)
        }
    }
    guard let best else { return nil }
    let stride = a.levels[best.level].map.stride
    return Focus(
        box: g, level: best.level, center: best.candidate.center, stride: stride, iou: best.candidate.iou,
        target: GFLTargets.distance(
            from: best.candidate.center, to: boxes[g].box, stride: Float(stride), maximum: n))
}

Lesson(
    id: "lesson-10-gfl",
    title: "Generalized Focal Loss: a score that means IoU, sides as distributions",
    summary:
        "GFL keeps ATSS's positives and changes what the head learns: the class score becomes the IoU of the "
        + "predicted box (trained with Quality Focal Loss), and each side of the box becomes a distribution over "
        + "17 bins (trained with Distribution Focal Loss). Afterwards you can compute both losses by hand and "
        + "read a predicted distribution the way GFL v2 does."
) {
    Step("The anchor we follow") {
        """
        GFL (Li et al. 2020) is built on ATSS (lesson 9): the preset `\(preset.name)` is \(preset.summary). \
        It assigns positives exactly as `atss-mmdet` and then trains three things per positive anchor: a \
        classification score that is also a quality score, the four distances `l, t, r, b` from the anchor \
        centre to the box's sides, *in strides*, and no centerness branch at all.
        """
        if let f = try focus.value {
            let a = try assignment.value
            let names = a.levels.map(\.map.level.name)
            let pixels = LTRB(from: f.center, to: boxes[f.box].box)
            """
            We follow one positive anchor on `\(sceneName)`: the best-overlapping positive of \
            \(boxName(f.box, in: boxes)), on \(names[f.level]) (stride \(f.stride)) at \(pointText(f.center)), \
            whose anchor has IoU \(fixed(f.iou)) with the box. Its distances to the box's sides are:
            """
            Table(
                "The followed anchor's regression target (\(boxName(f.box, in: boxes)), \(names[f.level]))",
                columns: [
                    "side", .right("pixels"), .right("÷ stride \(f.stride)"), .right("target y (clamped)"),
                ],
                rows: sideNames.indices.map { i in
                    [
                        sideNames[i], number(pixels.sides[i]), fixed(pixels.sides[i] / Float(f.stride), 3),
                        fixed(f.target.sides[i], 3),
                    ]
                })
            let targets = GFLTargets(a, maximum: n)
            let bound = GFLTargets.upperBound(maximum: n)
            let all = targets.distances.flatMap { $0.compactMap { $0 } }
            let clamped = all.filter { $0.sides.contains { $0 >= bound } }.count
            """
            Targets are clamped to `[0, \(fixed(bound, 1))]` strides (`reg_max` = \(n), mmdetection's \
            `bbox2distance` with its 0.1 margin) so that the bin above the target always exists. On this \
            scene \(grouped(clamped)) of the \(grouped(all.count)) positives \
            \(clamped == 1 ? "has" : "have") a clamped side.
            """
        } else {
            "The scene has no positive anchor, so there is nothing to follow; leave out `--scene` to use the tennis scene."
        }
    }

    Step("The quality target: the IoU of the prediction") {
        """
        FCOS and ATSS multiply the class score by a separately trained centerness at test time, and the two \
        were never trained together. GFL trains a single score per class instead: for a positive anchor, \
        the target of its box's class is `y = IoU(predicted box, ground-truth box)`, the IoU of the box the \
        network currently predicts (detached from the gradient); every other class, and every class of a \
        negative, has target 0. The target moves as the regression improves.
        """
        if let f = try focus.value {
            let gt = boxes[f.box].box
            let d = LTRB(from: f.center, to: gt)
            let s = Float(f.stride)
            let predictions: [(String, LTRB)] = [
                ("exact", d),
                ("every side 10 % short", LTRB(l: 0.9 * d.l, t: 0.9 * d.t, r: 0.9 * d.r, b: 0.9 * d.b)),
                ("shifted right by half a stride", LTRB(l: d.l - s / 2, t: d.t, r: d.r + s / 2, b: d.b)),
                ("right side 30 % too long", LTRB(l: d.l, t: d.t, r: 1.3 * d.r, b: d.b)),
                ("half the size", LTRB(l: d.l / 2, t: d.t / 2, r: d.r / 2, b: d.b / 2)),
            ]
            let decoded = predictions.map { name, p in
                (
                    name,
                    Box(
                        x0: f.center.x - p.l, y0: f.center.y - p.t, x1: f.center.x + p.r, y1: f.center.y + p.b
                    )
                )
            }
            Table(
                "Predictions from the followed anchor and their quality targets",
                columns: ["prediction", "box", .right("y = IoU with the box")],
                rows: decoded.map { name, box in [name, corners(box), fixed(intersectionOverUnion(box, gt))] }
            )
            "A perfect box trains the score towards 1; a box half the size towards \(fixed(intersectionOverUnion(decoded[4].1, gt))). At test time the score alone ranks detections, with no centerness."
        }
    }

    Step("Quality Focal Loss, curve by curve") {
        let ys: [Double] = [0, 0.25, 0.5, 0.75, 1]
        let probes: [Double] = [0.1, 0.3, 0.5, 0.7, 0.9]
        """
        The focal loss of lesson 6 needs a target of 0 or 1. QFL extends it to a soft target `y ∈ [0, 1]`: \
        binary cross-entropy against `y`, scaled by how far the prediction `σ` is from `y`:
        """
        Formula("QFL(σ) = −|y − σ|^β · ((1 − y)·log(1 − σ) + y·log σ)        β = 2")
        let grid = (1...999).map { Double($0) / 1000 }
        let minima = ys.map { y in grid.min { qfl(sigma: $0, y: y) < qfl(sigma: $1, y: y) }! }
        Table(
            "QFL (β = 2) by quality target y and predicted score σ (computed with QualityFocalLoss)",
            columns: ["y"] + probes.map { .right("σ = \(fixed($0, 1))") } + [.right("minimum at σ")],
            rows: zip(ys, minima).map { y, m in
                Table.Row([fixed(y, 2)] + probes.map { fixed(qfl(sigma: $0, y: y)) } + [fixed(m, 3)])
            })
        let example = qfl(sigma: 0.2, y: 0.5)
        let negative = qfl(sigma: 0.2, y: 0)
        let focalAtOne = Double(FocalLoss.value(logit: logit(0.7), target: 1, alpha: -1, gamma: 2))
        """
        Each curve bottoms out where the score equals the target (the last column; 0.999 and 0.001 are the \
        ends of the grid the minimum was searched on): QFL pulls the score *to* the IoU, not to 1. A \
        positive with `y = 0.5` scored `σ = 0.2` costs \(fixed(example)); a negative scored 0.2 costs \
        \(fixed(negative, 4)), because `σ²` silences confident negatives just as `(1 − p_t)^γ` did. With \
        `y = 1` QFL *is* lesson 6's focal loss with α off and γ = 2: at σ = 0.7 both give \
        \(fixed(qfl(sigma: 0.7, y: 1), 4)) and \(fixed(focalAtOne, 4)).
        """
        Picture(
            "qfl-curves", caption: "QFL(σ) for y = 0, 0.25, 0.5, 0.75 and 1: each curve is zero at σ = y."
        ) {
            path, format in
            let samples = (1...199).map { Double($0) / 200 }
            var plot = LinePlot(
                series: ys.map { y in
                    LinePlot.Series(
                        name: "y = \(fixed(y, 2))",
                        points: samples.map { CGPoint(x: $0, y: qfl(sigma: $0, y: y)) },
                        dash: y == 1 ? [7, 4] : [])
                },
                title: "Quality Focal Loss pulls the score to the IoU, not to 1",
                xLabel: "σ, the predicted score", yLabel: "QFL(σ)")
            plot.subtitle =
                "QFL(σ) = −|y − σ|² · ((1 − y)·log(1 − σ) + y·log σ) · y = 1 (dashed) is the focal loss with γ = 2"
            plot.xRange = 0...1
            plot.yRange = 0...1.5
            plot.plotSize = CGSize(width: 470, height: 320)
            try plot.write(toPath: path, format: format)
        }
        Table(
            "GFL paper: AP by β (ATSS, R-50 1x)",
            columns: BetaSweep.ap.map { .right("β = \(fixed($0.beta, $0.beta == 2.5 ? 1 : 0))") },
            rows: [Table.Row(BetaSweep.ap.map { fixed($0.ap, 1) })])
    }

    Step("A side as a distribution: the DFL target") {
        """
        ATSS regresses each side as one number. GFL predicts, for each side, a distribution over the \
        \(n + 1) bins `0, 1, …, \(n)` (strides) with a softmax, and decodes it by its expectation, \
        `ŷ = Σ P_i · i`. A sharp distribution says "I know where this side is", a flat one "it is \
        somewhere around here". Distribution Focal Loss trains it with cross-entropy on the **two bins \
        around the target**, weighted by how close the target is to each:
        """
        Formula(
            """
            y_l = ⌊y⌋        y_r = y_l + 1
            DFL = −((y_r − y)·log P(y_l) + (y − y_l)·log P(y_r))
            """)
        if let f = try focus.value {
            let rows = sideNames.indices.map {
                i -> (y: Float, l: Int, wl: Float, wr: Float, best: Float, nearest: Float) in
                let y = f.target.sides[i]
                let l = Int(y)
                let wl = Float(l + 1) - y
                let wr = y - Float(l)
                let ideal = (0...n).map { b -> Float in
                    b == l ? log(max(wl, 1e-12)) : b == l + 1 ? log(max(wr, 1e-12)) : -60
                }
                let rounded = Int(y.rounded())
                let oneHot = (0...n).map { b -> Float in b == rounded ? 0 : -8 }
                return (
                    y, l, wl, wr, DistributionFocalLoss.value(logits: ideal, target: y),
                    DistributionFocalLoss.value(logits: oneHot, target: y)
                )
            }
            Table(
                "The followed anchor's DFL targets",
                columns: [
                    "side", .right("y"), .right("y_l"), .right("weight on y_l"), .right("weight on y_r"),
                    .right("DFL at the best P"), .right("DFL, nearest bin only"),
                ],
                rows: sideNames.indices.map { i in
                    let r = rows[i]
                    return [
                        sideNames[i], fixed(r.y), "\(r.l)", fixed(r.wl), fixed(r.wr), fixed(r.best),
                        fixed(r.nearest),
                    ]
                })
            let first = rows[0]
            """
            Take side `l`: `y = \(fixed(first.y))` lies between bins \(first.l) and \(first.l + 1), so the \
            target puts \(fixed(first.wl)) on bin \(first.l) and \(fixed(first.wr)) on bin \(first.l + 1), and \
            its expectation is exactly `y`. Note the column "DFL at the best P": the loss of the *perfect* \
            prediction is not 0 but the entropy of those two weights (\(fixed(first.best)) nats for side `l`). \
            A distribution that puts almost everything on the nearest bin (the last column) costs more, though \
            it rounds to a good box: DFL asks for the two neighbours, not for a spike.
            """
            Picture(
                "dfl-targets",
                caption: "The DFL targets of the followed anchor: two bins per side, weighted by distance."
            ) {
                path, format in
                var figure = DistributionPanels(
                    panels: sideNames.indices.map { i in
                        let r = rows[i]
                        var p = [Double](repeating: 0, count: n + 1)
                        p[r.l] = Double(r.wl)
                        if r.l + 1 <= n { p[r.l + 1] = Double(r.wr) }
                        return DistributionPanels.Panel(
                            title: "side \(sideNames[i]): y = \(fixed(r.y)) strides", probabilities: p,
                            target: Double(r.y),
                            highlighted: [r.l, r.l + 1],
                            barLabels: [r.l: fixed(r.wl, 2), r.l + 1: fixed(r.wr, 2)])
                    },
                    title: "DFL's target for each side: the two bins around y, weighted by closeness")
                figure.subtitle =
                    "\(boxName(f.box, in: boxes)), anchor at \(pointText(f.center)), stride \(f.stride) · bins 0…\(n) strides · the weights sum to 1 and their expectation is y"
                figure.highlightMeaning = "the two bins DFL trains"
                figure.color = BoxColors.color(forBox: f.box)
                try figure.write(toPath: path, format: format)
            }
        }
    }

    Step("Sharp and flat predictions") {
        if let f = try focus.value {
            let sides = f.target.sides
            let side = sides.indices.min {
                abs(sides[$0] - sides[$0].rounded(.down) - 0.5)
                    < abs(sides[$1] - sides[$1].rounded(.down) - 0.5)
            }!
            let y = sides[side]
            let sharp = BoxDistribution(logits: gaussianLogits(centre: Double(y), width: 0.6, bins: n))
            let flat = BoxDistribution(logits: gaussianLogits(centre: Double(y), width: 3, bins: n))
            let loss = { (d: BoxDistribution) in
                DistributionFocalLoss.value(logits: d.probabilities.map { log(max($0, 1e-30)) }, target: y)
            }
            """
            Now two *predicted* distributions for side `\(sideNames[side])` (target `y = \(fixed(y))`, the side \
            whose target sits nearest the middle between two bins): a sharp one and a flat one, both centred on \
            `y` (discretised Gaussians of width 0.6 and 3 bins, made up for the lesson, not a trained network's).
            """
            Table(
                "Two predictions for side \(sideNames[side]) (y = \(fixed(y)))",
                columns: [
                    "prediction", .right("expectation ŷ"), .right("|ŷ − y|"), .right("largest P"),
                    .right("DFL"),
                ],
                rows: [("sharp", sharp), ("flat", flat)].map { name, d in
                    [
                        name, fixed(d.expectation), fixed(abs(d.expectation - y)),
                        fixed(d.probabilities.max() ?? 0),
                        fixed(loss(d)),
                    ]
                })
            """
            Both expectations land near `y` (the flat one is pulled a little by the ends of the range at 0 and \
            \(n)), so a box decoded from either is almost the same. DFL tells them apart: the flat prediction \
            costs \(fixed(loss(flat))) against the sharp one's \(fixed(loss(sharp))), because it wastes \
            probability on bins far from `y`. The expectation says where the side is; the *shape* says how \
            sure the network is, and GFL v2 reads that shape.
            """
            Picture(
                "sharp-vs-flat",
                caption:
                    "A sharp and a flat prediction for the same side, with the target y and each expectation ŷ."
            ) {
                path, format in
                var figure = DistributionPanels(
                    panels: [("sharp", sharp), ("flat", flat)].map { name, d in
                        DistributionPanels.Panel(
                            title: "\(name): ŷ = \(fixed(d.expectation)), DFL = \(fixed(loss(d)))",
                            probabilities: d.probabilities.map(Double.init), target: Double(y),
                            expectation: Double(d.expectation), highlighted: [Int(y), Int(y) + 1])
                    },
                    title: "Side \(sideNames[side]): same target, a sharp and a flat prediction")
                figure.subtitle = "y = \(fixed(y)) strides · highlighted: the two bins DFL trains"
                figure.highlightMeaning = "the two bins around y"
                figure.color = BoxColors.color(forBox: f.box)
                try figure.write(toPath: path, format: format)
            }
        }
    }

    Step("GFL v2: reading the shape") {
        """
        GFL v2 (Li et al. 2021) keeps everything above and adds a tiny *Distribution-Guided Quality \
        Predictor*: for each side it takes the **top 4 probabilities** of the distribution and **their \
        mean**, 4 × 5 = 20 numbers per location, and maps them through two 1 × 1 convolutions (20 → 64 → 1) \
        and a sigmoid to a quality `I`; the final score is `σ(class) · I`. A sharp distribution has a large \
        top-1 probability, a flat one four similar small ones, so the predictor can learn "sharp means a \
        well-localised box".
        """
        if let f = try focus.value {
            let make = { (width: Double) in
                f.target.sides.map {
                    BoxDistribution(logits: gaussianLogits(centre: Double($0), width: width, bins: n))
                }
            }
            let sharp = make(0.6)
            let flat = make(3)
            let statistics = [
                ("sharp", BoxDistribution.qualityStatistics(sides: sharp)),
                ("flat", BoxDistribution.qualityStatistics(sides: flat)),
            ]
            Table(
                "GFL v2's 20 statistics of the followed anchor, for sharp and flat predictions on all four sides",
                columns: [
                    "prediction", "side", .right("top 1"), .right("top 2"), .right("top 3"), .right("top 4"),
                    .right("mean"),
                ],
                rows: statistics.flatMap { name, values in
                    sideNames.indices.map { i in
                        Table.Row([name, sideNames[i]] + values[(5 * i)..<(5 * i + 5)].map { fixed($0) })
                    }
                })
            let sharpTop = sharp.map { $0.topK(1, mean: false)[0] }
            let flatTop = flat.map { $0.topK(1, mean: false)[0] }
            """
            The sharp predictions put \(fixed(sharpTop.min() ?? 0))–\(fixed(sharpTop.max() ?? 0)) on their \
            best bin, the flat ones \(fixed(flatTop.min() ?? 0))–\(fixed(flatTop.max() ?? 0)): twenty numbers \
            that separate a confident box from a vague one at a glance, whatever the box's size. The paper \
            reports GFL v2 at \(fixed(Version2.v2, 1)) AP against GFL's \(fixed(Version2.v1, 1)) (R-50, 1x); \
            GFL itself gained \(fixed(Ablation.qfl - Ablation.baseline, 1)) from QFL and \
            \(fixed(Ablation.both - Ablation.baseline, 1)) from QFL and DFL together over ATSS's \
            \(fixed(Ablation.baseline, 1)), at no cost in speed.
            """
            let side = 0
            Picture(
                "gflv2-statistics",
                caption: "GFL v2 reads the top 4 probabilities (highlighted) and their mean, per side."
            ) {
                path, format in
                var figure = DistributionPanels(
                    panels: [("sharp", sharp[side]), ("flat", flat[side])].map { name, d in
                        let order = d.probabilities.indices.sorted {
                            d.probabilities[$0] > d.probabilities[$1]
                        }
                        let top = Array(order.prefix(4))
                        let mean = d.topK(4)[4]
                        return DistributionPanels.Panel(
                            title: "\(name): top 4 mean \(fixed(mean))",
                            probabilities: d.probabilities.map(Double.init),
                            highlighted: Set(top),
                            barLabels: Dictionary(
                                uniqueKeysWithValues: top.enumerated().map { ($1, "\($0 + 1)") }))
                    },
                    title:
                        "GFL v2's statistics of side \(sideNames[side]): the top 4 probabilities and their mean"
                )
                figure.subtitle =
                    "the same target y = \(fixed(f.target.l)) strides · a sharp distribution has one tall bar, a flat one four short ones"
                figure.highlightMeaning = "the top 4 probabilities, numbered by size"
                figure.color = BoxColors.color(forBox: f.box)
                try figure.write(toPath: path, format: format)
            }
        }
    }

    Step("Try this") {
        "Predict each answer before you run the command."
        TryThis(
            "In step 3, a negative scored σ = 0.2 costs far less than a positive with y = 0.5 scored 0.2. Which costs more: a negative scored 0.5, or a positive with y = 0.9 scored 0.5? Work it out from the formula, then check the table's row y = 0.75 for a hint.",
            "Run with `--scene Assets/scenes/street.json`: the followed anchor becomes the bus's, on a coarse level. Are its targets larger or smaller in strides than the person's here, and does any positive of the street scene need the 15.9 clamp?",
            "In step 4, a target exactly on a bin (say y = 3.0) puts all its weight on one bin. What is DFL's minimum then, and why is it 0 only in that case?"
        )
    }
}.main(options)
