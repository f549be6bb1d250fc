import ATSS
import FCOS

// The research notes' vector D: COCO [373, 204, 36, 254] on an 800 × 800 image, read with the
// authors' inclusive-pixel convention (x1 = x + w − 1).
let thin = GroundTruth(box: Box(x0: 373, y0: 204, x1: 408, y1: 457), name: "thin")
let result = ATSSPreset.atss.assigner.assign([thin], imageWidth: 800, imageHeight: 800)
let story = result.boxes[0]
print("t_g", story.threshold ?? .nan, "positives per level", story.positivesPerLevel)

// Above the threshold, but min(l, t, r, b) ≤ 0.01: the centre test (line 12) rejects them.
for candidate in story.candidates where candidate.verdict == .centerOutside {
    print(candidate.center, "IoU", candidate.iou)
}
