import FCOS

// The tennis scene of lesson 1, with the scene file's class labels.
let boxes = [
    GroundTruth(box: Box(x0: 380, y0: 110, x1: 700, y1: 790), label: 1, name: "person"),
    GroundTruth(box: Box(x0: 590, y0: 150, x1: 760, y1: 370), label: 43, name: "tennis racket"),
    GroundTruth(box: Box(x0: 800, y0: 120, x1: 832, y1: 152), label: 37, name: "sports ball"),
]
let assignment = Preset.official.matcher.assign(boxes, imageWidth: 1066, imageHeight: 800)

// Per level, an H × W map of classes, four of distances and one of centerness targets.
for level in assignment.levels {
    print(level.map.level.name, level.map.height, "×", level.map.width, level.positiveCount, "positives")
}

// Every reference flattens before the loss: level by level, P3 first, each row by row, so the
// location (i, j) of a level becomes k = offset + i · W + j.
var offsets: [Int] = []
var count = 0
for level in assignment.levels {
    offsets.append(count)
    count += level.map.height * level.map.width
}
print("offsets", offsets, "locations", count)
