import Canvas
import Foundation
import Testing

@Suite struct DrawingTests {
    @Test func dashedRectangleHasGapsAlongItsEdge() throws {
        let red = Color(hex: 0xD55E00)
        let image = try Figure(width: 200, height: 100).render { ctx in
            ctx.setAntialiasing(false)
            ctx.strokeRect(
                CGRect(x: 10, y: 10, width: 180, height: 80), red,
                style: StrokeStyle(width: 2, dash: [10, 10]))
        }
        // The top edge covers y 9...10; walk along it and count painted vs. blank pixels.
        let painted = (10..<190).filter { image.pixel(x: $0, y: 10).isClose(to: red) }.count
        #expect(painted > 60 && painted < 120)
        #expect(image.pixel(x: 15, y: 10).isClose(to: red))
        #expect(image.pixel(x: 25, y: 10).isClose(to: .white))
    }

    @Test func strokeAndFillUseTheirOwnColours() throws {
        let fill = Color(hex: 0x56B4E9)
        let stroke = Color(hex: 0x0072B2)
        let image = try Figure(width: 60, height: 60).render { ctx in
            ctx.setAntialiasing(false)
            ctx.beginPath()
            ctx.addPolygon([
                CGPoint(x: 10, y: 10), CGPoint(x: 50, y: 10), CGPoint(x: 50, y: 50), CGPoint(x: 10, y: 50),
            ])
            ctx.fillAndStroke(fill: fill, stroke: stroke, style: .solid(4))
        }
        #expect(image.pixel(x: 30, y: 30).isClose(to: fill))
        #expect(image.pixel(x: 30, y: 10).isClose(to: stroke))
    }

    @Test func savedStateUndoesTransformsAndClips() throws {
        let black = Color.black
        let image = try Figure(width: 40, height: 40).render { ctx in
            ctx.withSavedState {
                ctx.translate(x: 20, y: 20)
                ctx.clip(to: CGRect(x: 0, y: 0, width: 5, height: 5))
                ctx.fillRect(CGRect(x: -20, y: -20, width: 40, height: 40), black)
            }
            ctx.fillRect(CGRect(x: 0, y: 0, width: 5, height: 5), black)
        }
        #expect(image.pixel(x: 22, y: 22).isClose(to: black))
        #expect(image.pixel(x: 18, y: 18).isClose(to: .white))
        #expect(image.pixel(x: 27, y: 27).isClose(to: .white))
        #expect(image.pixel(x: 2, y: 2).isClose(to: black))
    }

    @Test func arrowReachesItsTipButNotBeyond() throws {
        let color = Color(hex: 0x009E73)
        let image = try Figure(width: 100, height: 40).render { ctx in
            ctx.drawArrow(
                from: CGPoint(x: 10, y: 20), to: CGPoint(x: 80, y: 20), color, style: ArrowStyle(width: 2))
        }
        #expect(image.pixel(x: 40, y: 20).isClose(to: color))
        #expect(image.pixel(x: 76, y: 20).isClose(to: color))
        #expect(image.pixel(x: 83, y: 20).isClose(to: .white))
        // The head is wider than the shaft.
        #expect(image.pixel(x: 72, y: 22).isClose(to: color, tolerance: 40))
        #expect(image.pixel(x: 40, y: 23).isClose(to: .white))
    }

    @Test func circleIsFilledInsideOnly() throws {
        let color = Color(hex: 0xCC79A7)
        let image = try Figure(width: 50, height: 50).render { ctx in
            ctx.fillCircle(center: CGPoint(x: 25, y: 25), radius: 10, color)
        }
        #expect(image.pixel(x: 25, y: 25).isClose(to: color))
        #expect(image.pixel(x: 25, y: 17).isClose(to: color))
        #expect(image.pixel(x: 33, y: 33).isClose(to: .white))
    }

    @Test func evenOddRuleCutsHoles() throws {
        let image = try Figure(width: 50, height: 50).render { ctx in
            ctx.beginPath()
            ctx.addCircle(center: CGPoint(x: 25, y: 25), radius: 20)
            ctx.addCircle(center: CGPoint(x: 25, y: 25), radius: 8)
            ctx.fill(.black, rule: .evenOdd)
        }
        #expect(image.pixel(x: 25, y: 25).isClose(to: .white))
        #expect(image.pixel(x: 25, y: 10).isClose(to: .black))
    }

    @Test func scaledImageWithNearestFilterKeepsSharpCells() throws {
        let cells = try RasterImage(width: 2, height: 1) { x, _ in x == 0 ? .black : Palette.viridis(1) }
        let image = try Figure(width: 40, height: 20).render { ctx in
            ctx.draw(cells, in: CGRect(x: 0, y: 0, width: 40, height: 20), filter: .nearest)
        }
        #expect(image.pixel(x: 19, y: 10).isClose(to: .black))
        #expect(image.pixel(x: 20, y: 10).isClose(to: Palette.viridis(1)))
        #expect(image.pixel(x: 0, y: 0).isClose(to: .black))
        #expect(image.pixel(x: 39, y: 19).isClose(to: Palette.viridis(1)))
    }

    @Test func nearestScalingSurvivesInSVG() throws {
        let cells = try RasterImage(width: 2, height: 1) { x, _ in x == 0 ? .black : .white }
        let svg = try Figure(width: 40, height: 20).encoded(as: .svg) { ctx in
            ctx.draw(cells, in: CGRect(x: 0, y: 0, width: 40, height: 20), filter: .nearest)
        }
        // The embedded bitmap is enlarged to the drawn size, so browsers have nothing to smooth.
        #expect(String(decoding: svg, as: UTF8.self).contains("<image id=\"image"))
        #expect(String(decoding: svg, as: UTF8.self).contains("width=\"40\" height=\"20\""))
    }
}
