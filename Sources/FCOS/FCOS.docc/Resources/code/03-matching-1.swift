import FCOS

let person = GroundTruth(box: Box(x0: 380, y0: 110, x1: 700, y1: 790), name: "person")
let racket = GroundTruth(box: Box(x0: 590, y0: 150, x1: 760, y1: 370), name: "tennis racket")

// Ask the plain matcher for its reasons as well as its targets.
let assignment = Preset.official.matcher.assign(
    [person, racket], imageWidth: 1066, imageHeight: 800, explain: true)
