import Annotations
import Canvas
import FCOS
import Figures
import Foundation
import Notebook

// Lesson 3: how FCOS turns ground-truth boxes into per-location targets, one rule at a time.
// Every number in the prose comes from the matcher; tables and pictures read the same
// `Assignment`, so nothing here can disagree with the targets the library computes.

let options = LessonOptions.parseOrExit()
let preset = options.fcosPreset
let scene = options.scene(default: "tennis")
let sceneName = sceneStem(options.scene, default: "tennis")
let backdrop = Backdrop.named(options.illustrationName(of: scene))
let boxes = scene.groundTruths
let rules = preset.assignment
let isDefaultScene = options.scene == nil
/// One panel width for every all-levels figure, so they compare at a glance.
let levelPanelWidth = 400.0

/// The preset's targets for the scene, with the story of every location inside a box.
let assignment = Lazy { preset.explained(boxes, width: scene.width, height: scene.height) }
/// Rule 1 alone: the same locations with every size range opened and center sampling off.
let ruleOneOnly = Lazy {
    Matcher(rules: rules.withoutSizeGate).assign(
        boxes, imageWidth: scene.width, imageHeight: scene.height, explain: true)
}
let official = Lazy {
    preset.name == Preset.official.name
        ? try assignment.value : Preset.official.explained(boxes, width: scene.width, height: scene.height)
}
let officialImprv = Lazy {
    preset.name == Preset.officialImprv.name
        ? try assignment.value
        : Preset.officialImprv.explained(boxes, width: scene.width, height: scene.height)
}
/// Only compared cell by cell in step 8, so it needs no explanation.
let torchvision = Lazy {
    preset.name == Preset.torchvision.name
        ? try assignment.value
        : Preset.torchvision.matcher.assign(boxes, imageWidth: scene.width, imageHeight: scene.height)
}

