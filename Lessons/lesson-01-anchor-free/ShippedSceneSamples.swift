import Annotations
import FCOS
import Notebook

/// RetinaNet's and FCOS's training samples on one of the shipped scenes, for the answers to the
/// lesson's "try this" prompts: the lesson runs the experiment it asks the student to predict.
struct ShippedSceneSamples {
    /// Negatives per positive, as the lesson's table prints them and as numbers.
    var retina: String
    var fcos: String
    var values: (retina: Double, fcos: Double)
    /// Boxes no anchor reaches IoU 0.5 with, and their FCOS positives.
    var weak: [String]
    var weakPositives: [Int]

    init(_ name: String, preset: Preset) throws {
        let scene = try SceneFile.read(LessonAssets.scenePath(name))
        let m = RetinaNetAnchors.match(scene.groundTruths, imageWidth: scene.width, imageHeight: scene.height)
        let a = preset.matcher.assign(scene.groundTruths, imageWidth: scene.width, imageHeight: scene.height)
        let locations = a.levels.reduce(0) { $0 + $1.map.count }
        let weakBoxes = scene.groundTruths.indices.filter {
            !scene.groundTruths[$0].isCrowd && m.bestIoU[$0] < RetinaNetAnchors.positiveIoU
        }
        retina = ratio(m.negatives, m.positives)
        fcos = ratio(locations - a.positiveCount, a.positiveCount)
        values = (
            Double(m.negatives) / Double(max(m.positives, 1)),
            Double(locations - a.positiveCount) / Double(max(a.positiveCount, 1))
        )
        weak = weakBoxes.map { boxName($0, in: scene.groundTruths) }
        weakPositives = weakBoxes.map { a.positivesPerGroundTruth[$0] }
    }
}
