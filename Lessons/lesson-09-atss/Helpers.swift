import ATSS
import Annotations
import FCOS
import Figures
import Foundation
import Notebook

// Lesson 9's small helpers: how it prints numbers and boxes, and the few derived quantities
// (which box to look at, which anchors two boxes fought over) that several steps share.

/// `0.400`: IoUs and thresholds always with three decimals, so they line up and compare.
func iou(_ value: Float?) -> String {
    guard let value else { return "—" }
    return String(format: "%.3f", Double(value))
}

/// `37.8`.
func ap(_ value: Double) -> String { String(format: "%.1f", value) }

/// `+0.8`, `−0.1`.
func signed(_ value: Double) -> String {
    let text = String(format: "%.1f", abs(value))
    return (value < -0.05 ? "−" : "+") + text
}

/// One table row per box, in its colour.
func boxRows(_ groundTruths: [GroundTruth], _ cells: (Int) -> [String]) -> [Table.Row] {
    groundTruths.indices.map { g in
        Table.Row([boxName(g, in: groundTruths)] + cells(g), swatch: swatch(forBox: g))
    }
}

/// `P6, P7`, or `none`: the levels where `counts` is positive.
func levelList(_ counts: [Int], _ names: [String]) -> String {
    let used = counts.indices.filter { counts[$0] > 0 }.map { names[$0] }
    return used.isEmpty ? "none" : used.joined(separator: ", ")
}

/// Per level, positives as `P3 0 · P4 9 · …` with the zeros left out.
func perLevel(_ counts: [Int], _ names: [String]) -> String {
    let parts = counts.indices.filter { counts[$0] > 0 }.map { "\(names[$0]) \(counts[$0])" }
    return parts.isEmpty ? "none" : parts.joined(separator: " + ")
}

/// The FCOS positives of each box per level.
func fcosPositives(_ assignment: Assignment, boxes: Int) -> [[Int]] {
    var counts = [[Int]](repeating: [Int](repeating: 0, count: assignment.levels.count), count: boxes)
    for (l, level) in assignment.levels.enumerated() {
        for g in level.matched where g >= 0 { counts[Int(g)][l] += 1 }
    }
    return counts
}

/// The image area of a box.
func area(_ gt: GroundTruth) -> Float { gt.box.width * gt.box.height }

/// An anchor that passed both tests for several boxes, and who got it.
struct Contest {
    var level: Int
    var index: Int
    var center: Point
    /// `(box, IoU)` for every box it passed for, in box order.
    var claims: [(box: Int, iou: Float)]
    var winner: Int
}

/// Every anchor that passed the threshold and the centre test for two or more boxes.
func contests(in assignment: ATSSAssignment) -> [Contest] {
    var claims: [[Int: [(box: Int, iou: Float, center: Point)]]] = assignment.levels.map { _ in [:] }
    for box in assignment.boxes {
        for (l, level) in box.levels.enumerated() {
            for c in level.candidates where c.verdict.passedTests {
                claims[l][c.index, default: []].append((box.groundTruth, c.iou, c.center))
            }
        }
    }
    var out: [Contest] = []
    for (l, byIndex) in claims.enumerated() {
        for index in byIndex.keys.sorted() {
            let list = byIndex[index]!
            guard list.count > 1 else { continue }
            out.append(
                Contest(
                    level: l, index: index, center: list[0].center, claims: list.map { ($0.box, $0.iou) },
                    winner: Int(assignment.levels[l].matched[index])))
        }
    }
    return out
}

/// Cells (level, flat index) whose target differs between two assignments of the same image.
func differingCells(_ a: ATSSAssignment, _ b: ATSSAssignment) -> [Int] {
    zip(a.levels, b.levels).map { la, lb in
        zip(la.matched, lb.matched).filter { $0 != $1 }.count
    }
}
