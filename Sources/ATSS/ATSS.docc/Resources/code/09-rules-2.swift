import ATSS
import FCOS

// Two heavily overlapping boxes on a 512 × 512 image.
let pair = [
    GroundTruth(box: Box(x0: 150, y0: 140, x1: 300, y1: 330), name: "left"),
    GroundTruth(box: Box(x0: 190, y0: 160, x1: 350, y1: 340), name: "right"),
]
let duel = ATSSPreset.atss.assigner.assign(pair, imageWidth: 512, imageHeight: 512)
print("t_g", duel.boxes.map { $0.threshold ?? .nan })

// An anchor that passes for both goes to the box it overlaps most.
for story in duel.boxes {
    for candidate in story.candidates {
        if case .lostToHigherIoU(let winner, let iou) = candidate.verdict {
            print(pair[story.groundTruth].name ?? "", "loses", candidate.center, "IoU", candidate.iou)
            print("to", pair[winner].name ?? "", "IoU", iou)
        }
    }
}
