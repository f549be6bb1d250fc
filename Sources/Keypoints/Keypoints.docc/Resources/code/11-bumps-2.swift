import Keypoints

// The racket's bump has radius 6. Predict p = 0.3 along its centre row: the centre is the one
// positive; every other cell is a negative whose cost is scaled by (1 − y)⁴.
let kernel = GaussianKernel(radius: 6)
for distance in 0...7 {
    let y = distance <= kernel.radius ? kernel.value(dx: distance, dy: 0) : 0
    let cost = PenaltyReducedFocalLoss.loss(probabilities: [0.3], targets: [y])
    print(distance, "y", y, "cost", -(cost.positive + cost.negative))
}