Lesson(
    id: "lesson-03-matching",
    title: "Matching: which box does each location learn?",
    summary:
        "FCOS has no anchors: every feature-map location is a candidate, and three rules decide which "
        + "ground-truth box, if any, it regresses. By the end you can take any location, say whether it is a "
        + "positive and of which box, and predict where two reference implementations disagree."
) {
    Step("The scene") {
        """
        This lesson follows one image from its ground-truth boxes to FCOS's training targets. We use the \
        paper's names throughout: a *location* `(x, y)` is the image point that one feature-map cell stands \
        for; `l*, t*, r*, b*` are its distances to the left, top, right and bottom sides of a box; \
        `m = max(l*, t*, r*, b*)`; `P3`–`P7` are the FPN levels, and `s` is a level's stride.
        """
        let overlaps = boxes.indices.flatMap { a in
            boxes.indices.filter { $0 > a }.compactMap { b -> String? in
                let p = boxes[a].box
                let q = boxes[b].box
                let w = min(p.x1, q.x1) - max(p.x0, q.x0)
                let h = min(p.y1, q.y1) - max(p.y0, q.y0)
                guard w > 0, h > 0 else { return nil }
                return
                    "\(boxLabel(a, boxes)) and \(boxLabel(b, boxes)) (\(grouped(Int(w * h))) px² in common)"
            }
        }
        """
        The scene is `\(sceneName)`: \(scene.width) × \(scene.height) px with \
        \(counted(boxes.count, "ground-truth box", "ground-truth boxes")), matched under the preset \
        `\(preset.name)`: \(preset.summary).
        """
        if isDefaultScene {
            """
            It is the situation of the paper's Figure 1: a tennis player holding a racket, so the racket's \
            box lies partly inside the person's. A point in that overlap belongs to two boxes at once, and \
            FCOS must still give it a single target. Keep an eye on it; the third rule is about it.
            """
        }
        if boxes.isEmpty {
            "The scene has no boxes, so every location will be background. The steps still run; leave out `--scene` to see matching at work."
        } else if overlaps.isEmpty {
            "No two boxes overlap, so every location lies inside at most one box."
        } else {
            "Overlapping boxes: \(listed(overlaps)). Points there lie inside two boxes at once."
        }
        if !boxes.isEmpty {
            Table(
                "Ground-truth boxes (image pixels)",
                columns: [
                    "box", .right("x0"), .right("y0"), .right("x1"), .right("y1"), .right("w × h"),
                    .right(rules.areaConvention == .inclusivePixels ? "area (+1)" : "area"),
                ],
                rows: boxRows(boxes) { g in
                    let b = boxes[g].box
                    let area = grouped(Int(b.area(rules.areaConvention)))
                    return [px(b.x0), px(b.y0), px(b.x1), px(b.y1), "\(px(b.width)) × \(px(b.height))", area]
                })
        }
        if let first = boxes.first {
            let plus = first.box.area(.inclusivePixels)
            let plain = first.box.area(.continuous)
            switch rules.areaConvention {
            case .inclusivePixels:
                Note(
                    """
                    Areas follow the preset. The official code inherits maskrcnn-benchmark's convention that \
                    `x1` is the last pixel column *inside* the box, so it adds 1 to every width and height: \
                    \(boxLabel(0, boxes)) counts \(grouped(Int(plus))) px², not \(px(first.box.width)) × \
                    \(px(first.box.height)) = \(grouped(Int(plain))). Only the third rule compares areas, and \
                    the `+1` can, rarely, change which of two boxes is the smaller.
                    """)
            case .continuous:
                Note(
                    """
                    Areas follow the preset: `\(preset.name)` treats corners as points on the plane, so \
                    \(boxLabel(0, boxes)) has \(grouped(Int(plain))) px². The official code adds 1 to every \
                    width and height (maskrcnn-benchmark's `x1` is the last pixel inside the box) and would \
                    count \(grouped(Int(plus))). Only the third rule compares areas.
                    """)
            }
        }
        "In the picture, note each box's colour: it stays the same in every figure and table that follows."
        Picture(
            "scene", caption: "The \(sceneName) scene and its ground-truth boxes, each in its own colour."
        ) {
            path, format in
            var view = SceneView(
                imageWidth: scene.width, imageHeight: scene.height, groundTruths: boxes, backdrop: backdrop)
            view.title =
                "The \(sceneName) scene: \(counted(boxes.count, "ground-truth box", "ground-truth boxes"))"
            try view.write(toPath: path, format: format)
        }
    }

    Step("All locations") {
        let a = try assignment.value
        let maps = a.levels.map(\.map)
        let total = maps.reduce(0) { $0 + $1.count }
        let padded = rules.featureSize.paddedSize(imageWidth: scene.width, imageHeight: scene.height)
        let beyond = locationsBeyondEdge(
            maps, imageWidth: scene.width, imageHeight: scene.height, padded: padded)
        let inPadding = beyond.onPadding + beyond.pastPadding
        let whereBeyond: String
        switch rules.featureSize {
        case .paddedThenHalved:
            whereBeyond =
                beyond.pastPadding == 0
                ? "all on the zero padding"
                : "\(grouped(beyond.onPadding)) on the zero padding and \(grouped(beyond.pastPadding)) past it, on \(listed(beyond.pastPaddingLevels)), whose grids overhang the padded \(padded.width) × \(padded.height) image because each level halves the one below rounding up"
        case .ceilDivision: whereBeyond = "in the last, partly filled row or column of cells"
        }
        let paperScale = rules.featureMaps(imageWidth: 1333, imageHeight: 800).reduce(0) { $0 + $1.count }
        """
        FCOS predicts at every cell of every FPN level. Each cell stands for one point of the input image, \
        its *location*, and every location is a candidate: there are no anchor boxes, only points. Under \
        `\(preset.name)`, the cell in row `i` and column `j` of a level with stride `s` sits at
        """
        Formula(mappingFormula(rules.locationOffset))
        if let p3 = maps.first {
            """
            so \(p3.level.name)'s first location is \(pointText(p3.location(at: 0))) and its neighbours are \
            \(p3.stride) px apart.
            """
        }
        switch rules.featureSize {
        case .paddedThenHalved(let divisor):
            """
            How many cells? The image is first padded with zeros to a multiple of \(divisor) \
            (\(scene.width) × \(scene.height) becomes \(padded.width) × \(padded.height)); levels up to \
            stride \(divisor) divide that size exactly, and each level above halves the previous one, \
            rounding up.
            """
        case .ceilDivision:
            "How many cells? Each level has `⌈W/s⌉ × ⌈H/s⌉` of them, without padding."
        }
        Table(
            "Locations per level for this image",
            columns: [
                "level", .right("stride s"), .right("grid (w × h)"), .right("locations"),
                .right("first location"),
            ],
            rows: maps.map { (map: FeatureMap) -> Table.Row in
                let first = map.count > 0 ? pointText(map.location(at: 0)) : "—"
                return [
                    map.level.name, "\(map.stride)", "\(map.width) × \(map.height)", grouped(map.count),
                    first,
                ]
            } + [["all levels", "", "", grouped(total), ""]])
        if let p3 = maps.first {
            """
            That is \(grouped(total)) locations, \(percent(p3.count, of: total)) of them on \(p3.level.name) \
            alone. \(counted(inPadding, "location lies", "locations lie")) beyond the image's right or bottom \
            edge, \(whereBeyond). At the paper's training size (800 × 1333 px) the same levels give \
            \(grouped(paperScale)) locations: about twenty thousand candidates per image, each of which must \
            end up as a positive of exactly one box or as background. Three rules decide which.
            """
        }
        let crop = centreCrop(width: scene.width, height: scene.height, fraction: 1.0 / 3)
        """
        The picture shows the middle third of the image, x \(px(crop.x0))–\(px(crop.x1)) and y \
        \(px(crop.y0))–\(px(crop.y1)), at the same scale on every level. Look at how the density drops \
        fourfold from one level to the next: each level halves the grid in both directions.
        """
        Picture(
            "locations",
            caption:
                "Every location of every level in the middle of the image, before any rule: each grey dot is one location."
        ) {
            let empty = preset.explained([], width: scene.width, height: scene.height)
            var panels = LevelPanels(assignment: empty, presetName: preset.name, backdrop: backdrop)
            panels.panelWidth = 300
            panels.viewport = crop
            panels.title = "\(sceneName): every location of every level, before matching"
            panels.subtitle =
                "preset “\(preset.name)” · locations at \(offsetText(rules.locationOffset)) · \(grouped(total)) in all · the middle of the image, same scale in every panel"
            return panels
        }
    }

    Step("Rule 1: inside a box") {
        let a = try assignment.value
        let inside = a.insideCounts
        let names = a.levelNames
        let maps = a.levels.map(\.map)
        """
        A location may only learn a box it lies inside. The paper's regression target is the four \
        distances from the location to the box's sides, and all four must be positive:
        """
        Formula(
            """
            l* = x − x0        t* = y − y0
            r* = x1 − x        b* = y1 − y

            inside  ⇔  min(l*, t*, r*, b*) > 0
            """)
        """
        The inequality is strict. A location exactly on a side has a zero distance there and is *not* \
        inside; a box with no width or no height contains no location at all.
        """
        let edges = boxes.indices.map { edgeHits(of: boxes[$0].box, maps: maps) }
        if !boxes.isEmpty {
            Table(
                "Locations inside each box (Rule 1)",
                columns: levelColumns(["box"], names, [.right("all levels"), .right("on a side")]),
                rows: boxRows(boxes) { g in
                    inside[g].map(grouped) + [grouped(inside[g].reduce(0, +)), grouped(edges[g].count)]
                })
        }
        if let g = edges.indices.first(where: { !edges[$0].isEmpty }) {
            let hit = edges[g][0]
            let map = maps[hit.level]
            let same = edges[g].filter { $0.level == hit.level && $0.side == hit.side }
            let coordinate =
                hit.side == "left" || hit.side == "right"
                ? "x = \(px(hit.location.x))" : "y = \(px(hit.location.y))"
            Note(
                """
                The edge case is real here. Under `\(preset.name)`, \(map.level.name) has a line of locations \
                at \(coordinate), exactly on the \(hit.side) side of \(boxLabel(g, boxes)): \
                \(counted(same.count, "location has", "locations have")) a zero distance to that side, so they \
                are not inside. Under a preset with a different offset the same line would fall a few pixels \
                inside or outside.
                """)
        } else if !boxes.isEmpty {
            Note(
                """
                No location of this scene lies exactly on a box's side under `\(preset.name)`. Shift a box so \
                that a side sits on \(offsetText(rules.locationOffset)) for some `j` and that whole line of \
                locations becomes background for it.
                """)
        }
        if rules.centerSampling.radius != nil {
            Note(
                """
                `\(preset.name)` uses center sampling (step 7): it replaces "inside the box" by "inside a small \
                region around the box's centre". This step shows the paper's plain rule, which the region \
                builds on.
                """)
        }
        let big = boxes.indices.max { boxes[$0].box.area() < boxes[$1].box.area() }
        if let g = big, let last = names.indices.last, inside[g][0] > 0 || inside[g][last] > 0 {
            """
            Rule 1 alone would let every box claim locations on every level: \(boxLabel(g, boxes)) contains \
            \(grouped(inside[g][0])) locations on \(names[0]) and \(grouped(inside[g][last])) on \
            \(names[last]). In the picture, each location inside a box is filled with that box's colour, on \
            every level; where boxes overlap, a black ring marks a location inside several, and the smaller \
            box's colour shows (that is Rule 3, two steps ahead).
            """
        } else {
            "In the picture, each location inside a box is filled with that box's colour, on every level."
        }
        Picture(
            "rule1-inside",
            caption:
                "Rule 1 alone (size gate and center sampling switched off): every location strictly inside a box, on every level."
        ) {
            var panels = LevelPanels(
                assignment: try ruleOneOnly.value, presetName: preset.name + ", Rule 1 only",
                backdrop: backdrop)
            panels.sceneName = sceneName
            panels.panelWidth = levelPanelWidth
            panels.columns = 2
            panels.title = "\(sceneName): Rule 1 alone, every location inside a box on every level"
            panels.subtitle =
                "preset “\(preset.name)” with its size gate and center sampling switched off · \(scene.width) × \(scene.height) px · same scale in every panel"
            return panels
        }
        """
        Rule 1 alone cannot be the whole story. A large box would be regressed from \
        \(names.first ?? "P3") cells, which see a small patch around them yet would have to predict \
        distances of hundreds of pixels, and a small box from \(names.last ?? "P7") cells, \
        \(maps.last?.stride ?? 128) px apart, far coarser than the box. Rule 2 sends each location–box pair \
        to the level that suits it.
        """
    }

    Step("Rule 2: the size gate") {
        let a = try assignment.value
        let names = a.levelNames
        let inside = a.insideCounts
        let passing = a.gateCounts
        """
        Each FPN level is responsible for one range of distances. The paper does not compare the box's \
        size with that range but the location's own `m`, the farthest side it would have to reach. A \
        location of level `Pi` is a negative when `m > m_i` or `m < m_(i−1)`, with the boundaries `m2 … m7` \
        set to 0, 64, 128, 256, 512 and ∞:
        """
        Formula(
            """
            m = max(l*, t*, r*, b*)
            Pi keeps the location only if   m_(i−1) ≤ m ≤ m_i
            m2, m3, m4, m5, m6, m7 = 0, 64, 128, 256, 512, ∞
            """)
        let gateWord = rules.sizeGate == .inclusive ? "inclusive" : "strict"
        """
        Since `m` depends on where the location sits, one box spreads over a range of `m`: about half its \
        longer side near the centre, up to its longer side in the corners. So a box usually lands on one \
        level or on two neighbouring ones. The references store the boundaries slightly differently, and \
        `\(preset.name)` uses the **\(gateWord)** comparison:
        """
        Table(
            "Size ranges under \(preset.name)",
            columns: [
                "level", .right("stride s"), .right("bounds as stored"), .right("a location passes when"),
            ],
            rows: a.levels.map { (level: LevelTargets) -> Table.Row in
                let l = level.map.level
                let stored = boundsText(l.sizeRange, rules.sizeGate)
                return [l.name, "\(l.stride)", stored, rangeText(l.sizeRange, rules.sizeGate)]
            })
        if a.levels.count > 1 {
            let p3 = a.levels[0].map.level
            let p4 = a.levels[1].map.level
            let boundary = p3.sizeRange.upper
            let both: [String] = [p3, p4].filter { rules.sizeGate.admits(boundary, in: $0.sizeRange) }.map(
                \.name)
            let b = px(boundary)
            let verdict: String =
                both.isEmpty ? "*neither* \(p3.name) nor \(p4.name)" : "*both* " + listed(both)
            let why: String =
                rules.sizeGate == .inclusive
                ? "`m ≤ \(b)` and `\(b) ≤ m` both hold. Official FCOS and mmdetection compare this way, as the paper's wording says."
                : "`m < \(b)` and `\(b) < m` both fail. torchvision, detectron2 and EECS 498 compare this way."
            """
            What happens at exactly `m = \(b)`? Under this \(gateWord) gate a location with `m = \(b)` passes \
            \(verdict): \(why) Step 8 builds a box where this decides the outcome.
            """
        }
        if !boxes.isEmpty {
            Table(
                "Locations inside each box → also in the level's range",
                columns: levelColumns(["box", .right("m over the box")], names),
                rows: boxRows(boxes) { g in
                    let range: String = a.mRange(ofBox: g).map { "\(px($0.low))–\(px($0.high))" } ?? "—"
                    let cells: [String] = names.indices.map { (l: Int) -> String in
                        inside[g][l] == 0 ? "·" : "\(grouped(inside[g][l])) → \(grouped(passing[g][l]))"
                    }
                    return [range] + cells
                })
        }
        let kept: [[String]] = boxes.indices.map { g in
            names.indices.filter { passing[g][$0] > 0 }.map { names[$0] }
        }
        let sentences = boxes.indices.map { g -> String in
            if kept[g].isEmpty {
                return inside[g].reduce(0, +) == 0
                    ? "\(boxLabel(g, boxes)) contains no location at all"
                    : "\(boxLabel(g, boxes)) keeps *nothing*: its `m` fits no level where it has a location"
            }
            return "\(boxLabel(g, boxes)) stays on \(listed(kept[g]))"
        }
        if !boxes.isEmpty {
            "Reading the table: \(listed(sentences)). Everywhere else the gate turns the box's locations into background."
        }
        """
        In the picture, filled dots are locations that passed both rules (a black ring would mark one \
        that passed for two boxes); grey rings are locations inside a box whose `m` is outside the level's \
        range. Look for each box being kept on one or two neighbouring levels and ringed on the others.
        """
        Picture(
            "rule2-gate",
            caption:
                "Rules 1 and 2 under \(preset.name): filled dots pass both, grey rings are inside a box but rejected by the size gate."
        ) {
            var panels = LevelPanels(
                assignment: a, presetName: preset.name, presetSummary: preset.summary, backdrop: backdrop)
            panels.sceneName = sceneName
            panels.panelWidth = levelPanelWidth
            panels.columns = 2
            return panels
        }
    }

    Step("Rule 3: the smallest box wins") {
        let a = try assignment.value
        let names = a.levelNames
        let multi = a.multiplyInside
        let ambiguous = a.ambiguous
        """
        A location can pass both rules for more than one box: it lies where two boxes overlap, and its `m` \
        fits the level for each of them. The paper calls it *ambiguous* and simply gives it to the box with \
        the smallest area. `\(preset.name)` computes that as follows:
        """
        switch rules.ambiguity {
        case .minimumArea:
            Formula(
                """
                winner = the candidate box with the smallest area
                area   = \(areaFormula(rules.areaConvention))
                ties go to the box listed first; no candidate → background
                """)
        case .float32Rank:
            Formula(
                """
                winner = argmax over candidate boxes of (1e8 − area), in float32
                area   = \(areaFormula(rules.areaConvention))
                ties go to the box listed first; maximum < 1e-5 → background
                """)
        }
        Table(
            "Overlaps and ambiguity per level",
            columns: ["level", .right("inside two or more boxes"), .right("ambiguous after Rules 1–2")],
            rows: names.indices.map { (l: Int) -> Table.Row in
                [names[l], grouped(multi[l]), grouped(ambiguous[l])]
            }
                + [["all levels", grouped(multi.reduce(0, +)), grouped(ambiguous.reduce(0, +))]])
        let totalMulti = multi.reduce(0, +)
        let totalAmbiguous = ambiguous.reduce(0, +)
        let withoutGate = try ruleOneOnly.value.ambiguous.reduce(0, +)
        if totalMulti == 0 {
            "No location lies inside two boxes in this scene, so Rule 3 never has to decide."
        } else if totalAmbiguous == 0 {
            """
            The overlap puts \(counted(totalMulti, "location")) inside two boxes, yet *none* is ambiguous: at \
            each of them the boxes' `m` are so different that at most one passes the gate on that level. This \
            is why the paper leans on FPN: once objects of different sizes go to different levels, most \
            overlaps stop being ambiguous, and the area rule is left with very little to decide. (With the \
            gate switched off, as in step 3's picture, \(grouped(withoutGate)) of them were ambiguous, ringed \
            in black, and the area decided every one.)
            """
        } else {
            """
            Of the \(counted(totalMulti, "location")) inside two or more boxes, \(grouped(totalAmbiguous)) \
            \(totalAmbiguous == 1 ? "remains" : "remain") ambiguous after the gate; for all the others the \
            gate already kept at most one box. Ambiguous locations are where boxes of similar size overlap.
            """
        }
        let examples = a.overlapExamples(limit: 5)
        if !examples.isEmpty {
            Table(
                "A few locations inside two or more boxes",
                columns: [
                    "level", "location", "inside: m (✓ candidate)", "candidates: area", "target · why",
                ],
                rows: examples.map(a.overlapRow))
        }
        if let example = a.zoomExample(among: examples) {
            let note = example.note
            let level = names[example.level]
            let parts: [String] = note.verdicts.map { (v: GroundTruthVerdict) -> String in
                let side = v.passesSizeGate ? "inside" : "outside"
                return "to \(boxLabel(v.groundTruth, boxes)) its `m` is \(px(v.m)) (\(side) \(level)'s range)"
            }
            let containing: [String] = note.verdicts.map { boxLabel($0.groundTruth, boxes) }
            let target = note.winner.map { boxLabel($0, boxes) } ?? "background"
            let outcome: String
            if note.isAmbiguous {
                outcome = "More than one box qualifies, so the area decides: the target is \(target)."
            } else if let survivor = note.candidates.first {
                let smaller = note.verdicts.map(\.groundTruth).filter {
                    boxes[$0].box.area(rules.areaConvention) < boxes[survivor].box.area(rules.areaConvention)
                }
                outcome =
                    smaller.isEmpty
                    ? "Only \(target) survives the gate, so the area rule is never asked."
                    : "Only \(target) survives the gate, so it wins although \(listed(smaller.map { boxLabel($0, boxes) })) is smaller: the area rule only ranks boxes that passed Rules 1 and 2."
            } else {
                outcome = "No box survives the gate here, so the location is background."
            }
            // Two close-ups at most: the target's box first, then its strongest rival.
            let rivals: [Int] = note.candidates + note.verdicts.map(\.groundTruth)
            let order: [Int] = [note.winner].compactMap { $0 } + rivals.filter { $0 != note.winner }
            let drawn: [GroundTruthVerdict] = order.compactMap { g in
                note.verdicts.first { $0.groundTruth == g }
            }
            let shown = Array(drawn.prefix(2))
            let whom = shown.count == note.verdicts.count ? "each box" : "\(shown.count) of them"
            """
            Up close, the \(level) location \(pointText(note.location)) lies inside \(listed(containing)): \
            \(listed(parts)). The pictures draw its four distances to \(whom) in turn; the thick arrow is `m`, \
            the one distance the gate looks at. \(outcome)
            """
            for verdict in shown {
                Picture(
                    "rule3-zoom-box\(verdict.groundTruth)",
                    caption:
                        "\(level) location \(pointText(note.location)) and its distances to \(boxLabel(verdict.groundTruth, boxes)): m = \(px(verdict.m))."
                ) { path, format in
                    let zoom = LocationZoom(
                        assignment: a, level: example.level, location: note.index, box: verdict.groundTruth,
                        backdrop: backdrop)
                    try zoom.write(toPath: path, format: format)
                }
            }
        }
        if let overruled = examples.first(where: {
            $0.note.winner != nil && $0.note.winner != a.smallestContaining($0.note)
        }),
            let winner = overruled.note.winner, let smaller = a.smallestContaining(overruled.note)
        {
            let mSmaller = overruled.note.verdicts.first { $0.groundTruth == smaller }.map { px($0.m) } ?? "?"
            """
            The order of the rules matters. In the table's \(names[overruled.level]) row, \
            \(pointText(overruled.note.location)) goes to \(boxLabel(winner, boxes)) although \
            \(boxLabel(smaller, boxes)) is smaller: its `m` there is \(mSmaller), outside \
            \(names[overruled.level])'s range, so it was never a candidate. Rule 3 only ranks the boxes \
            that passed Rules 1 and 2.
            """
        }
        if rules.ambiguity == .float32Rank {
            let reference = AmbiguityRule.float32Rank.key(area: 4800)
            let tied = (4700...4900).filter { AmbiguityRule.float32Rank.key(area: Float($0)) == reference }
            if let low = tied.first, let high = tied.last {
                Note(
                    """
                    `1e8 − area` in float32 is coarse: near 1e8 neighbouring float32 values are 8 apart, so \
                    every area from \(grouped(low)) to \(grouped(high)) gives the same \(grouped(Int(reference))). \
                    Two overlapping boxes with such areas tie, and the one listed first wins even when it is the \
                    larger.
                    """)
            }
        } else if rules.areaConvention == .inclusivePixels {
            Note(
                """
                Areas include the `+1` of step 1. Two boxes of equal continuous area but different shapes, \
                100 × 40 listed first and 80 × 50 second, tie without it (\(grouped(100 * 40)) each, so the first \
                wins), but with it they count \(grouped(101 * 41)) and \(grouped(81 * 51)) px², and the \
                official code gives the location to the 80 × 50 box.
                """)
        }
    }

    Step("The targets") {
        let a = try assignment.value
        let names = a.levelNames
        let positives = a.positiveCounts
        let perLevel = a.levels.map(\.positiveCount)
        let locations = a.levels.map(\.map.count)
        let total = a.positiveCount
        let allLocations = locations.reduce(0, +)
        let background: [Int] = names.indices.map { locations[$0] - perLevel[$0] }
        let units = rules.regressionUnits == .stride ? " (divided by the stride under this preset)" : ""
        """
        After the three rules every location has its answer: one box, or background. Here is the whole \
        result, per box and level:
        """
        if !boxes.isEmpty {
            Table(
                "Positive locations per box and level (the final targets under \(preset.name))",
                columns: levelColumns(["box"], names, [.right("all levels")]),
                rows: boxRows(boxes) { g in positives[g].map(grouped) + [grouped(positives[g].reduce(0, +))] }
                    + [
                        Table.Row(["background"] + background.map(grouped) + [grouped(allLocations - total)]),
                        Table.Row(["all locations"] + locations.map(grouped) + [grouped(allLocations)]),
                    ])
        }
        """
        \(counted(total, "positive")) among \(grouped(allLocations)) locations (\(percent(total, of: allLocations))). \
        Every other location is background: it only teaches the classifier to say "nothing here". Each \
        positive also carries a regression target `(l*, t*, r*, b*)`\(units) and a centerness value; lessons 4 and 5 take those up.
        """
        let missing = a.groundTruthsWithoutPositives
        let inside = a.insideCounts
        let passing = a.gateCounts
        let candidates = a.candidateCounts
        if boxes.isEmpty {
            "With no boxes there is nothing to match: all \(grouped(allLocations)) locations are background."
        } else if missing.isEmpty {
            "Boxes without a positive location: none. Every box gets at least one."
        } else {
            let reasons: [String] = missing.map { (g: Int) -> String in
                let why: String
                if inside[g].reduce(0, +) == 0 {
                    why = "no location lies strictly inside it"
                } else if passing[g].reduce(0, +) == 0 {
                    why = "its locations' `m` never fits the level they are on"
                } else if candidates[g].reduce(0, +) == 0 {
                    why = "none of its locations in range lies in its center region"
                } else {
                    why = "every location it qualified for went to a smaller box"
                }
                return "\(BoxColors.warningSymbol) \(boxLabel(g, boxes)): \(why)"
            }
            Note(
                "Boxes without any positive get no training signal at all from this image:\n\n"
                    + reasons.map { "- " + $0 }.joined(separator: "\n"))
            Picture("no-positive", caption: "Boxes that received no positive location are flagged ⚠.") {
                path, format in
                var view = SceneView(
                    imageWidth: scene.width, imageHeight: scene.height, groundTruths: boxes,
                    backdrop: backdrop)
                view.title = "\(sceneName): \(counted(missing.count, "box", "boxes")) without a positive"
                view.warnings = Set(missing)
                try view.write(toPath: path, format: format)
            }
        }
        let fine = Array(names.indices.prefix(2))
        let fineNames = listed(fine.map { names[$0] })
        let zoomed: [Int] = boxes.indices.filter { g in fine.contains { positives[g][$0] > 0 } }
        let zoomedBoxes: [Box] = zoomed.map { boxes[$0].box }
        if let viewport = zoomViewport(around: zoomedBoxes, width: scene.width, height: scene.height) {
            """
            On the full image \(fineNames) are too dense to read, so the picture zooms on \
            \(listed(zoomed.map { boxLabel($0, boxes) })). Look for one filled dot per positive, in its box's \
            colour. Grey rings are locations inside a box whose `m` does not fit the level: a positive needs \
            all four sides within the level's upper bound, which in a box larger than that bound holds only \
            in a band or patch around its middle.
            """
            Picture(
                "targets-fine-levels",
                caption:
                    "The final targets on \(fineNames), zoomed on x \(px(viewport.x0))–\(px(viewport.x1)), y \(px(viewport.y0))–\(px(viewport.y1))."
            ) {
                var panels = LevelPanels(
                    assignment: a, presetName: preset.name, presetSummary: preset.summary, backdrop: backdrop)
                panels.sceneName = sceneName
                panels.levels = fine
                panels.viewport = viewport
                panels.columns = fine.count
                panels.panelWidth = levelPanelWidth
                panels.title = "\(sceneName): the final targets on \(fineNames), up close"
                return panels
            }
        } else {
            "No box has positives on \(fineNames); the picture of step 4 shows the final targets."
        }
    }

    Step("Center sampling") {
        let plain = try official.value
        let sampled = try officialImprv.value
        let names = plain.levelNames
        let before = plain.positiveCounts
        let after = sampled.positiveCounts
        let radius = Preset.officialImprv.assignment.centerSampling.radius ?? 0
        """
        Rule 1 accepts any location inside a box, even one a few pixels from its border, whose features \
        mostly see background. The authors' improved configuration, `official-imprv`, and mmdetection's \
        `center-normbbox-centeronreg-giou` configuration, which follows it, narrow Rule 1 to a square around the box's centre that grows with the \
        stride, clipped to the box:
        """
        Formula(
            """
            c = ((x0 + x1)/2, (y0 + y1)/2)        r = \(px(radius))
            region = [cx − r·s, cx + r·s] × [cy − r·s, cy + r·s]
                     clipped to the box
            Rule 1 becomes:  the location lies strictly inside the region
            """)
        """
        The size gate still measures `m` to the full box, and the regression target is still the distance \
        to the full box's sides: only *which* locations may become positives changes. The square is \
        `2·r·s = \(px(2 * radius))s` wide, so it holds at most \(Int(2 * radius)) × \(Int(2 * radius)) \
        locations of its level, on P3 as on P7. It is an option, not part of the paper: mmdetection's \
        default FCOS head has `center_sampling=False`, and only that one configuration switches it on.
        """
        let maxAfter = after.flatMap { $0 }.max() ?? 0
        if !boxes.isEmpty {
            Table(
                "Positives per box and level: official → official-imprv (center sampling, r = \(px(radius)))",
                columns: levelColumns(["box"], names, [.right("all levels")]),
                rows: boxRows(boxes) { g in
                    let cells: [String] = names.indices.map { (l: Int) -> String in
                        before[g][l] == 0 && after[g][l] == 0
                            ? "·" : "\(grouped(before[g][l])) → \(grouped(after[g][l]))"
                    }
                    return cells + ["\(grouped(before[g].reduce(0, +))) → \(grouped(after[g].reduce(0, +)))"]
                }
                    + [
                        Table.Row(
                            ["all boxes"]
                                + names.indices.map {
                                    "\(grouped(plain.levels[$0].positiveCount)) → \(grouped(sampled.levels[$0].positiveCount))"
                                }
                                + ["\(grouped(plain.positiveCount)) → \(grouped(sampled.positiveCount))"])
                    ])
        }
        if !boxes.isEmpty {
            """
            Positives go from \(grouped(plain.positiveCount)) to \(grouped(sampled.positiveCount)); no box \
            keeps more than \(grouped(maxAfter)) on a single level. The lost ones are the locations near the \
            borders, which the paper already down-weights with centerness; center sampling removes them \
            outright.
            """
        }
        """
        In the picture, the dashed rectangles are each box's region on that level: small on P3 and growing \
        with the stride until the box itself clips it. Dashed rings mark locations inside a box but outside \
        its region.
        """
        Picture(
            "center-sampling",
            caption:
                "official-imprv: positives must lie inside the dashed center region (r = \(px(radius)) strides around the box centre, clipped to the box)."
        ) {
            var panels = LevelPanels(
                assignment: sampled, presetName: Preset.officialImprv.name,
                presetSummary: Preset.officialImprv.summary, backdrop: backdrop)
            panels.sceneName = sceneName
            panels.panelWidth = levelPanelWidth
            panels.columns = 2
            return panels
        }
        Note(
            """
            torchvision and detectron2 always sample this way and write the test as \
            `max(|x − cx|, |y − cy|) < r·s` together with Rule 1: the same region, computed without the \
            clipping. mmdetection places locations at `(j + 0.5)·s`, which equals the official `⌊s/2⌋ + j·s` \
            for the even strides 8…128, so on this scene `mmdet` and `official-imprv` agree.
            """)
    }

    Step("Two presets disagree") {
        let a = try official.value
        let b = try torchvision.value
        let names = a.levelNames
        let tv = Preset.torchvision.assignment
        let p4Official =
            Preset.official.assignment.levels.dropFirst().first.map {
                boundsText($0.sizeRange, .inclusive)
            } ?? ""
        let p4Torchvision = tv.levels.dropFirst().first.map { boundsText($0.sizeRange, .strict) } ?? ""
        let tvRadius = px(tv.centerSampling.radius ?? 0)
        let shifts: [String] = a.levels.map { level in
            let s = level.map.stride
            return px(
                rules.locationOffset == tv.locationOffset
                    ? 0 : Preset.official.assignment.locationOffset.pixels(stride: s))
        }
        """
        Official FCOS, mmdetection, torchvision, detectron2 and the EECS 498 homework all implement the \
        rules above, and for most locations they agree. Between `official` and `torchvision` four details \
        differ:

        - **Where locations sit**: `⌊s/2⌋ + j·s` against `j·s`, so torchvision's grid is shifted up and left \
        by \(shifts.first ?? "4") px on \(names.first ?? "P3") and \(shifts.last ?? "64") px on \(names.last ?? "P7").
        - **The gate**: inclusive `\(p4Official)` against strict `\(p4Torchvision)`; they disagree whenever `m` is \
        exactly 64, 128, 256 or 512.
        - **Center sampling**: off against always on (`max(|x − cx|, |y − cy|) < \(tvRadius)·s`).
        - **Rule 3**: the smallest `+1` area against the largest float32 `1e8 − area`.

        The figure compares the two *cell by cell*: cell `(i, j)` of a level is one output of the network, \
        and the question is whether both presets give that output the same target.
        """
        let figure = DisagreementPanels(
            first: a, firstName: "official", second: b, secondName: "torchvision", backdrop: backdrop)
        let differing = figure.disagreementCounts
        Table(
            "official vs torchvision on \(sceneName), per level",
            columns: [
                "level", .right("official positives"), .right("torchvision positives"),
                .right("cells that differ"),
            ],
            rows: figure.comparedLevels.enumerated().map {
                (k: Int, pair: (first: Int, second: Int)) -> Table.Row in
                [
                    names[pair.first], grouped(a.levels[pair.first].positiveCount),
                    grouped(b.levels[pair.second].positiveCount), grouped(differing[k]),
                ]
            })
        let pa = a.positiveCounts
        let pb = b.positiveCounts
        let imprv = try officialImprv.value
        let samplingOnly = DisagreementPanels(first: a, firstName: "", second: imprv, secondName: "")
            .disagreementCounts.reduce(0, +)
        let restOnly = DisagreementPanels(first: imprv, firstName: "", second: b, secondName: "")
            .disagreementCounts.reduce(0, +)
        if !boxes.isEmpty {
            Table(
                "Positives per box: official → torchvision",
                columns: levelColumns(["box"], names, [.right("all levels")]),
                rows: boxRows(boxes) { g in
                    names.indices.map { (l: Int) -> String in
                        pa[g][l] == 0 && pb[g][l] == 0 ? "·" : "\(grouped(pa[g][l])) → \(grouped(pb[g][l]))"
                    } + ["\(grouped(pa[g].reduce(0, +))) → \(grouped(pb[g].reduce(0, +)))"]
                })
        }
        """
        \(counted(differing.reduce(0, +), "cell gets", "cells get")) a different target. To see where they \
        come from, go through `official-imprv`, which is official plus center sampling: sampling alone \
        changes \(counted(samplingOnly, "cell")), and the grid, the gate and the ranking together change \
        \(counted(restOnly, "cell")) between `official-imprv` and `torchvision`. In the picture, filled dots \
        are official's positives, hollow squares torchvision's, and black rings mark the cells that differ.
        """
        Picture(
            "disagreement",
            caption:
                "official (filled dots) vs torchvision (hollow squares) on \(sceneName): ringed cells get different targets."
        ) {
            var panels = figure
            panels.sceneName = sceneName
            panels.panelWidth = levelPanelWidth
            panels.columns = 2
            return panels
        }

        Heading("Exactly 64 px")
        let boundary = try SceneFile.read(LessonAssets.scenePath("boundary"))
        let boundaryBoxes = boundary.groundTruths
        """
        The gate's strictness only matters when a location has `m` exactly on a boundary, so the lesson \
        ships a scene built for it, `Assets/scenes/boundary.json` (\(boundary.width) × \(boundary.height) \
        px): two boxes of \(boundaryBoxes.first.map { "\(px($0.box.width)) × \(px($0.box.height))" } ?? "128 × 96") \
        px. At a box's centre `l* = r*` is half the width and `t* = b*` half the height, so `m` is exactly \
        64 there, and the boxes are placed so that their centres are locations: #0's on the `j·s` grid of \
        torchvision, #1's on the `⌊s/2⌋ + j·s` grid of official. To separate the gate from the grid, the \
        table runs four rule sets: each preset as it is, and each with the other's gate.
        """
        // Levels are matched independently, so P3 and P4 alone give the same targets there.
        let officialP3P4 = Preset.official.assignment.keepingLevels(2)
        let torchvisionP3P4 = tv.keepingLevels(2)
        let variants: [(name: String, rules: AssignmentRules)] = [
            ("official", officialP3P4),
            ("official grid, strict gate", officialP3P4.with(gate: .strict)),
            ("torchvision grid, inclusive gate", torchvisionP3P4.with(gate: .inclusive)),
            ("torchvision", torchvisionP3P4),
        ]
        let runs: [Assignment] = variants.map {
            Matcher(rules: $0.rules).assign(
                boundaryBoxes, imageWidth: boundary.width, imageHeight: boundary.height, explain: true)
        }
        let shown = Array(boundaryBoxes.indices.prefix(2))
        Table(
            "Positives on P3 and P4 of the boundary scene",
            columns: ["rule set", "locations", "gate"]
                + shown.flatMap { g in ["#\(g) P3", "#\(g) P4"].map { Table.Column.right($0) } },
            rows: zip(variants, runs).map { variant, run -> Table.Row in
                let counts = run.positiveCounts
                let cells: [String] = shown.flatMap { g in [grouped(counts[g][0]), grouped(counts[g][1])] }
                let lead: [String] = [
                    variant.name, offsetText(variant.rules.locationOffset), variant.rules.sizeGate.rawValue,
                ]
                return Table.Row(lead + cells)
            })
        if let centre = boundaryBoxes.first?.box.center, runs[3].levels.count > 1 {
            let maps = [runs[3].levels[0].map, runs[3].levels[1].map]
            let hits: [(level: Int, index: Int)] = maps.indices.compactMap { l in
                maps[l].locations.firstIndex(of: centre).map { (l, $0) }
            }
            if hits.count == 2, let v = runs[2].verdict(level: 0, index: hits[0].index, box: 0) {
                let inclusive = hits.map { runs[2].levels[$0.level].matched[$0.index] == 0 }
                let strict = hits.map { runs[3].levels[$0.level].matched[$0.index] == 0 }
                let yes = { (flag: Bool) in flag ? "positive" : "background" }
                let smallestM = { (run: Assignment, g: Int) in run.mRange(ofBox: g).map { px($0.low) } ?? "—"
                }
                let secondLow = smallestM(runs[0], 1)
                let firstMiss = smallestM(runs[0], 0)
                let secondMiss = smallestM(runs[3], 1)
                let atBoundary = boundaryMValues(of: boundaryBoxes[0].box, on: maps[0])
                let sampledP3 = (0..<maps[0].count).filter { runs[2].levels[0].matched[$0] == 0 }
                    .map { maps[0].location(at: $0) }
                let onColumn =
                    "Every P3 location on the column x = \(px(centre.x)) has `l* = r* = 64`, so the \(atBoundary.exactly.count) of them with `t*, b* ≤ 64` (y \(atBoundary.exactly.map { px($0.y) }.joined(separator: ", "))) all have `m = 64`; center sampling keeps \(listed(sampledP3.map(pointText))), the \(sampledP3.count) P3 positives of #0 in the table's third row."
                let offColumnLow = atBoundary.lowestAbove.map(px) ?? "—"
                """
                Follow the location \(pointText(centre)) of box #0. With locations at `j·s` it is on P3 \
                (\(px(centre.x)) = \(Int(centre.x) / maps[0].stride)·\(maps[0].stride)) *and* on P4 \
                (\(px(centre.x)) = \(Int(centre.x) / maps[1].stride)·\(maps[1].stride)). Its distances are \
                `l* = \(px(v.ltrb.l))`, `t* = \(px(v.ltrb.t))`, `r* = \(px(v.ltrb.r))`, `b* = \(px(v.ltrb.b))`, \
                so `m = \(px(v.m))`.

                - Inclusive gate: P3 asks `m ≤ 64` ✓ and P4 asks `64 ≤ m` ✓, so the location is a \
                \(yes(inclusive[0])) on P3 *and* a \(yes(inclusive[1])) on P4.
                - Strict gate: P3 asks `m < 64` ✗ and P4 asks `64 < m` ✗, so it is \(yes(strict[0])) on P3 \
                *and* \(yes(strict[1])) on P4: neither level takes it.

                The centre is not the only such location. \(onColumn) \
                Off that column `max(l*, r*)` exceeds 64 (the smallest `m` there is \(offColumnLow)), so no \
                location of #0 has `m < 64` and under the strict gate #0 has no P3 positive at all. Box #1 shows the same on official's grid: its smallest \
                `m` there is \(secondLow), on the column through its centre, which the inclusive P3 range \
                takes and the strict one does not. On the *other* preset's grid each box's nearest location \
                is half a stride off centre, and `m` is already \(firstMiss) for #0 under official and \
                \(secondMiss) for #1 under torchvision: the boundary only bites where a location lands \
                exactly on it.
                """
            }
        }
        "In the picture, only the gate differs between the two rule sets, so the ringed cells are exactly the locations with `m = 64`."
        Picture(
            "boundary-64",
            caption:
                "The boundary scene on torchvision's grid, P3 and P4, zoomed: inclusive gate (filled dots) vs strict gate (hollow squares)."
        ) {
            var panels = DisagreementPanels(
                first: runs[2], firstName: "inclusive gate", second: runs[3],
                secondName: "strict gate (torchvision)",
                backdrop: .plain)
            panels.sceneName = "boundary"
            panels.viewport = zoomViewport(
                around: boundaryBoxes.map(\.box), width: boundary.width, height: boundary.height)
            panels.panelWidth = levelPanelWidth
            panels.title = "m = 64 exactly: torchvision's grid with the inclusive gate vs its own strict gate"
            return panels
        }
        let radiusZero: Int = {
            var r = tv
            r.centerSampling = .chebyshev(radius: 0)
            return Matcher(rules: r).assign(boxes, imageWidth: scene.width, imageHeight: scene.height)
                .positiveCount
        }()
        let probe = GroundTruth(box: Box(x0: -16, y0: 200, x1: 16, y1: 232), label: 0, name: "probe")
        let atZero: Int = {
            return Preset.officialImprv.matcher.assign(
                [probe] + boxes, imageWidth: scene.width, imageHeight: scene.height
            ).positiveCount
        }()
        Note(
            """
            Two reference quirks are documented here but not copied. torchvision's center-sampling test is \
            `< r·s`, so a radius of 0 leaves *no* positive at all; in this toolkit a radius of 0 means \
            "sampling off", and this scene then gets \(counted(radiusZero, "positive")). The official \
            `get_sample_region` takes an image whose *first* box is centred at x = 0 for an image without \
            boxes and returns no positive for the whole image; here, adding a \(px(probe.box.width)) × \(px(probe.box.height)) box centred at x = \(px(probe.box.center.x)) \
            in front of this scene's boxes still gives \(counted(atZero, "positive")) under `official-imprv`.
            """)
    }

    Step("Try this") {
        let street = try SceneFile.read(LessonAssets.scenePath("street"))
        let streetCounts = { (p: Preset) in
            p.matcher.assign(street.groundTruths, imageWidth: street.width, imageHeight: street.height)
                .positiveCounts
        }
        let streetOfficial = streetCounts(.official)
        let streetSampled = streetCounts(.officialImprv)
        let emptied = street.groundTruths.indices.flatMap { g in
            streetOfficial[g].indices.compactMap { l -> String? in
                streetOfficial[g][l] > 0 && streetSampled[g][l] == 0
                    ? "\(boxLabel(g, street.groundTruths)) on P\(l + 3) (\(streetOfficial[g][l]) → 0)" : nil
            }
        }
        // The smallest box, moved right until its left side lies on a column of P3 locations.
        let smallest = boxes.indices.min { boxes[$0].box.area(.continuous) < boxes[$1].box.area(.continuous) }
        let p3 = try assignment.value.levels.first?.map
        let shifted: (dx: Float, before: Int, after: Int)? = try smallest.flatMap { g in
            guard let p3, p3.count > 0 else { return nil }
            let x0 = boxes[g].box.x0
            let column = (0..<p3.width).map { p3.location(at: $0).x }.first { $0 > x0 }
            guard let column else { return nil }
            let dx = column - x0
            var moved = boxes
            moved[g].box = Box(
                x0: boxes[g].box.x0 + dx, y0: boxes[g].box.y0, x1: boxes[g].box.x1 + dx, y1: boxes[g].box.y1)
            let after = preset.matcher.assign(moved, imageWidth: scene.width, imageHeight: scene.height)
            return (dx, try assignment.value.positivesPerGroundTruth[g], after.positivesPerGroundTruth[g])
        }
        let mmdetCells: Int = {
            let a = Preset.mmdet.matcher.assign(boxes, imageWidth: scene.width, imageHeight: scene.height)
            let b = Preset.officialImprv.matcher.assign(
                boxes, imageWidth: scene.width, imageHeight: scene.height)
            return zip(a.levels, b.levels).reduce(0) { sum, pair in
                sum + zip(pair.0.matched, pair.1.matched).filter { $0 != $1 }.count
            }
        }()
        "Three experiments. Each changes one thing; predict the answer before you run it, then reveal the answer."
        TryThis(
            Exercise(
                "Run with `--preset official-imprv --scene Assets/scenes/street.json`. Center sampling keeps at most "
                    + "3 × 3 locations per box and level. Predict: does any street box lose *all* its positives on a "
                    + "level where official gave it some?",
                answer: emptied.isEmpty
                    ? "No: every (box, level) pair with positives under official keeps at least one, because the "
                        + "centre square always contains the location nearest the box's centre when that lies inside the box."
                    : "Yes: \(listed(emptied)). The centre square is clipped to the box, and where the box's centre "
                        + "falls between locations a thin box can keep none."),
            Exercise(
                zip2(smallest, shifted).map { g, move in
                    "Move \(boxLabel(g, boxes)) \(px(move.dx)) px to the right (copy the scene file, edit it, pass it "
                        + "with `--scene`), so its left side lies exactly on a column of P3 locations. Its size does not "
                        + "change. Predict its number of positives under `\(preset.name)` (now \(move.before))."
                }
                    ?? "Move a box so that one of its sides lies exactly on a column of locations, and predict its positives.",
                answer: shifted.map {
                    "\($0.after) (from \($0.before)). Rule 1 is strict: the column that now lies on the left side has "
                        + "`l* = 0` and is not inside, so the box covers fewer columns of locations"
                        + ($0.after < $0.before
                            ? " and loses their positives." : ", though here none of them was a positive.")
                }),
            Exercise(
                "Run with `--preset mmdet`. It places locations at `(j + 0.5)·s` and computes areas without the `+1`. "
                    + "Predict how many of this scene's cells get a different target than under `official-imprv`.",
                answer:
                    "\(grouped(mmdetCells)). For the even strides 8…128, `(j + 0.5)·s` equals `⌊s/2⌋ + j·s`, so the "
                    + "grids coincide; the `+1` in the areas only matters when two boxes' areas are within one "
                    + "row or column of pixels of each other"
                    + (mmdetCells == 0 ? ", which does not happen here." : ".")),
        )
    }
}.main(options)
