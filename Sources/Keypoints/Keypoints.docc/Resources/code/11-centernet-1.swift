import FCOS
import Keypoints

// The tennis scene of lesson 1, with the scene file's class labels.
let boxes = [
    GroundTruth(box: Box(x0: 380, y0: 110, x1: 700, y1: 790), label: 1, name: "person"),
    GroundTruth(box: Box(x0: 590, y0: 150, x1: 760, y1: 370), label: 43, name: "tennis racket"),
    GroundTruth(box: Box(x0: 800, y0: 120, x1: 832, y1: 152), label: 37, name: "sports ball"),
]

// CenterNet trains on a 512 × 512 input: the 1066 × 800 scene is scaled to fit and centred.
let square = SquareInput(imageWidth: 1066, imageHeight: 800, side: 512)
let inputBoxes = square.inputGroundTruths(boxes)
print("scale", square.scale)
for g in inputBoxes { print(g.name ?? "", g.box) }
