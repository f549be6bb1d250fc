import Annotations
import FCOS
import Notebook

/// P3 locations strictly inside the corner scene's first box, under torchvision's and the
/// official grid: the answer to the first "try this" prompt, computed rather than written down.
struct CornerAnswer {
    var torchvision: Int
    var official: Int

    init() throws {
        let scene = try SceneFile.read(LessonAssets.scenePath("corner"))
        let box = scene.groundTruths[0].box
        func inside(_ preset: Preset) -> Int {
            guard
                let p3 = preset.assignment.featureMaps(imageWidth: scene.width, imageHeight: scene.height)
                    .first
            else { return 0 }
            return (0..<p3.count).filter { LTRB(from: p3.location(at: $0), to: box).minimum > 0 }.count
        }
        torchvision = inside(.torchvision)
        official = inside(.official)
    }
}

/// The street scene's padding under a preset, and the P3 locations in the padded strip.
struct StreetPadding {
    var width: Int
    var height: Int
    var padded: (width: Int, height: Int)
    var p3InStrip: Int

    init(preset: Preset) throws {
        let scene = try SceneFile.read(LessonAssets.scenePath("street"))
        width = scene.width
        height = scene.height
        padded = preset.assignment.featureSize.paddedSize(imageWidth: scene.width, imageHeight: scene.height)
        let p3 = preset.assignment.featureMaps(imageWidth: scene.width, imageHeight: scene.height).first
        p3InStrip =
            p3.map { map in
                (0..<map.count).filter {
                    let p = map.location(at: $0)
                    return p.x >= Float(scene.width) || p.y >= Float(scene.height)
                }.count
            } ?? 0
    }
}
