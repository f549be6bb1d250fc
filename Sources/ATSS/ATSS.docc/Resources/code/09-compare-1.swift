import ATSS
import FCOS

// The tennis scene of lessons 1 and 9, in image pixels: corners (x0, y0, x1, y1).
let boxes = [
    GroundTruth(box: Box(x0: 380, y0: 110, x1: 700, y1: 790), name: "person"),
    GroundTruth(box: Box(x0: 590, y0: 150, x1: 760, y1: 370), name: "tennis racket"),
    GroundTruth(box: Box(x0: 800, y0: 120, x1: 832, y1: 152), name: "sports ball"),
]

// The same scene under FCOS's size gate and under ATSS's threshold.
let fcos = Preset.official.matcher.assign(boxes, imageWidth: 1066, imageHeight: 800)
let atss = ATSSPreset.atss.assigner.assign(boxes, imageWidth: 1066, imageHeight: 800)
print("FCOS", fcos.positiveCount, "positives:", fcos.positivesPerGroundTruth)
print("ATSS", atss.positiveCount, "positives:", atss.positivesPerGroundTruth)

// Per box and level: FCOS keeps every location inside the box whose m suits the level.
for (g, box) in boxes.enumerated() {
    let fcosLevels = fcos.levels.map { level in level.matched.filter { $0 == Int32(g) }.count }
    print(box.name ?? "", "FCOS", fcosLevels, "ATSS", atss.boxes[g].positivesPerLevel)
}
