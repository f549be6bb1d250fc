import ATSS
import Annotations
import Canvas
import FCOS
import Figures
import Foundation
import Notebook

// Lesson 9: ATSS, Adaptive Training Sample Selection (Zhang et al., CVPR 2020). Every number
// about the scene comes from `ATSSAssigner` and FCOS's `Matcher`; the paper's AP tables are
// quoted from `PaperNumbers.swift`.

let options = LessonOptions.parseOrExit()
let preset: ATSSPreset = options.methodPreset(
    lesson: "lesson-09-atss", defaultName: ATSSPreset.atss.name, choices: ATSSPreset.all.map(\.name),
    named: ATSSPreset.named)
let scene = options.scene(default: "tennis")
let sceneName =
    options.scene.map { ($0 as NSString).lastPathComponent.replacingOccurrences(of: ".json", with: "") }
    ?? "tennis"
let backdrop = Backdrop.named(options.illustrationName(of: scene))
let boxes = scene.groundTruths
let rules = preset.rules
let k = rules.candidatesPerLevel
let names = rules.levels.map(\.name)
let other = preset.id == .atss ? ATSSPreset.atssMmdet : ATSSPreset.atss

let assignment = Lazy { preset.assigner.assign(boxes, imageWidth: scene.width, imageHeight: scene.height) }
let fcosOfficial = Lazy {
    Preset.official.matcher.assign(boxes, imageWidth: scene.width, imageHeight: scene.height, explain: true)
}
let fcosSampling = Lazy {
    Preset.officialImprv.matcher.assign(boxes, imageWidth: scene.width, imageHeight: scene.height)
}
/// Real boxes only: crowd regions are never matched.
let real = boxes.indices.filter { !boxes[$0].isCrowd }
let largest = real.max { area(boxes[$0]) < area(boxes[$1]) }
let smallest = real.min { area(boxes[$0]) < area(boxes[$1]) }

