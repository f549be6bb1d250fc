import ATSS
import Annotations
import FCOS
import Testing

@Suite("ATSS: the windowed candidate search equals the plain one")
struct CandidateSelectionTests {
    /// Random box centres — on integers and half-integers (where ties happen), near and beyond
    /// the borders — on both anchor conventions, k from 1 to 40.
    @Test func windowedSearchMatchesSortingEveryAnchor() {
        var rng = SeededGenerator(seed: 8)
        var ties = 0
        for trial in 0..<600 {
            let preset = trial % 2 == 0 ? ATSSPreset.atss : ATSSPreset.atssMmdet
            let w = Int.random(in: 1...700, using: &rng)
            let h = Int.random(in: 1...500, using: &rng)
            let maps = preset.rules.featureMaps(imageWidth: w, imageHeight: h)
            let margin = trial % 4 == 3 ? 800 : 40  // some centres far outside the image
            let cx = Float(Int.random(in: -margin...(2 * w + 2 * margin), using: &rng)) / 2
            let cy = Float(Int.random(in: -margin...(2 * h + 2 * margin), using: &rng)) / 2
            let k = Int.random(in: 1...40, using: &rng)
            for map in maps {
                let fast = CandidateSelection.nearest(on: map, to: Point(x: cx, y: cy), k: k)
                let plain = CandidateSelection.nearestPlain(on: map, to: Point(x: cx, y: cy), k: k)
                #expect(fast.0 == plain.0, "\(w)×\(h) centre (\(cx), \(cy)) k \(k) \(map.level.name)")
                #expect(fast.1 == plain.1)
                if fast.1 != nil { ties += 1 }
            }
        }
        #expect(ties > 100, "the trials must exercise ties")
    }

    @Test func nearestComesFirstWithRanks() {
        let map = ATSSPreset.atss.rules.featureMaps(imageWidth: 256, imageHeight: 256)[0]
        let (nearest, _) = CandidateSelection.nearest(on: map, to: Point(x: 100, y: 36), k: 9)
        // Anchors at 8j + 4: (100, 36) is itself an anchor (j = 12, i = 4).
        #expect(nearest[0] == CandidateSelection.Nearest(index: 4 * 32 + 12, distance: 0))
        #expect(nearest.map(\.distance) == nearest.map(\.distance).sorted())
    }
}
