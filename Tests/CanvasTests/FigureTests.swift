import Canvas
import Foundation
import Testing

@Suite struct FigureTests {
    @Test func filledRectInteriorHasItsColourAndOutsideIsWhite() throws {
        let blue = Color(hex: 0x0072B2)
        let image = try Figure(width: 100, height: 80).render { ctx in
            ctx.fillRect(CGRect(x: 20, y: 10, width: 40, height: 30), blue)
        }
        #expect(image.width == 100 && image.height == 80)
        #expect(image.pixel(x: 40, y: 25).isClose(to: blue))
        #expect(image.pixel(x: 20, y: 10).isClose(to: blue))
        #expect(image.pixel(x: 59, y: 39).isClose(to: blue))
        #expect(image.pixel(x: 60, y: 25).isClose(to: .white))
        #expect(image.pixel(x: 5, y: 5) == Pixel(red: 255, green: 255, blue: 255))
    }

    @Test func translucentFillCompositesOverTheBackground() throws {
        let fill = Color(hex: 0xD55E00, alpha: 0.3)
        let image = try Figure(width: 20, height: 20).render { ctx in
            ctx.fillRect(ctx.bounds, fill)
        }
        #expect(image.pixel(x: 10, y: 10).isClose(to: fill.composited(over: .white)))
    }

    @Test func transparentBackgroundStaysTransparent() throws {
        let image = try Figure(width: 10, height: 10, background: nil).render { _ in }
        #expect(image.pixel(x: 5, y: 5).alpha == 0)
    }

    @Test(arguments: FileFormat.allCases)
    func writesEachFormatWithItsMagicBytes(format: FileFormat) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("nested/figure.\(format.fileExtension)")
        try Figure(width: 120, height: 90).write(toPath: path) { ctx in
            ctx.fillRect(CGRect(x: 10, y: 10, width: 50, height: 40), Palette.categorical(0))
            ctx.drawText("l = 42", at: CGPoint(x: 60, y: 70), font: .regular(14))
        }
        let bytes = try readBytes(path)
        #expect(bytes.count > 100)
        switch format {
        case .png:
            #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        case .svg:
            let head = String(decoding: bytes.prefix(200), as: UTF8.self)
            #expect(head.hasPrefix("<?xml") || head.hasPrefix("<svg"))
            #expect(head.contains("width=\"120px\""))
        case .pdf:
            #expect(bytes.starts(with: Array("%PDF".utf8)))
        }
        #expect(directory.leftoverTemporaries(in: directory.path("nested")).isEmpty)
    }

    @Test func writtenPNGCanBeProbed() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("probe.png")
        let green = Color(hex: 0x009E73)
        try Figure(width: 64, height: 48).write(to: URL(fileURLWithPath: path)) { ctx in
            ctx.fillCircle(center: CGPoint(x: 32, y: 24), radius: 10, green)
        }
        let image = try RasterImage(contentsOfPNG: path)
        #expect(image.width == 64 && image.height == 48)
        #expect(image.pixel(x: 32, y: 24).isClose(to: green))
        #expect(image.pixel(x: 2, y: 2).isClose(to: .white))
    }

    @Test(arguments: FileFormat.allCases)
    func encodesInMemoryWithoutTouchingDisk(format: FileFormat) throws {
        let bytes = try Figure(width: 40, height: 30).encoded(as: format) { ctx in
            ctx.strokeRect(CGRect(x: 5, y: 5, width: 20, height: 10), .black)
        }
        let magic: [UInt8] =
            switch format {
            case .png: [0x89, 0x50, 0x4E, 0x47]
            case .svg: Array("<?xml".utf8)
            case .pdf: Array("%PDF".utf8)
            }
        #expect(bytes.starts(with: magic))
    }

    @Test func formatComesFromTheExtensionOrIsRejected() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: CanvasError.self) {
            try Figure(width: 10, height: 10).write(toPath: directory.path("figure.gif")) { _ in }
        }
        try Figure(width: 10, height: 10).write(toPath: directory.path("figure.data"), format: .pdf) { _ in }
        #expect(try readBytes(directory.path("figure.data")).starts(with: Array("%PDF".utf8)))
        #expect(FileFormat(pathExtension: "SVG") == .svg)
    }

    @Test func errorsFromTheDrawingClosurePropagateAndLeaveNothingBehind() throws {
        struct Boom: Error {}
        let directory = try TemporaryDirectory()
        let path = directory.path("figure.png")
        #expect(throws: Boom.self) {
            try Figure(width: 10, height: 10).write(toPath: path) { _ in throw Boom() }
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(directory.leftoverTemporaries().isEmpty)
    }

    @Test func cairoErrorsInsideTheClosureAreReported() throws {
        #expect(throws: CanvasError.self) {
            _ = try Figure(width: 10, height: 10).render { ctx in
                ctx.restore()  // unbalanced: Cairo records "invalid restore()"
            }
        }
    }

    @Test func oversizedFigureThrowsInsteadOfCrashing() {
        #expect(throws: CanvasError.self) {
            _ = try Figure(width: 100_000, height: 10).render { _ in }
        }
    }
}
