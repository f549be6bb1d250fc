import ATSS
import FCOS

// The tennis scene of lessons 1 and 9, in image pixels: corners (x0, y0, x1, y1).
let boxes = [
    GroundTruth(box: Box(x0: 380, y0: 110, x1: 700, y1: 790), name: "person"),
    GroundTruth(box: Box(x0: 590, y0: 150, x1: 760, y1: 370), name: "tennis racket"),
    GroundTruth(box: Box(x0: 800, y0: 120, x1: 832, y1: 152), name: "sports ball"),
]

// The authors' rules: one 8s anchor per location, k = 9 candidates per level.
let assignment = ATSSPreset.atss.assigner.assign(boxes, imageWidth: 1066, imageHeight: 800)
for story in assignment.boxes {
    // Lines 3–6 of Algorithm 1: the k anchors whose centres are nearest the box's centre.
    let radii = story.levels.map { "\($0.map.level.name) \($0.cutoffDistance ?? 0) px" }
    print(boxes[story.groundTruth].name ?? "", story.candidateCount, "candidates; kth at", radii)
}
