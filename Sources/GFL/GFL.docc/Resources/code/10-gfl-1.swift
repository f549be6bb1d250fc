import ATSS
import FCOS
import GFL

// The tennis scene of lessons 1 and 10, in image pixels: corners (x0, y0, x1, y1).
let boxes = [
    GroundTruth(box: Box(x0: 380, y0: 110, x1: 700, y1: 790), name: "person"),
    GroundTruth(box: Box(x0: 590, y0: 150, x1: 760, y1: 370), name: "tennis racket"),
    GroundTruth(box: Box(x0: 800, y0: 120, x1: 832, y1: 152), name: "sports ball"),
]

// GFL assigns positives as mmdetection's ATSS does.
let preset = GFLPreset.gfl
let assignment = preset.assigner.assign(boxes, imageWidth: 1066, imageHeight: 800)

// The person's positive anchors, each with the stride of its level.
let positives = assignment.boxes[0].levels.flatMap { level in
    level.candidates.filter { $0.verdict == .positive }.map { (stride: level.map.stride, anchor: $0) }
}

// Follow the one whose anchor overlaps the person most.
if let followed = positives.max(by: { $0.anchor.iou < $1.anchor.iou }) {
    print(followed.anchor.center, "stride", followed.stride, "anchor IoU", followed.anchor.iou)
    // The regression target: the four distances to the box's sides, in strides, clamped to
    // [0, reg_max − 0.1] so that the bin above the target always exists.
    let target = GFLTargets.distance(
        from: followed.anchor.center, to: boxes[0].box, stride: Float(followed.stride),
        maximum: preset.maximum)
    print("l, t, r, b in strides:", target)
}
