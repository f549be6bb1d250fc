import Annotations
import Canvas
import FCOS
import Figures
import Foundation
import Notebook

// Lesson 8: from the assignment of lesson 3 to the one number the optimiser sees. The targets
// are the matcher's own; every loss is the library's `FCOSLoss.breakdown`, on a simulated head.

let options = LessonOptions.parseOrExit()
let preset = options.fcosPreset
let scene = options.scene(default: "tennis")
let backdrop = Backdrop.named(options.illustrationName(of: scene))
let boxes = scene.groundTruths
/// COCO's 80 classes, as every reference trains FCOS.
let classCount = max(80, (boxes.map(\.label).max() ?? 0) + 1)
let seed: UInt64 = 8

func assign(_ p: Preset) -> Assignment {
    p.matcher.assign(boxes, imageWidth: scene.width, imageHeight: scene.height)
}

let assignment = Lazy { assign(preset) }
/// Every preset's flattened targets and the one background draw they share.
let setup = Lazy {
    let targets = Preset.all.map { FlatTargets(assign($0)) }
    let background = BackgroundScores(
        locations: targets.map(\.count).max() ?? 0, classCount: classCount, seed: seed)
    return (targets: targets, background: background)
}
let ownIndex = Preset.all.firstIndex { $0.name == preset.name } ?? 0
/// The focal loss runs over every location × 80 classes, about 1.5 million entries, which takes
/// a debug build a second or two per preset: the lesson's own preset first, alone.
let ownLoss = Lazy {
    let (targets, background) = try setup.value
    return simulatedLoss(Preset.all[ownIndex], targets[ownIndex], background: background, seed: seed + 1)
}
/// All presets, the others on as many cores as there are.
let losses = Lazy {
    let (targets, background) = try setup.value
    var all = simulatedLosses(
        Preset.all.indices.filter { $0 != ownIndex }.map { (Preset.all[$0], targets[$0]) },
        background: background, seed: seed + 1)
    all.insert(try ownLoss.value, at: ownIndex)
    return all
}

func unitName(_ units: RegressionUnits) -> String {
    switch units {
    case .pixels: return "px"
    case .stride: return "strides"
    }
}

func short(_ value: Float, _ digits: Int = 3) -> String { decimal(value, digits) }

/// A float32 with about four significant digits: `1 234`, `12.34`, `0.1234`.
func sig(_ value: Float) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : "∞" }
    let magnitude = abs(value)
    if magnitude >= 1000 { return grouped(Int(value.rounded())) }
    if magnitude >= 100 { return decimal(value, 1) }
    if magnitude >= 10 { return decimal(value, 2) }
    return decimal(value, 4)
}

func lossName(_ loss: LossRules.RegressionLoss) -> String {
    switch loss {
    case .officialIoU(let kind):
        switch kind {
        case .iou: return "−log IoU⁺¹"
        case .linearIoU: return "1 − IoU⁺¹"
        case .giou: return "1 − GIoU⁺¹"
        }
    case .mmdetIoU: return "−log IoU"
    case .mmdetGIoU, .giou: return "1 − GIoU"
    case .l1(let weight): return "\(decimal(weight, 2))·|Δ|"
    }
}

func divisorName(_ normalization: LossRules.Normalization, term: Int) -> String {
    switch (normalization, term) {
    case (.official, 1): return "Σ ctr*"
    case (.official, _): return "max(N_pos, 1)"
    case (.mmdet, 1): return "max(Σ ctr*, 10⁻⁶) + ε"
    case (.mmdet, _): return "max(N_pos, 1) + ε"
    case (.shared, _): return "max(N_pos, 1)"
    }
}

