import FCOS
import Foundation
import Testing

@testable import Annotations

/// The cases of the fuzzing campaign (issue 14) that crashed, stalled or exhausted memory, each
/// now an ordinary one-line problem within the documented limits.
@Suite("Hostile inputs: crashes, stalls and limits")
struct HostileInputTests {
    func voc(_ text: String) throws -> ReadResult { try voc(Array(text.utf8)) }

    func voc(_ bytes: [UInt8]) throws -> ReadResult {
        try VOCReader.decode(Data(bytes), file: "a.xml", id: 1, fallbackName: "a.jpg")
    }

    /// The single problem a one-file read reported.
    func vocProblem(_ bytes: [UInt8]) throws -> String {
        let result = try voc(bytes)
        #expect(result.dataset.images.isEmpty)
        #expect(result.problems.count == 1)
        return result.problems.first.map { "\($0)" } ?? "no problem"
    }

    func vocFile(width: String, height: String, box: String = "") -> String {
        """
        <annotation><size><width>\(width)</width><height>\(height)</height></size>
        <object><name>cat</name><bndbox>\(box)</bndbox></object></annotation>
        """
    }

    @Test("VOC nested 37 500 levels deep: refused at the depth limit, no stack overflow")
    func deepNesting() throws {
        let text = String(repeating: "<a>", count: 37_500) + String(repeating: "</a>", count: 37_500)
        let problem = try vocProblem(Array(text.utf8))
        #expect(
            problem
                == "a.xml: malformed XML at line 1, column 193: elements nested deeper than 64 (the limit)")
        // 64 levels are still read.
        let deepest = String(repeating: "<a>", count: 64) + String(repeating: "</a>", count: 64)
        #expect(try voc(Array(deepest.utf8)).problems.map(\.problem) == ["missing <size>"])
    }

    @Test("VOC with invalid UTF-8 in a name: a bad record, not a trap inside XMLParser")
    func invalidUTF8() throws {
        let bytes: [UInt8] = Array("<a b".utf8) + [0xFF] + Array("=\"1\"/>".utf8)
        #expect(bytes.count == 11)
        #expect(
            try vocProblem(bytes) == "a.xml: malformed XML at line 1, column 5: invalid UTF-8 (byte 0xFF)")
        let inText =
            Array("<annotation>\n<filename>".utf8) + [0xC3, 0x28] + Array("</filename></annotation>".utf8)
        #expect(
            try vocProblem(inText) == "a.xml: malformed XML at line 2, column 11: invalid UTF-8 (byte 0xC3)")
    }

    @Test("VOC internal entities are refused at once, however many references follow")
    func internalEntities() throws {
        let entity = String(repeating: "x", count: 50_000)
        let text =
            "<!DOCTYPE annotation [<!ENTITY e \"\(entity)\">]>\n<annotation>"
            + String(repeating: "&e;", count: 400_000) + "</annotation>"
        let clock = ContinuousClock()
        let start = clock.now
        let problem = try vocProblem(Array(text.utf8))
        #expect(clock.now - start < .seconds(2))  // was 15 s through XMLParser
        #expect(
            problem.hasPrefix("a.xml: malformed XML at line 1, column 22: a <!DOCTYPE> with declarations"))
        // An entity that is not one of XML's five is undefined here.
        #expect(
            try vocProblem(Array("<annotation>&e;</annotation>".utf8))
                == "a.xml: malformed XML at line 1, column 13: undefined entity &e; (VOC files use none but the five predefined ones)"
        )
        // A DOCTYPE without declarations (as some VOC writers emit) is fine, and so are the five.
        let plain = try voc(
            "<!DOCTYPE annotation SYSTEM \"voc.dtd\"><annotation><filename>a&amp;b&#x41;.jpg</filename>"
                + "<size><width>10</width><height>10</height></size></annotation>")
        #expect(plain.dataset.images.map(\.fileName) == ["a&bA.jpg"])
    }

    @Test("VOC <size> of 1e17 × 1e17 and Int.max: refused at the side limit, no overflow")
    func hugeSizes() throws {
        let box = "<xmin>1</xmin><ymin>1</ymin><xmax>9223372036854775807</xmax><ymax>5</ymax>"
        #expect(
            try vocProblem(Array(vocFile(width: "100000000000000000", height: "100000000000000000").utf8))
                == "a.xml: <size><width> 100000000000000000 is above the limit of 100000 px")
        #expect(
            try vocProblem(Array(vocFile(width: "9223372036854775807", height: "10", box: box).utf8))
                == "a.xml: <size><width> 9223372036854775807 is above the limit of 100000 px")
        // At the limit itself the image is read, and its out-of-image box is a bad record.
        let atLimit = try voc(vocFile(width: "100000", height: "10", box: box))
        #expect(atLimit.dataset.images.count == 1)
        #expect(atLimit.problems.map(\.record) == ["object[0] (cat)"])
    }

    @Test("Resizing and corners never trap, whatever the sizes")
    func saturatingArithmetic() {
        for rule in ResizeRule.allCases {
            for (w, h) in [(Int.max, Int.max), (1, Int.max), (Int.max, 1), (100_000_000_000_000_000, 3)] {
                let size = rule.size(width: w, height: h, minSize: Int.max, maxSize: Int.max)
                #expect(size.width >= 0 && size.height >= 0, "\(rule) \(w)×\(h)")
            }
        }
        // Below 2⁵³ the maskrcnn-benchmark rule is still Python's exact `int(size * w / h)`.
        #expect(
            ResizeRule.maskrcnnBenchmark.size(width: 640, height: 480, minSize: 800, maxSize: 1333) == (
                1066, 800
            ))
        #expect(Int(saturating: .nan) == 0)
        #expect(Int(saturating: 1e300) == .max)
        #expect(Int(saturating: -1e300) == .min)
        #expect(Int(saturating: -2.9) == -2)
        // A VOC box at Int.max on an Int.max-wide image (what the reader now refuses) still
        // converts without trapping under every data path.
        let image = AnnotatedImage(
            id: 1, fileName: "a.jpg", width: .max, height: 10,
            annotations: [
                ObjectAnnotation(
                    id: 1, categoryID: 0, categoryName: "cat",
                    box: .voc(xmin: 1, ymin: 1, xmax: Double(Int.max), ymax: 5))
            ])
        for rule in DataPath.Rule.allCases {
            let prepared = DataPath(rule: rule).prepare(image)
            #expect(prepared.width >= 0, "\(rule)")
        }
    }

    @Test("Sizes above the limit are refused by every reader and by the resize options")
    func sideLimits() throws {
        #expect(InputLimits.sideProblem("width", 100_000) == nil)
        #expect(InputLimits.sideProblem("width", 100_001) == "width 100001 is above the limit of 100000 px")
        #expect(InputLimits.resizeProblem(minSize: 800, maxSize: 1333) == nil)
        #expect(
            InputLimits.resizeProblem(minSize: 100_000_000_000_000_000, maxSize: .max)
                == "--min-size and --max-size must be at most 16384 px (the limit of a network input side)")
        #expect(InputLimits.resizeProblem(minSize: 100_000, maxSize: 200_000) != nil)
        #expect(
            InputLimits.resizeProblem(minSize: 0, maxSize: 1333)
                == "--min-size and --max-size must be positive")
        // The largest resize allowed stays inside the network-input area for any photo shape.
        let side = InputLimits.resizeSide
        #expect(InputLimits.admitsNetworkInput(width: side, height: side + 1))
        #expect(!InputLimits.admitsNetworkInput(width: .max, height: 2))
        // A PNG header may claim up to 2³¹ − 1.
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
        png += Array("IHDR".utf8) + [0x7F, 0xFF, 0xFF, 0xFF, 0, 0, 0, 1]
        #expect(
            message { try ImageHeader.size(of: Data(png), file: "big.png") }
                == "big.png: the image width 2147483647 is above the limit of 100000 px")
        // COCO: the record is skipped with the limit named.
        let coco = """
            {"images": [{"id": 1, "file_name": "a.jpg", "width": 100000000000, "height": 5}],
             "annotations": [], "categories": []}
            """
        let read = try COCOReader.decode(Data(coco.utf8), file: "i.json")
        #expect(
            read.problems.map(\.problem).first?.contains("above the limit of 100000 px") == true,
            "\(read.problems)")
    }

    @Test("Scenes beyond the network-input area are refused before any target is computed")
    func sceneArea() throws {
        func scene(_ w: Int, _ h: Int) -> String {
            message {
                try SceneFile.decode(
                    JSONValue.parse(
                        Data("{\"image\": {\"width\": \(w), \"height\": \(h)}, \"boxes\": []}".utf8),
                        file: "s.json"))
            }
        }
        #expect(
            scene(50_000, 50_000)
                == "s.json: image.width: image size 50000×50000 is above the limit of 400000000 px² for a network input"
        )
        #expect(scene(100_000, 100_000).contains("above the limit of 400000000 px²"))
        #expect(scene(100_001, 5).contains("above the limit of 100000 px per side"))
        #expect(scene(20_000, 20_000) == "no error")
    }

    @Test("A JPEG header with 30 MB of 0xFF fill bytes is read in bulk")
    func fillBytes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // SOI, one 0xFF, 30 MB of fill, then SOF0 with height 48 and width 64.
        var bytes: [UInt8] = [0xFF, 0xD8, 0xFF]
        bytes += [UInt8](repeating: 0xFF, count: 30_000_000)
        bytes += [0xC0, 0x00, 0x11, 0x08, 0x00, 0x30, 0x00, 0x40]
        let file = folder.appendingPathComponent("fill.jpg")
        try Data(bytes).write(to: file)
        let clock = ContinuousClock()
        let start = clock.now
        let size = try ImageHeader.size(ofFileAt: file.path)
        #expect(clock.now - start < .seconds(3))  // was 27 s, one read per byte
        #expect(size == (64, 48))
        #expect(try ImageHeader.size(of: Data(bytes), file: "fill.jpg") == (64, 48))
        // Fill bytes running to the end of the file: cut short, said so.
        #expect(
            message {
                try ImageHeader.size(
                    of: Data([0xFF, 0xD8] + [UInt8](repeating: 0xFF, count: 5000)), file: "f.jpg")
            }
                == "f.jpg: JPEG ends before its frame header")
    }

    @Test("Reading through the buffer gives the same sizes as before on the fixtures")
    func headerFixtures() throws {
        for name in ["tiny.jpg", "exif.jpg", "tiny.png"] {
            let path = Fixtures.path("images/" + name)
            let fromFile = try ImageHeader.size(ofFileAt: path)
            let fromMemory = try ImageHeader.size(
                of: Data(contentsOf: URL(fileURLWithPath: path)), file: name)
            #expect(fromFile == fromMemory, "\(name)")
        }
    }

    @Test("YOLO values that overflow to infinity or NaN are bad records")
    func yoloOverflow() {
        let image = YOLOReader.decode(
            Data("0 1e308 0.5 -1e308 0.1\n0 0.5 0.5 0.2 0.2\n".utf8), file: "a.txt", id: 1,
            imageFile: "a.jpg",
            width: 640, height: 480)
        #expect(image.annotations.map(\.id) == [2])
    }
}
