import FCOS
import Foundation
import Notebook

// Small helpers for the focal-loss lesson: number formatting, a seeded random source, and the
// conversions between probabilities and logits that the library's losses take.

/// SplitMix64: a tiny, well-mixed generator, so the simulated predictions are the same on every
/// run and every machine.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in `[low, high)`.
    mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * Double(next() >> 11) / Double(1 << 53)
    }

    /// A standard normal number (Box–Muller on two uniforms; the first is kept away from 0).
    mutating func normal() -> Double {
        let u = max(uniform(0, 1), .leastNormalMagnitude)
        let v = uniform(0, 1)
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}

/// The logit whose sigmoid is `p`: `log(p / (1 − p))`.
func logit(_ p: Double) -> Float { Float(log(p / (1 - p))) }

/// The focal loss of one prediction with probability `p` against target `z`, computed by the
/// library from the corresponding logit.
func focal(p: Double, target: Float, alpha: Float, gamma: Float) -> Double {
    Double(FocalLoss.value(logit: logit(p), target: target, alpha: alpha, gamma: gamma))
}

/// A number with `digits` decimals and a typographic minus.
func fixed(_ x: Double, _ digits: Int) -> String {
    let text = String(format: "%.\(digits)f", x)
    guard text.hasPrefix("-") else { return text }
    // −0.000 is 0.000: a loss of exactly zero can come out as −0 from −log(1).
    return text.dropFirst().allSatisfy { $0 == "0" || $0 == "." }
        ? String(text.dropFirst()) : "−" + text.dropFirst()
}

/// A number with about three significant digits, in scientific notation when very small or large.
func sig(_ x: Double) -> String {
    guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "∞" : "−∞") }
    if x == 0 { return "0" }
    let a = abs(x)
    if a >= 999.5 && a < 1e9 { return grouped(Int(x.rounded())) }
    if a >= 1e-3 && a < 1e5 {
        let decimals = max(0, 2 - Int(floor(log10(a))))
        return fixed(x, decimals)
    }
    let exponent = Int(floor(log10(a)))
    let mantissa = x / pow(10, Double(exponent))
    let superscripts = Array("⁰¹²³⁴⁵⁶⁷⁸⁹")
    let power =
        (exponent < 0 ? "⁻" : "") + String(String(abs(exponent)).map { superscripts[Int(String($0))!] })
    return fixed(mantissa, 2) + "×10" + power
}

/// `43.2 %`.
func percent(_ part: Double, of whole: Double) -> String {
    whole > 0 ? fixed(100 * part / whole, 1) + " %" : "—"
}
