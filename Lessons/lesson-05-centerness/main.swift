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
/// How each preset post-processes (lesson 7 goes through all of it); here only the NMS threshold
/// and the final score matter.
let inference: PostProcessingRules =
    [
        "official": .official, "official-imprv": .officialImprv, "mmdet": .mmdet, "torchvision": .torchvision,
        "detectron2": .detectron2, "eecs498": .eecs498,
    ][preset.name] ?? .official

func label(_ g: Int) -> String { BoxColors.label(forBox: g, in: scene.groundTruths) }
func swatch(_ g: Int) -> UInt32 {
    let bytes = BoxColors.color(forBox: g).bytes
    return UInt32(bytes.red) << 16 | UInt32(bytes.green) << 8 | UInt32(bytes.blue)
}

/// The kept candidates in words: `#0 person near the centre (IoU 0.93)`.
func described(_ kept: [Int], _ candidates: [Candidate]) -> String {
    kept.map { i in
        let c = candidates[i]
        let iou = intersectionOverUnion(c.predicted, scene.groundTruths[c.groundTruth].box)
        return "\(label(c.groundTruth)) \(c.role) (IoU \(num(iou, 2)))"
    }.joined(separator: ", ")
}

/// The mean IoU of the kept candidates' predicted boxes with their ground truths.
func meanIoU(_ kept: [Int], _ candidates: [Candidate]) -> Float {
    let ious = kept.map {
        intersectionOverUnion(candidates[$0].predicted, scene.groundTruths[candidates[$0].groundTruth].box)
    }
    return ious.reduce(0, +) / Float(max(ious.count, 1))
}

/// The worked-values table, one column per example: every intermediate of Eq. 3.
func workedRows(_ examples: [(Box, Point)]) -> [Table.Row] {
    let d = examples.map { LTRB(from: $0.1, to: $0.0) }
    let lr = d.map { min($0.l, $0.r) / max($0.l, $0.r) }
    let tb = d.map { min($0.t, $0.b) / max($0.t, $0.b) }
    func row(_ title: String, _ cells: [String]) -> Table.Row { Table.Row([title] + cells) }
    return [
        row("box (x0, y0, x1, y1)", examples.map { boxText($0.0) }),
        row("location (x, y)", examples.map { pointText($0.1) }),
        row("l*, t*, r*, b*", d.map(ltrbText)),
        row("min(l*,r*) / max(l*,r*)", lr.map { num($0, 6) }),
        row("min(t*,b*) / max(t*,b*)", tb.map { num($0, 6) }),
        row("product", zip(lr, tb).map { num($0 * $1, 6) }),
        row("centerness* (Centerness.value)", d.map { num(Centerness.value($0), 8) }),
    ]
}

/// One level's row of the centerness summary: positives, then min, mean and max of their targets.
func levelRow(_ level: LevelTargets) -> Table.Row {
    let values = level.matched.indices.filter { level.matched[$0] >= 0 }.map { level.centerness[$0] }
    let head = [level.map.level.name, "\(level.map.stride)", "\(values.count)"]
    guard let low = values.min(), let high = values.max() else { return Table.Row(head + ["–", "–", "–"]) }
    return Table.Row(head + [num(low, 3), num(values.reduce(0, +) / Float(values.count), 3), num(high, 3)])
}

/// The formula written out naively, as a reference implementation evaluates it, to show the `0 / 0`.
func naiveCenterness(_ d: LTRB) -> Float {
    ((min(d.l, d.r) / max(d.l, d.r)) * (min(d.t, d.b) / max(d.t, d.b))).squareRoot()
}

/// Both optionals, or `nil`.
func zip2<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}

/// Per level: the smallest and the mean centerness target of the positives, and their count.
func centernessByLevel(_ a: Assignment) -> [(name: String, lowest: Float, mean: Float, count: Int)] {
    a.levels.compactMap { level in
        let values = level.matched.indices.filter { level.matched[$0] >= 0 }.map { level.centerness[$0] }
        guard let lowest = values.min() else { return nil }
        return (level.map.level.name, lowest, values.reduce(0, +) / Float(values.count), values.count)
    }
}

