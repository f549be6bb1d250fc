import Annotations
import Diagnostics
import FCOS
import Foundation

/// Where the lessons' shipped scenes live: `Assets/scenes` at the top of this checkout. Found
/// from this source file's path, so `swift run lesson-…` works from any directory.
public enum LessonAssets {
    /// The `Assets` directory of this checkout.
    public static let directory: String = {
        let here = URL(fileURLWithPath: #filePath)
        return here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Assets").path
    }()

    /// The scene file `Assets/scenes/<name>.json`.
    public static func scenePath(_ name: String) -> String { "\(directory)/scenes/\(name).json" }
}

extension LessonOptions {
    /// The FCOS rule set named by `--preset`; an unknown name ends the lesson with one line that
    /// lists the presets, and a usage error's exit status.
    public var fcosPreset: Preset {
        guard let preset = Preset.named(preset) else {
            Self.fail(
                "--preset: unknown preset '\(preset)'; choose one of: \(Preset.names.joined(separator: ", ")).",
                status: .usageError)
        }
        return preset
    }

    /// The scene given with `--scene`, or the lesson's own `Assets/scenes/<name>.json`. A file
    /// that cannot be read ends the lesson with one line naming the file and the record.
    public func scene(default name: String) -> Scene {
        let path = scene ?? LessonAssets.scenePath(name)
        if let problem = PathProblem.reading(path, as: .file) {
            Self.fail("\(path): --scene: \(problem)", status: .inputError)
        }
        do {
            return try SceneFile.read(path)
        } catch {
            Self.fail("\(error)", status: .inputError)
        }
    }

    /// The illustration named by a scene (`"illustration": "tennis.png"`) as a bare name
    /// (`tennis`), when the scene is one of the shipped ones.
    public func illustrationName(of scene: Scene) -> String? {
        guard let file = scene.illustration else { return nil }
        return (file as NSString).deletingPathExtension
    }

}
