import Canvas
import FCOS
import Figures
import Foundation
import Notebook

let options = LessonOptions.parseOrExit()
let preset = options.fcosPreset
let scene = options.scene(default: "tennis")
let backdrop = Backdrop.named(options.illustrationName(of: scene))
let rules = postProcessingRules(for: preset)
let recipe = SimulationRecipe()
let assignment = Lazy {
    preset.matcher.assign(
        scene.groundTruths, imageWidth: scene.width, imageHeight: scene.height, explain: false)
}
let head = Lazy { simulateHead(try assignment.value, units: rules.units, recipe: recipe) }
let stages = Lazy {
    PipelineStages(
        levels: try head.value.levels, imageWidth: Float(scene.width), imageHeight: Float(scene.height),
        rules: rules)
}
/// Detections drawn on the final picture must score at least this; a display choice, as in demos.
let displayThreshold: Float = 0.3
/// `P3`, `P4`, … for the preset's levels.
let levelNames = preset.assignment.levels.map(\.name)

/// The table swatch of ground-truth box `index`, its colour in every figure.
func swatch(forBox index: Int) -> UInt32? { UInt32(BoxColors.hex(forBox: index).dropFirst(), radix: 16) }

/// The whole pipeline of lesson 7 under another preset: its own targets, the same simulated head
/// recipe, its own post-processing rules. The answers to "try this" come from here.
func pipeline(for other: Preset) -> PipelineStages {
    let otherRules = postProcessingRules(for: other)
    let targets = other.matcher.assign(
        scene.groundTruths, imageWidth: scene.width, imageHeight: scene.height, explain: false)
    let dense = simulateHead(targets, units: otherRules.units, recipe: recipe)
    return PipelineStages(
        levels: dense.levels, imageWidth: Float(scene.width), imageHeight: Float(scene.height),
        rules: otherRules)
}