Lesson(
    id: "lesson-09-atss",
    title: "ATSS: choosing positives by statistics",
    summary:
        "ATSS keeps FCOS's network and changes only which locations are positives: per box, the k anchors "
        + "nearest its centre on every level, kept when their IoU clears a threshold computed from those very "
        + "candidates. Afterwards you can pick a box's positives by hand, say why a candidate was rejected, and "
        + "predict where the two reference implementations disagree."
) {
    Step("Anchors against points was never the difference") {
        let boxGap = abs(Table2.retinaNetIoU - Table2.fcosIoU)
        let pointGap = abs(Table2.retinaNetSpatialScale - Table2.fcosSpatialScale)
        let ruleGap = Table2.fcosSpatialScale - Table2.fcosIoU
        """
        FCOS beat RetinaNet, and the obvious explanation was that predicting from a *point* is better than \
        predicting from an *anchor box*. The ATSS paper took that apart. It first gave RetinaNet (with one \
        square anchor per location, `#A = 1`) every improvement FCOS had picked up along the way, then crossed \
        the two ingredients that still differed: what the network regresses from (a box or a point), and how \
        positives are chosen (RetinaNet's IoU ≥ 0.5 against FCOS's "inside the box and inside the level's \
        size range"). The result is the paper's Table 2 (COCO minival AP, ResNet-50):
        """
        Table(
            "ATSS paper, Table 2: AP by what is regressed and how positives are defined",
            columns: ["detector", "regresses from", .right("IoU ≥ 0.5"), .right("inside box + size range")],
            rows: [
                [
                    "RetinaNet (#A = 1)", "an anchor box", ap(Table2.retinaNetIoU),
                    ap(Table2.retinaNetSpatialScale),
                ],
                ["FCOS", "a point", ap(Table2.fcosIoU), ap(Table2.fcosSpatialScale)],
            ])
        """
        Read it by rows and by columns. Swapping the box for a point changes AP by \(ap(boxGap)) with the IoU \
        rule and by \(ap(pointGap)) with FCOS's rule; swapping the *rule* changes it by \(ap(ruleGap)). How \
        positives are defined is the difference. So the authors designed a better definition, *Adaptive \
        Training Sample Selection*, and it lifts both: RetinaNet \(ap(Table3.retinaNet)) → \
        \(ap(Table3.retinaNetATSS)) and FCOS \(ap(Table3.fcos)) → \(ap(Table3.fcosATSS)) (Table 3).
        """
        """
        ATSS still uses anchors, but only to *choose* positives: one square anchor of side `8s` per \
        location of a level with stride `s`, whose IoU with a box is what ATSS measures. The network then \
        regresses from the anchor's centre exactly as FCOS regresses from its location. This lesson uses \
        the scene `\(sceneName)` (\(scene.width) × \(scene.height) px, \
        \(counted(boxes.count, "box", "boxes"))) and the preset `\(preset.name)`: \(preset.summary).
        """
        if !boxes.isEmpty {
            Table(
                "Ground-truth boxes",
                columns: ["box", .right("x0"), .right("y0"), .right("x1"), .right("y1"), .right("w × h")],
                rows: boxRows(boxes) { g in
                    let b = boxes[g].box
                    return [
                        number(b.x0), number(b.y0), number(b.x1), number(b.y1),
                        "\(number(b.width)) × \(number(b.height))",
                    ]
                })
        } else {
            "The scene has no boxes, so every anchor is background; leave out `--scene` to see ATSS at work."
        }
    }

    Step("Step 1: the candidates") {
        let a = try assignment.value
        let maps = a.levels.map(\.map)
        let anchorCentre = rules.anchors.centerOffset == .halfStride ? "j·s + s/2" : "j·s"
        """
        For each box, ATSS looks at every level separately and takes the `k` anchors whose **centres** are \
        nearest the box's centre, by plain Euclidean distance. With `k = \(k)` and \(maps.count) levels that \
        is up to \(k * maps.count) candidates per box. Distance, not IoU, decides who is a candidate: the anchor \
        boxes play no part yet. Under `\(preset.name)` the anchor in row `i`, column `j` of a level is centred \
        at `(\(anchorCentre), \(anchorCentre.replacingOccurrences(of: "j", with: "i")))`.
        """
        Formula(
            "candidates(g, level) = the k anchors of the level with the smallest ‖anchor centre − centre(g)‖")
        if let g = largest, let s = smallest {
            let big = a.boxes[g]
            let small = a.boxes[s]
            Table(
                "Distance to the \(k)th candidate, per level (px)",
                columns: ["box"] + names.map { .right($0) },
                rows: [g, s].reduce(into: [Int]()) { if !$0.contains($1) { $0.append($1) } }.map { b in
                    Table.Row(
                        [boxName(b, in: boxes)]
                            + a.boxes[b].levels.map { level in
                                level.cutoffDistance.map { number($0) + (level.tie != nil ? " ⚠" : "") }
                                    ?? "—"
                            }, swatch: swatch(forBox: b))
                })
            let ties = a.boxes.filter(\.hasTie).count
            let mattering = a.boxes.filter(\.tieCanChangePositives).count
            """
            The circle through the \(k)th candidate grows with the stride, not with the box: on \(names[0]) \
            it has a radius of \(number(big.levels[0].cutoffDistance ?? 0)) px for \(boxName(g, in: boxes)) \
            and \(number(small.levels[0].cutoffDistance ?? 0)) px for \(boxName(s, in: boxes)). Every box, \
            whatever its size, gets the same number of candidates on every level.
            """
            """
            **Ties.** A regular grid puts many anchors at exactly the same distance; when the circle through \
            the \(k)th passes through more anchor centres than it can admit, the choice among them is \
            arbitrary. Neither reference says which one `torch.topk` returns, so this toolkit takes the \
            lowest flat index and *flags* the tie (⚠ above and in the figure) rather than pretend to be \
            exact. Here \(counted(ties, "box has", "boxes have")) a tie on at least one level, and for \
            \(counted(mattering, "box", "boxes")) another choice among the tied anchors could change the \
            positives; a tie is harmless only when every tied anchor has the same IoU with the box and that \
            IoU is below the threshold. The panel title turns red for the ties that matter.
            """
            "In the figures, the numbers are distance ranks (1 = nearest); colours and shapes are the verdicts of the next steps, explained in the legend."
            for b in [g, s].reduce(into: [Int](), { if !$0.contains($1) { $0.append($1) } }) {
                Picture(
                    "candidates-\(b)",
                    caption:
                        "\(boxName(b, in: boxes)): its \(k) nearest anchors on each level, ringed and numbered by distance."
                ) { path, format in
                    var figure = ATSSCandidatePanels(
                        assignment: a, box: b, presetName: preset.name, backdrop: backdrop)
                    figure.sceneName = sceneName
                    try figure.write(toPath: path, format: format)
                }
            }
        }
    }

    Step("Step 2: the adaptive threshold") {
        let a = try assignment.value
        """
        Now IoU enters. For box `g`, take the IoUs of all its candidates with the box, pooled over the \
        levels, and set the box's own threshold to their mean plus their standard deviation:
        """
        Formula(
            """
            m_g = mean(IoU of the candidates)        v_g = std(IoU of the candidates)
            t_g = m_g + v_g        a candidate passes when IoU ≥ t_g
            """)
        """
        Both references compute `v_g` with PyTorch's `std`, the *sample* standard deviation (÷ n − 1); the \
        comparison is `≥`. Pooling over levels is what makes the threshold *choose a level*: one level's \
        anchors match the box's size and have high IoUs, the others' are too small or too large, so the \
        spread `v_g` is large and only the best level clears `m_g + v_g`.
        """
        if !real.isEmpty {
            Table(
                "Each box's candidates, threshold and positives (\(preset.name))",
                columns: [
                    "box", .right("candidates"), .right("m_g"), .right("v_g"), .right("t_g"),
                    .right("t with ÷ n"), "positives per level", .right("total"),
                ],
                rows: boxRows(boxes) { g in
                    let e = a.boxes[g]
                    return [
                        grouped(e.candidateCount), iou(e.mean), iou(e.standardDeviation), iou(e.threshold),
                        iou(e.populationThreshold), perLevel(e.positivesPerLevel, names),
                        grouped(e.positiveCount),
                    ]
                })
            let totals = real.map { a.boxes[$0].positiveCount }
            let average = Double(totals.reduce(0, +)) / Double(totals.count)
            let spread = real.max {
                (a.boxes[$0].standardDeviation ?? 0) < (a.boxes[$1].standardDeviation ?? 0)
            }!
            let flat = real.min {
                (a.boxes[$0].standardDeviation ?? 1) < (a.boxes[$1].standardDeviation ?? 1)
            }!
            """
            The boxes get \(String(format: "%.1f", average)) positives on average. The paper explains why \
            that is roughly constant: if the IoUs were normally distributed, about 16 % of the \
            \(k * names.count) candidates would lie above one standard deviation over the mean, \
            `0.2 · k · L` ≈ \(Int((0.2 * Double(k * names.count)).rounded())) here. The widest spread is \
            \(boxName(spread, in: boxes))'s (`v_g` = \(iou(a.boxes[spread].standardDeviation))) and \
            the narrowest \(boxName(flat, in: boxes))'s (`v_g` = \(iou(a.boxes[flat].standardDeviation))): \
            the narrower the spread, the closer `t_g` sits to the mean and the more levels can contribute.
            """
            let changed = real.filter { g in
                let e = a.boxes[g]
                guard let p = e.populationThreshold else { return false }
                return e.candidates.contains { $0.iou >= p && !($0.iou >= (e.threshold ?? .infinity)) }
            }
            Note(
                """
                With the population standard deviation (÷ n, the column "t with ÷ n") every threshold would be \
                a little lower. \(changed.isEmpty ? "On this scene no candidate falls between the two thresholds, so the positives would not change." : "On this scene that would let more candidates in for " + counted(changed.count, "box", "boxes") + ": " + listed(changed.map { boxName($0, in: boxes) }) + ".") \
                The research notes' vector B is a box where it changes the positives; the references use ÷ n − 1.
                """)
            "In the picture, one panel per box: each dot is one candidate's IoU, the levels side by side. The solid line is `t_g`, the dashed one `m_g`, and the shaded band between them is `v_g`. Look for the level whose dots clear the line."
            Picture(
                "iou-threshold",
                caption:
                    "Every candidate's IoU per box and level, with m_g and t_g (the paper's Figure 3, per box)."
            ) {
                path, format in
                var figure = IoUStripPlot(assignment: a, boxes: real, presetName: preset.name)
                figure.sceneName = sceneName
                try figure.write(toPath: path, format: format)
            }
        }
        if let g = largest {
            let e = a.boxes[g]
            let best = e.levels.map { $0.candidates.first?.iou ?? 0 }
            """
            The IoU is measured with an anchor that exists only for this purpose. For \(boxName(g, in: boxes)) \
            the nearest candidate's anchor has IoU \(listed(names.indices.map { "\(iou(best[$0])) on \(names[$0])" })): \
            the `8s` anchor is too small on the fine levels and too large on the coarse ones, and the threshold \
            \(iou(e.threshold)) keeps the level where it fits.
            """
            Picture(
                "anchors",
                caption:
                    "\(boxName(g, in: boxes)): the nearest candidate's 8s anchor on each level over the box, with its IoU."
            ) {
                path, format in
                var figure = AnchorIoUPanels(
                    assignment: a, box: g, presetName: preset.name, backdrop: backdrop)
                figure.sceneName = sceneName
                try figure.write(toPath: path, format: format)
            }
        }
    }

    Step("Step 3: the centre test") {
        let a = try assignment.value
        let outside = real.reduce(0) {
            $0 + a.boxes[$1].candidates.filter { $0.verdict == .centerOutside }.count
        }
        """
        A candidate above the threshold must also have its anchor **centre inside the box**, FCOS's first \
        rule, with a small margin: `min(l, t, r, b) > 0.01` px, strict. Only here does the box's shape, \
        rather than its centre, matter: a tall, thin box can have anchors with a high IoU whose centres lie \
        just beside it. On `\(sceneName)` the centre test rejects \(counted(outside, "candidate")).
        """
        let d =
            preset.rules.anchors.boxes == .inclusivePixels
            ? Box(x0: 373, y0: 204, x1: 373 + 36 - 1, y1: 204 + 254 - 1)
            : Box(x0: 373, y0: 204, x1: 373 + 36, y1: 204 + 254)
        let thin = preset.assigner.assign(
            [GroundTruth(box: d, label: 0, name: "thin")], imageWidth: 800, imageHeight: 800)
        let e = thin.boxes[0]
        let rejected = e.candidates.filter { $0.verdict == .centerOutside }
        let levelOf = { (c: Candidate) in e.levels.firstIndex { $0.candidates.contains(c) } ?? 0 }
        """
        The research notes' vector D is such a box: COCO `[373, 204, 36, 254]` on an 800 × 800 image, which \
        `\(preset.name)` reads as \(corners(d)). Its threshold is \(iou(e.threshold)) and it gets \
        \(perLevel(e.positivesPerLevel, names)) positives; \(counted(rejected.count, "candidate clears", "candidates clear")) \
        the threshold but \(rejected.count == 1 ? "has its" : "have their") centre outside the box\
        \(rejected.isEmpty ? "." : ": " + listed(rejected.map { "\(names[levelOf($0)]) \(pointText($0.center)) (IoU \(iou($0.iou)))" }) + ".")
        """
        if let c = rejected.first {
            let ltrb = LTRB(from: c.center, to: d)
            """
            Take \(pointText(c.center)): its distances to the sides are `l = \(number(ltrb.l))`, `t = \(number(ltrb.t))`, \
            `r = \(number(ltrb.r))`, `b = \(number(ltrb.b))`, and `min = \(number(ltrb.minimum))` is not greater \
            than 0.01. Under the authors' `+1` convention `x1 = x + w − 1 = \(number(d.x1))`, so an anchor \
            centre at x = \(number(c.center.x)) sits exactly on the box's right edge.
            """
        }
        "The amber squares are those candidates."
        Picture(
            "centre-test",
            caption:
                "Vector D, a box 36 px wide: candidates above the threshold whose centre is not inside the box are amber squares."
        ) {
            path, format in
            var figure = ATSSCandidatePanels(assignment: thin, box: 0, presetName: preset.name)
            figure.sceneName = "vector D"
            try figure.write(toPath: path, format: format)
        }
    }

    Step("Step 4: conflicts") {
        let a = try assignment.value
        let fights = contests(in: a)
        let stats = a.statistics
        """
        An anchor can pass both tests for two boxes. FCOS gave such a location to the *smaller* box; ATSS \
        gives the anchor to the box it overlaps **most** (highest IoU; on equal IoU the first box in the \
        annotation order). On `\(sceneName)` \(counted(fights.count, "anchor passes", "anchors pass")) for \
        more than one box (\(counted(stats.ambiguous, "ambiguous anchor")) in the statistics' terms).
        """
        let pair = [
            GroundTruth(box: Box(x0: 150, y0: 140, x1: 300, y1: 330), label: 0, name: "left"),
            GroundTruth(box: Box(x0: 190, y0: 160, x1: 350, y1: 340), label: 0, name: "right"),
        ]
        let duel = preset.assigner.assign(pair, imageWidth: 512, imageHeight: 512)
        let duelFights = contests(in: duel)
        """
        To see one, take two heavily overlapping boxes on a 512 × 512 image, \(corners(pair[0].box)) and \
        \(corners(pair[1].box)) (think of a person and the person's reflection). Their thresholds are \
        \(iou(duel.boxes[0].threshold)) and \(iou(duel.boxes[1].threshold)); \
        \(counted(duelFights.count, "anchor passes", "anchors pass")) for both:
        """
        if !duelFights.isEmpty {
            Table(
                "Anchors that passed for both boxes",
                columns: ["level", "anchor centre", .right("IoU with #0"), .right("IoU with #1"), "goes to"],
                rows: duelFights.map { f in
                    let byBox = Dictionary(uniqueKeysWithValues: f.claims.map { ($0.box, $0.iou) })
                    return Table.Row(
                        [
                            names[f.level], pointText(f.center), iou(byBox[0]), iou(byBox[1]),
                            boxName(f.winner, in: pair),
                        ],
                        swatch: swatch(forBox: f.winner))
                })
        }
        let lost = duel.boxes.map { box in
            box.candidates.filter {
                if case .lostToHigherIoU = $0.verdict { return true } else { return false }
            }.count
        }
        "Box #0 loses \(counted(lost[0], "anchor")) this way and box #1 \(counted(lost[1], "anchor")). In the figure those candidates are white with a dashed ring in the colour of the box that took them."
        Picture(
            "conflict",
            caption:
                "Two overlapping boxes: candidates lost to the other box have a dashed ring in the winner's colour."
        ) {
            path, format in
            var figure = ATSSCandidatePanels(
                assignment: duel, box: duelFights.first.map { $0.winner == 0 ? 1 : 0 } ?? 0,
                presetName: preset.name)
            figure.sceneName = "two overlapping boxes"
            try figure.write(toPath: path, format: format)
        }
    }

    Step("FCOS's size gate against ATSS's threshold") {
        let a = try assignment.value
        let f = try fcosOfficial.value
        let fcosCounts = fcosPositives(f, boxes: boxes.count)
        """
        FCOS chooses a box's level with a fixed table: a location is kept on the level whose range holds \
        `m = max(l*, t*, r*, b*)` (lesson 3). ATSS has no table: the box's own IoU statistics choose. The \
        table compares the levels each method gives each box.
        """
        if !real.isEmpty {
            Table(
                "Levels with positives: FCOS official vs \(preset.name)",
                columns: [
                    "box", "FCOS official", .right("positives"), Table.Column("ATSS \(preset.name)"),
                    .right("positives"),
                ],
                rows: boxRows(boxes) { g in
                    [
                        perLevel(fcosCounts[g], names), grouped(fcosCounts[g].reduce(0, +)),
                        perLevel(a.boxes[g].positivesPerLevel, names), grouped(a.boxes[g].positiveCount),
                    ]
                })
            let differ = real.filter { g in
                fcosCounts[g].map { $0 > 0 } != a.boxes[g].positivesPerLevel.map { $0 > 0 }
            }
            let shown =
                differ.max { area(boxes[$0]) < area(boxes[$1]) } ?? largest!
            let fcosTotal = real.reduce(0) { $0 + fcosCounts[$1].reduce(0, +) }
            """
            FCOS gives this scene \(counted(fcosTotal, "positive")) and ATSS \(counted(a.positiveCount, "positive")): \
            FCOS takes every location inside the box on the chosen level, ATSS at most \(k) per level. \
            The methods choose different levels for \(counted(differ.count, "box", "boxes"))\
            \(differ.isEmpty ? "" : ": " + listed(differ.map { boxName($0, in: boxes) })). The figure follows \
            \(boxName(shown, in: boxes)): the top row is FCOS, where grey rings are locations inside the box \
            that the size gate sends elsewhere; the bottom row is ATSS, with the candidates and their verdicts \
            (an inset magnifies them where they would be too small to see).
            """
            Picture(
                "gate-vs-threshold",
                caption:
                    "\(boxName(shown, in: boxes)): FCOS's size gate (top) and ATSS's threshold (bottom) choosing levels."
            ) {
                path, format in
                var figure = GateVersusThreshold(
                    fcos: f, fcosName: Preset.official.name, atss: a, atssName: preset.name, box: shown,
                    backdrop: backdrop)
                figure.sceneName = sceneName
                try figure.write(toPath: path, format: format)
            }
        }
    }

    Step("FCOS center sampling: ATSS lite") {
        let a = try assignment.value
        let f = try fcosOfficial.value
        let cs = try fcosSampling.value
        let plain = fcosPositives(f, boxes: boxes.count)
        let sampled = fcosPositives(cs, boxes: boxes.count)
        let radius = Preset.officialImprv.assignment.centerSampling.radius ?? 1.5
        """
        The ATSS authors merged a first version of their idea into the FCOS code: **center sampling** \
        (`official-imprv`, lesson 3), which keeps only locations within `\(number(radius))·s` of the box \
        centre. That is ATSS's step 1, a distance rule scaled by the stride, without steps 2 and 3: the level \
        is still chosen by FCOS's size table. The paper measures the three on FCOS: \
        \(ap(Table3.fcos)) → \(ap(Table3.fcosCenterSampling)) with center sampling → \(ap(Table3.fcosATSS)) \
        with full ATSS (Table 3); the "lite" version already captures \
        \(Int((100 * (Table3.fcosCenterSampling - Table3.fcos) / (Table3.fcosATSS - Table3.fcos)).rounded())) % of the gain.
        """
        if !real.isEmpty {
            Table(
                "Positives per box: FCOS → center sampling → ATSS",
                columns: ["box", .right("official"), .right("official-imprv"), .right(preset.name)],
                rows: boxRows(boxes) { g in
                    [
                        "\(grouped(plain[g].reduce(0, +))) (\(levelList(plain[g], names)))",
                        "\(grouped(sampled[g].reduce(0, +))) (\(levelList(sampled[g], names)))",
                        "\(grouped(a.boxes[g].positiveCount)) (\(levelList(a.boxes[g].positivesPerLevel, names)))",
                    ]
                })
            let totals = [f.positiveCount, cs.positiveCount, a.positiveCount]
            """
            Center sampling cuts this scene's positives from \(grouped(totals[0])) to \(grouped(totals[1])), \
            towards ATSS's \(grouped(totals[2])): like ATSS it drops the locations near a big box's edges, \
            which see little of the object. What it cannot do is move a box to another level.
            """
        }
    }

    Step("The k sweep") {
        let ks = Array(stride(from: 3, through: 19, by: 2))
        let runs: [ATSSAssignment] = ks.map { kk in
            var r = rules
            r.candidatesPerLevel = kk
            return ATSSAssigner(rules: r).assign(boxes, imageWidth: scene.width, imageHeight: scene.height)
        }
        let paper = Dictionary(uniqueKeysWithValues: Table4.ap.map { ($0.k, $0.ap) })
        """
        ATSS has one hyper-parameter, `k`. The paper's Table 4 sweeps it from 3 to 19 and finds AP "quite \
        insensitive" from 7 to 17. The table runs the same sweep on `\(sceneName)`: positives per box, and how \
        many boxes end up with none.
        """
        Table(
            "The k sweep on \(sceneName) (\(preset.name)) beside the paper's AP",
            columns: [
                .right("k"), .right("candidates per box"), .right("positives"), .right("per box"),
                .right("boxes without"), .right("mean t_g"), .right("paper AP"),
            ],
            rows: zip(ks, runs).map { kk, run in
                let ts = real.compactMap { run.boxes[$0].threshold }
                let meanT = ts.isEmpty ? nil : Float(ts.reduce(0, +) / Float(ts.count))
                return Table.Row([
                    "\(kk)", grouped(kk * names.count), grouped(run.positiveCount),
                    real.isEmpty
                        ? "—" : String(format: "%.1f", Double(run.positiveCount) / Double(real.count)),
                    grouped(run.groundTruthsWithoutPositives.count), iou(meanT), paper[kk].map(ap) ?? "—",
                ])
            })
        let jumps: [String] = real.compactMap { g in
            let levels = runs.map { $0.boxes[g].positivesPerLevel.map { $0 > 0 } }
            guard let i = levels.indices.dropFirst().first(where: { levels[$0] != levels[$0 - 1] }) else {
                return nil
            }
            let before = levelList(runs[i - 1].boxes[g].positivesPerLevel, names)
            let after = levelList(runs[i].boxes[g].positivesPerLevel, names)
            return "\(boxName(g, in: boxes)) goes from \(before) to \(after) at k = \(ks[i])"
        }
        if !real.isEmpty, let first = runs.first, let last = runs.last {
            let firstPer = Double(first.positiveCount) / Double(real.count)
            let lastPer = Double(last.positiveCount) / Double(real.count)
            """
            From k = \(ks[0]) to k = \(ks[ks.count - 1]) the positives per box go from \
            \(String(format: "%.1f", firstPer)) to \(String(format: "%.1f", lastPer)), close to `0.2·k·L`, and \
            the mean threshold drifts down only slowly: more candidates bring more poor ones, which lower the \
            mean and widen the spread at once. \(jumps.isEmpty ? "No box changes its levels over the sweep." : "Watch for jumps in the figure: " + listed(jumps) + ".") \
            The paper's AP is flat from 7 to 17; with k = 3 the statistics of \(3 * names.count) IoUs are \
            unstable, and with k = 19 low-quality candidates creep in.
            """
            Picture("k-sweep", caption: "Positives per box as k grows, one line per box, against 0.2·k·L.") {
                path, format in
                var series: [LinePlot.Series] = [
                    LinePlot.Series(
                        name: "0.2 · k · L",
                        points: ks.map { CGPoint(x: Double($0), y: 0.2 * Double($0 * names.count)) },
                        color: .gray(0.7), dash: [7, 5], width: 5)
                ]
                series += real.map { g in
                    LinePlot.Series(
                        name: boxName(g, in: boxes),
                        points: zip(ks, runs).map {
                            CGPoint(x: Double($0), y: Double($1.boxes[g].positiveCount))
                        },
                        color: BoxColors.color(forBox: g))
                }
                var plot = LinePlot(
                    series: series,
                    title: "\(sceneName): positives per box for k = \(ks[0])…\(ks[ks.count - 1])",
                    xLabel: "k, candidates per level", yLabel: "positives of the box")
                plot.subtitle =
                    "preset “\(preset.name)” · dashed: the paper's rule of thumb 0.2·k·L (L = \(names.count) levels)"
                plot.xRange = Double(ks[0])...Double(ks[ks.count - 1])
                plot.plotSize = CGSize(width: 520, height: 320)
                try plot.write(toPath: path, format: format)
            }
        }
    }

    Step("atss against atss-mmdet") {
        """
        The authors' code and mmdetection implement the same algorithm with two different conventions, and \
        a student comparing their logs will meet both:

        - **Anchor centres**: `j·s + s/2` (authors) against `j·s` (mmdetection), so mmdetection's grid is \
        shifted up and left by half a stride;
        - **Boxes and IoU**: maskrcnn-benchmark's inclusive pixels (`+1` on every width and height) against \
        continuous coordinates.

        Both pad the image to a multiple of 32, take `min(k, n)` candidates, use the sample std, `≥` and \
        the 0.01-px margin. The table runs both on the lesson's two shipped scenes; a *cell* is one output \
        of the network (level, row, column), and it differs when the two presets give it different targets.
        """
        for name in ["tennis", "street"] {
            let path = LessonAssets.scenePath(name)
            let s = try SceneFile.read(path)
            let run = { (p: ATSSPreset) in
                p.assigner.assign(s.groundTruths, imageWidth: s.width, imageHeight: s.height)
            }
            let x = run(.atss)
            let y = run(.atssMmdet)
            let cells = differingCells(x, y)
            Table(
                "\(name): atss → atss-mmdet",
                columns: ["box", .right("t_g"), "positives per level", .right("total")],
                rows: boxRows(s.groundTruths) { g in
                    let px = x.boxes[g].positivesPerLevel
                    let py = y.boxes[g].positivesPerLevel
                    return [
                        "\(iou(x.boxes[g].threshold)) → \(iou(y.boxes[g].threshold))",
                        px == py
                            ? perLevel(px, names) + " (same)"
                            : "\(perLevel(px, names)) → \(perLevel(py, names))",
                        "\(x.boxes[g].positiveCount) → \(y.boxes[g].positiveCount)",
                    ]
                })
            let changedBoxes = s.groundTruths.indices.filter {
                x.boxes[$0].positivesPerLevel != y.boxes[$0].positivesPerLevel
            }
            """
            On `\(name)`, \(counted(cells.reduce(0, +), "cell gets", "cells get")) a different target \
            (\(listed(names.indices.filter { cells[$0] > 0 }.map { "\(cells[$0]) on \(names[$0])" }).isEmpty ? "none" : listed(names.indices.filter { cells[$0] > 0 }.map { "\(cells[$0]) on \(names[$0])" }))), \
            and the positives per level change for \(counted(changedBoxes.count, "box", "boxes"))\
            \(changedBoxes.isEmpty ? "." : ": " + listed(changedBoxes.map { boxName($0, in: s.groundTruths) }) + ".") \
            Most differing cells are the same anchors seen half a stride apart: the shifted grid moves the \
            candidate circle, and the `+1` nudges every IoU, and with it the threshold, by a little.
            """
        }
        let x = try assignment.value
        let y = other.assigner.assign(boxes, imageWidth: scene.width, imageHeight: scene.height)
        if let g = real.first(where: { x.boxes[$0].positivesPerLevel != y.boxes[$0].positivesPerLevel }) {
            "The figure shows \(boxName(g, in: boxes)) of `\(sceneName)` under `\(other.name)`; compare it with the same box under `\(preset.name)` above."
            Picture(
                "other-preset",
                caption:
                    "\(boxName(g, in: boxes)) under \(other.name): the same box, the grid half a stride away."
            ) {
                path, format in
                var figure = ATSSCandidatePanels(
                    assignment: y, box: g, presetName: other.name, backdrop: backdrop)
                figure.sceneName = sceneName
                try figure.write(toPath: path, format: format)
            }
        }
    }

    Step("Try this") {
        "Predict each answer before you run the command."
        TryThis(
            "Run with `--preset atss-mmdet`: every threshold in step 3's table moves in the third decimal. Predict first: does any box of the default scene change its positives per level? Step 9 has the answer for the street scene; check yours.",
            "Run with `--scene Assets/scenes/street.json`: the bus is the largest box. Which levels does FCOS give it, which does ATSS, and why does ATSS's threshold let a second level in (look at its `v_g`)?",
            "Step 3 says a box gets about `0.2·k·L` positives. Run with `--scene Assets/scenes/small-objects.json`: do small boxes keep that number, or does the centre test start to bite?",
            "In step 4, move box #1 of the pair right by 40 px in your head: do the two boxes still fight over anchors? Write the scene file and run it with `--scene` to check."
        )
    }
}.main(options)
