import FCOS

// The tennis scene of lesson 1, with the scene file's class labels.
let boxes = [
    GroundTruth(box: Box(x0: 380, y0: 110, x1: 700, y1: 790), label: 1, name: "person"),
    GroundTruth(box: Box(x0: 590, y0: 150, x1: 760, y1: 370), label: 43, name: "tennis racket"),
    GroundTruth(box: Box(x0: 800, y0: 120, x1: 832, y1: 152), label: 37, name: "sports ball"),
]
let assignment = Preset.official.matcher.assign(boxes, imageWidth: 1066, imageHeight: 800)

// The flat targets, P3 first, row by row.
var classTargets: [Int] = []
var regressionTargets: [LTRB] = []
var locations: [Point] = []
var strides: [Float] = []
for level in assignment.levels {
    for index in 0..<level.map.count {
        let g = Int(level.matched[index])
        classTargets.append(g >= 0 ? boxes[g].label : -1)
        regressionTargets.append(level.ltrb[index])
        locations.append(level.map.location(at: index))
        strides.append(Float(level.map.stride))
    }
}

// A made-up head: every class at the prior p = 0.01 (logit −log(99) ≈ −4.595), centerness
// at 0.5, and distances that are exactly the targets.
let classCount = 80
let inputs = FCOSLossInputs(
    classTargets: classTargets, regressionTargets: regressionTargets,
    classLogits: [Float](repeating: -4.59512, count: classTargets.count * classCount),
    regression: regressionTargets, centernessLogits: [Float](repeating: 0, count: classTargets.count),
    locations: locations, strides: strides, classCount: classCount)

// Every sum and every divisor of the official loss.
let terms = FCOSLoss.breakdown(inputs, rules: Preset.official.loss)
print("N_pos", terms.positiveCount, "Σ ctr*", terms.centernessTargetSum)
print("L_cls", terms.value.classification, "L_reg", terms.value.regression, "L_ctr", terms.value.centerness)