Lesson(
    id: "lesson-07-nms",
    title: "From dense predictions to detections: scores, top-k and NMS",
    summary:
        "Every location of every level predicts a box, so one object gets dozens of near-identical boxes. "
        + "Afterwards you can explain how FCOS scores them, which ones it keeps before NMS, and how greedy, "
        + "class-aware NMS reduces each object to one detection."
) {
    Step("Simulated predictions, made from the targets") {
        let h = try head.value
        let a = try assignment.value
        """
        This lesson needs what a trained FCOS head outputs: at every location a class probability `p` \
        per class (C = \(h.recipe.classCount)), a centerness `ctr` and four distances `(l, t, r, b)`. \
        There is no trained network here, so the outputs are **simulated** from the `\(preset.name)` \
        targets of lesson 3, with seeded noise (seed \(h.recipe.seed)) so every run is the same:
        """
        Table(
            "How the simulated head is made",
            columns: ["where", "what", "made as"],
            rows: [
                ["positive location", "box", "l*, t*, r*, b* each × U(1 − a, 1 + a)"],
                [
                    "", "",
                    "a = \(fixed(h.recipe.edgeJitter, 2)) − \(fixed(h.recipe.edgeJitter - h.recipe.centreJitter, 2))·centerness* (worse off-centre)",
                ],
                [
                    "", "p of its box's class",
                    "\(fixed(h.recipe.positiveBase, 1)) + \(fixed(h.recipe.positiveSlope, 1))·centerness* ± \(fixed(h.recipe.positiveNoise, 1))",
                ],
                ["", "ctr", "centerness* ± \(fixed(h.recipe.centernessNoise, 1))"],
                [
                    "every location", "p of the other classes",
                    "\(fixed(h.recipe.quietP, 3)), but for a random \(fixed(100 * h.recipe.noisyFraction, 0)) % of them",
                ],
                [
                    "", "",
                    "log-uniform in [\(fixed(h.recipe.noisyRange.lowerBound, 2)), \(fixed(h.recipe.noisyRange.upperBound, 2))]",
                ],
                [
                    "background location", "ctr",
                    "U(\(fixed(h.recipe.backgroundCenterness.lowerBound, 2)), \(fixed(h.recipe.backgroundCenterness.upperBound, 2)))",
                ],
                [
                    "", "box",
                    "each side U(\(fixed(h.recipe.backgroundSide.lowerBound, 0)), \(fixed(h.recipe.backgroundSide.upperBound, 0))) strides from the location",
                ],
            ])
        """
        So each object is covered by as many boxes as it has positive locations, all a little off and \
        scored higher near the centre, and the background produces a thin drizzle of weak scores. With \
        \(grouped(a.positiveCount)) positive locations and \(grouped(h.levels.reduce(0) { $0 + $1.locations.count })) \
        locations in all, that is \(grouped(h.levels.reduce(0) { $0 + $1.classLogits.count })) \
        (location, class) scores to turn into a handful of detections.
        """
        Note(
            "Real heads are messier (confident mistakes, missed objects), but every step below treats these "
                + "numbers exactly as it would treat a network's: the post-processing is the library's `PostProcessing`."
        )
    }

    Step("One score per (location, class)") {
        """
        The paper multiplies the class probability by the predicted centerness, so that boxes from \
        locations far from an object's centre (usually the worst boxes) rank lower. The references \
        differ in *what* they threshold, rank and report:
        """
        Formula(
            "score = √(p · ctr)    torchvision, detectron2, EECS 498, official\nscore = p · ctr        mmdetection 3.x"
        )
        Table(
            "Post-processing per preset (PostProcessingRules)",
            columns: ["preset", "threshold", "top-k per level", "score", .right("NMS"), .right("cap")],
            rows: Preset.all.map { p in
                let r = postProcessingRules(for: p)
                return Table.Row([
                    p.name + (p.name == preset.name ? " ←" : ""),
                    (r.classesPerLocation == .best ? "best " : "")
                        + "\(formula(r.thresholdScore)) > \(fixed(Double(r.scoreThreshold), 2))",
                    r.candidatesPerLevel.map { "\(grouped($0)) by \(formula(r.rankingScore))" } ?? "none",
                    formula(r.finalScore), fixed(nominal(r.nmsThreshold), 2), capText(r.detectionCap),
                ])
            })
        """
        This run follows `\(preset.name)`: a (location, class) pair becomes a candidate when its \
        `\(formula(rules.thresholdScore))` is above \(fixed(Double(rules.scoreThreshold), 2))\
        \(rules.classesPerLocation == .best ? " (and only the best class of each location is considered)" : ""); \
        \(rules.candidatesPerLevel.map { "each level keeps its \(grouped($0)) candidates with the highest `\(formula(rules.rankingScore))`" } ?? "there is no per-level top-k"); \
        each candidate carries the score `\(formula(rules.finalScore))` into NMS, which suppresses at \
        IoU \(rules.nmsSuppression.rawValue) \(fixed(nominal(rules.nmsThreshold), 2)).
        """
        "In the table, *best* means only each location's best class is considered; *cap* is how many detections an image returns (`≥ 100th` keeps every score at least the 100th highest, so ties can add a few)."
        Note(
            "The official code thresholds `p` alone (INFERENCE_TH = 0.05), ranks its top-k by `p·ctr`, and reports `√(p·ctr)`; "
                + "mmdetection thresholds and ranks by `p` and multiplies by `ctr` afterwards, without the square root. "
                + "So the same network gives different scores, and a different number of detections, under each."
        )
        let h = try head.value
        let candidates = try stages.value.pool
        let best = scene.groundTruths.indices.compactMap { g -> (Int, FCOS.Detection)? in
            let own = candidates.filter {
                $0.label == h.classOfBox[g] && intersectionOverUnion($0.box, scene.groundTruths[g].box) > 0.5
            }
            return own.max { $0.score < $1.score }.map { (g, $0) }
        }
        if !best.isEmpty {
            "For each object, its highest-scoring candidate (of its class, overlapping it by IoU > 0.5):"
            Table(
                "Scores of each object's top candidate",
                columns: [
                    "object", "level", .right("p"), .right("ctr"), .right("p·ctr"), .right("√(p·ctr)"),
                ],
                rows: best.map { g, d in
                    let level = h.levels[d.level]
                    let p =
                        1
                        / (1 + exp(-Double(level.classLogits[d.locationIndex * level.classCount + d.label])))
                    let ctr = 1 / (1 + exp(-Double(level.centernessLogits[d.locationIndex])))
                    return Table.Row(
                        [
                            BoxColors.label(forBox: g, in: scene.groundTruths), levelNames[d.level],
                            fixed(p, 3), fixed(ctr, 3), fixed(p * ctr, 3), fixed((p * ctr).squareRoot(), 3),
                        ], swatch: swatch(forBox: g))
                })
            "`√(p·ctr)` is the geometric mean of the two: it stays on the same 0–1 scale as `p`, which is why the thresholds of 0.2 and 0.3 read like probabilities."
        }
    }

    Step("Threshold, then top-k per level") {
        let s = try stages.value
        let names = levelNames
        """
        Most of the \(grouped(s.pairsPerLevel.reduce(0, +))) pairs are background and score far below \
        any threshold, so the threshold removes almost all of them. The top-k then caps what is left on \
        each level, so NMS never has to compare tens of thousands of boxes (it costs a comparison per \
        pair of boxes).
        """
        Table(
            "Candidates per level (\(preset.name))",
            columns: [
                "level", .right("(location, class) pairs"),
                .right("\(formula(rules.thresholdScore)) > \(fixed(Double(rules.scoreThreshold), 2))"),
                .right(rules.candidatesPerLevel.map { "top \(grouped($0))" } ?? "no top-k"),
            ],
            rows: names.indices.map { l in
                Table.Row([
                    names[l], grouped(s.pairsPerLevel[l]), grouped(s.aboveThresholdPerLevel[l]),
                    grouped(s.afterTopKPerLevel[l]),
                ])
            } + [
                Table.Row([
                    "all", grouped(s.pairsPerLevel.reduce(0, +)),
                    grouped(s.aboveThresholdPerLevel.reduce(0, +)),
                    grouped(s.afterTopKPerLevel.reduce(0, +)),
                ])
            ])
        let capped = names.indices.filter { l in
            rules.candidatesPerLevel.map { s.aboveThresholdPerLevel[l] > $0 } ?? false
        }
        if capped.isEmpty {
            "Here the top-k removes nothing: no level has more candidates than \(rules.candidatesPerLevel.map { grouped($0) } ?? "the cap")."
        } else {
            """
            The top-k bites on \(capped.map { names[$0] }.joined(separator: ", ")): it drops \
            \(capped.map { "\(grouped(s.aboveThresholdPerLevel[$0] - rules.candidatesPerLevel!)) candidates on \(names[$0])" }.joined(separator: ", ")), \
            all with a `\(formula(rules.rankingScore))` lower than every kept one on their level.
            """
        }
        let emptied = names.indices.reduce(0) { total, l in
            total + min(s.aboveThresholdPerLevel[l], rules.candidatesPerLevel ?? .max)
                - s.afterTopKPerLevel[l]
        }
        if rules.removeEmptyBeforeNMS && emptied > 0 {
            Note(
                "`\(preset.name)` also drops boxes with no width or height after clipping them to the image: "
                    + "\(grouped(emptied)) here, from locations in the padding beyond the image's right or bottom edge "
                    + "whose boxes lie entirely outside it. That is why the last column can be smaller than the top-k alone explains."
            )
        }
    }

    Step("Greedy NMS, frame by frame") {
        let s = try stages.value
        let h = try head.value
        // The object to watch, and its candidates: the highest-scoring few of its class that overlap
        // it. NMS decides a box by the higher-scoring boxes alone, so the first few of a cluster get
        // exactly the fates they get in the full run. Prefer the object whose first few keep the most.
        let shownCount = 7
        let fullClusters = scene.groundTruths.indices.map { g in
            s.pool.indices.filter {
                s.pool[$0].label == h.classOfBox[g]
                    && intersectionOverUnion(s.pool[$0].box, scene.groundTruths[g].box) > 0.3
            }
            .sorted { s.pool[$0].score > s.pool[$1].score }
        }
        let clusters = fullClusters.map { Array($0.prefix(shownCount)) }
        let keptCount = { (members: [Int]) -> Int in
            NMS.greedy(
                boxes: members.map { s.pool[$0].box }, scores: members.map { s.pool[$0].score },
                iouThreshold: rules.nmsThreshold, convention: rules.nmsConvention,
                suppression: rules.nmsSuppression
            ).count
        }
        let watched = clusters.indices.filter { clusters[$0].count >= 2 }
            .max { keptCount(clusters[$0]) < keptCount(clusters[$1]) }
        """
        NMS visits the candidates from the highest score down. The first is kept; every remaining \
        candidate *of the same class* whose IoU with it is above the threshold is suppressed (it is \
        taken to be a duplicate of the same object). Then the next candidate still standing is kept, \
        and so on until none are left.
        """
        Formula(
            "1. keep b₁, the highest-scoring box left\n2. drop every box b of b₁'s class with IoU(b, b₁) \(rules.nmsSuppression.rawValue) \(fixed(nominal(rules.nmsThreshold), 2))\n3. repeat on what is left"
        )
        if let g = watched {
            let members = clusters[g]
            // Every candidate here is about box g: drawn in its colour, over its ground truth.
            let detections = frameDetections(members.map { s.pool[$0] }, groundTruth: { _ in g }) { _ in nil }
            var frames = NMSFrames(
                detections: detections, imageWidth: scene.width, imageHeight: scene.height, backdrop: backdrop
            )
            frames.groundTruths = scene.groundTruths
            frames.iouThreshold = rules.nmsThreshold
            let steps = frames.steps
            let library = NMS.greedy(
                boxes: members.map { s.pool[$0].box }, scores: members.map { s.pool[$0].score },
                iouThreshold: rules.nmsThreshold, convention: rules.nmsConvention,
                suppression: rules.nmsSuppression)
            """
            Watch \(BoxColors.label(forBox: g, in: scene.groundTruths)): \(grouped(fullClusters[g].count)) candidates of \
            class “\(h.className(h.classOfBox[g]))” overlap its box by IoU > 0.3\
            \(fullClusters[g].count > members.count ? "; the frames follow the \(members.count) highest-scoring ones (a box's fate depends only on the boxes scoring above it, so these fates are the same as in the full run)" : ""). \
            Before looking, guess how many survive. \
            Each frame shows the box kept at that step (thickest, ▶), the boxes it suppresses (dashed, ✗, \
            with their IoU *with the ▶ box*), and the ones still waiting (thin). All are drawn in the colour \
            of the object they are about, over its ground-truth box (thin and tinted); the line, not the \
            colour, says what NMS did.
            """
            Picture(
                "nms-frames",
                caption:
                    "Greedy NMS on the candidates around \(BoxColors.label(forBox: g, in: scene.groundTruths))"
            ) {
                path, format in
                var shown = frames
                shown.frameWidth = 330
                shown.columns = 2
                if steps.count > 6 { shown.shownSteps = Array(0..<5) + [steps.count - 1] }
                shown.title =
                    "NMS on the \(members.count) candidates around \(BoxColors.label(forBox: g, in: scene.groundTruths))"
                try shown.write(toPath: path, format: format)
            }
            let kept = steps.last?.kept ?? []
            let suppressedBy = Dictionary(
                uniqueKeysWithValues: steps.flatMap { step in
                    step.suppressedNow.map { ($0.key, (step.current ?? -1, $0.value)) }
                })
            let order = NMS.scoreOrder(detections.map(\.score))
            let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0 + 1) })
            Table(
                "Every candidate around \(BoxColors.label(forBox: g, in: scene.groundTruths)), in the order NMS visits them",
                columns: [.right("visit"), .right("score"), "fate", .right("IoU with its suppressor")],
                rows: order.prefix(16).map { i in
                    if let (by, iou) = suppressedBy[i] {
                        return Table.Row([
                            "\(rank[i]!)", fixed(Double(detections[i].score), 3),
                            "suppressed by visit \(rank[by]!)", fixed(Double(iou), 3),
                        ])
                    }
                    return Table.Row(["\(rank[i]!)", fixed(Double(detections[i].score), 3), "kept", ""])
                })
            if order.count > 16 {
                Note("The table lists the first 16 of \(order.count) candidates.")
            }
            """
            \(kept.count) of \(members.count) survive. \
            \(Set(library) == Set(kept) ? "The library's `NMS.greedy` with the `\(preset.name)` comparison and box widths keeps the same \(library.count)." : "Careful: the library's `NMS.greedy` with the `\(preset.name)` box widths keeps \(library.count), not \(kept.count): the frames measure IoU with continuous widths, this preset's kernel adds 1 pixel.")
            """
        } else {
            "This scene has no object with two or more overlapping candidates of its class, so there is nothing to suppress; try the default scene."
        }
    }

    Step("> or ≥: a pair at exactly the threshold") {
        let (a, b) = pairAtThreshold(rules.nmsThreshold, convention: rules.nmsConvention)
        let iou = intersectionOverUnion(a, b, convention: rules.nmsConvention)
        let strict = NMS.greedy(
            boxes: [a, b], scores: [0.9, 0.8], iouThreshold: rules.nmsThreshold,
            convention: rules.nmsConvention,
            suppression: .greaterThan)
        let inclusive = NMS.greedy(
            boxes: [a, b], scores: [0.9, 0.8], iouThreshold: rules.nmsThreshold,
            convention: rules.nmsConvention,
            suppression: .greaterThanOrEqual)
        """
        "Overlaps by more than the threshold" hides a choice. Two \(Int(a.width + (rules.nmsConvention == .inclusivePixels ? 1 : 0)))-pixel \
        squares, the second shifted right by \(Int(b.x0 - a.x0)) pixels, overlap by IoU = \
        \(fixed(Double(iou), 9)) as float32 computes it: the nearest float to \(fixed(nominal(rules.nmsThreshold), 1)). \
        The `\(preset.name)` threshold is stored as \(fixed(rules.nmsThreshold, 9)).
        """
        Table(
            "The same pair under both comparisons (NMS.greedy, scores 0.9 and 0.8)",
            columns: ["comparison", "used by", "second box"],
            rows: [
                Table.Row([
                    "IoU > t", "torchvision, mmcv, official ml_nms",
                    strict.count == 2 ? "kept" : "suppressed",
                ]),
                Table.Row([
                    "IoU ≥ t", "maskrcnn-benchmark's CPU nms", inclusive.count == 2 ? "kept" : "suppressed",
                ]),
            ])
        if strict.count == inclusive.count {
            """
            Here both comparisons agree: the float32 IoU is not equal to the threshold as stored \
            (\(Double(iou) > rules.nmsThreshold ? "it is just above the double-precision threshold, so even `>` suppresses" : "it is just below it")). \
            torchvision compares the float IoU with a Python float (double), so an IoU that *prints* as \
            \(fixed(nominal(rules.nmsThreshold), 1)) can still count as above \(fixed(nominal(rules.nmsThreshold), 1)).
            """
        } else {
            """
            The IoU equals the stored threshold exactly, so the comparison decides: `>` keeps the second \
            box, `≥` suppresses it. `\(preset.name)` uses `\(rules.nmsSuppression.rawValue)`, so here it is \
            \(rules.nmsSuppression == .greaterThan ? "kept" : "suppressed").
            """
        }
        Note(
            "Exact ties are rare with real, fractional boxes, but boxes in whole pixels (annotation tools, tests, "
                + "homework graders) hit them; the `fcos nms` command and `NMS.Suppression` let you pick either rule."
        )
    }

    Step("Class-aware NMS") {
        let h = try head.value
        let s = try stages.value
        let top = s.detections.first
        let base =
            top?.box
            ?? Box(
                x0: Float(scene.width) * 0.3, y0: Float(scene.height) * 0.3, x1: Float(scene.width) * 0.6,
                y1: Float(scene.height) * 0.7)
        let firstClass = top?.label ?? 0
        let secondClass = h.classOfBox.first { $0 != firstClass } ?? (firstClass + 1) % h.recipe.classCount
        let inset = 0.06 * min(base.width, base.height)
        let other = Box(x0: base.x0 + inset, y0: base.y0 + inset, x1: base.x1 - inset, y1: base.y1 - inset)
        let iou = intersectionOverUnion(base, other)
        let pair = [base, other]
        let scores: [Float] = [0.9, 0.7]
        let agnostic = NMS.greedy(
            boxes: pair, scores: scores, iouThreshold: rules.nmsThreshold, convention: rules.nmsConvention,
            suppression: rules.nmsSuppression)
        let aware = NMS.batched(
            boxes: pair, scores: scores, labels: [firstClass, secondClass], iouThreshold: rules.nmsThreshold,
            convention: rules.nmsConvention, suppression: rules.nmsSuppression)
        """
        NMS in FCOS is *class-aware*: a box can only suppress boxes of its own class. Two different \
        objects may overlap a lot (a rider on a horse, a racket in front of a player), and one object \
        can get two confident classes; either way both boxes should reach the output. Take a constructed \
        pair: \(top == nil ? "a box labelled" : "the top detection, a") “\(h.className(firstClass))”, and a box \
        just inside it labelled “\(h.className(secondClass))”, as if the head were unsure which the object \
        is. Their IoU is \(fixed(Double(iou), 2)), above the threshold of \(fixed(nominal(rules.nmsThreshold), 2)).
        """
        Table(
            "The pair under both kinds of NMS",
            columns: ["NMS", "library call", .right("kept")],
            rows: [
                ["ignoring classes", "NMS.greedy", "\(agnostic.count) of 2"],
                ["class-aware (FCOS)", "NMS.batched", "\(aware.count) of 2"],
            ])
        Picture(
            "class-aware",
            caption:
                "The same pair under both kinds of NMS: ignoring classes loses the second box, class-aware keeps both"
        ) { path, format in
            /// A class's colour: the colour of the scene's box of that class, if there is one.
            let colorOf = { (c: Int) -> Color in
                h.classOfBox.firstIndex(of: c).map { BoxColors.color(forBox: $0) } ?? Color.gray(0.3)
            }
            try ClassAwareFigure(
                entries: [
                    .init(
                        box: base, score: scores[0], name: h.className(firstClass), color: colorOf(firstClass)
                    ),
                    .init(
                        box: other, score: scores[1], name: h.className(secondClass),
                        color: colorOf(secondClass)),
                ],
                keptIgnoringClasses: agnostic, keptClassAware: aware, iou: iou,
                threshold: nominal(rules.nmsThreshold),
                imageWidth: scene.width, imageHeight: scene.height, illustration: scene.illustration,
                title:
                    "Class-aware NMS keeps the “\(h.className(secondClass))” box that class-agnostic NMS drops"
            ).write(toPath: path, format: format)
        }
        "With `NMS.batched`, which is what every preset runs, each class is suppressed on its own, so both boxes are kept."
        let crossClass = s.detections.indices.flatMap { i in
            s.detections.indices.filter { j in
                j > i && s.detections[j].label != s.detections[i].label
                    && intersectionOverUnion(
                        s.detections[i].box, s.detections[j].box, convention: rules.nmsConvention)
                        > Float(rules.nmsThreshold)
            }.map { (i, $0) }
        }
        if let (i, j) = crossClass.first {
            let a = s.detections[i]
            let b = s.detections[j]
            """
            It happens in this run's own output too: \(crossClass.count) pair\(crossClass.count == 1 ? "" : "s") of \
            final detections overlap by more than the threshold with different classes. The first: \
            “\(h.className(a.label))” \(fixed(Double(a.score), 3)) and “\(h.className(b.label))” \(fixed(Double(b.score), 3)), \
            IoU \(fixed(Double(intersectionOverUnion(a.box, b.box, convention: rules.nmsConvention)), 2))\
            \(a.level == b.level && a.locationIndex == b.locationIndex ? ", the same location's box scored for two classes" : ""). \
            Both stay.
            """
        }
    }

    Step("The final detections") {
        let s = try stages.value
        let h = try head.value
        let pairs = s.pairsPerLevel.reduce(0, +)
        Table(
            "Counts at each stage (\(preset.name))",
            columns: ["stage", .right("count")],
            rows: [
                ["(location, class) pairs", grouped(pairs)],
                [
                    "above the threshold: \(formula(rules.thresholdScore)) > \(fixed(Double(rules.scoreThreshold), 2))",
                    grouped(s.aboveThresholdPerLevel.reduce(0, +)),
                ],
                [
                    rules.candidatesPerLevel.map { "after top-\(grouped($0)) per level" } ?? "no top-k",
                    grouped(s.pool.count),
                ],
                [
                    "after class-aware NMS (IoU \(rules.nmsSuppression.rawValue) \(fixed(nominal(rules.nmsThreshold), 2)))",
                    grouped(s.keptByNMS.count),
                ],
                ["after the cap (\(capPhrase(rules.detectionCap)))", grouped(s.detections.count)],
            ])
        let strong = s.detections.filter { $0.score >= displayThreshold }
        let onObject = { (d: FCOS.Detection) -> Int? in
            scene.groundTruths.indices.first {
                h.classOfBox[$0] == d.label && intersectionOverUnion(d.box, scene.groundTruths[$0].box) >= 0.5
            }
        }
        let weak = s.detections.filter { $0.score < displayThreshold }
        """
        \(grouped(s.detections.count)) detections come out. Detectors are evaluated on all of them (COCO's AP \
        rewards ranking the right boxes first), but pictures usually draw only the confident ones: \
        \(grouped(strong.count)) score at least \(fixed(Double(displayThreshold), 1)). Of the other \
        \(grouped(weak.count)), \(grouped(weak.filter { onObject($0) == nil }.count)) lie on no object of their \
        class: the background drizzle.
        """
        let matchedObject = strong.map(onObject)
        let onObjects = matchedObject.compactMap { $0 }
        Table(
            "The detections scoring at least \(fixed(Double(displayThreshold), 1))\(strong.count > 12 ? " (first 12)" : "")",
            columns: ["class", .right("score"), .right("level"), "on object (same class)", .right("IoU")],
            rows: zip(strong, matchedObject).prefix(12).map { d, g in
                Table.Row(
                    [
                        h.className(d.label), fixed(Double(d.score), 3), levelNames[d.level],
                        g.map { BoxColors.label(forBox: $0, in: scene.groundTruths) } ?? "none",
                        g.map { fixed(Double(intersectionOverUnion(d.box, scene.groundTruths[$0].box)), 2) }
                            ?? "",
                    ], swatch: g.flatMap(swatch(forBox:)))
            })
        if !strong.isEmpty {
            """
            Of these \(strong.count), \(onObjects.count) lie on an object of their own class (IoU ≥ 0.5), \
            covering \(Set(onObjects).count) of the \(scene.groundTruths.count) objects; so \
            \(onObjects.count - Set(onObjects).count) are duplicates that NMS let through, because their \
            IoU with the kept box stayed at or below \(fixed(nominal(rules.nmsThreshold), 2)) (the poor boxes \
            of off-centre locations), and \(strong.count - onObjects.count) match no object of their class \
            (a class nothing here has, or a box too far off). Look for both kinds below.
            """
        }
        Picture(
            "final-detections",
            caption: "Detections scoring at least \(fixed(Double(displayThreshold), 1)), over the scene"
        ) {
            path, format in
            let view = DetectionsView(
                detections: strong, groundTruths: scene.groundTruths, classOfBox: h.classOfBox,
                className: h.className, imageWidth: scene.width, imageHeight: scene.height,
                illustration: options.illustrationName(of: scene),
                title:
                    "\(strong.count) of \(s.detections.count) detections score ≥ \(fixed(Double(displayThreshold), 1))",
                subtitle:
                    "\(preset.name) post-processing of the simulated head; score \(formula(rules.finalScore))"
            )
            try view.write(toPath: path, format: format)
        }
    }

    Step("Try this") {
        let s = try stages.value
        let strong = s.detections.filter { $0.score >= displayThreshold }.count
        let mmdet = PostProcessingRules.mmdet
        let torchvision = PostProcessingRules.torchvision
        let eecs = PostProcessingRules.eecs498
        let mmdetRun = pipeline(for: .mmdet)
        let torchvisionRun = pipeline(for: .torchvision)
        let eecsRun = pipeline(for: .eecs498)
        let top = { (run: PipelineStages) in run.detections.map(\.score).max() ?? 0 }
        "Predict first, then reveal the answer (a key in the terminal, a click on the page)."
        TryThis(
            Exercise(
                "Run with `--preset mmdet`: the reported score becomes `\(formula(mmdet.finalScore))` (no square root) and NMS "
                    + "suppresses at IoU > \(fixed(nominal(mmdet.nmsThreshold), 1)). Predict first: do the top scores go up or down, "
                    + "and how many detections reach \(fixed(Double(displayThreshold), 1)) (here \(strong))?",
                answer:
                    "The top score goes \(top(mmdetRun) < top(s) ? "down" : "up"), from \(fixed(Double(top(s)), 3)) to "
                    + "\(fixed(Double(top(mmdetRun)), 3)): `p·ctr` is smaller than its square root whenever it is below 1. "
                    + "\(mmdetRun.detections.filter { $0.score >= displayThreshold }.count) detections reach "
                    + "\(fixed(Double(displayThreshold), 1)). (mmdet also has its own targets, so the simulated head differs a little.)"
            ),
            Exercise(
                "Run with `--preset torchvision`: the threshold applies to `\(formula(torchvision.thresholdScore))` at "
                    + "\(fixed(Double(torchvision.scoreThreshold), 1)). Predict how many (location, class) pairs pass it, "
                    + "compared with the \(grouped(s.aboveThresholdPerLevel.reduce(0, +))) here.",
                answer:
                    "\(grouped(torchvisionRun.aboveThresholdPerLevel.reduce(0, +))). A threshold on the combined score "
                    + "also removes confident classes at locations whose centerness is low."),
            Exercise(
                "Run with `--preset eecs498`: one class per location, `\(formula(eecs.thresholdScore))` > "
                    + "\(fixed(Double(eecs.scoreThreshold), 1)), no top-k and no cap. Predict how many detections come out "
                    + "(here \(grouped(s.detections.count))).",
                answer:
                    "\(grouped(eecsRun.detections.count)), from \(grouped(eecsRun.pool.count)) candidates entering NMS. "
                    + "Without a top-k or a cap, NMS alone decides how many remain.")
        )
    }
}.main(options)
