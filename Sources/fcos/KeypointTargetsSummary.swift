import Annotations
import FCOS
import Keypoints

/// The readable summary of `fcos targets --preset centernet|cornernet`: the grid, then one row
/// per box.
enum KeypointTargetsSummary {
    static func centerNet(_ t: CenterNetTargets, scene: Scene) -> String {
        var out = "Preset centernet: \(KeypointHead.centerNet.summary)\n"
        out += gridLine(t.grid, classes: t.heatmaps.count)
        var rows = [
            ["box", "name", "on the output map", "w×h", "r → drawn", "centre", "cell", "offset", "index"]
        ]
        for (i, g) in scene.groundTruths.enumerated() {
            guard let o = t.objects[i] else {
                let reason =
                    i < CenterNetTargets.maxObjects
                    ? skippedReason(g.box, grid: t.grid)
                    : "skipped: after the first \(CenterNetTargets.maxObjects) boxes (max_objs)"
                rows.append(["\(i)", name(g), reason, "", "", "", "", "", ""])
                continue
            }
            rows.append([
                "\(i)", name(g), corners(o.box), "\(fmt(o.size.width))×\(fmt(o.size.height))",
                "\(fmt(Float(o.radius.value))) → \(o.drawnRadius)", "\(fmt(o.center.x)), \(fmt(o.center.y))",
                "\(o.cellX), \(o.cellY)", "\(fmt(o.offset.x)), \(fmt(o.offset.y))", "\(o.index)",
            ])
        }
        out += "\n" + table(rows, rightAligned: [8]) + "\n"
        let cells = t.positiveCount == 1 ? "1 cell" : "\(t.positiveCount) cells"
        out += "\(cells) at exactly 1 (the loss's positives); --json prints the heat maps.\n"
        return out
    }

    static func cornerNet(_ t: CornerNetTargets, scene: Scene) -> String {
        var out = "Preset cornernet: \(KeypointHead.cornerNet.summary)\n"
        out += gridLine(t.grid, classes: t.topLeft.count)
        var rows = [
            [
                "box", "name", "clipped box (input px)", "r → drawn", "top-left cell", "offset",
                "bottom-right cell", "offset",
            ]
        ]
        for (i, g) in scene.groundTruths.enumerated() {
            guard let o = t.objects[i] else {
                rows.append([
                    "\(i)", name(g), "dropped: no width or height inside the input", "", "", "", "", "",
                ])
                continue
            }
            rows.append([
                "\(i)", name(g), corners(o.box), "\(fmt(Float(o.radius.value))) → \(o.drawnRadius)",
                "\(o.topLeft.cellX), \(o.topLeft.cellY)",
                "\(fmt(o.topLeft.offsetX)), \(fmt(o.topLeft.offsetY))",
                "\(o.bottomRight.cellX), \(o.bottomRight.cellY)",
                "\(fmt(o.bottomRight.offsetX)), \(fmt(o.bottomRight.offsetY))",
            ])
        }
        out += "\n" + table(rows, rightAligned: []) + "\n"
        return out
    }

    static func gridLine(_ grid: OutputGrid, classes: Int) -> String {
        var out =
            "Input \(grid.inputWidth)×\(grid.inputHeight) → output \(grid.width)×\(grid.height), \(classes) classes\n"
        let (kx, ky) = grid.scale
        if !grid.isExactStride4 {
            let rule =
                kx == ky
                ? "integer division by 4; boxes are scaled by \(grid.width)/\(grid.inputWidth) = \(kx) on both axes"
                : "⌈side/4⌉; boxes are scaled by \(kx) across and \(ky) down"
            out += "Note: the sides are not multiples of 4, so the output size comes from \(rule). "
            out += "Both papers train on square inputs (512×512, 511×511).\n"
        }
        return out
    }

    static func skippedReason(_ box: Box, grid: OutputGrid) -> String {
        let b = grid.outputBox(box)
        let outside =
            b.x1 <= 0 || b.y1 <= 0 || b.x0 >= Float(grid.width - 1) || b.y0 >= Float(grid.height - 1)
        return outside ? "skipped: outside the map after clipping" : "skipped: zero width or height"
    }

    static func fmt(_ f: Float) -> String { TargetsSummary.fmt(f) }

    static func table(_ rows: [[String]], rightAligned: Set<Int>) -> String {
        TargetsSummary.table(rows, rightAligned: rightAligned)
    }

    static func name(_ g: GroundTruth) -> String { g.name ?? "label \(g.label)" }

    static func corners(_ b: Box) -> String { "\(fmt(b.x0)), \(fmt(b.y0)), \(fmt(b.x1)), \(fmt(b.y1))" }
}
