import Canvas
import FCOS
import Figures
import Testing

@Suite struct BoxColorsTests {
    @Test func coloursFollowThePaletteAndLabelsTheirIndex() {
        #expect(BoxColors.color(forBox: 0) == Palette.categorical(0))
        #expect(BoxColors.hex(forBox: 1) == "#d55e00")
        #expect(BoxColors.label(forBox: 2, name: "sports ball") == "#2 sports ball")
        #expect(BoxColors.label(forBox: 3, name: nil) == "#3")
        #expect((0..<13).allSatisfy { BoxColors.color(forBox: $0) != BoxColors.warning })
    }
}
