import FCOS

// The tennis scene of lesson 1, with the scene file's class labels.
let boxes = [
    GroundTruth(box: Box(x0: 380, y0: 110, x1: 700, y1: 790), label: 1, name: "person"),
    GroundTruth(box: Box(x0: 590, y0: 150, x1: 760, y1: 370), label: 43, name: "tennis racket"),
    GroundTruth(box: Box(x0: 800, y0: 120, x1: 832, y1: 152), label: 37, name: "sports ball"),
]

// The loss's divisors come from the targets alone, and every preset has its own targets.
for preset in Preset.all {
    let a = preset.matcher.assign(boxes, imageWidth: 1066, imageHeight: 800)
    var centernessSum: Float = 0
    for level in a.levels {
        for index in level.matched.indices where level.matched[index] >= 0 {
            centernessSum += level.centerness[index]
        }
    }
    print(
        preset.name, "N_pos", a.positiveCount, "Σ ctr*", centernessSum, "divisors", preset.loss.normalization)
}
