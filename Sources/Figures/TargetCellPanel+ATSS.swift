import ATSS
import FCOS

extension TargetCellPanel {
    /// The anchors ATSS makes positives of box `index`, on every level, each drawn as its
    /// stride-wide cell around the anchor centre (as ``fcosBox(_:assignment:title:toImage:)`` draws
    /// FCOS's locations), coloured by the IoU of its anchor box with the box: the number that
    /// had to reach the box's threshold `t_g = m_g + v_g` (Zhang et al. 2020, Algorithm 1).
    ///
    /// The cells come from the box's `BoxExplanation` (its candidates with verdict
    /// `Verdict/positive`), which is the same set the assignment's per-level `matched` holds for
    /// the box. The title gains the count per level and the threshold (`· 6 on P4 · t = 0.41`), or
    /// the `BoxExplanation/Remark` when the box has no positive. `toImage` carries the
    /// assignment's input pixels to the scene's (identity when ATSS ran on the scene itself).
    public static func atssBox(
        _ index: Int, assignment: ATSSAssignment, title: String, toImage: (Point) -> Point = { $0 }
    ) -> TargetCellPanel {
        let explanation = assignment.boxes[index]
        var cells: [Cell] = []
        var counts: [String] = []
        for level in explanation.levels {
            let half = Float(level.map.stride) / 2
            let positives = level.candidates.filter { $0.verdict == .positive }
            for c in positives {
                let a = toImage(Point(x: c.center.x - half, y: c.center.y - half))
                let b = toImage(Point(x: c.center.x + half, y: c.center.y + half))
                cells.append(
                    Cell(
                        rect: Box(x0: a.x, y0: a.y, x1: b.x, y1: b.y), value: c.iou, isPositive: true,
                        box: index))
            }
            if !positives.isEmpty { counts.append("\(positives.count) on \(level.map.level.name)") }
        }
        var suffix = counts.isEmpty ? "no positive" : counts.joined(separator: ", ")
        if let remark = explanation.remark { suffix += " (\(remark.rawValue))" }
        if let t = explanation.threshold { suffix += " · t = \(NumberText.fixed(t, decimals: 2))" }
        return TargetCellPanel(title: "\(title) · \(suffix)", cells: cells)
    }
}

extension TargetCellPanel {
    /// Every positive anchor of level `level` for every box, drawn as its stride-wide cell in its
    /// owner's colour and coloured by the IoU of its anchor box with that owner: ATSS's answer to
    /// "which locations of this level learn something". The title reads
    /// `P3 · stride 8 · 45 positives`.
    public static func atssLevel(
        _ level: Int, assignment: ATSSAssignment, toImage: (Point) -> Point = { $0 }
    ) -> TargetCellPanel {
        let targets = assignment.levels[level]
        let half = Float(targets.map.stride) / 2
        var cells: [Cell] = []
        for box in assignment.boxes where level < box.levels.count {
            for c in box.levels[level].candidates where c.verdict == .positive {
                let a = toImage(Point(x: c.center.x - half, y: c.center.y - half))
                let b = toImage(Point(x: c.center.x + half, y: c.center.y + half))
                cells.append(
                    Cell(
                        rect: Box(x0: a.x, y0: a.y, x1: b.x, y1: b.y), value: c.iou, isPositive: true,
                        box: box.groundTruth))
            }
        }
        let title =
            "\(targets.map.level.name) · stride \(targets.map.stride) · "
            + NumberText.count(cells.count, "positive")
        return TargetCellPanel(title: title, cells: cells)
    }
}
