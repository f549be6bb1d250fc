import FCOS

// The paper's five levels P3–P7, strides 8 to 128, on a 1066 × 800 input.
let rules = Preset.official.assignment
let maps = rules.featureMaps(imageWidth: 1066, imageHeight: 800)
for map in maps {
    print(map.level.name, "stride", map.stride, "grid", map.width, "×", map.height)
}

// Cell (i, j) stands for the image point ⌊s/2⌋ + j·s, ⌊s/2⌋ + i·s under the official code.
let p3 = maps[0]
print("first P3 locations:", (0..<3).map { p3.location(at: $0) })
