import Annotations
import FCOS
import Figures
import Foundation

/// The package's scene files and helpers shared by the figure tests.
enum Fixtures {
    static let scenes = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Assets/scenes")

    static func scene(_ name: String) throws -> Scene {
        try SceneFile.read(scenes.appendingPathComponent("\(name).json").path)
    }

    static func panels(_ name: String, preset: Preset = .official) throws -> LevelPanels {
        let scene = try scene(name)
        var panels = LevelPanels(
            preset: preset, groundTruths: scene.groundTruths, imageWidth: scene.width,
            imageHeight: scene.height,
            backdrop: .named(name))
        panels.sceneName = name
        return panels
    }
}

/// A fresh directory per test, removed afterwards.
struct TemporaryDirectory: ~Copyable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("FiguresTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }
}
