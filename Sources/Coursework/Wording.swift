import FCOS
import Foundation

/// How numbers, points and boxes are written in explanations: short, and the same everywhere,
/// so a student can search the report for a value they printed.
enum Wording {
    /// Whole numbers without a decimal point, grouped by thousands with a space (`4 800`);
    /// others with up to four decimals (`0.3086`); very large or small values in scientific form.
    static func number(_ value: Float) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "+inf" : "-inf") }
        if value == value.rounded(), abs(value) < 1e9 {
            return grouped(Int(value))
        }
        let magnitude = abs(value)
        if magnitude >= 1e6 || magnitude < 1e-3 {
            return String(format: "%.4g", Double(value))
        }
        var text = String(format: "%.4f", Double(value))
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// `12345` → `12 345`.
    static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var result = ""
        for (i, character) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { result += " " }
            result.append(character)
        }
        return value < 0 ? "-" + result : result
    }

    /// More digits, for values that differ only in the last places.
    static func precise(_ value: Float) -> String {
        guard value.isFinite else { return number(value) }
        return String(format: "%.7g", Double(value))
    }

    static func point(_ p: Point) -> String { "(\(number(p.x)), \(number(p.y)))" }

    static func box(_ b: Box) -> String {
        "(\(number(b.x0)), \(number(b.y0)), \(number(b.x1)), \(number(b.y1)))"
    }

    static func ltrb(_ d: LTRB) -> String {
        "(\(number(d.l)), \(number(d.t)), \(number(d.r)), \(number(d.b)))"
    }

    static func list(_ values: [Int], limit: Int = 12) -> String {
        let shown = values.prefix(limit).map(String.init).joined(separator: ", ")
        return "[" + shown + (values.count > limit ? ", … (\(values.count) in all)" : "") + "]"
    }

    /// "1 box", "3 boxes".
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(grouped(n)) \(n == 1 ? singular : plural ?? singular + "s")"
    }
}
