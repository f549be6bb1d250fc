import FCOS
import Keypoints

extension TargetCellPanel {
    /// Class `label`'s CenterNet heat map on the scene: every cell with its Gaussian target, the
    /// cells at exactly 1 as positives, and for each of the class's boxes its centre cell, exact
    /// centre and radius circle.
    public static func centerNetClass(
        _ label: Int, targets: CenterNetTargets, mapping: KeypointGridMapping, title: String
    ) -> TargetCellPanel {
        let keypoints = targets.objects.indices.compactMap { i -> Keypoint? in
            guard let o = targets.objects[i], o.label == label else { return nil }
            return keypoint(o, box: i, mapping: mapping)
        }
        return heatMap(targets.heatmaps[label], mapping: mapping, title: title, keypoints: keypoints) {
            x, y in
            targets.objects.firstIndex { $0?.label == label && $0?.cellX == x && $0?.cellY == y }
        }
    }

    /// The cells that learn box `index` under CenterNet: its own Gaussian bump (the stamp alone,
    /// before other boxes of its class are merged in), the centre cell the only positive.
    public static func centerNetBox(
        _ index: Int, targets: CenterNetTargets, mapping: KeypointGridMapping, title: String
    ) -> TargetCellPanel {
        guard let o = targets.objects[index] else { return TargetCellPanel(title: title, cells: []) }
        let kernel = GaussianKernel(radius: o.drawnRadius)
        let r = o.drawnRadius
        var cells: [Cell] = []
        for dy in -r...r {
            for dx in -r...r {
                let x = o.cellX + dx
                let y = o.cellY + dy
                guard x >= 0, y >= 0, x < targets.grid.width, y < targets.grid.height else { continue }
                let v = kernel.value(dx: dx, dy: dy)
                cells.append(
                    Cell(rect: mapping.cellRect(x: x, y: y), value: v, isPositive: v == 1, box: index))
            }
        }
        return TargetCellPanel(
            title: title, cells: cells, keypoints: [keypoint(o, box: index, mapping: mapping)])
    }

    static func keypoint(_ o: CenterNetTargets.Object, box: Int, mapping: KeypointGridMapping) -> Keypoint {
        Keypoint(
            cell: mapping.cellRect(x: o.cellX, y: o.cellY),
            exact: mapping.imagePoint(x: Double(o.center.x), y: Double(o.center.y)),
            radiusCells: o.drawnRadius,
            radiusPixels: Double(o.drawnRadius) * mapping.cellWidth, box: box)
    }
}

extension TargetCellPanel {
    /// Any keypoint heat map on the scene (a CornerNet corner map, say), with the given keypoints
    /// marked; cells at exactly 1 are the positives.
    public static func heatMap(
        _ map: HeatMap, mapping: KeypointGridMapping, title: String, keypoints: [Keypoint] = [],
        owner: (Int, Int) -> Int? = { _, _ in nil }
    ) -> TargetCellPanel {
        var cells: [Cell] = []
        for y in 0..<map.height {
            for x in 0..<map.width where map[x, y] > 0 {
                cells.append(
                    Cell(
                        rect: mapping.cellRect(x: x, y: y), value: map[x, y], isPositive: map[x, y] == 1,
                        box: owner(x, y)))
            }
        }
        return TargetCellPanel(title: title, cells: cells, keypoints: keypoints)
    }
}
