import Canvas
import Foundation
import Photos
import Testing

/// The fixtures beside this file (see `Fixtures/README.md`).
func fixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        .appendingPathComponent(name).path
}

/// A fresh folder per test, removed afterwards.
struct ScratchFolder: ~Copyable {
    let path: String

    init() throws {
        path =
            FileManager.default.temporaryDirectory.appendingPathComponent("PhotosTests-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Writes the first `count` bytes of `source` (all when `nil`) to `name`.
    func copy(_ source: String, to name: String, keeping count: Int? = nil) throws -> String {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: source))
        let kept = count.map { bytes.prefix($0) } ?? bytes
        try kept.write(to: URL(fileURLWithPath: file(name)))
        return file(name)
    }
}

/// Within `tolerance` of the expected colour in every channel (JPEG is lossy).
func close(_ p: Pixel, _ r: Int, _ g: Int, _ b: Int, tolerance: Int = 6) -> Bool {
    abs(Int(p.red) - r) <= tolerance && abs(Int(p.green) - g) <= tolerance
        && abs(Int(p.blue) - b) <= tolerance
}

@Suite("Photos: JPEG through libjpeg-turbo, PNG through Cairo")
struct PhotoTests {
    @Test("A colour JPEG decodes to the right size and colours")
    func colour() throws {
        let image = try Photo.load(fixture("rgb-16x16.jpg"))
        #expect(image.width == 16 && image.height == 16)
        #expect(close(image.pixel(x: 2, y: 3), 220, 30, 40))
        #expect(close(image.pixel(x: 13, y: 12), 20, 60, 200))
        #expect(image.pixel(x: 0, y: 0).alpha == 255)
    }

    @Test("A grayscale JPEG comes out as RGB gray")
    func grayscale() throws {
        let pixels = try JPEGDecoder.decode(path: fixture("gray-16x8.jpg"))
        #expect(pixels.width == 16 && pixels.height == 8 && pixels.rgb.count == 16 * 8 * 3)
        let image = try Photo.load(fixture("gray-16x8.jpg"))
        #expect(close(image.pixel(x: 1, y: 1), 200, 200, 200))
        #expect(close(image.pixel(x: 14, y: 6), 50, 50, 50))
    }

    @Test("A CMYK JPEG (Adobe, inverted) is converted to RGB")
    func cmyk() throws {
        let image = try Photo.load(fixture("cmyk-8x8.jpg"))
        #expect(close(image.pixel(x: 4, y: 4), 0, 255, 255))
    }

    @Test("A progressive JPEG decodes")
    func progressive() throws {
        let image = try Photo.load(fixture("progressive-24x16.jpg"))
        #expect(image.width == 24 && image.height == 16)
        #expect(close(image.pixel(x: 20, y: 10), 30, 160, 90))
    }

    @Test(
        "A JPEG cut short is an error naming the file, not a crash or a gray picture",
        arguments: [40, 200, 500])
    func truncated(keeping count: Int) throws {
        let scratch = try ScratchFolder()
        let path = try scratch.copy(fixture("rgb-16x16.jpg"), to: "cut.jpg", keeping: count)
        let error = #expect(throws: PhotoError.self) { try Photo.load(path) }
        #expect(error?.path == path)
        #expect(error?.problem.hasPrefix("corrupt JPEG: ") == true)
        #expect(error?.description.contains("\n") == false)
    }

    @Test("Garbage after a JPEG signature is an error")
    func garbage() throws {
        let scratch = try ScratchFolder()
        let path = scratch.file("garbage.jpg")
        try Data([0xFF, 0xD8, 0xFF, 0xE0] + [UInt8](repeating: 0x42, count: 300)).write(
            to: URL(fileURLWithPath: path))
        let error = #expect(throws: PhotoError.self) { try Photo.load(path) }
        #expect(error?.problem.hasPrefix("corrupt JPEG") == true)
    }

    @Test("Missing, empty and non-image files are one-line errors")
    func notPhotos() throws {
        let scratch = try ScratchFolder()
        let missing = #expect(throws: PhotoError.self) { try Photo.load(scratch.file("nope.jpg")) }
        #expect(missing?.problem == "no such file")
        _ = FileManager.default.createFile(atPath: scratch.file("empty.jpg"), contents: Data())
        let empty = #expect(throws: PhotoError.self) { try Photo.load(scratch.file("empty.jpg")) }
        #expect(empty?.problem == "the file is empty")
        try Data("hello world".utf8).write(to: URL(fileURLWithPath: scratch.file("text.jpg")))
        let text = #expect(throws: PhotoError.self) { try Photo.load(scratch.file("text.jpg")) }
        #expect(text?.problem == "not a JPEG or PNG file (it starts with 68 65 6C 6C)")
        let direct = #expect(throws: PhotoError.self) {
            try JPEGDecoder.decode(path: scratch.file("nope.jpg"))
        }
        #expect(direct?.problem.contains("cannot open the file") == true)
    }

    @Test("The format comes from the bytes: a PNG named .jpg loads, a corrupt PNG is an error")
    func png() throws {
        let scratch = try ScratchFolder()
        let source = try RasterImage(width: 5, height: 4, fill: Color(hex: 0x3366CC))
        let path = scratch.file("actually-png.jpg")
        try source.writePNG(to: path)
        #expect(try Photo.format(ofFileAt: path) == .png)
        let image = try Photo.load(path)
        #expect(image.width == 5 && image.height == 4)
        #expect(close(image.pixel(x: 1, y: 1), 0x33, 0x66, 0xCC, tolerance: 0))
        let cut = try scratch.copy(path, to: "cut.png", keeping: 30)
        let error = #expect(throws: PhotoError.self) { try Photo.load(cut) }
        #expect(error?.problem.hasPrefix("corrupt PNG") == true)
    }
}
