import Canvas
import Testing

@Suite struct PaletteTests {
    @Test func categoricalColoursAreDistinct() {
        let colors = Palette.categoricalColors
        #expect(colors.count >= 12)
        #expect(Set(colors.map(\.hexString)).count == colors.count)
        // Pairwise far apart in 8-bit RGB, not merely unequal.
        for (i, a) in colors.enumerated() {
            for b in colors[(i + 1)...] {
                let (p, q) = (a.bytes, b.bytes)
                let distance =
                    abs(Int(p.red) - Int(q.red)) + abs(Int(p.green) - Int(q.green))
                    + abs(Int(p.blue) - Int(q.blue))
                #expect(distance > 60, "\(a.hexString) vs \(b.hexString)")
            }
        }
        #expect(!colors.contains(.black))
    }

    @Test func categoricalIndicesWrapAround() {
        let count = Palette.categoricalColors.count
        #expect(Palette.categorical(0) == Color(hex: 0x0072B2))
        #expect(Palette.categorical(count) == Palette.categorical(0))
        #expect(Palette.categorical(-1) == Palette.categorical(count - 1))
    }

    @Test func viridisRunsFromPurpleToYellowAndGetsBrighter() {
        #expect(Palette.viridis(0).hexString == "#440154")
        #expect(Palette.viridis(1).hexString == "#fde725")
        #expect(Palette.viridis(-3) == Palette.viridis(0))
        #expect(Palette.viridis(7) == Palette.viridis(1))
        #expect(Palette.viridis(.nan) == Palette.viridis(0))
        let luminances = (0...20).map { Palette.viridis(Double($0) / 20).relativeLuminance }
        #expect(luminances == luminances.sorted())
    }

    @Test func hexParsingAndFormattingRoundTrip() {
        #expect(Color(hexString: "#0072B2") == Color(hex: 0x0072B2))
        #expect(Color(hexString: "0072b280")?.bytes.alpha == 0x80)
        #expect(Color(hexString: "#12") == nil)
        #expect(Color(hex: 0xD55E00).hexString == "#d55e00")
        #expect(Color(hex: 0xD55E00, alpha: 0.5).cssString == "rgba(213, 94, 0, 0.5)")
    }
}
