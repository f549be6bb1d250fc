import FCOS

// The tennis scene of lesson 1, with the scene file's class labels.
let boxes = [
    GroundTruth(box: Box(x0: 380, y0: 110, x1: 700, y1: 790), label: 1, name: "person"),
    GroundTruth(box: Box(x0: 590, y0: 150, x1: 760, y1: 370), label: 43, name: "tennis racket"),
    GroundTruth(box: Box(x0: 800, y0: 120, x1: 832, y1: 152), label: 37, name: "sports ball"),
]
let assignment = Preset.official.matcher.assign(boxes, imageWidth: 1066, imageHeight: 800)

// m = max(l*, t*, r*, b*) is max(w, h)/2 at a box's centre and approaches max(w, h) at its sides:
// the box reaches every level whose size range meets that interval.
for box in boxes {
    let low = max(box.box.width, box.box.height) / 2
    let high = max(box.box.width, box.box.height)
    let levels = Preset.official.assignment.levels.filter {
        $0.sizeRange.upper >= low && $0.sizeRange.lower <= high
    }
    print(box.name ?? "", "m from", low, "to", high, "levels", levels.map(\.name))
}
