import Foundation
import GFL

// Side l of the followed anchor: 132 px from the anchor centre on P6, stride 64.
let y: Float = 132.0 / 64

// DFL's target spreads y over the two bins around it, and its expectation is exactly y.
let (left, right, weightLeft, weightRight) = DistributionFocalLoss.bins(for: y)
print("bin", left, weightLeft, "bin", right, weightRight)

// The best prediction puts exactly those weights on the two bins; its loss is their entropy.
let n = 16  // reg_max: bins 0…16
let best = (0...n).map { bin -> Float in
    bin == left ? log(weightLeft) : bin == right ? log(weightRight) : -60
}
print("DFL of the best prediction:", DistributionFocalLoss.value(logits: best, target: y))
