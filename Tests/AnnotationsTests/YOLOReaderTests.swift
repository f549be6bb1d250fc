import Foundation
import Testing

@testable import Annotations

@Suite("YOLO reader, names files and image headers")
struct YOLOReaderTests {
    @Test("Labels, image sizes from PNG and JPEG headers, names found beside the labels, backgrounds kept")
    func fixture() throws {
        let result = try DatasetLoader.read(Fixtures.path("yolo/labels"), strict: true)
        let d = result.dataset
        #expect(d.format == .yolo)
        #expect(d.images.map(\.id) == [1, 2, 3])
        #expect(d.images.map(\.width) == [64, 640, 32])
        #expect(d.images.map(\.height) == [48, 480, 32])
        #expect(d.images.map(\.annotations.count) == [2, 1, 0])
        #expect(d.categories == [Category(id: 0, name: "person"), Category(id: 1, name: "traffic light")])
        let first = d.images[0].annotations[0]
        #expect(first.id == 1 && first.categoryID == 0 && first.categoryName == "person")
        #expect(first.box == .yolo(centerX: 0.5, centerY: 0.5, width: 0.25, height: 0.5))
        // 64×48: centre (32, 24), size 16×24 → [24, 12, 16, 24] in COCO terms.
        let c = first.box.cocoEquivalent(imageWidth: 64, imageHeight: 48)
        #expect(c.x == 24 && c.y == 12 && c.width == 16 && c.height == 24)
        #expect(d.images[1].annotations[0].categoryName == "traffic light")
    }

    @Test("Every bad label line and image gives one line naming the file and the line")
    func problems() throws {
        let folder = Fixtures.path("yolo-bad")
        let labels = (folder as NSString).appendingPathComponent("labels")
        let names = (folder as NSString).appendingPathComponent("names.txt")
        let result = try DatasetLoader.read(labels, names: names)
        let a = (labels as NSString).appendingPathComponent("a.txt")
        let expected = [
            "\(a): line 2: 4 columns, expected 5 (class cx cy w h)",
            "\(a): line 3: class 7 is not in names.txt",
            "\(a): line 4: class 'x' is not a whole number ≥ 0",
            "\(a): line 5: cy 'abc' is not a number",
            "\(a): line 6: w is NaN",
            "\(a): line 7: zero width",
            "\(a): line 8: negative width",
            "\(a): line 9: box (81.25, 18.75)-(106.25, 31.25) leaves the 100×50 image",
            "\(a): line 10: 7 columns, expected 5 (segmentation polygons are not supported)",
            "\((labels as NSString).appendingPathComponent("b.txt")): no image b.jpg/.jpeg/.png in \(folder)/images",
            "\(folder)/images/c.jpg: not a JPEG or PNG file (cannot read its size)",
        ]
        let lines = result.problems.map(\.description)
        #expect(lines.count == expected.count)
        for (line, want) in zip(lines, expected) { #expect(line.hasPrefix(want), "\(line)") }
        #expect(result.dataset.images.map(\.fileName) == ["a.png"])
        #expect(result.dataset.boxCount == 1)
        #expect(result.skippedBoxes == 11)
        #expect(result.skippedImages == 2)
        #expect(message { try DatasetLoader.read(labels, names: names, strict: true) } == expected[0])
    }

    @Test("Names files: YAML mapping, block and flow lists, plain lines; errors name the line")
    func namesFiles() throws {
        #expect(try NamesFile.read(Fixtures.path("yolo/names.yaml")) == [0: "person", 1: "traffic light"])
        #expect(
            try NamesFile.read(Fixtures.path("names/flow.yaml")) == [
                0: "person", 1: "bicycle", 2: "traffic light",
            ])
        #expect(try NamesFile.read(Fixtures.path("names/block.yaml")) == [0: "person", 1: "bicycle"])
        #expect(
            try NamesFile.read(Fixtures.path("names/classes.txt")) == [0: "person", 1: "bicycle", 2: "car"])
        let bad = Fixtures.path("names/bad.yaml")
        #expect(
            message { try NamesFile.read(bad) }
                == "\(bad): line 3: expected 'index: name' or '- name', found 'zero: car'")
        let none = Fixtures.path("names/none.yaml")
        #expect(message { try NamesFile.read(none) } == "\(none): no top-level 'names:' entry")
    }

    @Test("Image sizes come from the PNG IHDR and the JPEG frame header, past EXIF and DHT segments")
    func headers() throws {
        #expect(try ImageHeader.size(ofFileAt: Fixtures.path("images/tiny.png")) == (3, 2))
        #expect(try ImageHeader.size(ofFileAt: Fixtures.path("images/tiny.jpg")) == (5, 4))
        #expect(try ImageHeader.size(ofFileAt: Fixtures.path("images/exif.jpg")) == (640, 427))
        let truncated = Fixtures.path("images/truncated.jpg")
        #expect(
            message { try ImageHeader.size(ofFileAt: truncated) } == "\(truncated): JPEG segment cut short")
        let gif = Fixtures.path("images/not-an-image.jpg")
        #expect(
            message { try ImageHeader.size(ofFileAt: gif) }
                == "\(gif): not a JPEG or PNG file (cannot read its size)")
        #expect(
            message { try ImageHeader.size(of: Data(), file: "empty.png") }
                == "empty.png: the file is empty or too short for an image")
        let missing = Fixtures.path("images/missing.png")
        #expect(message { try ImageHeader.size(ofFileAt: missing) } == "\(missing): cannot open the image")
    }

    @Test("The format is told from the path")
    func detection() throws {
        #expect(try DatasetLoader.detectFormat(Fixtures.path("coco/instances.json")) == .coco)
        #expect(try DatasetLoader.detectFormat(Fixtures.path("voc")) == .voc)
        #expect(try DatasetLoader.detectFormat(Fixtures.path("voc-bad")) == .voc)
        #expect(try DatasetLoader.detectFormat(Fixtures.path("yolo/labels")) == .yolo)
        let names = Fixtures.path("names/flow.yaml")
        #expect(
            message { try DatasetLoader.detectFormat(names) }
                == "\(names): cannot tell the format (a .json file is COCO); pass --input-format")
        let images = Fixtures.path("images")
        #expect(
            message { try DatasetLoader.detectFormat(images) }
                == "\(images): cannot tell the format (no .xml or .txt files in the folder); pass --input-format"
        )
    }
}
