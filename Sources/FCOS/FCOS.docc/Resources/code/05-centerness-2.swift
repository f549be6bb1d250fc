import FCOS

// Centerness (paper Eq. 3): sqrt(min(l,r)/max(l,r) · min(t,b)/max(t,b)).
let middle = LTRB(l: 80, t: 60, r: 80, b: 60)
let offCentre = LTRB(l: 34, t: 58, r: 136, b: 162)
print(Centerness.value(middle))  // 1: the centre of its box
print(Centerness.value(offCentre))

// The matcher stores the target for every positive location.
let racket = GroundTruth(box: Box(x0: 590, y0: 150, x1: 760, y1: 370), name: "tennis racket")
let assignment = Preset.official.matcher.assign([racket], imageWidth: 1066, imageHeight: 800)
for level in assignment.levels where level.positiveCount > 0 {
    let values = level.centerness.filter { $0 > 0 }
    print(level.map.level.name, "centerness from", values.min() ?? 0, "to", values.max() ?? 0)
}
