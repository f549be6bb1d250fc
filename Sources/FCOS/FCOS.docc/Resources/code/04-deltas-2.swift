import FCOS

let racket = Box(x0: 590, y0: 150, x1: 760, y1: 370)
let location = Point(x: 624, y: 208)  // a P5 location, stride 32

// The regression target: distances to the four sides, in pixels (official) ...
let pixels = RegressionDeltas.encode(racket, at: location, stride: 32)
print(pixels)  // l* 34, t* 58, r* 136, b* 162

// ... or divided by the stride (norm_on_bbox, torchvision), so every level learns similar numbers.
let strides = RegressionDeltas.encode(racket, at: location, stride: 32, units: .stride)
print(strides)
