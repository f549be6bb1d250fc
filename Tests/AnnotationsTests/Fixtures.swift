import Foundation

/// Paths to the test fixtures and to the shared real data, found from this file's location so
/// the tests run from any working directory.
enum Fixtures {
    /// `Tests/AnnotationsTests/Fixtures`.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").path

    static func path(_ relative: String) -> String { (folder as NSString).appendingPathComponent(relative) }

    /// `shared/data` beside the repository (the repository root's parent), where the COCO subsets
    /// live; tests on it are skipped when it is missing.
    static let sharedData = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/data").path

    static func shared(_ relative: String) -> String {
        (sharedData as NSString).appendingPathComponent(relative)
    }

    static var hasSharedData: Bool {
        FileManager.default.fileExists(atPath: shared("coco-merged/instances.json"))
    }
}

/// The message a throwing call gives, or "no error".
func message<T>(_ body: () throws -> T) -> String {
    do {
        _ = try body()
        return "no error"
    } catch {
        return "\(error)"
    }
}
