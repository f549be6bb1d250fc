import FCOS
import Foundation

/// Numbers and ranges as the figures print them.
enum NumberText {
    /// `56`, `56.5`, `0.25`: whole numbers without decimals, others with at most `decimals`.
    static func format(_ value: Double, decimals: Int = 1) -> String {
        guard value.isFinite else { return value > 0 ? "∞" : (value < 0 ? "−∞" : "NaN") }
        if value == value.rounded() && abs(value) < 1e15 { return minus(String(Int(value))) }
        var text = String(format: "%.\(decimals)f", value)
        while text.contains(".") && (text.hasSuffix("0") || text.hasSuffix(".")) { text.removeLast() }
        return minus(text)
    }

    static func format(_ value: Float, decimals: Int = 1) -> String {
        format(Double(value), decimals: decimals)
    }

    /// `0.400`: exactly `decimals` decimals, for quantities compared with one another (IoUs,
    /// thresholds), where dropping a trailing zero would make `0.4` look less precise than `0.397`.
    static func fixed(_ value: Float, decimals: Int = 3) -> String {
        minus(String(format: "%.\(decimals)f", Double(value)))
    }

    /// A typographic minus, which reads better than a hyphen in figures.
    private static func minus(_ text: String) -> String {
        text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    /// The level's size range as its gate applies it: `64 ≤ m ≤ 128` (inclusive), `64 < m < 128`
    /// (strict), with the bound left out below 0 and `∞` above the last level.
    static func sizeRange(_ range: SizeRange, gate: SizeGate) -> String {
        let op = gate == .inclusive ? "≤" : "<"
        let unbounded = !range.upper.isFinite || range.upper >= FeatureLevel.referenceInfinity
        let upper = unbounded ? " < ∞" : " \(op) \(format(range.upper))"
        guard range.lower > 0 else { return "m" + upper }
        return "\(format(range.lower)) \(op) m" + upper
    }

    /// `1 positive`, `37 positives`.
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
    }
}
