import FCOS
import Figures
import Foundation

/// Numbers, sizes and box names as `inspect` and `compare` print them, in tables, HTML and the
/// terminal alike, so one box reads the same everywhere.
enum Prose {
    /// `12`, `12.5`, `0.25`: whole numbers without decimals, others with at most `decimals`.
    static func number(_ value: Double, decimals: Int = 1) -> String {
        guard value.isFinite else { return value > 0 ? "∞" : "−∞" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        var text = String(format: "%.\(decimals)f", value)
        while text.contains(".") && (text.hasSuffix("0") || text.hasSuffix(".")) { text.removeLast() }
        return text
    }

    static func number(_ value: Float, decimals: Int = 1) -> String {
        number(Double(value), decimals: decimals)
    }

    /// `1 location`, `3 locations`.
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
    }

    /// `66–80`, or `66` when both ends agree.
    static func range(_ low: Float, _ high: Float) -> String {
        low == high ? number(low) : "\(number(low))–\(number(high))"
    }

    /// `m ≤ 64`, `64 ≤ m ≤ 128` (inclusive gates), `64 < m < 128` (strict), `m ≥ 512` at the top.
    static func sizeRange(_ range: SizeRange, gate: SizeGate) -> String {
        let op = gate == .inclusive ? "≤" : "<"
        let unbounded = !range.upper.isFinite || range.upper >= FeatureLevel.referenceInfinity
        if range.lower <= 0 { return unbounded ? "any m" : "m \(op) \(number(range.upper))" }
        if unbounded { return "m \(gate == .inclusive ? "≥" : ">") \(number(range.lower))" }
        return "\(number(range.lower)) \(op) m \(op) \(number(range.upper))"
    }

    /// `#2 cup`, the name every figure uses for a box.
    static func boxLabel(_ index: Int, _ groundTruths: [GroundTruth]) -> String {
        BoxColors.label(forBox: index, in: groundTruths)
    }

    /// `(12.5, 30)–(40, 77.2)`.
    static func corners(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> String {
        "(\(number(x0)), \(number(y0)))–(\(number(x1)), \(number(y1)))"
    }

    /// `27.5 × 47.2`.
    static func size(_ w: Double, _ h: Double) -> String { "\(number(w)) × \(number(h))" }
}
