import FCOS
import Keypoints

// Two people of one class, side by side on a 512 × 512 input.
let pair = [
    GroundTruth(box: Box(x0: 150, y0: 120, x1: 290, y1: 440), label: 0, name: "person A"),
    GroundTruth(box: Box(x0: 198, y0: 120, x1: 338, y1: 440), label: 0, name: "person B"),
]
let targets = try CenterNetTargets(pair, inputWidth: 512, inputHeight: 512, classes: 1)

// Where two bumps of one class meet, the map keeps the larger value, not the sum.
if let a = targets.objects[0], let b = targets.objects[1] {
    let halfway = (a.cellX + b.cellX) / 2
    let fromA = GaussianKernel(radius: a.drawnRadius).value(dx: halfway - a.cellX, dy: 0)
    let fromB = GaussianKernel(radius: b.drawnRadius).value(dx: halfway - b.cellX, dy: 0)
    print("centres", a.cellX, b.cellX, "row", a.cellY)
    print("halfway: map", targets.heatmaps[0][halfway, a.cellY], "sum", fromA + fromB)
}
