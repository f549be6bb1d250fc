import ATSS
import FCOS

// The tennis scene of lessons 1 and 9, in image pixels: corners (x0, y0, x1, y1).
let boxes = [
    GroundTruth(box: Box(x0: 380, y0: 110, x1: 700, y1: 790), name: "person"),
    GroundTruth(box: Box(x0: 590, y0: 150, x1: 760, y1: 370), name: "tennis racket"),
    GroundTruth(box: Box(x0: 800, y0: 120, x1: 832, y1: 152), name: "sports ball"),
]

// FCOS's center sampling (official-imprv) keeps locations within 1.5 strides of the box centre:
// ATSS's distance rule without its threshold. The level still comes from FCOS's size table.
let sampled = Preset.officialImprv.matcher.assign(boxes, imageWidth: 1066, imageHeight: 800)
print("center sampling", sampled.positiveCount, "positives:", sampled.positivesPerGroundTruth)

// mmdetection's ATSS: anchor centres at j·s instead of j·s + s/2, continuous IoU without the +1.
let authors = ATSSPreset.atss.assigner.assign(boxes, imageWidth: 1066, imageHeight: 800)
let mmdet = ATSSPreset.atssMmdet.assigner.assign(boxes, imageWidth: 1066, imageHeight: 800)
for (a, b) in zip(authors.boxes, mmdet.boxes) {
    print(
        boxes[a.groundTruth].name ?? "", "t_g", a.threshold ?? .nan, "→", b.threshold ?? .nan,
        "positives per level", a.positivesPerLevel, "→", b.positivesPerLevel)
}
