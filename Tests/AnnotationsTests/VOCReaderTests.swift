import Foundation
import Testing

@testable import Annotations

@Suite("Pascal VOC reader")
struct VOCReaderTests {
    @Test("Sizes, names lower-cased and trimmed, difficult flags, corners as written")
    func fixture() throws {
        let result = try DatasetLoader.read(Fixtures.path("voc"), strict: true)
        let d = result.dataset
        #expect(d.format == .voc)
        #expect(d.images.map(\.id) == [1, 2])
        #expect(d.images.map(\.fileName) == ["000001.jpg", "000002.jpg"])
        #expect(d.images[0].width == 353 && d.images[0].height == 500)
        #expect(d.categories.map(\.name) == ["dog", "person", "train"])
        let objects = d.images[0].annotations
        #expect(objects.map(\.categoryName) == ["dog", "person"])
        #expect(objects.map(\.categoryID) == [0, 1])
        #expect(objects.map(\.isDifficult) == [false, true])
        #expect(objects[0].box == .voc(xmin: 48, ymin: 240, xmax: 195, ymax: 371))
    }

    @Test("A names file fixes the numbering, and a name missing from it is a problem")
    func namesFile() throws {
        let names: [Int: String] = [0: "person", 1: "dog"]
        let result = try VOCReader.read(Fixtures.path("voc"), names: names, namesFile: "names.txt")
        #expect(result.dataset.images[0].annotations.map(\.categoryID) == [1, 0])
        let file = Fixtures.path("voc/Annotations/000002.xml")
        #expect(
            result.problems.map(\.description) == [
                "\(file): object[0] (train): class 'train' is not in names.txt"
            ])
    }

    @Test("Every bad file and object gives one line naming the file and the object")
    func problems() throws {
        let folder = Fixtures.path("voc-bad")
        func file(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        let result = try VOCReader.read(folder)
        let lines = result.problems.map(\.description)
        let expected = [
            "\(file("a-malformed.xml")): malformed XML at line 4",
            "\(file("b-nosize.xml")): missing <size>",
            "\(file("c-boxes.xml")): object[1] (cat): xmax (20) is less than xmin (30)",
            "\(file("c-boxes.xml")): object[2] (cat): missing <bndbox><xmax>",
            "\(file("c-boxes.xml")): object[3] (cat): box (10, 10)-(120, 20) leaves the 100×80 image",
            "\(file("c-boxes.xml")): object[4] (cat): <ymin> 'ten' is not a number",
            "\(file("c-boxes.xml")): object[5] (cat): missing <bndbox>",
            "\(file("c-boxes.xml")): object[6]: missing <name>",
            "\(file("d-zerosize.xml")): <size><width> must be positive, found 0",
        ]
        #expect(lines.count == expected.count)
        for (line, want) in zip(lines, expected) { #expect(line.hasPrefix(want), "\(line)") }
        #expect(result.dataset.images.map(\.fileName) == ["c.jpg"])
        #expect(result.dataset.boxCount == 1)
        #expect(result.skippedImages == 3)
        #expect(result.skippedBoxes == 7)  // b's one object and c's six bad ones
        #expect(message { try VOCReader.read(folder, strict: true) }.hasPrefix(expected[0]))
    }
}
