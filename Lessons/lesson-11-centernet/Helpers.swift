import Canvas
import FCOS
import Figures
import Foundation
import Keypoints
import Notebook

// Lesson 11's small helpers: how it names boxes and prints numbers, and the pieces of scene
// geometry several steps share.

/// `#0 person`.
func boxLabel(_ index: Int, _ groundTruths: [GroundTruth]) -> String {
    BoxColors.label(forBox: index, in: groundTruths)
}

/// `12.5`, `3`, `−4.25`: up to two decimals, no trailing zeros.
func short(_ value: Double) -> String {
    guard value.isFinite else { return "—" }
    var text = String(format: "%.2f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    if text == "-0" { text = "0" }
    return text.hasPrefix("-") ? "−" + text.dropFirst() : text
}

func short(_ value: Float) -> String { short(Double(value)) }

/// `(33, 20)`.
func cell(_ x: Int, _ y: Int) -> String { "(\(x), \(y))" }

/// `12 on P3, 35 on P4`: the non-zero counts with their level names, or `none`.
func perLevel(_ counts: [Int], names: [String]) -> String {
    let parts = zip(names, counts).filter { $0.1 > 0 }.map { "\($0.1) on \($0.0)" }
    return parts.isEmpty ? "none" : parts.joined(separator: ", ")
}

/// `1 box`, `3 boxes`.
func counted(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(grouped(n)) " + (n == 1 ? singular : plural ?? singular + "s")
}

/// One row per box with its swatch.
func boxRows(_ groundTruths: [GroundTruth], _ cells: (Int) -> [String]) -> [Table.Row] {
    groundTruths.indices.map { g in
        Table.Row([boxLabel(g, groundTruths)] + cells(g), swatch: swatch(forBox: g))
    }
}

/// `box` grown by `fraction` of its size on every side, kept inside the image, for zoomed panels.
func zoom(on box: Box, by fraction: Float, width: Int, height: Int) -> Box {
    let dx = max(box.width, 24) * fraction
    let dy = max(box.height, 24) * fraction
    return Box(
        x0: max(0, box.x0 - dx), y0: max(0, box.y0 - dy), x1: min(Float(width), box.x1 + dx),
        y1: min(Float(height), box.y1 + dy))
}

/// The element-wise maximum of several maps of one size: all classes' bumps on one picture.
func merged(_ maps: [HeatMap]) -> HeatMap? {
    guard var out = maps.first else { return nil }
    for map in maps.dropFirst() {
        for i in out.values.indices where map.values[i] > out.values[i] { out.values[i] = map.values[i] }
    }
    return out
}

/// The box of median area: on the tennis scene the racket, which lies inside the person.
func medianBox(_ groundTruths: [GroundTruth]) -> Int? {
    let order = groundTruths.indices.sorted { groundTruths[$0].box.area() < groundTruths[$1].box.area() }
    return order.isEmpty ? nil : order[order.count / 2]
}

/// The value box `o`'s own bump (kernel `k`) gives cell `x` of its centre row.
func bumpValue(_ k: GaussianKernel, _ o: CenterNetTargets.Object, _ x: Int) -> Float {
    abs(x - o.cellX) <= k.radius ? k.value(dx: x - o.cellX, dy: 0) : 0
}

/// The cross-section through two same-class bumps: each alone, the map, and the sum it is not.
func overlapProfile(_ t: CenterNetTargets) -> LinePlot {
    let a = t.objects[0]!
    let b = t.objects[1]!
    let ka = GaussianKernel(radius: a.drawnRadius)
    let kb = GaussianKernel(radius: b.drawnRadius)
    let map = t.heatmaps[0]
    let xs = Array(max(0, a.cellX - a.drawnRadius - 2)...min(map.width - 1, b.cellX + b.drawnRadius + 2))
    func points(_ value: (Int) -> Float) -> [CGPoint] {
        xs.map { CGPoint(x: Double($0), y: Double(value($0))) }
    }
    var plot = LinePlot(
        series: [
            .init(
                name: "the heat map: max of the two", points: points { map[$0, a.cellY] }, color: .gray(0.72),
                width: 8),
            .init(
                name: "A's bump alone", points: points { bumpValue(ka, a, $0) },
                color: BoxColors.edge(forBox: 0),
                dash: [7, 4], width: 2.5),
            .init(
                name: "B's bump alone", points: points { bumpValue(kb, b, $0) },
                color: BoxColors.edge(forBox: 1),
                dash: [7, 4], width: 2.5),
            .init(
                name: "their sum (not used)", points: points { bumpValue(ka, a, $0) + bumpValue(kb, b, $0) },
                color: .gray(0.15), dash: [2, 3], width: 2),
        ], title: "Along row y = \(a.cellY): the map is the larger bump, never the sum",
        xLabel: "cell x on the 128-wide output", yLabel: "target y")
    plot.subtitle = "stride 4 · radii \(a.drawnRadius) and \(b.drawnRadius) cells · peaks stay at exactly 1"
    plot.yRange = 0...1.2
    return plot
}