Lesson(
    id: "lesson-08-training-targets",
    title: "Training targets: from the assignment to the loss",
    summary:
        "Lesson 3 decided which box each location learns. Here those decisions become the tensors the "
        + "network is trained against, the head that produces its side of the comparison, and the one loss "
        + "number the optimiser sees, term by term and divisor by divisor, for every preset."
) {
    Step("The target tensors") {
        let a = try assignment.value
        let flat = FlatTargets(a)
        let units = unitName(preset.assignment.regressionUnits)
        """
        The matcher's answer for one location is three things: a class (or background), four distances \
        `l*, t*, r*, b*`, and the centerness target of Eq. 3 computed from them. The network predicts \
        per level, as feature maps, so the targets are stored the same way: on every level `ℓ` of size \
        `H_ℓ × W_ℓ`, one class map, four distance maps and one centerness map. Under `\(preset.name)` \
        the distances are in **\(units)**.
        """
        Table(
            "Target maps per level (\(preset.name), \(boxes.count) boxes)",
            columns: [
                "level", .right("H × W"), .right("first k"), .right("positives"),
                .right("l*, t*, r*, b* range"),
                .right("centerness* range"),
            ],
            rows: a.levels.enumerated().map { l, level in
                let positives = level.matched.indices.filter { level.matched[$0] >= 0 }
                let distances = positives.flatMap { level.ltrb[$0].array }
                let centers = positives.map { level.centerness[$0] }
                let range = { (values: [Float], digits: Int) in
                    values.isEmpty
                        ? "—" : "\(decimal(values.min()!, digits)) … \(decimal(values.max()!, digits))"
                }
                return Table.Row([
                    level.map.level.name, "\(level.map.height) × \(level.map.width)",
                    grouped(flat.offsets[l]),
                    grouped(positives.count), range(distances, units == "px" ? 0 : 2), range(centers, 3),
                ])
            } + [["all", "", grouped(flat.count), grouped(a.positiveCount), "", ""]])
        """
        Before the loss, every reference flattens: each level's maps are read row by row and the levels \
        are concatenated, P3 first. A location `(i, j)` of level `ℓ` becomes index
        """
        Formula(
            "k = offset_ℓ + i · W_ℓ + j        offset_ℓ = Σ_{ℓ' < ℓ} H_ℓ' · W_ℓ'\n"
                + "\(a.levels.enumerated().map { "offset(\($0.element.map.level.name)) = \(grouped(flat.offsets[$0.offset]))" }.joined(separator: "   "))"
        )
        let examples: [(g: Int, l: Int, index: Int)] = boxes.indices.compactMap { g in
            var best: (l: Int, index: Int)?
            for (l, level) in a.levels.enumerated() {
                for index in level.matched.indices where level.matched[index] == Int32(g) {
                    if best == nil || level.centerness[index] > a.levels[best!.l].centerness[best!.index] {
                        best = (l, index)
                    }
                }
            }
            return best.map { (g, $0.l, $0.index) }
        }
        if !examples.isEmpty {
            "One positive per box, its most central one, in both coordinates. The class column is the box's label; `k` is where the row sits in the flattened tensors the loss reads."
            Table(
                "Most central positive of each box, as the loss sees it",
                columns: [
                    "box", "level", .right("(i, j)"), .right("k"), .right("class"),
                    .right("l*, t*, r*, b* (\(units))"), .right("centerness*"),
                ],
                rows: examples.map { e in
                    let level = a.levels[e.l]
                    let i = e.index / level.map.width
                    let j = e.index % level.map.width
                    let k = flat.offsets[e.l] + i * level.map.width + j
                    let t = flat.regressionTargets[k]
                    return Table.Row(
                        [
                            boxName(e.g, in: boxes), level.map.level.name, "(\(i), \(j))", grouped(k),
                            "\(flat.classTargets[k])",
                            [t.l, t.t, t.r, t.b].map { units == "px" ? number($0) : decimal($0, 2) }
                                .joined(separator: ", "),
                            decimal(Centerness.value(t), 3),
                        ], swatch: swatch(forBox: e.g))
                })
        }
        Note(
            "Classes are stored differently by each reference, with the same meaning: this toolkit uses −1 "
                + "for background and 0…C−1 for classes; the official code (maskrcnn-benchmark) uses 0 for "
                + "background and 1…C; mmdetection uses C for background; torchvision builds a one-hot row per "
                + "location, all zeros for background. All of them feed the focal loss the same 0/1 targets.")
        if let busiest = a.levels.indices.max(by: { a.levels[$0].positiveCount < a.levels[$1].positiveCount }
        ),
            a.levels[busiest].positiveCount > 0
        {
            let level = a.levels[busiest]
            "The picture shows \(level.map.level.name), the level with most positives, as its six maps, cropped to the rows and columns around its positives. Look at how `l*` grows to the right and `r*` to the left, and how centerness peaks where they balance."
            Picture(
                "target-maps",
                caption:
                    "The six target maps of \(level.map.level.name) under \(preset.name): class, l*, t*, r*, b* and centerness, cell for cell."
            ) { path, format in
                try TargetMapsFigure(
                    level: level, groundTruths: boxes, unitName: units,
                    title: "What \(level.map.level.name) is trained against: six H × W maps",
                    subtitle:
                        "\(preset.name) · stride \(level.map.stride) · \(level.positiveCount) positives · grey = background (class −1; distances not used)"
                ).write(toPath: path, format: format)
            }
        }
    }

    Step("The head that meets them") {
        """
        The other side of the comparison is the head: the same small network run on every FPN level, \
        so one set of weights serves P3 to P7. Two towers of four `3×3` convolutions (256 channels, \
        GroupNorm with 32 groups, ReLU) feed three outputs per location:
        """
        Formula(
            """
            classification tower → 3×3 conv → C logits            (p = sigmoid)
            regression tower     → 3×3 conv → 4 values x            → distances
            one of the towers    → 3×3 conv → 1 centerness logit   (ctr = sigmoid)
            """)
        let conv = 3 * 3 * 256 * 256 + 256
        let towers = 2 * 4 * (conv + 2 * 256)
        let outputs = (3 * 3 * 256 * classCount + classCount) + (3 * 3 * 256 * 4 + 4) + (3 * 3 * 256 + 1)
        let prior = Float(-log((1 - 0.01) / 0.01))
        """
        That is \(grouped(towers)) weights in the towers and \(grouped(outputs)) in the three output \
        convolutions for C = \(classCount), shared by all five levels. The classification bias starts \
        at `−log((1 − π)/π)` = \(decimal(prior, 2)) with π = 0.01, so every class begins at p = 0.01: \
        the focal loss of lesson 6 starts from "nothing is an object".
        """
        "Three choices differ between the paper and its successors, and they decide what the loss compares:"
        Table(
            "The head per reference (the presets' heads)",
            columns: ["preset", "distance from x", "units", "per-level scale", "centerness branch"],
            rows: [
                ["official", "exp(s_i · x)", "px", "s_i, learnable, starts at 1", "classification (paper)"],
                ["official-imprv", "ReLU(s_i · x)", "strides", "s_i", "regression (`CENTERNESS_ON_REG`)"],
                ["mmdet", "clamp(s_i · x, min = 0)", "strides", "s_i", "regression (`centerness_on_reg`)"],
                ["torchvision", "ReLU(x)", "strides", "none", "regression"],
            ])
        """
        `exp` gives a positive distance of any size and turns the factor between P3's tens of pixels and \
        P7's hundreds into a shift of `x`; the per-level `s_i` stretches that axis per level. Once the \
        targets are divided by the stride (lesson 4) they are of similar size on every level, and a ReLU \
        is enough. Moving centerness to the regression branch is one of the improved configuration's \
        tricks: centerness is about the box's geometry, which the regression tower already models. \
        mmdetection's default head keeps the paper's choices (`exp`, pixels, centerness on the \
        classification branch); its `center-normbbox-centeronreg-giou` configuration switches all three.
        """
    }

    Step("The whole loss, term by term") {
        let mine = try ownLoss.value
        let b = mine.breakdown
        let value = b.value
        let rules = preset.loss
        """
        To see numbers we need predictions. This lesson uses a *simulated head*, not a trained network: \
        background classes scored around p = 0.01 with a spread of hard negatives (as in lesson 6), a \
        positive's own class at p between 0.3 and 0.9, predicted distances up to about 28 % off the \
        target per side, and centerness within 0.15 of its target. The same seed and error model are \
        applied to every preset's own targets. The loss is then computed by the library's own \
        `FCOSLoss.breakdown`, the same code as `FCOSLoss.compute`, under `\(preset.name)`'s rules:
        """
        Formula(
            """
            L = L_cls + L_reg + L_ctr
            L_cls = Σ_{all k, all c} FL(p_kc, z_kc) / \(divisorName(rules.normalization, term: 0))
            L_reg = Σ_{positives} \(b.regressionIsWeighted ? "ctr*_k · " : "")\(lossName(rules.regressionLoss)) / \(divisorName(rules.normalization, term: 1))
            L_ctr = Σ_{positives} BCE(ctr_k, ctr*_k) / \(divisorName(rules.normalization, term: 2))
            """)
        Table(
            "The loss of the simulated head under \(preset.name) (FCOSLoss.breakdown)",
            columns: ["term", "summed over", .right("sum"), "divided by", .right("divisor"), .right("term")],
            rows: [
                [
                    "classification", "\(grouped(mine.targets.count)) × \(classCount) entries",
                    sig(b.classificationSum), divisorName(rules.normalization, term: 0),
                    sig(b.classificationDivisor), short(value.classification, 4),
                ],
                [
                    "regression", "\(grouped(b.positiveCount)) positives", sig(b.regressionSum),
                    divisorName(rules.normalization, term: 1), sig(b.regressionDivisor),
                    short(value.regression, 4),
                ],
                [
                    "centerness", "\(grouped(b.positiveCount)) positives", sig(b.centernessSum),
                    divisorName(rules.normalization, term: 2), sig(b.centernessDivisor),
                    short(value.centerness, 4),
                ],
                ["total", "", "", "", "", short(value.total, 4)],
            ])
        let compute = FCOSLoss.compute(mine.inputs, rules: rules)
        """
        `FCOSLoss.compute` on the same inputs returns \(short(compute.total, 4)), the table's total \
        \(compute == value ? "to the last bit" : "up to float32 rounding"). Read the divisors: N_pos = \
        \(grouped(b.positiveCount)) and Σ ctr* = \(sig(b.centernessTargetSum)), so the average centerness \
        target of a positive is \(short(b.centernessTargetSum / Float(max(b.positiveCount, 1)), 3)).
        """
        switch rules.normalization {
        case .official, .mmdet:
            """
            Dividing the weighted regression sum by Σ ctr* makes `L_reg` a *weighted average*: positives \
            near a box's centre count fully, those near its border little, and the term stays on the scale \
            of one positive's IoU loss. The paper's Eq. 2 writes `λ/N_pos · Σ L_reg` instead, unweighted; \
            torchvision does that.
            """
        case .shared:
            """
            Every term is divided by the same number of positives, as the paper's Eq. 2 writes it; the \
            regression losses are not weighted by centerness. The official code instead weights them by \
            their centerness targets and divides by Σ ctr* (next step compares).
            """
        }
        Note(
            "On several GPUs the official code sums N_pos and Σ ctr* over all of them (`reduce_sum`) and each GPU "
                + "divides its own sums by the *average per GPU*, `max(N_total / G, 1)` and `S_total / G` (S = Σ ctr*). "
                + "Data-parallel training then averages the G gradients, which equals one GPU dividing the whole "
                + "batch's sums by the whole batch's N_pos: the loss does not depend on how the batch is split. "
                + "The `max(·, 1)` only acts when a batch has no positive at all.")
    }

    Step("Every preset side by side") {
        let all = try losses.value
        """
        The same scene and the same simulated head, under each preset's targets and loss rules. The \
        positives differ (center sampling, the grid, the gate), the box loss differs (IoU or GIoU, on \
        pixels or strides) and the divisors differ.
        """
        Table(
            "The whole loss per preset (simulated head, seed \(seed))",
            columns: [
                "preset", .right("N_pos"), .right("L_cls"), "box loss", .right("L_reg ÷"), .right("L_reg"),
                .right("L_ctr"), .right("total"),
            ],
            rows: all.map { entry in
                let b = entry.breakdown
                let v = b.value
                return Table.Row([
                    entry.preset.name, grouped(b.positiveCount), short(v.classification, 4),
                    lossName(entry.preset.loss.regressionLoss),
                    divisorName(entry.preset.loss.normalization, term: 1), short(v.regression, 4),
                    short(v.centerness, 4), short(v.total, 4),
                ])
            })
        let official = all.first { $0.preset.name == Preset.official.name }!
        let paperRules = LossRules(
            regressionLoss: .officialIoU(.iou), normalization: .shared, units: .pixels)
        let paper = FCOSLoss.breakdown(official.inputs, rules: paperRules)
        let imprv = all.first { $0.preset.name == Preset.officialImprv.name }!.breakdown
        """
        The largest difference is in `L_cls`, and it is not about classification at all. The focal-loss \
        *sum* is dominated by the background, which every preset has in the same amount \
        (\(sig(official.breakdown.classificationSum)) under official, \(sig(imprv.classificationSum)) under \
        official-imprv), but the divisor is N_pos: center sampling cuts it from \
        \(grouped(official.breakdown.positiveCount)) to \(grouped(imprv.positiveCount)), and `L_cls` grows by \
        the same factor. Totals of different presets are therefore not comparable as numbers; each is \
        only compared with itself from one iteration to the next.

        The paper's own normalisation, `Σ L_reg / N_pos` without centerness weights, on official's targets \
        and the same head gives L_reg = \(short(paper.value.regression, 4)) against official's weighted \
        \(short(official.breakdown.value.regression, 4)). The simulated errors do not depend on where a \
        positive sits, so here the two differ only by chance; in a trained network the central positives \
        predict better, and the centerness-weighted average is the smaller. eecs498 trains on P3–P5 only and with an L1 loss on the distances, so its numbers are \
        not on the same scale as the IoU-based ones. detectron2 and EECS 498 divide by a moving average of \
        N_pos across iterations (here, for one image, by N_pos itself).
        """
    }

    Step("The m-field: why one box spans two levels") {
        let a = try assignment.value
        let boundaries = preset.assignment.levels.dropLast().map(\.sizeRange.upper)
        let names = a.levels.map(\.map.level.name)
        """
        The size gate reads one number per location, `m = max(l*, t*, r*, b*)`. Inside a box it is \
        smallest at the centre, where `l* = r*` and `t* = b*`, so `m = max(w, h)/2`, and it grows towards \
        the sides, approaching `max(w, h)`: a factor of two, exactly the width of one level's range. So \
        a box whose `m` range contains a boundary has locations on two levels: those near its centre on \
        the finer one, those near its sides on the coarser one.
        """
        Table(
            "The m range of each box and the levels it reaches (\(preset.name))",
            columns: [
                "box", .right("w × h"), .right("m at centre"), .right("m at the sides (→)"),
                "levels in range",
                "positives per level",
            ],
            rows: boxes.indices.map { g in
                let box = boxes[g].box
                let low = max(box.width, box.height) / 2
                let high = max(box.width, box.height)
                let reached = preset.assignment.levels.filter {
                    $0.sizeRange.upper >= low && $0.sizeRange.lower <= high
                }
                .map(\.name)
                let counts = a.levels.indices.compactMap { l -> String? in
                    let n = a.levels[l].matched.filter { $0 == Int32(g) }.count
                    return n > 0 ? "\(names[l]): \(n)" : nil
                }
                return Table.Row(
                    [
                        boxName(g, in: boxes), "\(number(box.width)) × \(number(box.height))", number(low),
                        number(high), reached.joined(separator: ", "),
                        counts.isEmpty ? "none" : counts.joined(separator: ", "),
                    ], swatch: swatch(forBox: g))
            })
        "In the picture each box is filled by level band, with a dashed contour where `m` crosses \(listed(boundaries.map { number($0) })). A box with a contour inside it spans two levels; the contour is a rectangle because `m ≤ c` means all four distances are at most `c`."
        Picture(
            "m-field",
            caption:
                "Each box's interior coloured by m = max(l*, t*, r*, b*), with contours at \(listed(boundaries.map { number($0) }))."
        ) { path, format in
            var view = MFieldView(
                imageWidth: scene.width, imageHeight: scene.height, groundTruths: boxes,
                boundaries: boundaries,
                bandNames: names, backdrop: backdrop)
            view.subtitle =
                "\(preset.name) · m is max(w, h)/2 at a box's centre and approaches max(w, h) at its sides · the smaller box is drawn on top"
            try view.write(toPath: path, format: format)
        }
    }

    Step("Try this") {
        let all = try losses.value
        let official = all.first { $0.preset.name == Preset.official.name }!.breakdown
        let imprv = all.first { $0.preset.name == Preset.officialImprv.name }!.breakdown
        let torchvision = all.first { $0.preset.name == Preset.torchvision.name }!.breakdown
        "Predict before you run; each answer is hidden until you ask for it."
        TryThis(
            Exercise(
                "Center sampling keeps only the central positives. Before running `--preset official-imprv`, predict: "
                    + "does its average centerness target per positive (Σ ctr* ÷ N_pos) go up or down compared with official's?",
                answer:
                    "Up: official has \(grouped(official.positiveCount)) positives with average ctr* "
                    + "\(short(official.centernessTargetSum / Float(max(official.positiveCount, 1)))), official-imprv "
                    + "\(grouped(imprv.positiveCount)) with \(short(imprv.centernessTargetSum / Float(max(imprv.positiveCount, 1)))). "
                    + "Center sampling drops the border positives, whose centerness is lowest."),
            Exercise(
                "torchvision divides L_reg by N_pos, official by Σ ctr*. Which divisor is larger on this scene, and "
                    + "what would a scene of only tiny, off-grid boxes do to the ratio?",
                answer:
                    "N_pos (\(grouped(torchvision.positiveCount)) under torchvision) is always at least Σ ctr* "
                    + "(\(sig(official.centernessTargetSum)) under official), because every ctr* ≤ 1. With tiny boxes the "
                    + "few positives sit far from any centre, ctr* is small, and Σ ctr* falls well below N_pos, so the "
                    + "official division weights each of them up."),
            Exercise(
                "Run with `--scene Assets/scenes/boundary.json`: both boxes are 128 px wide. Predict from the m-field "
                    + "which levels they can reach before looking at step 5's table.",
                answer:
                    "m runs from 64 at the centre to just under 128 at the sides, so P3 (m ≤ 64, only the centre column) "
                    + "and P4 (64 ≤ m ≤ 128). Under official's inclusive gate a location with m = 64 exactly is on both."
            )
        )
    }
}.main(options)
