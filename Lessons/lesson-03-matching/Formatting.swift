import Canvas
import FCOS
import Figures
import Foundation
import Notebook

// How lesson 3 prints numbers, boxes and rules. Every figure and table names a box the same way
// (`#0 person`) and shows it in the same colour, so these helpers go through `BoxColors`.

/// `#0 person`.
func boxLabel(_ index: Int, _ groundTruths: [GroundTruth]) -> String {
    BoxColors.label(forBox: index, in: groundTruths)
}

/// `380`, `56.5`, `−4`: pixels as a student would write them.
func px(_ value: Float) -> String {
    guard value.isFinite else { return value > 0 ? "∞" : "−∞" }
    if value >= FeatureLevel.referenceInfinity { return "1e8" }
    var text: String
    if value == value.rounded(), abs(value) < 1e9 {
        text = String(Int(value))
    } else {
        text = String(format: "%.2f", Double(value))
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
    }
    return text.hasPrefix("-") ? "−" + text.dropFirst() : text
}

/// `1 location`, `37 locations`.
func counted(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(grouped(n)) " + (n == 1 ? singular : plural ?? singular + "s")
}

/// `12.3 %` of `part` in `whole`.
func percent(_ part: Int, of whole: Int) -> String {
    guard whole > 0 else { return "0 %" }
    let value = 100 * Double(part) / Double(whole)
    return value >= 10 || value == 0 ? "\(Int(value.rounded())) %" : String(format: "%.1f %%", value)
}

/// `a, b and c`.
func listed(_ items: [String]) -> String {
    switch items.count {
    case 0: return ""
    case 1: return items[0]
    default: return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}

/// `(x, y)` of a location.
func pointText(_ p: Point) -> String { "(\(px(p.x)), \(px(p.y)))" }

/// The location mapping of `offset`, as the paper writes it.
func mappingFormula(_ offset: LocationOffset) -> String {
    switch offset {
    case .flooredHalfStride: return "x = ⌊s/2⌋ + j·s        y = ⌊s/2⌋ + i·s"
    case .halfStride: return "x = (j + 0.5)·s        y = (i + 0.5)·s"
    case .zero: return "x = j·s                y = i·s"
    }
}

/// `⌊s/2⌋ + j·s`, for prose.
func offsetText(_ offset: LocationOffset) -> String {
    switch offset {
    case .flooredHalfStride: return "⌊s/2⌋ + j·s"
    case .halfStride: return "(j + 0.5)·s"
    case .zero: return "j·s"
    }
}

/// A level's size range as its gate applies it: `64 ≤ m ≤ 128`, `64 < m < 128`, `m < ∞`.
func rangeText(_ range: SizeRange, _ gate: SizeGate) -> String {
    let op = gate == .inclusive ? "≤" : "<"
    let infinite = !range.upper.isFinite || range.upper >= FeatureLevel.referenceInfinity
    let lowerText = range.lower <= 0 ? "" : "\(px(range.lower)) \(op) "
    let upperText = infinite ? " < ∞" : " \(op) \(px(range.upper))"
    return lowerText + "m" + upperText
}

/// The bounds exactly as the reference stores them: `[64, 128]` or `(64, 128)`.
func boundsText(_ range: SizeRange, _ gate: SizeGate) -> String {
    let upper = range.upper.isFinite ? px(range.upper) : "∞"
    switch gate {
    case .inclusive: return "[\(px(range.lower)), \(upper)]"
    case .strict: return "(\(px(range.lower)), \(upper))"
    }
}

/// `(x1 − x0 + 1)·(y1 − y0 + 1)` or `(x1 − x0)·(y1 − y0)`.
func areaFormula(_ convention: BoxConvention) -> String {
    switch convention {
    case .inclusivePixels: return "(x1 − x0 + 1)·(y1 − y0 + 1)"
    case .continuous: return "(x1 − x0)·(y1 − y0)"
    }
}

/// The file name of a scene path without folder and extension: `tennis`.
func sceneStem(_ path: String?, default name: String) -> String {
    guard let path else { return name }
    return ((path as NSString).lastPathComponent as NSString).deletingPathExtension
}

/// `[first] + one right-aligned column per level + trailing`, spelled out for the type checker.
func levelColumns(_ first: [Table.Column], _ levels: [String], _ trailing: [Table.Column] = []) -> [Table
    .Column]
{
    var columns: [Table.Column] = first
    for name in levels { columns.append(Table.Column.right(name)) }
    columns.append(contentsOf: trailing)
    return columns
}

/// One row per box: its label, then `cells(g)`, with the box's swatch.
func boxRows(_ groundTruths: [GroundTruth], _ cells: (Int) -> [String]) -> [Table.Row] {
    groundTruths.indices.map { (g: Int) -> Table.Row in
        var row: [String] = [boxLabel(g, groundTruths)]
        row.append(contentsOf: cells(g))
        return Table.Row(row, swatch: swatch(forBox: g))
    }
}

/// Both optionals, or `nil`.
func zip2<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
