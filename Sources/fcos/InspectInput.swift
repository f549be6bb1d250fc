import Annotations
import Foundation

/// What `fcos inspect` was pointed at: a data set in one of the three formats, or a scene file
/// (`{"image": …, "boxes": …}`, in network pixels, with an optional illustration), which is how
/// the project's own scenes get the same figure as real photos.
enum InspectInput {
    case dataset(ReadResult, PhotoLocator)
    case scene(Scene)

    /// Reads `path`. A `.json` file is tried as COCO first; if it lacks COCO's fields and reads as
    /// a scene, it is a scene; otherwise COCO's own error stands.
    static func read(
        _ path: String, format: DatasetFormat?, images: String?, names: String?, strict: Bool
    ) throws -> InspectInput {
        let detected = try format ?? DatasetLoader.detectFormat(path)
        do {
            let read = try DatasetLoader.read(
                path, format: detected, images: images, names: names, strict: strict)
            return .dataset(read, PhotoLocator(annotations: path, format: detected, images: images))
        } catch let error as InputError where detected == .coco && format == nil {
            guard error.problem.hasPrefix("missing field"), let scene = try? SceneFile.read(path) else {
                throw error
            }
            return .scene(scene)
        }
    }
}
