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

extension Fixtures {
    /// Overlapping detections on a scene: near-duplicates of its boxes with lower scores.
    static func nms(_ name: String = "tennis") throws -> NMSFrames {
        let scene = try scene(name)
        let detections = name == "tennis" ? tennisDetections : streetDetections
        return NMSFrames(
            detections: detections, imageWidth: scene.width, imageHeight: scene.height, backdrop: .named(name)
        )
    }

    static let streetDetections = [
        ScoredBox(box: Box(x0: 95, y0: 155, x1: 1235, y1: 715), score: 0.95, label: "bus"),
        ScoredBox(box: Box(x0: 145, y0: 425, x1: 555, y1: 705), score: 0.91, label: "car"),
        ScoredBox(box: Box(x0: 905, y0: 295, x1: 1005, y1: 685), score: 0.86, label: "person"),
        ScoredBox(box: Box(x0: 130, y0: 180, x1: 1180, y1: 740), score: 0.72, label: "bus"),
        ScoredBox(box: Box(x0: 880, y0: 330, x1: 1000, y1: 700), score: 0.64, label: "person"),
        ScoredBox(box: Box(x0: 180, y0: 440, x1: 600, y1: 712), score: 0.58, label: "car"),
        ScoredBox(box: Box(x0: 625, y0: 592, x1: 758, y1: 698), score: 0.52, label: "dog"),
    ]

    static let tennisDetections = [
        ScoredBox(box: Box(x0: 385, y0: 115, x1: 705, y1: 785), score: 0.92, label: "person"),
        ScoredBox(box: Box(x0: 592, y0: 148, x1: 758, y1: 372), score: 0.88, label: "racket"),
        ScoredBox(box: Box(x0: 360, y0: 150, x1: 680, y1: 800), score: 0.81, label: "person"),
        ScoredBox(box: Box(x0: 798, y0: 118, x1: 834, y1: 154), score: 0.77, label: "ball"),
        ScoredBox(box: Box(x0: 570, y0: 175, x1: 745, y1: 390), score: 0.62, label: "racket"),
        ScoredBox(box: Box(x0: 420, y0: 330, x1: 700, y1: 790), score: 0.55, label: "person"),
        ScoredBox(box: Box(x0: 795, y0: 115, x1: 838, y1: 158), score: 0.40, label: "ball"),
    ]
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
