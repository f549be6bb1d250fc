import ATSS
import FCOS
import Keypoints

// The tennis scene of lesson 1, fitted into CenterNet's 512 × 512 input.
let boxes = [
    GroundTruth(box: Box(x0: 380, y0: 110, x1: 700, y1: 790), label: 1, name: "person"),
    GroundTruth(box: Box(x0: 590, y0: 150, x1: 760, y1: 370), label: 43, name: "tennis racket"),
    GroundTruth(box: Box(x0: 800, y0: 120, x1: 832, y1: 152), label: 37, name: "sports ball"),
]
let inputBoxes = SquareInput(imageWidth: 1066, imageHeight: 800, side: 512).inputGroundTruths(boxes)

// Three heads on the same input: how many cells learn the racket (box 1) as a positive?
let fcos = Preset.official.matcher.assign(inputBoxes, imageWidth: 512, imageHeight: 512)
let atss = ATSSPreset.atss.assigner.assign(inputBoxes, imageWidth: 512, imageHeight: 512)
let centerNet = try CenterNetTargets(inputBoxes, inputWidth: 512, inputHeight: 512, classes: 44)
print("FCOS", fcos.positivesPerGroundTruth[1], "ATSS", atss.positivesPerGroundTruth[1])
print("CenterNet", centerNet.objects[1] == nil ? 0 : 1)
