import Foundation
import GFL

// Side l of the followed anchor: 132 px from the anchor centre on P6, stride 64.
let y: Float = 132.0 / 64

// DFL's target spreads y over the two bins around it, and its expectation is exactly y.
let (left, right, weightLeft, weightRight) = DistributionFocalLoss.bins(for: y)
print("bin", left, weightLeft, "bin", right, weightRight)
