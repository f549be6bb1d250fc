import FCOS
import Foundation
import GFL

// The quality target of a positive is the IoU of the box it currently predicts.
let person = Box(x0: 380, y0: 110, x1: 700, y1: 790)
let halfTheSize = Box(x0: 460, y0: 280, x1: 620, y1: 620)  // same centre, half the width and height
print("y =", QualityFocalLoss.qualityTarget(prediction: halfTheSize, box: person))

// Quality Focal Loss of a score σ against a soft target y, with β = 2.
func qfl(score sigma: Float, quality y: Float) -> Float {
    QualityFocalLoss.value(logit: log(sigma / (1 - sigma)), quality: y)
}
print("positive, y = 0.5, σ = 0.2:", qfl(score: 0.2, quality: 0.5))
print("negative, y = 0, σ = 0.2:", qfl(score: 0.2, quality: 0))

// With y = 1, QFL is the focal loss with α off (−1) and γ = 2.
let sigma: Float = 0.7
print(
    qfl(score: sigma, quality: 1),
    FocalLoss.value(logit: log(sigma / (1 - sigma)), target: 1, alpha: -1, gamma: 2))
