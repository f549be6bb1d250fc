import FCOS

/// A small seeded generator so random scenes are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func box(_ x0: Float, _ y0: Float, _ x1: Float, _ y1: Float) -> GroundTruth {
    GroundTruth(box: Box(x0: x0, y0: y0, x1: x1, y1: y1))
}

extension Assignment {
    /// The matched box at pixel location `(x, y)` on the level named `level`, or `nil` when no
    /// location of that level sits there.
    func matched(level name: String, x: Float, y: Float) -> Int32? {
        guard let level = levels.first(where: { $0.map.level.name == name }) else { return nil }
        for index in 0..<level.map.count where level.map.location(at: index) == Point(x: x, y: y) {
            return level.matched[index]
        }
        return nil
    }

    func positives(level name: String) -> Int {
        levels.first { $0.map.level.name == name }?.positiveCount ?? -1
    }
}

/// Random scenes whose coordinates often land exactly on grid lines, half-cells and equal
/// areas, where the matchers' boundary decisions are most fragile.
func randomScene(_ rng: inout SplitMix64, width: Int, height: Int, boxes: Int) -> [GroundTruth] {
    (0..<boxes).map { _ in
        let snap = Bool.random(using: &rng)
        func coordinate(_ limit: Int) -> Float {
            snap
                ? Float(Int.random(in: 0...(limit / 4), using: &rng) * 4)
                : Float.random(in: 0...Float(limit), using: &rng)
        }
        let x0 = coordinate(width)
        let y0 = coordinate(height)
        let side = Float(Int.random(in: 0...3, using: &rng) == 0 ? 8 : 1)
        let w =
            snap ? Float(Int.random(in: 0...60, using: &rng)) * side : Float.random(in: 0...500, using: &rng)
        let h =
            snap ? Float(Int.random(in: 0...60, using: &rng)) * side : Float.random(in: 0...500, using: &rng)
        return GroundTruth(
            box: Box(x0: x0, y0: y0, x1: x0 + w, y1: y0 + h), label: Int.random(in: 0..<3, using: &rng),
            isCrowd: Int.random(in: 0..<20, using: &rng) == 0)
    }
}
