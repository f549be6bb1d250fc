import FCOS
import Foundation
import GFL
import Notebook

// Lesson 10's small helpers: number formatting and the logit ↔ probability conversions the
// library's losses take.

/// `0.082`.
func fixed(_ value: Double, _ digits: Int = 3) -> String {
    let text = String(format: "%.\(digits)f", value)
    guard text.hasPrefix("-") else { return text }
    return text.dropFirst().allSatisfy { $0 == "0" || $0 == "." }
        ? String(text.dropFirst()) : "−" + text.dropFirst()
}

func fixed(_ value: Float, _ digits: Int = 3) -> String { fixed(Double(value), digits) }

/// The logit whose sigmoid is `p`.
func logit(_ p: Double) -> Float { Float(log(p / (1 - p))) }

/// QFL of one prediction with probability `sigma` against quality `y` (β = 2), by the library.
func qfl(sigma: Double, y: Double, beta: Float = 2) -> Double {
    Double(QualityFocalLoss.value(logit: logit(sigma), quality: Float(y), beta: beta))
}

/// Logits of a discretised Gaussian around `centre` over the bins `0…n`: a predicted distribution
/// of a given sharpness. Softmax makes them probabilities.
func gaussianLogits(centre: Double, width: Double, bins n: Int) -> [Float] {
    (0...n).map { Float(-(Double($0) - centre) * (Double($0) - centre) / (2 * width * width)) }
}

/// The four sides' names, as the paper writes them.
let sideNames = ["l", "t", "r", "b"]

extension LTRB {
    var sides: [Float] { [l, t, r, b] }
}
