import Canvas
import FCOS
import Figures
import Foundation
import Notebook

let options = LessonOptions.parseOrExit()
let preset = options.fcosPreset
let scene = options.scene(default: "tennis")
let assignment = Lazy {
    preset.matcher.assign(
        scene.groundTruths, imageWidth: scene.width, imageHeight: scene.height, explain: false)
}

/// COCO's 80 classes: every location has one classifier output per class, so one image is
/// `locations × 80` binary decisions.
let classCount = max(80, Set(scene.groundTruths.map(\.label)).count)
/// FCOS trains with RetinaNet's α = 0.25 and γ = 2 (every reference uses these defaults).
let defaultAlpha = LossRules.official.alpha
let defaultGamma = LossRules.official.gamma

Lesson(
    id: "lesson-06-focal-loss",
    title: "The focal loss: training on every location",
    summary:
        "FCOS scores every location of every level for every class, and almost all of those are background. "
        + "Afterwards you can explain how (1 − p_t)^γ keeps the easy background from drowning the few "
        + "positives, what α adds, and why the box loss is an IoU (or GIoU) loss."
) {
    Step("One formula for both kinds of answer") {
        """
        FCOS classifies with the *sigmoid focal loss* of RetinaNet (Lin et al. 2017), the paper's \
        `L_cls` in Eq. 2. Every location of every level P3…P7 outputs one probability `p` per class; \
        the target `z` is 1 for the class of the box the location was assigned to and 0 for all \
        other classes, and 0 for every class at a background location.
        """
        "To write positives and negatives with one formula, the loss uses `p_t`, the probability the model gives to the *right* answer:"
        Formula("p_t = p        if z = 1\np_t = 1 − p    if z = 0")
        "Then the binary cross-entropy is `−log(p_t)`, and the focal loss multiplies it by two factors:"
        Formula("FL(p_t) = −α_t · (1 − p_t)^γ · log(p_t)\nα_t = α if z = 1,   1 − α if z = 0")
        """
        `(1 − p_t)^γ` is the *focusing* factor: near 1 for a prediction that is wrong, near 0 for one \
        that is already right. `α_t` is a fixed weight per side. FCOS uses \
        α = \(fixed(Double(defaultAlpha), 2)) and γ = \(fixed(Double(defaultGamma), 0)), \
        RetinaNet's defaults, in every reference implementation.
        """
        Note(
            "`FocalLoss` takes α = −1 to mean *no α weighting*, as torchvision's `sigmoid_focal_loss` does; "
                + "with α = −1 and γ = 0 it is exactly `BinaryCrossEntropy`.")
    }

    Step("Focusing: the loss curves for γ") {
        let gammas: [Float] = [0, 0.5, 1, 2, 5]
        let probes: [Double] = [0.1, 0.5, 0.9, 0.99]
        let at09 = gammas.map { focal(p: 0.9, target: 1, alpha: -1, gamma: $0) }
        let at099 = gammas.map { focal(p: 0.99, target: 1, alpha: -1, gamma: $0) }
        """
        Here α is switched off (α = −1) so only γ acts. The curves below plot the loss against `p_t`, \
        from a badly wrong prediction (left) to a confident right one (right). Look at the right half: \
        with γ = 0 (plain cross-entropy) a prediction that is already right, `p_t` = 0.9, still costs \
        \(sig(at09[0])); with γ = 2 it costs \(sig(at09[3])), \(fixed(at09[0] / at09[3], 0))× less. \
        At `p_t` = 0.99 the factor is \(grouped(Int((at099[0] / at099[3]).rounded()))). On the left \
        the curves stay close: a wrong answer is punished almost as hard as before. The loss axis is \
        logarithmic, one gridline per factor of 10, so those ratios are distances you can read: at \
        `p_t` = 0.9 the γ = 2 curve sits \(Int(log10(at09[0] / at09[3]).rounded())) gridlines below \
        cross-entropy, at 0.99 \(Int(log10(at099[0] / at099[3]).rounded())).
        """
        Table(
            "FL with α off, by γ and p_t (computed with FocalLoss)",
            columns: ["γ"] + probes.map { .right("p_t = \(fixed($0, $0 < 0.95 ? 1 : 2))") },
            rows: gammas.map { gamma in
                Table.Row(
                    [fixed(Double(gamma), gamma == 0.5 ? 1 : 0)]
                        + probes.map { sig(focal(p: $0, target: 1, alpha: -1, gamma: gamma)) })
            })
        Picture("focal-loss-curves", caption: "FL(p_t) for γ = 0, 0.5, 1, 2, 5 (α off)") { path, format in
            let samples = (1...199).map { Double($0) / 200 }
            var plot = LinePlot(
                series: gammas.map { gamma in
                    LinePlot.Series(
                        name: "γ = \(fixed(Double(gamma), gamma == 0.5 ? 1 : 0))",
                        points: samples.map {
                            CGPoint(x: $0, y: focal(p: $0, target: 1, alpha: -1, gamma: gamma))
                        },
                        dash: gamma == 0 ? [7, 4] : [])
                },
                title: "The focusing factor silences predictions that are already right",
                xLabel: "p_t, the probability given to the right answer", yLabel: "FL(p_t)")
            plot.subtitle =
                "FL(p_t) = −(1 − p_t)^γ · log(p_t), α off · γ = 0 is cross-entropy (dashed) · FCOS uses γ = 2 · log scale: each gridline is 10×"
            plot.xRange = 0...1
            plot.yScale = .logarithmic
            plot.yRange = 1e-6...10
            plot.plotSize = CGSize(width: 470, height: 320)
            try plot.write(toPath: path, format: format)
        }
        """
        The loss of a *negative* (z = 0) with probability `p` is the same curve read at `p_t = 1 − p`: \
        a background location scored `p` = 0.01 sits at `p_t` = 0.99, far right, where γ = 2 has \
        flattened the curve to almost nothing.
        """
    }

    Step("α: a fixed weight per side") {
        let easyNegative = 0.01
        let hardPositive = 0.1
        let alphas: [Float] = [0.25, 0.5, -1]
        """
        α weighs positives by α and negatives by 1 − α, whatever the prediction. Compare two \
        predictions: an *easy negative* (background scored p = \(fixed(easyNegative, 2)), so \
        `p_t` = \(fixed(1 - easyNegative, 2))) and a *hard positive* (the right class scored only \
        p = \(fixed(hardPositive, 1))), with FCOS's γ = \(fixed(Double(defaultGamma), 0)) and, below, with γ = 0.
        """
        Table(
            "FL of an easy negative and a hard positive (computed with FocalLoss)",
            columns: [
                "γ", "α", .right("α_t pos / neg"), .right("easy negative"), .right("hard positive"),
                .right("hard ÷ easy"),
            ],
            rows: [defaultGamma, 0].flatMap { gamma in
                alphas.map { alpha in
                    let negative = focal(p: easyNegative, target: 0, alpha: alpha, gamma: gamma)
                    let positive = focal(p: hardPositive, target: 1, alpha: alpha, gamma: gamma)
                    return Table.Row([
                        fixed(Double(gamma), 0),
                        alpha < 0 ? "−1 (off)" : fixed(Double(alpha), 2),
                        alpha < 0 ? "1 / 1" : fixed(Double(alpha), 2) + " / " + fixed(1 - Double(alpha), 2),
                        sig(negative), sig(positive), grouped(Int((positive / negative).rounded())) + "×",
                    ])
                }
            })
        let quarter =
            (focal(p: hardPositive, target: 1, alpha: 0.25, gamma: defaultGamma)
                / focal(p: easyNegative, target: 0, alpha: 0.25, gamma: defaultGamma))
        let off =
            (focal(p: hardPositive, target: 1, alpha: -1, gamma: defaultGamma)
                / focal(p: easyNegative, target: 0, alpha: -1, gamma: defaultGamma))
        """
        What to notice: α scales the columns but cannot change their order of magnitude, which is \
        γ's doing. α = 0.5 is α off, halved. And α = 0.25 gives the *positives* the smaller weight: \
        it lowers the hard positive's lead over the easy negative from \(grouped(Int(off.rounded())))× \
        (α off) to \(grouped(Int(quarter.rounded())))×. That looks backwards until you remember that γ \
        has already silenced the easy negatives; RetinaNet found that with γ = 2 the best α is 0.25, \
        and FCOS kept it.
        """
    }

    Step("How many positives and negatives does one image have?") {
        let a = try assignment.value
        let rows = a.levels.map { level -> (name: String, stride: Int, locations: Int, positives: Int) in
            (level.map.level.name, level.map.stride, level.map.count, level.positiveCount)
        }
        let locations = rows.reduce(0) { $0 + $1.locations }
        let positives = a.positiveCount
        let negatives = locations * classCount - positives
        """
        The classifier makes one yes/no decision per location and class. With the `\(preset.name)` \
        rules this \(scene.width) × \(scene.height) scene has \(grouped(locations)) locations on \
        \(a.levels.map(\.map.level.name).joined(separator: ", ")); with C = \(classCount) classes (COCO) \
        that is \(grouped(locations * classCount)) decisions. Only the positive locations (lesson 3) \
        have a target of 1, and only in their box's class, so each positive location is one positive \
        entry; every other entry is a negative.
        """
        Table(
            "Entries of the classification target (\(preset.name), C = \(classCount))",
            columns: [
                "level", .right("s"), .right("locations"), .right("locations × C"), .right("positives"),
                .right("negatives"),
            ],
            rows: rows.map {
                Table.Row([
                    $0.name, "\($0.stride)", grouped($0.locations), grouped($0.locations * classCount),
                    grouped($0.positives), grouped($0.locations * classCount - $0.positives),
                ])
            } + [
                Table.Row([
                    "all", "", grouped(locations), grouped(locations * classCount), grouped(positives),
                    grouped(negatives),
                ])
            ])
        if positives > 0 {
            """
            \(grouped(positives)) positives against \(grouped(negatives)) negatives: one positive per \
            \(grouped(Int((Double(negatives) / Double(positives)).rounded()))) negatives. A two-stage \
            detector would sample a few hundred of them; FCOS keeps them all and lets the loss sort them out.
            """
        } else {
            "This scene has no positive location at all, so every one of the \(grouped(negatives)) entries is a negative."
        }
    }

    Step("Who carries the loss, with and without focusing") {
        let simulation = try simulatedPredictions(assignment.value, classCount: classCount, seed: 6)
        let ideal = try simulatedPredictions(
            assignment.value, classCount: classCount, seed: 6, negativeSigma: 0)
        let gammas = [Float(0), defaultGamma]
        let idealName = "all at p = \(fixed(ideal.negatives.centre, 2))"
        let cases: [LossCase] =
            gammas.map {
                LossCase(name: idealName, gamma: $0, sums: ideal.sums(alpha: defaultAlpha, gamma: $0))
            }
            + gammas.map {
                LossCase(name: "spread", gamma: $0, sums: simulation.sums(alpha: defaultAlpha, gamma: $0))
            }
        let spread = simulation.negatives
        let hard = spread.share(above: 0.1)
        let hardest = simulation.hardestNegativesShare(0.01, alpha: defaultAlpha, gamma: defaultGamma)
        """
        Now give the scene made-up predictions, as a half-trained model might make them (*simulated*, \
        not a real network). Each positive scores a `p` drawn uniformly between \
        \(fixed(simulation.positiveRange.lowerBound, 2)) and \(fixed(simulation.positiveRange.upperBound, 2)). \
        For the negatives, the easy assumption is that every one scores p = \(fixed(spread.centre, 2)), the \
        value the classifier's bias is initialised to. A trained classifier is not that uniform: half of the \
        background is easier, and some (a texture that looks like a ball, the edge of the player) is \
        *hard*. So the second simulation spreads them: `logit(p)` normal around `logit(\(fixed(spread.centre, 2)))` \
        with standard deviation \(fixed(spread.sigma, 1)), which puts \(percent(hard * 100, of: 100)) of the \
        negatives above p = 0.1. Everything is seeded, so every run draws the same, and every sum goes \
        through `FocalLoss.sum` with α = \(fixed(Double(defaultAlpha), 2)).
        """
        Table(
            "Summed focal loss by side (simulated predictions, \(grouped(simulation.positiveCount)) positives)",
            columns: [
                "negatives", "γ", .right("Σ positives"), .right("Σ negatives"), .right("negatives' share"),
                .right("per negative"), .right("total ÷ N_pos"),
            ],
            rows: cases.map { c in
                Table.Row([
                    c.name, fixed(Double(c.gamma), 0), sig(c.sums.positives), sig(c.sums.negatives),
                    percent(c.sums.negatives, of: c.sums.positives + c.sums.negatives),
                    sig(c.sums.negatives / Double(max(simulation.negativeCount, 1))),
                    sig((c.sums.positives + c.sums.negatives) / Double(max(simulation.positiveCount, 1))),
                ])
            })
        Picture(
            "loss-by-side",
            caption:
                "Share of the summed focal loss carried by positives and negatives, with every negative at p = 0.01 and with a realistic spread"
        ) {
            path, format in
            let shares = cases.map { c -> (positives: Double, negatives: Double) in
                let total = c.sums.positives + c.sums.negatives
                return total > 0 ? (100 * c.sums.positives / total, 100 * c.sums.negatives / total) : (0, 0)
            }
            var chart = BarChart(
                categories: cases.map { "γ = \(fixed(Double($0.gamma), 0)), \($0.name)" },
                groups: [
                    BarChart.Group(
                        name: "positives", values: shares.map(\.positives), color: BoxColors.color(forBox: 0)),
                    BarChart.Group(name: "negatives", values: shares.map(\.negatives), color: .gray(0.55)),
                ],
                title: "Who carries the classification loss", yLabel: "share of the summed loss (%)")
            chart.subtitle =
                "\(scene.width) × \(scene.height) scene, \(preset.name) targets, C = \(classCount), α = \(fixed(Double(defaultAlpha), 2)); simulated predictions"
            chart.valueDecimals = 1
            chart.xLabel =
                "γ = 0 is plain cross-entropy (times α_t); “spread”: logit(p) ~ N(logit 0.01, \(fixed(spread.sigma, 1))²)"
            chart.slotWidth = 170
            try chart.write(toPath: path, format: format)
        }
        let plain = cases[2].sums
        let focused = cases[3].sums
        let idealFocused = cases[1].sums
        if simulation.positiveCount > 0 {
            """
            Without focusing the negatives carry \(percent(plain.negatives, of: plain.positives + plain.negatives)) \
            of the loss: each one costs little (\(sig(plain.negatives / Double(simulation.negativeCount)))), but there \
            are \(grouped(simulation.negativeCount)) of them, so their gradient would drown the positives' and the \
            model would learn mostly to say "background". With γ = \(fixed(Double(defaultGamma), 0)) the average \
            negative costs \(sig(focused.negatives / Double(simulation.negativeCount))) and the positives carry \
            \(percent(focused.positives, of: focused.positives + focused.negatives)).

            Compare the idealised rows: with every negative at p = \(fixed(spread.centre, 2)) the positives \
            would carry \(percent(idealFocused.positives, of: idealFocused.positives + idealFocused.negatives)) under \
            γ = \(fixed(Double(defaultGamma), 0)), which flatters focal loss. With the spread, the hardest 1 % of \
            the negatives carry \(percent(hardest * 100, of: 100)) of the negatives' loss: focusing does not \
            silence the background, it hands its share to the few negatives that are still wrong, which is \
            what it was designed to do.
            """
        } else {
            "With no positives there is nothing for the negatives to drown; every row is negatives only."
        }
        Note(
            "FCOS divides the summed classification loss by the number of positive locations, `max(N_pos, 1)` (the last column), "
                + "so the scale does not depend on how many objects an image has.")
    }

    Step("The box loss: IoU and GIoU") {
        let pairs = BoxPair.examples
        """
        The second term of Eq. 2, `L_reg`, compares each positive's predicted box with its target box. \
        The paper uses the IoU loss of UnitBox, `−log IoU`; the authors' improved configurations, \
        mmdetection's GIoU configuration, torchvision and detectron2 use the *generalised* IoU loss \
        `1 − GIoU` (Rezatofighi et al. 2019), where `C` is the smallest box enclosing both:
        """
        Formula(
            "IoU = |A ∩ B| / |A ∪ B|        L_IoU = −log IoU\nGIoU = IoU − |C \\ (A ∪ B)| / |C|     L_GIoU = 1 − GIoU"
        )
        "Below, five predictions (dashed) against the same target (solid); the dotted frame is `C`. Before reading the table, guess which pairs the IoU loss cannot tell apart."
        Picture("iou-giou-pairs", caption: "Target (solid), prediction (dashed) and enclosing box C (dotted)")
        {
            path, format in
            try PairPanels(pairs: pairs).write(toPath: path, format: format)
        }
        Table(
            "IoU-based losses per pair (intersectionOverUnion, IoULoss, GIoULoss)",
            columns: [
                "pair", .right("IoU"), .right("GIoU"), .right("−log IoU"), .right("−log IoU⁺¹"),
                .right("1 − GIoU"),
            ],
            rows: pairs.map { pair in
                Table.Row([
                    pair.name,
                    fixed(Double(intersectionOverUnion(pair.prediction, pair.target)), 3),
                    fixed(Double(generalizedIntersectionOverUnion(pair.prediction, pair.target)), 3),
                    fixed(Double(IoULoss.mmdetIoU(pair.prediction, pair.target)), 3),
                    pair.sharedDistances.map {
                        fixed(
                            Double(IoULoss.value(prediction: $0.prediction, target: $0.target, kind: .iou)), 3
                        )
                    } ?? "—",
                    fixed(Double(GIoULoss.value(pair.prediction, pair.target)), 3),
                ])
            })
        """
        `−log IoU` is mmdetection's `IoULoss`, `−log(max(IoU, 10⁻⁶))`; `−log IoU⁺¹` is the official \
        `IOULoss` with its smoothed ratio `(I + 1)/(U + 1)`, computed from distances to a location \
        the two boxes share (there is none for the disjoint pairs; see below).
        """
        let near = pairs.first { $0.name == "disjoint, near" }!
        let far = pairs.first { $0.name == "disjoint, far" }!
        """
        Once the boxes stop touching, IoU is 0 however far apart they are: `1 − IoU` sits at 1 and \
        mmdetection's `−log(max(IoU, 10⁻⁶))` at \(fixed(Double(IoULoss.mmdetIoU(near.prediction, near.target)), 1)) \
        for both disjoint pairs, so neither says which way to move the box (zero gradient). `1 − GIoU` \
        goes on growing, \(fixed(Double(GIoULoss.value(near.prediction, near.target)), 3)) near and \
        \(fixed(Double(GIoULoss.value(far.prediction, far.target)), 3)) far, because the empty part of `C` \
        keeps growing. For the nested pair `C` is the target itself, so GIoU equals IoU.
        """
        let target = pairs[0].target
        let probe = 80.0
        let sideways = target.slid(probe, dx: 1, dy: 0)
        let corner = target.slid(probe, dx: 0.5.squareRoot(), dy: 0.5.squareRoot())
        """
        Which way the prediction is off matters too. Slide a same-size prediction *sideways*: while the \
        two overlap, their union is itself a rectangle, so the enclosing box `C` is the union and GIoU \
        equals IoU (at \(Int(probe)) px: IoU \(fixed(Double(intersectionOverUnion(sideways, target)), 3)), \
        GIoU \(fixed(Double(generalizedIntersectionOverUnion(sideways, target)), 3))). Slide it *diagonally* \
        and `C` gains two empty corners, so GIoU falls below IoU even while they overlap (at \(Int(probe)) px \
        along the diagonal: IoU \(fixed(Double(intersectionOverUnion(corner, target)), 3)), GIoU \
        \(fixed(Double(generalizedIntersectionOverUnion(corner, target)), 3))). The plot follows the diagonal \
        slide with the paper's `−log IoU` (mmdetection's, floored at IoU = 10⁻⁶), `1 − GIoU`, and `1 − IoU` \
        for reference: `1 − GIoU` lies above `1 − IoU` wherever `C` has empty corners.
        """
        Picture(
            "iou-giou-slide",
            caption: "A prediction sliding diagonally across its target: −log IoU, 1 − IoU and 1 − GIoU"
        ) {
            path, format in
            let offsets = stride(from: -400.0, through: 400.0, by: 2)
            let diagonalSlide = { (d: Double) in target.slid(d, dx: 0.5.squareRoot(), dy: 0.5.squareRoot()) }
            let apart = offsets.first { intersectionOverUnion(diagonalSlide($0), target) > 0 } ?? 0
            var plot = LinePlot(
                series: [
                    LinePlot.Series(
                        name: "−log IoU (paper)",
                        points: offsets.map {
                            CGPoint(x: $0, y: Double(IoULoss.mmdetIoU(diagonalSlide($0), target)))
                        },
                        color: BoxColors.color(forBox: 2)),
                    LinePlot.Series(
                        name: "1 − GIoU",
                        points: offsets.map {
                            CGPoint(x: $0, y: Double(GIoULoss.value(diagonalSlide($0), target)))
                        },
                        color: BoxColors.color(forBox: 0)),
                    LinePlot.Series(
                        name: "1 − IoU",
                        points: offsets.map {
                            CGPoint(x: $0, y: 1 - Double(intersectionOverUnion(diagonalSlide($0), target)))
                        },
                        color: BoxColors.color(forBox: 1), dash: [7, 4]),
                ],
                title: "Past the edge of the target, only GIoU still points the way back",
                xLabel:
                    "distance slid along the diagonal (px); the target is \(Int(target.width)) × \(Int(target.height)) px",
                yLabel: "loss")
            plot.subtitle =
                "Same-size prediction slid at 45°; beyond ±\(Int(abs(apart))) px they no longer touch and −log IoU hits its 10⁻⁶ floor (13.8). Flat = no gradient."
            plot.yRange = 0...3
            plot.plotSize = CGSize(width: 470, height: 300)
            try plot.write(toPath: path, format: format)
        }
        let shifted = pairs.first { $0.name == "shifted" }!.sharedDistances!
        let inStrides = shifted.scaled(by: 1 / 8)
        let shiftedIoU = Double(intersectionOverUnion(pairs[1].prediction, pairs[1].target))
        """
        **Why FCOS rarely meets the disjoint case.** A positive's prediction and target are both \
        measured from the same location, `(l, t, r, b)` against `(l*, t*, r*, b*)`, and the network's \
        distances are never negative (`exp` or ReLU), so both boxes contain that location and always \
        overlap. The official `IOULoss` therefore computes the intersection straight from the distances, \
        `(min(l, l*) + min(r, r*)) · (min(t, t*) + min(b, b*))`, and cannot even express a disjoint pair.
        """
        Note(
            "The official code smooths the ratio: IoU = (I + 1)/(U + 1), so −log never sees 0. The +1 is in the units of the distances: "
                + "for the shifted pair in pixels −log((I+1)/(U+1)) = "
                + fixed(
                    Double(IoULoss.value(prediction: shifted.prediction, target: shifted.target, kind: .iou)),
                    4)
                + " against −log(I/U) = " + fixed(-log(shiftedIoU), 4)
                + "; with the distances in strides of 8 (the improved variant's normalised targets) it becomes "
                + fixed(
                    Double(
                        IoULoss.value(prediction: inStrides.prediction, target: inStrides.target, kind: .iou)),
                    4)
                + ". Small boxes measured in strides feel the +1 most.")
    }

    Step("Try this") {
        let a = try assignment.value
        let simulation = simulatedPredictions(a, classCount: classCount, seed: 6)
        let positivesShare = { (sums: (positives: Double, negatives: Double)) in
            sums.positives / max(sums.positives + sums.negatives, .leastNormalMagnitude)
        }
        let hardestPlain = simulation.hardestNegativesShare(0.01, alpha: defaultAlpha, gamma: 0)
        let hardestFocused = simulation.hardestNegativesShare(0.01, alpha: defaultAlpha, gamma: defaultGamma)
        let gammas: [Float] = [2, 3, 4, 5]
        let shares = gammas.map { positivesShare(simulation.sums(alpha: defaultAlpha, gamma: $0)) }
        let firstMajority = zip(gammas, shares).first { $0.1 > 0.5 }
        let sampled = simulatedPredictions(
            Preset.officialImprv.matcher.assign(
                scene.groundTruths, imageWidth: scene.width, imageHeight: scene.height),
            classCount: classCount, seed: 6)
        let sampledShare = positivesShare(sampled.sums(alpha: defaultAlpha, gamma: defaultGamma))
        let ownShare = positivesShare(simulation.sums(alpha: defaultAlpha, gamma: defaultGamma))
        "Three questions the tables above do not answer. Predict, then reveal."
        TryThis(
            Exercise(
                "With γ = \(fixed(Double(defaultGamma), 0)), the hardest 1 % of the spread negatives carry "
                    + "\(percent(hardestFocused * 100, of: 100)) of the negatives' loss. Predict their share with γ = 0, "
                    + "plain cross-entropy: larger or smaller?",
                answer:
                    "\(percent(hardestPlain * 100, of: 100)). Without focusing every easy negative still costs about "
                    + "−log(1 − p), so the mass of easy ones keeps most of the loss; focusing is what concentrates it "
                    + "on the hard few."),
            Exercise(
                "Raise γ and the positives' share of the summed loss (spread negatives, α = \(fixed(Double(defaultAlpha), 2))) "
                    + "grows. Predict the smallest of γ = 2, 3, 4, 5 at which the positives carry more than half.",
                answer: (firstMajority.map { "γ = \(fixed(Double($0.0), 0)). " } ?? "None of them. ")
                    + "The positives' share is "
                    + zip(gammas, shares).map {
                        "\(percent($0.1 * 100, of: 100)) at γ = \(fixed(Double($0.0), 0))"
                    }
                    .joined(separator: ", ")
                    + ". RetinaNet still found γ = 2 best (with α = 0.25): more focusing also silences positives that are nearly right."
            ),
            Exercise(
                "Run with `--preset official-imprv`: center sampling leaves fewer positives, the negatives are "
                    + "unchanged. Predict: does the positives' share with γ = \(fixed(Double(defaultGamma), 0)) go up or down "
                    + "from \(percent(ownShare * 100, of: 100))?",
                answer:
                    "\(sampledShare < ownShare ? "Down" : "Up"), to \(percent(sampledShare * 100, of: 100)) with "
                    + "\(grouped(sampled.positiveCount)) positives: the negatives' sum hardly changes, so it is the number "
                    + "of positives that sets their share.")
        )
    }
}.main(options)
