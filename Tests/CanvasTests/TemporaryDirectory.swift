import Foundation

/// A fresh directory per test, removed afterwards, so tests can run in parallel and never see
/// each other's files.
struct TemporaryDirectory: ~Copyable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("CanvasTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    /// Names in `directory` (default: the root) that look like our temporary files.
    func leftoverTemporaries(in directory: String? = nil) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory ?? url.path)) ?? []
        return names.filter { $0.contains(".tmp-") }
    }
}

func readBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}
