import Canvas
import FCOS
import Figures
import Foundation
import Notebook

let options = LessonOptions.parseOrExit()
let preset = options.fcosPreset
let scene = options.scene(default: "tennis")
let sceneName = options.scene.map { ($0 as NSString).lastPathComponent } ?? "tennis.json"
let rules = preset.assignment
let maps = rules.featureMaps(imageWidth: scene.width, imageHeight: scene.height)
let padded = rules.featureSize.paddedSize(imageWidth: scene.width, imageHeight: scene.height)

/// How the grid height (or width) of level `l` follows from the image under the preset's rule.
func derivation(level l: Int, imageSide: Int, paddedSide: Int, side: (FeatureMap) -> Int) -> String {
    let s = maps[l].stride
    switch rules.featureSize {
    case .ceilDivision:
        return "⌈\(imageSide) ÷ \(s)⌉ = \(side(maps[l]))"
    case .paddedThenHalved(let divisor):
        if s <= divisor || l == 0 { return "\(paddedSide) ÷ \(s) = \(side(maps[l]))" }
        return "⌈\(side(maps[l - 1])) ÷ 2⌉ = \(side(maps[l]))"
    }
}

/// `4, 12, 20, …`: the first three coordinates of a level under `offset`.
func firstCoordinates(stride s: Int, _ offset: LocationOffset) -> String {
    (0..<3).map { number(Float($0 * s) + offset.pixels(stride: s)) }.joined(separator: ", ") + ", …"
}

/// Where a location stands with respect to the scene's boxes: strictly inside, on an edge, or neither.
func insideWhich(_ p: Point) -> String {
    var inside: [String] = []
    var onEdge: [String] = []
    for (g, gt) in scene.groundTruths.enumerated() {
        let d = LTRB(from: p, to: gt.box)
        if d.minimum > 0 {
            inside.append(boxName(g, in: scene.groundTruths))
        } else if d.minimum == 0 {
            onEdge.append(boxName(g, in: scene.groundTruths) + " (" + edgeNames(d) + ")")
        }
    }
    if !inside.isEmpty { return "inside " + listed(inside) }
    if !onEdge.isEmpty { return "on the edge of " + listed(onEdge) }
    return "—"
}

func edgeNames(_ d: LTRB) -> String {
    zip(["l*", "t*", "r*", "b*"], d.array).filter { $0.1 == 0 }.map(\.0).joined(separator: " = ") + " = 0"
}

