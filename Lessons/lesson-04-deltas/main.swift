import Annotations
import Canvas
import FCOS
import Figures
import Foundation
import Notebook

let options = LessonOptions.parseOrExit()
let preset = options.fcosPreset
let scene = options.scene(default: "tennis")
let backdrop = Backdrop.named(options.illustrationName(of: scene))
let assignment = Lazy {
    preset.matcher.assign(
        scene.groundTruths, imageWidth: scene.width, imageHeight: scene.height, explain: true)
}
let samples = Lazy { try assignment.value.positiveSamples }
let zoomed = Lazy { zoomSample(try samples.value, boxCount: scene.groundTruths.count) }
let trainsInStrides = preset.assignment.regressionUnits == .stride
let unitName = trainsInStrides ? "strides" : "pixels"

func label(_ g: Int) -> String { BoxColors.label(forBox: g, in: scene.groundTruths) }
func swatch(_ g: Int) -> UInt32 {
    let bytes = BoxColors.color(forBox: g).bytes
    return UInt32(bytes.red) << 16 | UInt32(bytes.green) << 8 | UInt32(bytes.blue)
}

Lesson(
    id: "lesson-04-deltas",
    title: "Regression targets: four distances per location",
    summary:
        "What a positive location learns to predict, `(l*, t*, r*, b*)`, why the improved variants divide "
        + "it by the stride, how a prediction is decoded back into a box, and why the head ends in "
        + "`exp(s·x)` or a ReLU."
) {
    Step("Four distances from one location") {
        "Every positive location `(x, y)` regresses the box it was assigned to, not as corners but as four "
            + "distances from itself to the box's sides (the paper's Eq. 1). We use the paper's names: "
            + "`l*, t*, r*, b*` for the distances to the left, top, right and bottom sides of the box "
            + "`(x0, y0, x1, y1)`, `P3…P7` for the pyramid levels and `s` for a level's stride."
        Formula(
            """
            l* = x − x0        t* = y − y0
            r* = x1 − x        b* = y1 − y
            """)
        if let z = try zoomed.value {
            "Here is one positive of `\(label(z.groundTruth))` under preset `\(preset.name)`: the location "
                + "`\(pointText(z.location))` on \(z.levelName) (stride \(z.stride)). It was picked about a "
                + "third of the way across the box from its top-left corner, so the four arrows have "
                + "different lengths. Look for the dot, the four arrows that reach the box's sides, and "
                + "the numbers on them; the thickest arrow is `m`, the largest distance. The table below "
                + "computes the same four numbers."
            Picture(
                "zoom-\(z.levelName.lowercased())-location",
                caption:
                    "One positive location on \(z.levelName) and its four distances to \(label(z.groundTruth))'s sides."
            ) { path, format in
                let zoom = LocationZoom(
                    assignment: try assignment.value, level: z.level, location: z.index, backdrop: backdrop)
                try zoom.write(toPath: path, format: format)
            }
            Table(
                "Targets of the location \(pointText(z.location)) on \(z.levelName)",
                columns: ["target", "computed as", .right("pixels"), .right("÷ s = \(z.stride)")],
                rows: [
                    [
                        "l*", "\(short(z.location.x)) − \(short(z.box.x0))", short(z.pixels.l),
                        short(z.strides.l, 3),
                    ],
                    [
                        "t*", "\(short(z.location.y)) − \(short(z.box.y0))", short(z.pixels.t),
                        short(z.strides.t, 3),
                    ],
                    [
                        "r*", "\(short(z.box.x1)) − \(short(z.location.x))", short(z.pixels.r),
                        short(z.strides.r, 3),
                    ],
                    [
                        "b*", "\(short(z.box.y1)) − \(short(z.location.y))", short(z.pixels.b),
                        short(z.strides.b, 3),
                    ],
                ].map { Table.Row($0, swatch: swatch(z.groundTruth)) })
            "The largest of the four, `m = max(l*, t*, r*, b*) = \(short(z.pixels.maximum))` px, is what the "
                + "size gate compared with the levels' ranges (lesson 3): it lies in \(z.levelName)'s, which is "
                + "why this location regresses `\(label(z.groundTruth))` on \(z.levelName)."
        } else {
            Note(
                "This scene has no positive location under preset `\(preset.name)`, so there is no distance "
                    + "to show. Run the lesson without `--scene` to see the tennis scene.")
        }
        Note(
            "All four distances are positive exactly when the location lies strictly inside the box. A "
                + "location outside gets at least one negative distance, which is how the matcher tells "
                + "that it cannot regress that box.")
    }

    Step("Pixels or strides") {
        "The paper regresses the distances in pixels. The improved variants divide them by the level's "
            + "stride `s` first: the authors' `NORM_REG_TARGETS` (`official-imprv`), mmdetection's "
            + "`norm_on_bbox` (on only in its `center-normbbox-centeronreg-giou` configuration; its default "
            + "head keeps pixels, as the paper does), torchvision's and detectron2's linear box coder (its anchor size is the "
            + "stride) and EECS 498's `fcos_get_deltas_from_locations`. Preset `\(preset.name)` trains on "
            + "**\(unitName)**."
        let levels = preset.assignment.levels
        Formula(
            "(l*, t*, r*, b*) ÷ s     with s = \(levels.map { "\($0.stride)" }.joined(separator: ", ")) on "
                + "\(levels.map(\.name).joined(separator: ", "))")
        let all = try samples.value
        if all.isEmpty {
            Note("No positives in this scene under `\(preset.name)`: nothing to tabulate.")
        } else {
            "One positive per level (the most central one of the level's busiest box). Read down a column: "
                + "in pixels the numbers grow with the level, divided by the stride they stay alike."
            Table(
                "A few positives' targets, in pixels and ÷ s",
                columns: ["box", "level", .right("s"), .right("l*, t*, r*, b* in px"), .right("÷ s")],
                rows: onePerLevel(all).map { p in
                    Table.Row(
                        [
                            label(p.groundTruth), p.levelName, "\(p.stride)", ltrbText(p.pixels, 1),
                            ltrbText(p.strides, 2),
                        ], swatch: swatch(p.groundTruth))
                })
            let magnitudes = levelMagnitudes(all)
            "Now every positive of the scene, summarised per level by `m = max(l*, t*, r*, b*)`, its largest "
                + "distance. (The mean of the four distances would say nothing new: `l* + r*` is the box's "
                + "width and `t* + b*` its height wherever the location sits.)"
            Table(
                "Typical target size per level: m in pixels, and ÷ s",
                columns: [
                    "level", .right("s"), .right("positives"), .right("mean m"), .right("÷ s"),
                    .right("range of m"), .right("÷ s"),
                ],
                rows: magnitudes.map { m in
                    [
                        m.levelName, "\(m.stride)", "\(m.positives)", num(m.meanM, 1), num(m.meanMStrides, 2),
                        "\(short(m.smallestM, 1))–\(short(m.largestM, 1))",
                        "\(num(m.smallestM / Float(m.stride), 2))–\(num(m.largestM / Float(m.stride), 2))",
                    ]
                })
            "What to look for in the two charts below: the same levels, the same positives; in the first the "
                + "bars climb with the stride, in the second they stay within a narrow band."
            Picture("m-per-level-pixels", caption: "Mean m per level, in pixels: it grows with the stride.") {
                path, format in
                var chart = BarChart(
                    categories: magnitudes.map(\.levelName),
                    groups: [.init(name: "mean m (px)", values: magnitudes.map { Double($0.meanM) })],
                    title: "Mean m per level, in pixels", yLabel: "mean m (pixels)")
                chart.subtitle = "preset “\(preset.name)” · over each level's positives"
                try chart.write(toPath: path, format: format)
            }
            Picture(
                "m-per-level-strides", caption: "The same, divided by each level's stride: similar sizes."
            ) {
                path, format in
                var chart = BarChart(
                    categories: magnitudes.map(\.levelName),
                    groups: [
                        .init(
                            name: "mean m ÷ s", values: magnitudes.map { Double($0.meanMStrides) },
                            color: Palette.categorical(2))
                    ],
                    title: "Mean m per level, divided by the stride", yLabel: "mean m ÷ s (strides)")
                chart.subtitle = "preset “\(preset.name)” · what the improved variants regress"
                chart.valueDecimals = 2
                try chart.write(toPath: path, format: format)
            }
            let pixelMeans = magnitudes.map(\.meanM)
            let strideMeans = magnitudes.map(\.meanMStrides)
            if magnitudes.count > 1 {
                "In pixels the mean `m` ranges from \(num(pixelMeans.min()!, 1)) to \(num(pixelMeans.max()!, 1)), "
                    + "a factor of \(num(pixelMeans.max()! / pixelMeans.min()!, 1)); divided by the stride it "
                    + "ranges from \(num(strideMeans.min()!, 2)) to \(num(strideMeans.max()!, 2)), a factor of "
                    + "\(num(strideMeans.max()! / strideMeans.min()!, 1))."
            } else {
                "This scene has positives on one level only, \(magnitudes[0].levelName); try `--scene "
                    + "Assets/scenes/street.json` to compare levels."
            }
            let bounded = magnitudes.filter { m in
                let range = preset.assignment.levels[m.level].sizeRange
                return range.lower > 0 && range.upper < FeatureLevel.referenceInfinity
            }
            let gateIsFourToEight = bounded.allSatisfy { m in
                let range = preset.assignment.levels[m.level].sizeRange
                return range.lower == Float(4 * m.stride) && range.upper == Float(8 * m.stride)
            }
            if !bounded.isEmpty && gateIsFourToEight {
                let low = bounded.map { $0.smallestM / Float($0.stride) }.min()!
                let high = bounded.map { $0.largestM / Float($0.stride) }.max()!
                "The reason is the size gate. Every level between the first and the last keeps only boxes whose "
                    + "`m` lies in its range, and `\(preset.name)`'s ranges are `4s` to `8s` "
                    + "(\(bounded.map(\.levelName).joined(separator: ", ")) here), so `m ÷ s` must land between 4 "
                    + "and 8 on those levels whatever the object's size: in this scene it lies between "
                    + "\(num(low, 2)) and \(num(high, 2)). The first level has no lower bound and the last no "
                    + "upper one, so their values can stray."
            }
        }
        Note(
            "Why it matters: the regression head is *shared* by all levels, the same convolution weights on "
                + "P3 and on P7. Normalised targets ask it for numbers of the same size everywhere, so one "
                + "set of weights, and one loss weight, suits every level.")
    }

    Step("Decoding back") {
        "At test time the head predicts four distances at every location and the box is rebuilt by "
            + "walking them back from the location, after multiplying by the stride when the targets "
            + "were normalised (`k = s`; `k = 1` for pixel targets)."
        Formula("decode(l, t, r, b) = (x − k·l,  y − k·t,  x + k·r,  y + k·b)")
        let all = try samples.value
        if all.isEmpty {
            Note("No positives in this scene under `\(preset.name)`: nothing to decode.")
        } else {
            let shown = Array((onePerLevel(all) + [try zoomed.value!]).prefix(6))
            let units = preset.assignment.regressionUnits
            "A perfect prediction equals the stored target, so decoding the target must give back the "
                + "ground-truth box. The targets below are what `\(preset.name)` stores (in \(unitName)); "
                + "each is decoded with `RegressionDeltas.decode` and compared with its ground-truth box (the row's "
                + "colour; *error* is the largest difference between a decoded and a true coordinate)."
            let rows = shown.map { p -> (PositiveSample, Box, Float) in
                let decoded = RegressionDeltas.decode(
                    p.target, at: p.location, stride: Float(p.stride), units: units)
                let error = max(
                    max(abs(decoded.x0 - p.box.x0), abs(decoded.y0 - p.box.y0)),
                    max(abs(decoded.x1 - p.box.x1), abs(decoded.y1 - p.box.y1)))
                return (p, decoded, error)
            }
            Table(
                "decode(encode(box)) for \(shown.count) positives",
                columns: [
                    "level", .right("location"), .right("stored target (\(unitName))"), .right("decoded box"),
                    .right("error (px)"),
                ],
                rows: rows.map { p, decoded, error in
                    Table.Row(
                        [
                            p.levelName, pointText(p.location), ltrbText(p.target, 3), boxText(decoded),
                            short(error, 6),
                        ], swatch: swatch(p.groundTruth))
                })
            let worst = rows.map(\.2).max() ?? 0
            if worst == 0 {
                switch units {
                case .stride:
                    "Every decoded box equals its ground truth exactly, to the last bit of a float32. Dividing "
                        + "by a stride that is a power of two and multiplying back is exact in binary floating "
                        + "point; with a stride of 12 it would not always be."
                case .pixels:
                    "Every decoded box equals its ground truth exactly, to the last bit of a float32. Pixel "
                        + "targets are never divided: encoding subtracts (`l* = x − x0`) and decoding subtracts "
                        + "back (`x − l*`), and with whole-pixel coordinates below 2²⁴ both are exact in float32."
                }
            } else {
                "The largest difference is \(short(worst, 6)) px: float32 rounding of this scene's fractional "
                    + "coordinates, far below a pixel."
            }
        }
    }

    Step("When a predicted distance is negative") {
        "A target is never negative, but a prediction can be, unless the head forbids it. Decoding a "
            + "negative `l` puts the box's left side to the *right* of the location; a negative distance "
            + "larger than the opposite one even gives a box with negative width. EECS 498's "
            + "`fcos_apply_deltas_to_locations` and detectron2's linear box coder clip each distance at 0 "
            + "before decoding; the official, mmdetection and torchvision heads make negative outputs "
            + "impossible instead (next step), so their decoders never clip."
        if let z = try zoomed.value {
            let s = Float(z.stride)
            let k: Float = trainsInStrides ? 1 : s
            let half = LTRB(l: -0.5 * k, t: z.target.t, r: z.target.r, b: z.target.b)
            let beyond = LTRB(l: -(z.target.r + k), t: z.target.t, r: z.target.r, b: z.target.b)
            let units = preset.assignment.regressionUnits
            "Take the location `\(pointText(z.location))` from the first step and pretend the head predicted "
                + "its targets exactly, except for `l`: first half a stride on the wrong side, then one stride "
                + "more than `r` on the wrong side. Distances are in \(unitName), as `\(preset.name)` predicts them."
            let predictions = [half, beyond]
            let asIs = predictions.map {
                RegressionDeltas.decode($0, at: z.location, stride: s, units: units)
            }
            let clippedFirst = predictions.map {
                RegressionDeltas.decode($0, at: z.location, stride: s, units: units, clampNegative: true)
            }
            Table(
                "Two predictions with a negative l, decoded both ways",
                columns: ["", .right("l = −½ stride"), .right("l = −(r + 1 stride)")],
                rows: decodingRows(
                    predictions, unitName: unitName, asIs: asIs, clipped: clippedFirst, truth: z.box))
            let first = asIs[0]
            let raw = asIs[1]
            let clipped = clippedFirst[1]
            "Decoded as is, the first prediction's left side is at `x0 = \(short(first.x0))`, to the right of "
                + "the location `x = \(short(z.location.x))`: the box no longer contains the point that "
                + "predicted it. The second has `x0 = \(short(raw.x0)) > x1 = \(short(raw.x1))`: not a box "
                + "at all, and its IoU with the ground truth is "
                + "\(short(intersectionOverUnion(raw, z.box), 3)). Clipped first, its left side sits on the "
                + "location itself, `x0 = \(short(clipped.x0))`, and the IoU is "
                + "\(short(intersectionOverUnion(clipped, z.box), 3)): a poor box, but a box."
        } else {
            Note("No positive in this scene to build the example from.")
        }
        "Where each reference stands (the clipping column is read from the toolkit's post-processing rules, "
            + "`PostProcessingRules.clampNegativeRegression`):"
        let heads: [(String, String, PostProcessingRules)] = [
            ("official", "exp(s_i · x), in pixels", .official),
            ("official-imprv", "ReLU(s_i · x), in strides", .officialImprv),
            ("mmdet", "clamp(s_i · x, min = 0), in strides (norm_on_bbox config)", .mmdet),
            ("torchvision", "ReLU(x), in strides", .torchvision),
            ("detectron2", "none (raw x), in strides", .detectron2),
            ("eecs498", "none (raw x), in strides", .eecs498),
        ]
        Table(
            "Who keeps distances non-negative, and where",
            columns: ["preset", "head's last operation", "decoder clips at 0"],
            rows: heads.map { name, head, rules in
                [
                    name == preset.name ? "▶ \(name)" : name, head,
                    rules.clampNegativeRegression ? "yes" : "no",
                ]
            })
    }

    Step("exp(s·x) or ReLU") {
        "The last layer of the regression branch is a plain convolution: its output `x` can be any real "
            + "number. Two ways to turn it into a distance:"
        Formula(
            """
            paper:     distance in pixels  = exp(s_i · x)
            improved:  distance in strides = ReLU(x)
            """)
        "Here `s_i` is a learnable scalar, one per level, starting at 1. The improved official head and "
            + "mmdetection's `norm_on_bbox` configuration keep it in front of their ReLU, `ReLU(s_i · x)`; "
            + "torchvision drops it. mmdetection's default head has no `norm_on_bbox` and uses the paper's "
            + "`exp(s_i · x)` in pixels."

        "Both are never negative, which the previous step showed matters. They differ in *scale*. With "
            + "pixel targets, the same shared weights must produce tens of pixels on P3 and hundreds on P7; "
            + "`exp` turns those factors into a shift of `x` (a factor of 10 is `x + \(num(log(Float(10)), 1))`), and the learnable "
            + "`s_i` stretches each level's axis so one head can serve all of them. With targets divided by "
            + "the stride, every level already wants numbers of the same size, so a ReLU, linear and "
            + "without overflow, is enough."
        let magnitudes = levelMagnitudes(try samples.value)
        if let z = try zoomed.value, let here = magnitudes.first(where: { $0.level == z.level }) {
            let s = Double(z.stride)
            let typical = Double(here.meanM)
            "The plot draws both mappings for \(here.levelName) (stride \(z.stride)), in pixels: the paper's "
                + "`exp(s_i·x)` at its starting scale `s_i = 1` and at `s_i = 1.5`, and the improved "
                + "`ReLU(x)` multiplied back by the stride. The dashed line is \(here.levelName)'s typical `m` "
                + "in this scene, \(num(here.meanM, 1)) px. Look for where each curve crosses it, and for the "
                + "shapes: `exp` is never 0 and bends upwards ever faster; the ReLU is flat at 0 for negative "
                + "`x` and then a straight line."
            Picture(
                "exp-vs-relu",
                caption: "From the head's raw output x to a distance in pixels on \(here.levelName)."
            ) {
                path, format in
                // Far enough right for the ReLU line to cross the typical m.
                let xMax = max(8, (typical / s + 1.5).rounded(.up))
                let xs = stride(from: -5.0, through: xMax + 10, by: 0.05).map { $0 }
                let yMax = max(8 * s, 1.5 * typical)
                // Curves run past the axes (the plot clips them), but an exp curve stops soon above the
                // top: its far values (e^30) would only upset the drawing.
                func curve(_ f: (Double) -> Double) -> [CGPoint] {
                    var points: [CGPoint] = []
                    for x in xs {
                        points.append(CGPoint(x: x, y: min(f(x), 3 * yMax)))
                        if f(x) > 3 * yMax { break }
                    }
                    return points
                }
                var plot = LinePlot(
                    series: [
                        .init(
                            name: "paper: exp(x), s_i = 1", points: curve { exp($0) },
                            color: Palette.categorical(0)),
                        .init(
                            name: "paper: exp(1.5·x), s_i = 1.5",
                            points: curve { exp(1.5 * $0) },
                            color: Palette.categorical(0), dash: [7, 4]),
                        .init(
                            name: "improved: ReLU(x) · \(z.stride)",
                            points: curve { max($0, 0) * s },
                            color: Palette.categorical(1)),
                        .init(
                            name: "typical m on \(here.levelName): \(num(here.meanM, 0)) px",
                            points: [CGPoint(x: -5, y: typical), CGPoint(x: xMax + 10, y: typical)],
                            color: .gray(0.45),
                            dash: [3, 4], width: 1.5),
                    ],
                    title: "Raw output x → distance on \(here.levelName) (stride \(z.stride))",
                    xLabel: "raw output of the regression convolution, x",
                    yLabel: "predicted distance (pixels)")
                plot.subtitle =
                    "both are never negative; exp grows by a factor e per unit of x, the ReLU by one stride"
                plot.plotSize = CGSize(width: 440, height: 340)
                plot.xRange = -2...xMax
                plot.yRange = 0...yMax
                try plot.write(toPath: path, format: format)
            }
        }
        if !magnitudes.isEmpty {
            "Which raw output `x` would each level need for its typical `m` (the mean from step 2)? With "
                + "`exp(x)` and `s_i = 1`, `x = ln(m in px)`; with a ReLU on normalised targets, `x = m ÷ s`."
            Table(
                "The raw output x each level needs for its typical m",
                columns: [
                    "level", .right("s"), .right("mean m (px)"), .right("x for exp(x)"),
                    .right("x for ReLU(x) · s"),
                ],
                rows: magnitudes.map { m in
                    [
                        m.levelName, "\(m.stride)", num(m.meanM, 1), num(log(m.meanM), 2),
                        num(m.meanMStrides, 2),
                    ]
                })
            if magnitudes.count > 1 {
                let ratio = magnitudes.map(\.meanM).max()! / magnitudes.map(\.meanM).min()!
                "Under `exp` the levels' needs differ by `ln` of their ratio (here \(num(log(ratio), 2)) for a "
                    + "factor of \(num(ratio, 1))), a shift the per-level `s_i` can absorb; under the ReLU with "
                    + "normalised targets they already agree to within the factor found in step 2."
            }
        }
        Note(
            "`exp` has a price: an `x` only a little too large overshoots by a lot (`exp(10)` is "
                + "\(num(exp(Float(10)), 0)) px), and an `exp` output is never exactly 0. A ReLU's price: for a "
                + "negative `x` it outputs 0 and passes no gradient back, so that distance stops learning until "
                + "the shared weights move `x` back above 0. Every target of a positive is above 0, so the "
                + "loss pushes the outputs upwards, away from that dead region.")
    }

    Step("Try this") {
        let sampled = Preset.officialImprv.matcher.assign(
            scene.groundTruths, imageWidth: scene.width, imageHeight: scene.height
        ).positiveSamples
        let eecs = levelMagnitudes(
            Preset.eecs498.matcher.assign(
                scene.groundTruths, imageWidth: scene.width, imageHeight: scene.height
            )
            .positiveSamples)
        let eecsTop = eecs.last
        let street = try SceneFile.read(LessonAssets.scenePath("street"))
        let streetLevels = levelMagnitudes(
            preset.matcher.assign(street.groundTruths, imageWidth: street.width, imageHeight: street.height)
                .positiveSamples)
        let largest = streetLevels.max { $0.meanM < $1.meanM }
        let normalised = streetLevels.map(\.meanMStrides)
        let ownSamples = try samples.value
        let stillThere = try zoomed.value.map { z in
            sampled.contains { $0.level == z.level && $0.index == z.index && $0.groundTruth == z.groundTruth }
        }
        "Predict first, then reveal the answer (a key in the terminal, a click on the page)."
        TryThis(
            Exercise(
                "Run with `--preset official-imprv`, which stores targets in strides and keeps only positives near "
                    + "each box's centre. Predict: how many of this run's \(grouped(ownSamples.count)) positives remain, "
                    + "and is the location drawn with arrows in the first figure still one of them?",
                answer:
                    "\(grouped(sampled.count)) remain. The zoomed location is "
                    + (stillThere.map {
                        $0 ? "still a positive" : "gone: it lies outside its box's centre square"
                    }
                        ?? "not defined here")
                    + ". The stored numbers shrink by the stride (8 on P3 … 128 on P7); decoding multiplies it back."
            ),
            Exercise(
                "Run with `--preset eecs498`, which has only P3–P5. Before looking, predict the largest `m ÷ s` on "
                    + "P5: is it still at most 8?",
                answer: eecsTop.map {
                    "On \($0.levelName) the largest `m` is \(num($0.largestM, 0)) px, `m ÷ s` = "
                        + "\(num($0.largestM / Float($0.stride), 2)): "
                        + ($0.largestM / Float($0.stride) > 8
                            ? "more than 8, because the last level has no upper bound and takes every larger box."
                            : "still at most 8 on this scene, though the last level has no upper bound.")
                } ?? "This scene has no positive under eecs498."),
            Exercise(
                "Run with `--scene Assets/scenes/street.json`, eight boxes from P3 to P7: which level has the "
                    + "largest mean `m` in pixels, and how far apart are the levels once `m` is divided by the stride?",
                answer: largest.map {
                    "\($0.levelName), with a mean `m` of \(num($0.meanM, 0)) px. Divided by the stride the level means "
                        + "lie between \(num(normalised.min() ?? 0, 2)) and \(num(normalised.max() ?? 0, 2))."
                } ?? "The street has no positive under this preset.")
        )
    }
}.main(options)
