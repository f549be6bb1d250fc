import Canvas
import Foundation
import Testing

@Suite struct TextTests {
    @Test func extentsArePositiveAndGrowWithFontSize() throws {
        var widths: [Double] = []
        var heights: [Double] = []
        _ = try Figure(width: 10, height: 10).render { ctx in
            for size in [8.0, 12, 24] {
                let extents = ctx.measure("P4 stride 16", font: .regular(size))
                #expect(extents.width > 0 && extents.ascent > 0 && extents.descent > 0)
                #expect(extents.inkBounds.width > 0 && extents.inkBounds.height > 0)
                widths.append(extents.width)
                heights.append(extents.height)
            }
        }
        #expect(widths == widths.sorted() && Set(widths).count == 3)
        #expect(heights == heights.sorted() && Set(heights).count == 3)
    }

    @Test func measuringOutsideAFigureAgreesWithAContext() throws {
        let font = Font.bold(14)
        let standalone = font.measure("centerness 0.82")
        var inContext: TextExtents?
        _ = try Figure(width: 10, height: 10).render { ctx in
            inContext = ctx.measure("centerness 0.82", font: font)
        }
        #expect(standalone == inContext)
        #expect(standalone.width > Font.regular(14).measure("centerness 0.82").width)
    }

    @Test func centredTextInkStaysInsideItsFrame() throws {
        var frame = CGRect.zero
        let image = try Figure(width: 200, height: 60).render { ctx in
            frame = ctx.drawText("Hxg 42", at: CGPoint(x: 100, y: 30), font: .regular(20), anchor: .center)
        }
        #expect(abs(frame.midX - 100) < 0.01 && abs(frame.midY - 30) < 0.01)
        let dark = inkPixels(image)
        #expect(!dark.isEmpty)
        let slack = frame.insetBy(dx: -1, dy: -1)
        #expect(dark.allSatisfy { slack.contains(CGPoint(x: Double($0.x) + 0.5, y: Double($0.y) + 0.5)) })
    }

    @Test func rotatedTextRunsVertically() throws {
        var frame = CGRect.zero
        let image = try Figure(width: 60, height: 200).render { ctx in
            frame = ctx.drawText(
                "y axis label", at: CGPoint(x: 30, y: 100), font: .regular(14), anchor: .center,
                rotation: -Double.pi / 2)
        }
        #expect(frame.height > 2 * frame.width)
        let dark = inkPixels(image)
        let ys = dark.map(\.y)
        let xs = dark.map(\.x)
        #expect(ys.max()! - ys.min()! > 3 * (xs.max()! - xs.min()!))
    }

    @Test func labelChipStaysInsideTheGivenBounds() throws {
        let style = LabelStyle.filled(Palette.categorical(1), font: .bold(12))
        var chip = CGRect.zero
        let image = try Figure(width: 120, height: 60).render { ctx in
            chip = ctx.drawLabel("person", at: CGPoint(x: 110, y: 2), style: style, within: ctx.bounds)
        }
        #expect(chip.minX >= 0 && chip.minY >= 0 && chip.maxX <= 120 && chip.maxY <= 60)
        #expect(chip.width > 20 && chip.height > 12)
        // Chip background near its left edge (away from the rounded corners and the text).
        let probe = image.pixel(x: Int(chip.minX) + 2, y: Int(chip.midY))
        #expect(probe.isClose(to: Palette.categorical(1)))
        #expect(Palette.categorical(0).readableTextColor == .white)
        #expect(Palette.okabeIto[6].readableTextColor == .black)
    }

    private func inkPixels(_ image: RasterImage) -> [(x: Int, y: Int)] {
        var dark: [(x: Int, y: Int)] = []
        for y in 0..<image.height {
            for x in 0..<image.width where image.pixel(x: x, y: y).red < 200 {
                dark.append((x, y))
            }
        }
        return dark
    }
}
