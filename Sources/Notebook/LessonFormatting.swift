import FCOS
import Figures
import Foundation

// Small text helpers the lessons share, so numbers and boxes read the same in every lesson.

/// `16 800`: digits grouped in threes with a no-break space (U+00A0), the one number format of
/// every lesson: it reads as the README and the paper's tables do, never wraps apart, and, unlike a
/// comma, cannot be mistaken for a decimal point by readers who write 3,5.
public func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out += "\u{00A0}" }
        out.append(c)
    }
    return (n < 0 ? "−" : "") + out
}

/// `0.143`, with a typographic minus.
public func decimal(_ value: Float, _ digits: Int = 3) -> String {
    let text = String(format: "%.\(digits)f", Double(value))
    return text.hasPrefix("-") ? "−" + text.dropFirst() : text
}

/// `9.0×`.
public func ratio(_ a: Int, _ b: Int) -> String {
    guard b != 0 else { return "—" }
    let value = Double(a) / Double(b)
    return value >= 100 ? grouped(Int(value.rounded())) + "×" : String(format: "%.1f×", value)
}

/// `[800, 120, 832, 152]`.
public func corners(_ box: Box) -> String {
    "[" + [box.x0, box.y0, box.x1, box.y1].map { number($0) }.joined(separator: ", ") + "]"
}

/// `32`, `40.3`.
public func number(_ value: Float) -> String {
    value == value.rounded() ? String(Int(value)) : String(format: "%.1f", Double(value))
}

/// A 24-bit colour for a table swatch.
public func swatch(forBox index: Int) -> UInt32 {
    let (r, g, b, _) = BoxColors.color(forBox: index).bytes
    return UInt32(r) << 16 | UInt32(g) << 8 | UInt32(b)
}

/// Names in prose: "`#2 sports ball`".
public func boxName(_ index: Int, in groundTruths: [GroundTruth]) -> String {
    BoxColors.label(forBox: index, in: groundTruths)
}

/// "a, b and c".
public func listed(_ items: [String]) -> String {
    switch items.count {
    case 0: return ""
    case 1: return items[0]
    default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}

/// `1 positive`, `37 positives`.
public func counted(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(grouped(n)) " + (n == 1 ? singular : plural ?? singular + "s")
}

/// `(x, y)` of a point in image pixels.
public func pointText(_ p: Point) -> String { "(\(number(p.x)), \(number(p.y)))" }
