import FCOS

extension TargetCellPanel {
    /// The locations FCOS makes positives of box `index`, on every level, each drawn as its
    /// stride-wide cell with its centerness target. The title gains the count per level
    /// (`· 12 on P3, 35 on P4`), since cells of two levels overlap in the picture. `toImage` carries the assignment's input
    /// pixels to the scene's (identity when FCOS ran on the scene itself).
    public static func fcosBox(
        _ index: Int, assignment: Assignment, title: String, toImage: (Point) -> Point = { $0 }
    ) -> TargetCellPanel {
        var cells: [Cell] = []
        var counts: [String] = []
        for level in assignment.levels {
            let before = cells.count
            let half = Float(level.map.stride) / 2
            for i in level.matched.indices where level.matched[i] == Int32(index) {
                let p = level.map.location(at: i)
                let a = toImage(Point(x: p.x - half, y: p.y - half))
                let b = toImage(Point(x: p.x + half, y: p.y + half))
                cells.append(
                    Cell(
                        rect: Box(x0: a.x, y0: a.y, x1: b.x, y1: b.y), value: level.centerness[i],
                        isPositive: true,
                        box: index))
            }
            if cells.count > before { counts.append("\(cells.count - before) on \(level.map.level.name)") }
        }
        let suffix = counts.isEmpty ? "no positive" : counts.joined(separator: ", ")
        return TargetCellPanel(title: "\(title) · \(suffix)", cells: cells)
    }
}
