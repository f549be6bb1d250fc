import FCOS

// The paper's five levels P3–P7, strides 8 to 128, on a 1066 × 800 input.
let rules = Preset.official.assignment
let maps = rules.featureMaps(imageWidth: 1066, imageHeight: 800)
for map in maps {
    print(map.level.name, "stride", map.stride, "grid", map.width, "×", map.height)
}
