import FCOS

// The tennis scene of lesson 1, in image pixels: corners (x0, y0, x1, y1).
let boxes = [
    GroundTruth(box: Box(x0: 380, y0: 110, x1: 700, y1: 790), name: "person"),
    GroundTruth(box: Box(x0: 590, y0: 150, x1: 760, y1: 370), name: "tennis racket"),
    GroundTruth(box: Box(x0: 800, y0: 120, x1: 832, y1: 152), name: "sports ball"),
]

// No anchors: every location of every level is a candidate, and the matcher says which box,
// if any, each one regresses.
let assignment = Preset.official.matcher.assign(boxes, imageWidth: 1066, imageHeight: 800)
for (g, count) in assignment.positivesPerGroundTruth.enumerated() {
    print(boxes[g].name ?? "#\(g)", count, "positive locations")
}

// An anchor-based detector would instead ask how well a fixed-shape anchor overlaps the box.
let anchor = Box(x0: 784, y0: 104, x1: 848, y1: 168)  // a 64 × 64 anchor centred on the ball
print("IoU of the ball with its best anchor:", intersectionOverUnion(anchor, boxes[2].box))