Lesson(
    id: "lesson-02-locations",
    title: "From feature-map cells to image locations",
    summary:
        "How big each FPN level's grid is, where each cell lands in the image under the three conventions the reference implementations use, and why some locations sit where no box can be."
) {
    Step("Grids per level") {
        """
        FCOS predicts at every cell of its feature maps (the paper's `P3 … P7`; preset \
        `\(preset.name)` uses \(listed(maps.map { "`\($0.level.name)`" }))), and each cell stands for \
        one point of the input image, a *location*. These lessons use the paper's names: `s` is a \
        level's stride (one cell spans `s × s` input pixels: \(listed(maps.map { "\($0.stride) on `\($0.level.name)`" }))), \
        `(i, j)` is a cell's row and column, and later `l*, t*, r*, b*` are a location's distances to \
        a box's sides.

        Before counting cells, note the input size. The scene `\(sceneName)` is \(scene.width) × \
        \(scene.height) pixels (width × height).
        """
        switch rules.featureSize {
        case .paddedThenHalved(let divisor):
            """
            Preset `\(preset.name)` pads the batch on the right and bottom to a multiple of \
            \(divisor), here \(padded.width) × \(padded.height), so that every stride up to \(divisor) \
            divides it exactly. `P6` and `P7` come from stride-2 convolutions on the level before, so \
            each has `⌈previous / 2⌉` rows and columns, rounding up.
            """
        case .ceilDivision:
            """
            Preset `\(preset.name)` does not pad: each level has `⌈H / s⌉ × ⌈W / s⌉` cells, rounding \
            up, and only `P3`, `P4`, `P5`.
            """
        }
        Table(
            "Feature maps for a \(scene.width) × \(scene.height) input (preset \(preset.name))",
            columns: [
                "level", .right("stride s"), .right("rows H"), .right("columns W"), .right("locations"),
            ],
            rows: maps.indices.map { l in
                [
                    maps[l].level.name, "\(maps[l].stride)",
                    derivation(level: l, imageSide: scene.height, paddedSide: padded.height) { $0.height },
                    derivation(level: l, imageSide: scene.width, paddedSide: padded.width) { $0.width },
                    grouped(maps[l].count),
                ]
            } + [["total", "", "", "", grouped(maps.reduce(0) { $0 + $1.count })]])
    }

    Step("Back to the image: three conventions") {
        let official = LocationOffset.flooredHalfStride
        let half = LocationOffset.halfStride
        let strides = maps.map(\.stride)
        let differing = strides.filter { official.pixels(stride: $0) != half.pixels(stride: $0) }
        """
        The paper maps cell `(i, j)` of a level with stride `s` to the image point below: the cell's \
        top-left corner `(j·s, i·s)` moved by `⌊s/2⌋` towards the middle of the cell, near the centre of \
        the cell's receptive field. The reference implementations agree on `j·s` but not on the shift:
        """
        Formula(
            """
            (x, y) = (⌊s/2⌋ + j·s,  ⌊s/2⌋ + i·s)      official FCOS, the paper
            (x, y) = ((j + 0.5)·s,  (i + 0.5)·s)      mmdetection, EECS 498
            (x, y) = (j·s,          i·s)              torchvision, detectron2
            """)
        Table(
            "x of the first three columns per convention (y is the same along rows)",
            columns: ["level", .right("s"), .right("⌊s/2⌋ + j·s"), .right("(j + 0.5)·s"), .right("j·s")],
            rows: maps.map { map in
                [
                    map.level.name, "\(map.stride)", firstCoordinates(stride: map.stride, official),
                    firstCoordinates(stride: map.stride, half), firstCoordinates(stride: map.stride, .zero),
                ]
            })
        if differing.isEmpty {
            """
            Every stride here is even, so `⌊s/2⌋ = s/2` and the first two conventions put every \
            location in the same place; only an odd stride would separate them. The third sits half \
            a cell up and to the left, at the cell's corner: \
            \(listed(maps.map { "\(number(official.pixels(stride: $0.stride))) px on `\($0.level.name)`" })).
            """
        } else {
            "The first two conventions differ on strides \(listed(differing.map(String.init))), where `⌊s/2⌋` rounds down."
        }
        let zoomLevels = [16, 32].compactMap { s in maps.first { $0.stride == s }?.level }
        let shown = zoomLevels.isEmpty ? Array(maps.prefix(2).map(\.level)) : zoomLevels
        """
        In the picture, the image's top-left corner on \(listed(shown.map { "`\($0.name)`" })): look \
        for the black dots sitting inside the orange rings (the first two conventions agree), and for \
        the blue diamonds on the crossings of the cell boundaries, the first of them exactly on the \
        image's corner.
        """
        Picture(
            "offset-conventions",
            caption:
                "The top-left corner of the image with the locations of the three conventions on \(listed(shown.map(\.name))). Numbers along the edges are pixel coordinates of the cell boundaries."
        ) { path, format in
            try OffsetConventionsFigure(
                levels: shown, viewport: CGRect(x: -14, y: -14, width: 154, height: 118),
                presetOffset: rules.locationOffset, presetName: preset.name,
                title: "Three ways to place cell (i, j) in the image"
            ).write(toPath: path, format: format)
        }
        Note(
            "Preset `\(preset.name)` uses `\(OffsetConventionsFigure.formula(rules.locationOffset))`. The shift matters: it decides which locations fall strictly inside a box, and so which locations can become positives (lesson 3)."
        )
    }

    Step("The padded area") {
        let places = maps.map { map in
            (0..<map.count).map {
                LocationPlace(
                    map.location(at: $0), imageWidth: scene.width, imageHeight: scene.height,
                    paddedWidth: padded.width, paddedHeight: padded.height)
            }
        }
        let inPadding = places.map { $0.filter { $0 == .padding }.count }
        let beyond = places.map { $0.filter { $0 == .beyond }.count }
        let stripWidth = padded.width - scene.width
        let stripHeight = padded.height - scene.height
        let strips =
            (stripWidth > 0 ? ["a strip \(stripWidth) px wide on the right"] : [])
            + (stripHeight > 0 ? ["a strip \(stripHeight) px high at the bottom"] : [])
        if stripWidth > 0 || stripHeight > 0 {
            """
            Padding adds zeros: \(listed(strips)). The network runs over it like over the image, so the grids cover it too: \
            those locations exist, get predictions and enter the loss as background, yet no box can \
            contain them, since a box ends at the image's edge at the latest.
            """
        } else {
            let totalBeyond = beyond.reduce(0, +)
            """
            Here the input needs no padding (\(scene.width) × \(scene.height) under preset \
            `\(preset.name)`), so there is no strip of zeros. \(totalBeyond > 0
                ? "Rounding up still puts \(grouped(totalBeyond)) locations on or past the image's edge, where no box can be; see the last column."
                : "Every location lies inside the image.")
            """
        }
        if case .paddedThenHalved = rules.featureSize, maps.count > 3 {
            """
            Rounding up adds more: `P6` and `P7` have `⌈previous / 2⌉` cells, so their last row or \
            column can lie on or past the padded edge.
            """
        }
        """
        In the picture, look for \(stripWidth > 0 || stripHeight > 0 ? "orange dots in the shaded strip and " : "")\
        red crosses on or past the edge, in the grey area.
        """
        Table(
            "Where the locations lie (beyond: on or past the padded edge)",
            columns: [
                "level", .right("grid H × W"), .right("locations"), .right("in the image"),
                .right("in padding"), .right("beyond"),
            ],
            rows: maps.indices.map { l in
                [
                    maps[l].level.name, "\(maps[l].height) × \(maps[l].width)", grouped(maps[l].count),
                    grouped(maps[l].count - inPadding[l] - beyond[l]), grouped(inPadding[l]),
                    grouped(beyond[l]),
                ]
            })
        Picture(
            "padded-area",
            caption:
                "The whole padded input, then the bottom-right corner on every level at one scale. Orange: locations in the padding; red crosses: on or past the padded edge."
        ) { path, format in
            try PaddingFigure(
                maps: maps, groundTruths: scene.groundTruths, imageWidth: scene.width,
                imageHeight: scene.height,
                paddedWidth: padded.width, paddedHeight: padded.height,
                illustration: options.illustrationName(of: scene).flatMap { Illustration(fileName: $0) },
                title: "Locations where no box can be",
                subtitle:
                    "\(sceneName): \(scene.width) × \(scene.height) image, "
                    + (padded == (scene.width, scene.height)
                        ? "not padded" : "padded to \(padded.width) × \(padded.height)")
                    + " · preset “\(preset.name)”"
            ).write(toPath: path, format: format)
        }
    }

    Step("The first locations, in order") {
        let map = maps[0]
        let eecs = Preset.eecs498.assignment.featureMaps(imageWidth: scene.width, imageHeight: scene.height)[
            0]
        let eecsFirst = (0..<3).map { map -> String in
            let p = eecs.location(at: map)
            return "[\(number(p.x)), \(number(p.y))]"
        }
        let indices =
            Array(0..<min(4, map.count)) + (map.width < map.count ? [map.width] : []) + [map.count - 1]
        let rows = Set(indices).sorted()
        """
        Implementations store a level's locations as one long list, row by row with `x` changing \
        fastest: index `k = i·W + j`. On `\(map.level.name)` (`W` = \(map.width)) the first row \
        runs from `k` = 0 to \(map.width - 1), and `k` = \(map.width) starts the second row.
        """
        Table(
            "\(map.level.name) locations as (x, y) under each convention",
            columns: [
                .right("k"), .right("(i, j)"), .right("⌊s/2⌋ + j·s"), .right("(j + 0.5)·s"), .right("j·s"),
            ],
            rows: rows.map { k in
                let i = k / map.width
                let j = k % map.width
                func point(_ offset: LocationOffset) -> String {
                    let s = map.stride
                    let o = offset.pixels(stride: s)
                    return "(\(number(Float(j * s) + o)), \(number(Float(i * s) + o)))"
                }
                return [
                    grouped(k), "(\(i), \(j))", point(.flooredHalfStride), point(.halfStride), point(.zero),
                ]
            })
        let firstInside = scene.groundTruths.compactMap { gt in
            (0..<map.count).first { LTRB(from: map.location(at: $0), to: gt.box).minimum > 0 }
        }
        """
        Only a location *strictly* inside a box can become that box's positive: `l*, t*, r*, b*` must \
        all be above 0, so a location on an edge does not count. Here are the same locations under \
        preset `\(preset.name)`, checked against the scene's boxes\
        \(firstInside.isEmpty ? "" : ", together with the first location (lowest `k`) inside each box"):
        """
        Table(
            "Preset \(preset.name): inside a box?",
            columns: [.right("k"), .right("(x, y)"), "inside a box?"],
            rows: Set(rows + firstInside).sorted().map { k in
                let p = map.location(at: k)
                return [grouped(k), "(\(number(p.x)), \(number(p.y)))", insideWhich(p)]
            })
        Note(
            "A check against the EECS 498 homework: its first `P3` locations for this image are [\(eecsFirst.joined(separator: ", ")), …], listed as `[x, y]`, and the table's middle column agrees."
        )
    }

    Step("torchvision's real grid for P6 and P7") {
        var derived = Preset.torchvision.assignment
        derived.derivedGridSpacing = true
        let derivedMaps = derived.featureMaps(imageWidth: scene.width, imageHeight: scene.height)
        let derivedPadded = derived.featureSize.paddedSize(imageWidth: scene.width, imageHeight: scene.height)
        let odd = derivedMaps.filter { $0.stepX != $0.stride || $0.stepY != $0.stride }
        """
        torchvision's detector does not compute locations from the stride. Its anchor generator \
        divides the padded size by the grid size (integer division) to get the spacing, and `P6`, \
        `P7` have rounded-up grids, so their spacing can come out *smaller* than the stride.
        """
        Table(
            "torchvision's spacing for a \(derivedPadded.width) × \(derivedPadded.height) padded input",
            columns: [
                "level", .right("stride s"), .right("grid H × W"), .right("vertical spacing"),
                .right("horizontal spacing"),
            ],
            rows: derivedMaps.map { map in
                [
                    map.level.name, "\(map.stride)", "\(map.height) × \(map.width)",
                    "\(derivedPadded.height) ÷ \(map.height) = \(map.stepY)",
                    "\(derivedPadded.width) ÷ \(map.width) = \(map.stepX)",
                ]
            })
        if odd.isEmpty {
            Note(
                "For this input every spacing equals its stride, so torchvision's grid and the `torchvision` preset agree."
            )
        } else {
            Note(
                "Here \(odd.map { "`\($0.level.name)` locations (stride \($0.stride)) are \($0.stepY) px apart vertically and \($0.stepX) px horizontally" }.joined(separator: "; ")). The `torchvision` preset keeps the nominal `j·s` grid (the size gate and center sampling use the nominal stride either way); this table is torchvision's full pipeline, `AssignmentRules.derivedGridSpacing`."
            )
        }
    }

    Step("Try this") {
        let corner = try CornerAnswer()
        let eecsMaps = Preset.eecs498.assignment.featureMaps(
            imageWidth: scene.width, imageHeight: scene.height)
        let eecsOutside = eecsMaps.reduce(0) { sum, map in
            sum
                + (0..<map.count).filter {
                    let p = map.location(at: $0)
                    return p.x >= Float(scene.width) || p.y >= Float(scene.height)
                }.count
        }
        let street = try StreetPadding(preset: preset)
        "Predict first, then reveal the answer (a key in the terminal, a click on the page)."
        TryThis(
            Exercise(
                "Run with `--preset torchvision --scene Assets/scenes/corner.json`, whose first box touches the image's "
                    + "top-left corner. Predict first: where does location `k` = 0 sit, is it inside that box, and what "
                    + "becomes of the whole first row and first column of locations for such a box? Compare with "
                    + "`--preset official`.",
                answer:
                    "Under torchvision `k` = 0 is (0, 0), the box's own corner: `l* = t* = 0`, so it is not inside, and "
                    + "neither is any location of the first row or column (one distance is 0). The corner box gets "
                    + "\(corner.torchvision) P3 locations inside it under torchvision and \(corner.official) under "
                    + "official, whose first location is (4, 4)."),
            Exercise(
                "Run with `--preset eecs498`, which does not pad. Predict: is there still any location outside the image?",
                answer: eecsOutside == 0
                    ? "No: with locations at `(j + 0.5)·s` and `⌈W/s⌉` cells, every location of this scene lies inside it."
                    : "Yes, \(grouped(eecsOutside)): `⌈W/s⌉` cells cover the image rounded up, so where a side is not a "
                        + "multiple of the stride the last column or row sits in the partly filled cell, less than half a "
                        + "stride past the edge."),
            Exercise(
                "Run with `--scene Assets/scenes/street.json` (1333 px wide, the paper's largest input). How wide is "
                    + "the padded strip now, and how many `P3` locations lie in it?",
                answer:
                    "The street is padded from \(street.width) × \(street.height) to \(street.padded.width) × "
                    + "\(street.padded.height): a strip \(street.padded.width - street.width) px wide on the right and "
                    + "\(street.padded.height - street.height) px high at the bottom, holding \(grouped(street.p3InStrip)) "
                    + "P3 locations.")
        )
    }
}.main(options)
