import Keypoints

// The racket on the 128 × 128 output is 20.41 × 26.42 cells; the radius sees ⌈h⌉ = 27, ⌈w⌉ = 21.
let cases: [(RadiusFormula, Double)] = [(.original, 0.7), (.corrected, 0.7), (.corrected, 0.3)]
for (formula, minOverlap) in cases {
    let radius = GaussianRadius(height: 27, width: 21, minOverlap: minOverlap, formula: formula)
    print(formula, minOverlap, "roots", radius.r1, radius.r2, radius.r3)
    print("  r =", radius.value, "from case", radius.limitingCase, "drawn", radius.truncated)
}
