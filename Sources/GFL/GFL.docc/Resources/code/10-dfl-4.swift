import Foundation
import GFL

// Side b of the followed anchor: 342 px on P6, stride 64, the side nearest the middle of two bins.
let y: Float = 342.0 / 64
let n = 16

// Two made-up predictions, discretised Gaussians around y: one sharp, one flat.
func gaussian(around centre: Float, width: Float) -> [Float] {
    (0...n).map { bin in -(Float(bin) - centre) * (Float(bin) - centre) / (2 * width * width) }
}
let sharp = BoxDistribution(logits: gaussian(around: y, width: 0.6))
let flat = BoxDistribution(logits: gaussian(around: y, width: 3))

// Both decode to almost the same side; DFL tells them apart.
for (name, d) in [("sharp", sharp), ("flat", flat)] {
    let loss = DistributionFocalLoss.value(logits: d.probabilities.map { log($0) }, target: y)
    print(name, "expectation", d.expectation, "DFL", loss)
}

// GFL v2 reads the shape: per side, the top 4 probabilities and their mean.
print("sharp", sharp.topK(4), "flat", flat.topK(4))
