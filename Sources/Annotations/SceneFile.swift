import FCOS
import Foundation

/// Reading the scene JSON that lessons and `fcos targets` take:
///
/// ```
/// {"image": {"width": 1333, "height": 800},
///  "boxes": [{"x0": 10, "y0": 20, "x1": 200, "y1": 300, "label": 1, "name": "person"}, ...]}
/// ```
///
/// Boxes are taken as given, in the network's input pixels: no clipping and no `±1` conversion
/// (those belong to reading COCO files). `label` defaults to 0, `name` is optional, and
/// `"crowd": true` marks a crowd region. An optional top-level `"num_classes"` gives the number of
/// classes (keypoint heads draw one heat map per class). Zero-width or zero-height boxes are accepted (every
/// reference simply gives them no positive); `x1 < x0`, NaN and a zero-size image are errors.
public enum SceneFile {
    /// Reads and checks a scene file (standard input for `-`), with one clear error for a bad box.
    public static func read(_ path: String) throws -> Scene {
        try decode(JSONValue.read(path))
    }

    /// Builds a scene from parsed JSON, naming the record of any bad field.
    public static func decode(_ json: JSONValue) throws -> Scene {
        let image = try json["image"]
        let width = try image["width"].integer()
        let height = try image["height"].integer()
        guard width > 0, height > 0 else {
            throw try image["width"].error("image size must be positive, found \(width)×\(height)")
        }
        guard width <= InputLimits.imageSide, height <= InputLimits.imageSide else {
            throw try image["width"].error(
                "image size \(width)×\(height) is above the limit of \(InputLimits.imageSide) px per side")
        }
        guard InputLimits.admitsNetworkInput(width: width, height: height) else {
            throw try image["width"].error(
                "image size \(width)×\(height) is above the limit of \(InputLimits.networkInputArea) px² for a network input"
            )
        }
        var groundTruths: [GroundTruth] = []
        let records = try json["boxes"].array()
        guard records.count <= InputLimits.boxes else {
            throw try json["boxes"].error("\(records.count) boxes, above the limit of \(InputLimits.boxes)")
        }
        groundTruths.reserveCapacity(records.count)
        for record in records {
            let x0 = try record["x0"].float()
            let y0 = try record["y0"].float()
            let x1 = try record["x1"].float()
            let y1 = try record["y1"].float()
            guard x1 >= x0 else { throw record.error("x1 (\(x1)) is less than x0 (\(x0))") }
            guard y1 >= y0 else { throw record.error("y1 (\(y1)) is less than y0 (\(y0))") }
            let label = record.has("label") ? try record["label"].integer() : 0
            let name = record.has("name") ? try record["name"].string() : nil
            let crowd = record.has("crowd") ? try record["crowd"].bool() : false
            groundTruths.append(
                GroundTruth(
                    box: Box(x0: x0, y0: y0, x1: x1, y1: y1), label: label, name: name, isCrowd: crowd))
        }
        let illustration = json.has("illustration") ? try json["illustration"].string() : nil
        var scene = Scene(
            width: width, height: height, groundTruths: groundTruths, illustration: illustration)
        if json.has("num_classes") {
            let classes = try json["num_classes"].integer()
            guard (1...100_000).contains(classes) else {
                throw try json["num_classes"].error(
                    "num_classes must be between 1 and 100 000, found \(classes)")
            }
            scene.classCount = classes
        }
        return scene
    }
}
