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

// Lines 8–10: the box's own threshold from its candidates' IoUs, all levels pooled.
// v_g is the sample standard deviation (÷ n − 1), as PyTorch's std computes it.
for story in assignment.boxes {
    let name = boxes[story.groundTruth].name ?? ""
    print(
        name, "m_g", story.mean ?? .nan, "v_g", story.standardDeviation ?? .nan, "t_g",
        story.threshold ?? .nan)
}

// Lines 11–15: a candidate is positive when IoU ≥ t_g and its anchor centre is inside the box.
for story in assignment.boxes {
    let levels = story.levels.filter { $0.positiveCount > 0 }.map {
        "\($0.map.level.name) \($0.positiveCount)"
    }
    print(boxes[story.groundTruth].name ?? "", story.positiveCount, "positives:", levels)
}