Lesson(
    id: "lesson-05-centerness",
    title: "Centerness: how far from the middle?",
    summary:
        "The centerness target of every positive location (the paper's Eq. 3), where it is high and low on "
        + "each level, and how multiplying the class score by it pushes badly placed boxes down the ranking."
) {
    Step("The formula") {
        "A location near the edge of its box sees only a sliver of the object, and the box it predicts tends "
            + "to be poor. FCOS adds a third output next to the class scores and the four distances: "
            + "*centerness*, trained to predict how central the location is. Its target (the paper's Eq. 3) "
            + "uses the same `l*, t*, r*, b*` as the regression (lesson 4):"
        Formula(
            """
            centerness* = sqrt( min(l*,r*)/max(l*,r*) × min(t*,b*)/max(t*,b*) )
            """)
        "Each ratio is 1 when the location is halfway between two opposite sides and falls to 0 as it "
            + "approaches one of them; the square root slows the decay. The two worked examples below "
            + "are computed by `Centerness.value`, as every number in this lesson is."
        let examples: [(Box, Point)] = [
            (Box(x0: 10, y0: 15, x1: 100, y1: 115), Point(x: 30, y: 40)),
            (Box(x0: 30, y0: 20, x1: 40, y1: 30), Point(x: 32, y: 29)),
        ]
        Table(
            "Worked values",
            columns: ["", .right("example 1"), .right("example 2")],
            rows: workedRows(examples))
        let second = LTRB(from: examples[1].1, to: examples[1].0)
        "The second location is \(short(second.l)) px from the left side but \(short(second.r)) from the right, "
            + "and only \(short(second.b)) px above the bottom side: both ratios are small, so its centerness "
            + "is low: the location sits near the bottom-left corner, though strictly inside the box."
        Note(
            "The ratio does not care about units: distances divided by the stride (lesson 4) give the same "
                + "centerness as pixels, so every preset has the same centerness targets for the same positives."
        )
    }

    Step("Centerness on every level") {
        let levels = try assignment.value.levels
        let all = levels.flatMap { level in
            level.matched.indices.filter { level.matched[$0] >= 0 }.map { level.centerness[$0] }
        }
        if all.isEmpty {
            Note(
                "No positive location in this scene under `\(preset.name)`, so there is no centerness target to "
                    + "map. Run the lesson without `--scene` to see the tennis scene.")
        } else {
            "Now the targets of every positive in the scene under preset `\(preset.name)`, one panel per level, "
                + "each at the same scale. Look for the brighter colours (green to yellow) near each box's "
                + "middle, fading to dark purple towards its sides; everything under the grey veil is "
                + "background, which has no centerness target. Each box's cells appear only on the one or two "
                + "levels that regress it."
            Picture(
                "centerness-heat-maps",
                caption: "Centerness targets of the positives, per level (viridis: 0 dark, 1 yellow)."
            ) { path, format in
                var heat = CenternessHeatMap(
                    assignment: try assignment.value, presetName: preset.name, backdrop: backdrop)
                heat.sceneName = options.illustrationName(of: scene)
                heat.columns = 2
                heat.panelWidth = 380
                try heat.write(toPath: path, format: format)
            }
            Table(
                "Centerness targets per level",
                columns: [
                    "level", .right("s"), .right("positives"), .right("min"), .right("mean"), .right("max"),
                ],
                rows: levels.map(levelRow))
            let low = all.filter { $0 < 0.5 }.count
            "Of the scene's \(all.count) positives, \(low) (\(num(100 * Float(low) / Float(all.count), 0)) %) have "
                + "a centerness target below 0.5: the classifier is trained to call them positives with full "
                + "confidence, while the centerness branch learns that they are off-centre."
        }
    }

    Step("Multiplying the score re-ranks boxes") {
        let p: Float = 0.6
        let shortfall: Float = 0.2
        let candidates = pickCandidates(try assignment.value, boxes: 2, shortfall: shortfall)
        "At test time a location's detection score is not its class probability `p` alone but `p` times its "
            + "predicted centerness, so an off-centre location ranks lower (`ctr` is the predicted centerness). The official code and torchvision "
            + "keep the square root of the product, the geometric mean of the two; mmdetection keeps the "
            + "product. The square root changes the scores, not their order."
        Formula(
            """
            score = p · ctr           mmdetection
            score = sqrt(p · ctr)     official, torchvision, detectron2, EECS 498
            """)
        if candidates.isEmpty {
            Note("This scene has no positive location under `\(preset.name)`, so there is nothing to rank.")
        } else {
            "To see the effect we build a few detections from the scene's positives: for the boxes with the "
                + "most positives, the positive nearest the box's centre and a positive near its edge listed "
                + "before it. Suppose a trained head gave every one of them the same class probability "
                + "`p = \(short(p))` and predicted centerness exactly equal to its target. Suppose also that "
                + "its distances come out short by `\(short(shortfall)) × (1 − centerness)`: exact at the "
                + "centre, worst at the edge, the behaviour centerness is meant to catch. The candidates are "
                + "listed in raster order, the order in which the references see them."
            let byP = ranks(candidates.map { _ in p })
            let product = candidates.map { p * $0.centerness }
            let geometric = product.map { $0.squareRoot() }
            let byScore = ranks(geometric)
            // The score each detection carries into NMS under this preset: p · ctr or its square root.
            let usesProduct = inference.finalScore == .product
            let finalScores = usesProduct ? product : geometric
            let scoreName = usesProduct ? "p · ctr" : "√(p · ctr)"
            let longScoreName = usesProduct ? "p · centerness" : "√(p · centerness)"
            Table(
                "Same class score p = \(short(p)), different centerness",
                columns: [
                    "candidate", .right("ctr"), .right("p · ctr"), .right("√(p · ctr)"),
                    .right("IoU"),
                    .right("rank by p"), .right("rank by score"),
                ],
                rows: candidates.indices.map { i in
                    let c = candidates[i]
                    return Table.Row(
                        [
                            c.shortName, num(c.centerness, 3), num(product[i], 3),
                            num(geometric[i], 3),
                            num(intersectionOverUnion(c.predicted, scene.groundTruths[c.groundTruth].box), 3),
                            "\(byP[i])", "\(byScore[i])",
                        ], swatch: swatch(c.groundTruth))
                })
            "In the table, `#1 edge` is box #1's candidate near its edge, `ctr` its centerness and *IoU* the "
                + "overlap of its predicted box with the ground truth. The locations: "
                + candidates.map { "`\($0.shortName)` at \(pointText($0.location)) on \($0.levelName)" }
                .joined(separator: ", ")
                + "."
            let centreFirst = candidates.indices.allSatisfy { i in
                candidates.indices.allSatisfy { j in
                    !(candidates[i].groundTruth == candidates[j].groundTruth
                        && candidates[i].role == "near the centre"
                        && candidates[j].role == "near the edge") || byScore[i] < byScore[j]
                }
            }
            let reordered: String =
                centreFirst
                ? "the centre location of every box moves ahead of its edge location. "
                : "the order changes, though not for every box. "
            "By `p` alone every candidate ties, and a stable sort keeps the list order, so each edge location "
                + "comes before its box's centre location. Multiplied by centerness, "
                + reordered
                + "Ranking by `p · ctr` or by `√(p · ctr)` gives the same order, since the square root never "
                + "swaps two scores."
            let threshold = inference.nmsThreshold
            let detectionsByP = candidates.map {
                Figures.ScoredBox(
                    box: $0.predicted, score: p, label: $0.shortName, groundTruth: $0.groundTruth)
            }
            let detectionsByScore = candidates.indices.map { i in
                Figures.ScoredBox(
                    box: candidates[i].predicted, score: finalScores[i], label: candidates[i].shortName,
                    groundTruth: candidates[i].groundTruth)
            }
            let keptByP = NMS.greedy(
                boxes: detectionsByP.map(\.box), scores: detectionsByP.map(\.score), iouThreshold: threshold)
            let keptByScore = NMS.greedy(
                boxes: detectionsByScore.map(\.box), scores: detectionsByScore.map(\.score),
                iouThreshold: threshold)
            "Non-maximum suppression (lesson 7) then keeps the first box of each overlapping group and drops the "
                + "others that overlap it by IoU > \(short(Float(threshold), 2)) (preset `\(preset.name)`). "
                + "Ranked by `p`, it keeps: \(described(keptByP, candidates)). Ranked by `\(scoreName)`, `\(preset.name)`'s "
                + "score, it keeps: "
                + "\(described(keptByScore, candidates)). The kept boxes overlap their objects by IoU "
                + "\(num(meanIoU(keptByP, candidates), 2)) on average when ranked by `p` and \(num(meanIoU(keptByScore, candidates), 2)) "
                + "when ranked with centerness. Look in the two strips below for which box of each object "
                + "survives. Each box is drawn in its object's colour, over that object's ground truth (thin, tinted); "
                + "the thickest line is the box kept at this step, dashes what it suppresses, and every IoU "
                + "printed is with the box kept at that step, marked ▶."
            Picture(
                "nms-ranked-by-p", caption: "NMS when the candidates are ranked by the class score p alone."
            ) {
                path, format in
                var frames = NMSFrames(
                    detections: detectionsByP, imageWidth: scene.width, imageHeight: scene.height,
                    backdrop: backdrop)
                frames.iouThreshold = threshold
                frames.groundTruths = scene.groundTruths
                frames.columns = 3
                frames.frameWidth = 250
                frames.title = "Ranked by p alone: \(detectionsByP.count) candidates → \(keptByP.count) kept"
                try frames.write(toPath: path, format: format)
            }
            Picture(
                "nms-ranked-by-centerness",
                caption: "NMS when the candidates are ranked by \(longScoreName)."
            ) {
                path, format in
                var frames = NMSFrames(
                    detections: detectionsByScore, imageWidth: scene.width, imageHeight: scene.height,
                    backdrop: backdrop)
                frames.iouThreshold = threshold
                frames.groundTruths = scene.groundTruths
                frames.columns = 3
                frames.frameWidth = 250
                frames.title =
                    "Ranked by \(longScoreName): \(detectionsByScore.count) candidates → \(keptByScore.count) kept"
                try frames.write(toPath: path, format: format)
            }
        }
        let post = preset.postProcessing
        switch post.thresholdScore {
        case .classProbability:
            Note(
                "This is where the paper's ablation finds centerness's large gain in COCO AP. Under "
                    + "`\(preset.name)` the score threshold (\(num(post.scoreThreshold))) applies to `p` alone, before "
                    + "centerness, so a low-quality box is *not* removed by it: centerness only lowers its rank, "
                    + "and it then loses to a better box in NMS or falls out of the per-level top-k or the "
                    + "final cap. (A real head predicts centerness; here it equals the target.)")
        case .product, .geometricMean:
            Note(
                "This is where the paper's ablation finds centerness's large gain in COCO AP. Under "
                    + "`\(preset.name)` the score threshold (\(num(post.scoreThreshold))) applies to the combined score, "
                    + "so a low-quality box predicted far from its object's centre can fall below it, or lose to a "
                    + "better box in NMS. (A real head predicts centerness; here it equals the target.)")
        }
    }

    Step("1 at the centre, never NaN") {
        "Two properties worth checking. At a box's exact centre both ratios are 1, so centerness is 1; a "
            + "location rarely sits exactly there, so the largest target of a box is usually below 1."
        let assigned = try assignment.value
        Table(
            "Centerness at each box's exact centre, and the best any of its positives gets",
            columns: ["box", .right("centre"), .right("centerness at the centre"), .right("best positive")],
            rows: scene.groundTruths.indices.map { g in
                let box = scene.groundTruths[g].box
                var best: Float?
                for level in assigned.levels {
                    for i in level.matched.indices where level.matched[i] == Int32(g) {
                        best = max(best ?? 0, level.centerness[i])
                    }
                }
                return Table.Row(
                    [
                        label(g), pointText(box.center),
                        num(Centerness.value(LTRB(from: box.center, to: box)), 6),
                        best.map { num($0, 6) } ?? "no positive",
                    ], swatch: swatch(g))
            })
        "The formula divides by `max(l*, r*)` and `max(t*, b*)`. For a positive both are greater than 0, but "
            + "written out naively it returns NaN (`0 / 0`) for a location on a box of zero width, and a "
            + "single NaN target turns the whole centerness loss into NaN. `Centerness.value` returns 0 "
            + "whenever a distance is not positive:"
        let flat = Box(x0: 50, y0: 40, x1: 50, y1: 80)
        let edge = Box(x0: 10, y0: 15, x1: 100, y1: 115)
        let cases: [(String, Box, Point)] = [
            ("zero-width box", flat, Point(x: 50, y: 60)),
            ("on the left side", edge, Point(x: 10, y: 40)),
            ("left of the box", edge, Point(x: 5, y: 40)),
            ("beyond a corner", edge, Point(x: 5, y: 10)),
        ]
        "The first case uses the zero-width box \(boxText(flat)); the others the box \(boxText(edge)) of the "
            + "first worked example."
        Table(
            "Degenerate cases",
            columns: [
                "case", .right("location"), .right("l*, t*, r*, b*"), .right("naive formula"),
                .right("Centerness.value"),
            ],
            rows: cases.map { name, box, point in
                let d = LTRB(from: point, to: box)
                return [
                    name, pointText(point), ltrbText(d), num(naiveCenterness(d), 4),
                    num(Centerness.value(d), 4),
                ]
            })
        Note(
            "Outside the box the naive formula gives NaN (a negative ratio under the square root) or, beyond a "
                + "corner, where two ratios are negative, a plausible-looking number. Only positives get "
                + "centerness targets and every positive lies strictly inside its box, so the matcher never "
                + "asks; `Centerness.value` still answers 0.")
    }

    Step("Try this") {
        let own = centernessByLevel(try assignment.value)
        let sampled = centernessByLevel(
            Preset.officialImprv.matcher.assign(
                scene.groundTruths, imageWidth: scene.width, imageHeight: scene.height))
        let street = try SceneFile.read(LessonAssets.scenePath("street"))
        let streetLevels = centernessByLevel(
            preset.matcher.assign(street.groundTruths, imageWidth: street.width, imageHeight: street.height))
        let darkest = streetLevels.min { $0.mean < $1.mean }
        let busiest = streetLevels.max { $0.count < $1.count }
        let quarter = Centerness.value(LTRB(l: 16, t: 16, r: 48, b: 48))
        let allUp = sampled.allSatisfy { s in
            own.first { $0.name == s.name }.map { s.lowest >= $0.lowest } ?? true
        }
        "Predict first, then reveal the answer (a key in the terminal, a click on the page)."
        TryThis(
            Exercise(
                "Run with `--preset official-imprv`. Before looking, predict: do the heat maps keep their dark "
                    + "edges, and does the lowest centerness target per level go up or down? Why?",
                answer: (allUp ? "Up, on every level that has positives: " : "Up on most levels: ")
                    + listed(
                        sampled.map { s in
                            let before = own.first { $0.name == s.name }.map { num($0.lowest, 2) } ?? "—"
                            return "\(s.name) \(before) → \(num(s.lowest, 2))"
                        })
                    + ". Center sampling keeps only locations within 1.5 strides of a box's centre, so the dark "
                    + "border positives are gone."),
            Exercise(
                "Take a square box and the location a quarter of the way in from its top-left corner along the "
                    + "diagonal (`l* = t* = w/4`). Predict its centerness target before computing it.",
                answer:
                    "\(num(quarter, 3)) = 1/3: both ratios are `(w/4)/(3w/4)` = 1/3, and the square root of their product "
                    + "is 1/3, whatever the size of the box."),
            Exercise(
                "Run with `--scene Assets/scenes/street.json`: which level has the lowest mean centerness, and "
                    + "is it the level with the most positives?",
                answer: zip2(darkest, busiest).map { d, b in
                    "\(d.name), mean \(num(d.mean, 2)); the level with most positives is \(b.name) (\(b.count)). "
                        + (d.name == b.name
                            ? "The same level: the more locations a box has on a level, the more of them lie near its border."
                            : "Not the same level: the mean depends on where a level's positives sit inside their boxes, "
                                + "not on how many there are.")
                } ?? "The street has no positive under this preset.")
        )
    }
}.main(options)
