import Canvas
import Foundation
import Testing

@Suite struct RasterImageTests {
    @Test func rgbBytesRoundTripThroughTheSurface() throws {
        // Width 3 makes a row 9 bytes in the buffer but 12 in the surface, so a stride bug shows.
        let width = 3
        let height = 2
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        for i in 0..<(width * height) {
            rgb[3 * i] = UInt8(10 * i)
            rgb[3 * i + 1] = UInt8(100 + i)
            rgb[3 * i + 2] = UInt8(255 - i)
        }
        let image = try RasterImage(width: width, height: height, rgb: rgb)
        #expect(image.pixel(x: 2, y: 1) == Pixel(red: 50, green: 105, blue: 250))
        #expect(image.pixel(x: 0, y: 1) == Pixel(red: 30, green: 103, blue: 252))
        let round = image.rgbaBytes()
        #expect(round.count == width * height * 4)
        #expect(Array(round[4..<8]) == [10, 101, 254, 255])
    }

    @Test func rgbaBytesKeepStraightAlpha() throws {
        let image = try RasterImage(width: 2, height: 1, rgba: [200, 100, 50, 255, 200, 100, 50, 128])
        #expect(image.pixel(x: 0, y: 0) == Pixel(red: 200, green: 100, blue: 50))
        #expect(image.pixel(x: 1, y: 0).isClose(to: Color(red8: 200, green8: 100, blue8: 50, alpha8: 128)))
    }

    @Test func wrongBufferSizeThrows() {
        #expect(throws: CanvasError.self) { try RasterImage(width: 2, height: 2, rgb: [0, 0, 0]) }
        #expect(throws: CanvasError.self) { try RasterImage(width: 0, height: 2, rgb: []) }
    }

    @Test func rasterDrawnIntoAFigureAppearsScaled() throws {
        let photo = try RasterImage(width: 1, height: 1, rgb: [0xE6, 0x9F, 0x00])
        let image = try Figure(width: 30, height: 30).render { ctx in
            ctx.draw(photo, in: CGRect(x: 10, y: 10, width: 10, height: 10))
        }
        #expect(image.pixel(x: 10, y: 10).isClose(to: Color(hex: 0xE69F00)))
        #expect(image.pixel(x: 19, y: 19).isClose(to: Color(hex: 0xE69F00)))
        #expect(image.pixel(x: 21, y: 15).isClose(to: .white))
    }

    @Test func pngRoundTripsThroughDisk() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("raster.png")
        let source = try RasterImage(width: 4, height: 3) { x, y in Palette.categorical(x + y) }
        try source.writePNG(to: path)
        let loaded = try RasterImage(contentsOfPNG: URL(fileURLWithPath: path))
        #expect(loaded.rgbaBytes() == source.rgbaBytes())
        #expect(try source.pngData().starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test func missingPNGThrows() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: CanvasError.self) { try RasterImage(contentsOfPNG: directory.path("nope.png")) }
    }

    @Test func corruptPNGThrows() throws {
        let directory = try TemporaryDirectory()
        let garbage = directory.path("garbage.png")
        try AtomicFile.write("this is not a PNG", to: garbage)
        #expect(throws: CanvasError.self) { try RasterImage(contentsOfPNG: garbage) }

        // A real PNG cut off half-way.
        let truncated = directory.path("truncated.png")
        let png = try Figure(width: 50, height: 50).encoded(as: .png) { ctx in
            ctx.fillRect(CGRect(x: 0, y: 0, width: 25, height: 25), .black)
        }
        try AtomicFile.write(png.prefix(png.count / 2), to: truncated)
        #expect(throws: CanvasError.self) { try RasterImage(contentsOfPNG: truncated) }
    }

    @Test func errorMessageNamesTheFile() throws {
        do {
            _ = try RasterImage(contentsOfPNG: "/definitely/not/here.png")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("/definitely/not/here.png"))
        }
    }
}
