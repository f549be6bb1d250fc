import FCOS

let person = GroundTruth(box: Box(x0: 380, y0: 110, x1: 700, y1: 790), name: "person")
let racket = GroundTruth(box: Box(x0: 590, y0: 150, x1: 760, y1: 370), name: "tennis racket")

// Ask the plain matcher for its reasons as well as its targets.
let assignment = Preset.official.matcher.assign(
    [person, racket], imageWidth: 1066, imageHeight: 800, explain: true)

// P5 (level index 2), the location (624, 208): inside both boxes.
let p5 = assignment.explanation?.levels[2] ?? []
if let story = p5.first(where: { $0.location == Point(x: 624, y: 208) }) {
    for verdict in story.verdicts {
        // Rule 1 holds (it is inside); Rule 2 compares m = max(l*, t*, r*, b*) with 128…256.
        print("#\(verdict.groundTruth)", verdict.ltrb, "m =", verdict.m, "gate:", verdict.passesSizeGate)
    }
    print("winner:", story.winner.map { "#\($0)" } ?? "background")
}
