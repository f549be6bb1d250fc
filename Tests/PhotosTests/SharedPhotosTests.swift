import Foundation
import Photos
import Testing

/// `../shared/data` beside the repository, located from this file; the suite is skipped without it.
let sharedData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data").path

@Suite(
    "Photos: the real COCO photos in shared/data",
    .enabled(if: FileManager.default.fileExists(atPath: sharedData + "/coco-merged/instances.json")))
struct SharedPhotosTests {
    @Test("Every photo of coco-merged decodes, at the size its annotations give")
    func everyPhoto() throws {
        let folder = sharedData + "/coco-merged"
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/instances.json"))
        let root = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let images = try #require(root["images"] as? [[String: Any]])
        #expect(images.count > 500)
        var failures: [String] = []
        for image in images {
            guard let name = image["file_name"] as? String, let width = image["width"] as? Int,
                let height = image["height"] as? Int
            else {
                failures.append("bad record \(image)")
                continue
            }
            do {
                let pixels = try JPEGDecoder.decode(path: folder + "/" + name)
                if pixels.width != width || pixels.height != height {
                    failures.append(
                        "\(name): \(pixels.width)×\(pixels.height), annotations say \(width)×\(height)")
                }
            } catch {
                failures.append(error.description)
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }
}
