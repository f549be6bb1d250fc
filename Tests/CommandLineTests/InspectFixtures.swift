import Canvas
import Foundation

/// A folder per test holding a small COCO data set whose photos are the JPEG fixtures of
/// `Tests/PhotosTests/Fixtures`, removed afterwards.
struct InspectFixture: ~Copyable {
    let root: String

    static let photoFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("PhotosTests/Fixtures").path

    /// `../shared/data` beside the repository, where the real COCO subsets live (may be absent).
    static let sharedData = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/data").path

    static var hasSharedData: Bool {
        FileManager.default.fileExists(atPath: sharedData + "/coco-merged/instances.json")
    }

    init() throws {
        root =
            FileManager.default.temporaryDirectory.appendingPathComponent("InspectTests-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: root + "/images", withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func path(_ name: String) -> String { root + "/" + name }

    /// Copies a photo fixture into `images/`, cut to `keeping` bytes when given.
    func addPhoto(_ fixture: String, as name: String, keeping: Int? = nil) throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.photoFixtures + "/" + fixture))
        try (keeping.map { bytes.prefix($0) } ?? bytes).write(
            to: URL(fileURLWithPath: path("images/" + name)))
    }

    /// Writes `instances.json` with `images` as `(id, file, width, height, boxes [x, y, w, h])`.
    func writeCOCO(_ images: [(id: Int, file: String, width: Int, height: Int, boxes: [[Double]])]) throws {
        var imageRecords: [String] = []
        var annotations: [String] = []
        var next = 1
        for image in images {
            imageRecords.append(
                "{\"id\": \(image.id), \"file_name\": \"\(image.file)\", \"width\": \(image.width), \"height\": \(image.height)}"
            )
            for box in image.boxes {
                annotations.append(
                    "{\"id\": \(next), \"image_id\": \(image.id), \"category_id\": 1, \"bbox\": [\(box.map { "\($0)" }.joined(separator: ", "))], \"area\": \(box[2] * box[3]), \"iscrowd\": 0}"
                )
                next += 1
            }
        }
        let json = """
            {"images": [\(imageRecords.joined(separator: ", "))],
             "annotations": [\(annotations.joined(separator: ", "))],
             "categories": [{"id": 1, "name": "thing"}]}
            """
        try Data(json.utf8).write(to: URL(fileURLWithPath: path("instances.json")))
    }

    /// Every file below the root, relative to it.
    var files: [String] {
        (FileManager.default.subpaths(atPath: root) ?? []).sorted()
    }
}
