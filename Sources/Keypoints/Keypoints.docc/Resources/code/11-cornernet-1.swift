import FCOS
import Keypoints

// The tennis scene of lesson 1, with the scene file's class labels.
let boxes = [
    GroundTruth(box: Box(x0: 380, y0: 110, x1: 700, y1: 790), label: 1, name: "person"),
    GroundTruth(box: Box(x0: 590, y0: 150, x1: 760, y1: 370), label: 43, name: "tennis racket"),
    GroundTruth(box: Box(x0: 800, y0: 120, x1: 832, y1: 152), label: 37, name: "sports ball"),
]

// CornerNet trains on 511 × 511 inputs with a 128 × 128 output: a top-left and a bottom-right
// heat map per class, a bump at each corner's cell (truncated) and the offset that truncation lost.
let square = SquareInput(imageWidth: 1066, imageHeight: 800, side: 511)
let targets = try CornerNetTargets(
    square.inputGroundTruths(boxes), inputWidth: 511, inputHeight: 511, classes: 44)
for case let object? in targets.objects {
    let (tl, br) = (object.topLeft, object.bottomRight)
    print(object.label, "top-left cell", tl.cellX, tl.cellY, "bottom-right cell", br.cellX, br.cellY)
    print("  radius", object.radius.value, "drawn", object.drawnRadius)
}
