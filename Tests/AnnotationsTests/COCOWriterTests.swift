import Foundation
import Testing

@testable import Annotations

@Suite("COCO writer")
struct COCOWriterTests {
    static let dataset = SyntheticDataset.make(images: 12, boxes: 60, seed: 3)

    /// A fresh folder per test, removed afterwards.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fcos-coco-writer-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("the file is replaced whole, reads back as the data set, and no temporary is left")
    func replacesWhole() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("instances.json").path
        try Data("old contents".utf8).write(to: URL(fileURLWithPath: path))
        let before = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        try COCOWriter.write(Self.dataset, to: path)
        #expect(FileManager.default.contents(atPath: path) == COCOWriter.encode(Self.dataset))
        // A new file moved into place (rename), not the old one rewritten in place.
        let after = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        #expect(before != after)
        let read = try COCOReader.decode(COCOWriter.encode(Self.dataset), file: path, strict: true).dataset
        #expect(read.boxCount == Self.dataset.boxCount)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["instances.json"])
    }

    @Test("a destination that cannot be replaced is named, left as it was, and no temporary is left")
    func failureLeavesNoLitter() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A non-empty folder where the file should go: rename(2) cannot replace it.
        let blocked = folder.appendingPathComponent("instances.json")
        try FileManager.default.createDirectory(at: blocked, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: blocked.appendingPathComponent("inside"))
        #expect {
            try COCOWriter.write(Self.dataset, to: blocked.path)
        } throws: { error in
            (error as? InputError)?.file == blocked.path
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["instances.json"])
        #expect(
            FileManager.default.contents(atPath: blocked.appendingPathComponent("inside").path)
                == Data("keep".utf8))
        // A missing folder: nothing is created anywhere.
        let missing = folder.appendingPathComponent("no/such/folder/instances.json").path
        #expect(throws: InputError.self) { try COCOWriter.write(Self.dataset, to: missing) }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("no").path))
    }
}
