import FCOS
import Foundation

/// `fcos nms`'s input: `{"boxes": [[x0, y0, x1, y1], ...], "scores": [...], "labels": [...]}`,
/// one score (and, for class-aware NMS, one label) per box.
public struct NMSInput: Sendable {
    /// The candidate boxes, `[x0, y0, x1, y1]` in pixels.
    public var boxes: [Box]
    /// One confidence per box, the order NMS keeps boxes in.
    public var scores: [Float]
    /// Present when asked for.
    public var labels: [Int]?

    /// The fields `fcos nms` reads; any other field is ignored.
    public static let keys: Set<String> = ["boxes", "scores", "labels"]

    /// Reads an NMS input file (standard input for `-`); `needsLabels` makes `labels` required for
    /// class-aware NMS.
    public static func read(_ path: String, needsLabels: Bool) throws -> NMSInput {
        try decode(NumericJSON.read(path, keys: keys), needsLabels: needsLabels)
    }

    /// Decodes NMS input already in memory, checking that boxes, scores and labels have matching counts.
    public static func decode(_ data: Data, file: String, needsLabels: Bool) throws -> NMSInput {
        try decode(NumericJSON.parse(data, file: file, keys: keys), needsLabels: needsLabels)
    }

    static func decode(_ json: NumericJSON, needsLabels: Bool) throws -> NMSInput {
        let boxes = try json["boxes"].boxes()
        guard boxes.count <= InputLimits.boxes else {
            throw try json["boxes"].error("\(boxes.count) boxes, above the limit of \(InputLimits.boxes)")
        }
        let scores = try json["scores"].floats()
        guard scores.count == boxes.count else {
            throw try json["scores"].error("has \(scores.count) scores for \(boxes.count) boxes")
        }
        var labels: [Int]?
        if needsLabels {
            labels = try json["labels"].integers()
            guard labels?.count == boxes.count else {
                throw try json["labels"].error("has \(labels?.count ?? 0) labels for \(boxes.count) boxes")
            }
        }
        return NMSInput(boxes: boxes, scores: scores, labels: labels)
    }
}

/// The inputs of `fcos loss`: element-wise tensors (`focal`, `bce`), box pairs (`giou`, `iou`)
/// or the official code's distance pairs (`iou`).
public enum LossInput {
    /// The fields the loss commands read; any other field is ignored.
    public static let keys: Set<String> = [
        "logits", "targets", "boxes1", "boxes2", "pred", "target", "weights",
    ]

    /// Reads a loss input file (standard input for `-`), keeping only the loss fields.
    public static func read(_ path: String) throws -> NumericJSON { try NumericJSON.read(path, keys: keys) }

    /// Parses loss input already in memory, keeping only the loss fields.
    public static func parse(_ data: Data, file: String) throws -> NumericJSON {
        try NumericJSON.parse(data, file: file, keys: keys)
    }

    /// `{"logits": …, "targets": …}` of any equal shape, flattened row-major.
    public static func elementwise(_ json: NumericJSON) throws -> (
        logits: [Float], targets: [Float], shape: [Int]
    ) {
        let (logits, shape) = try json["logits"].tensor()
        let (targets, targetShape) = try json["targets"].tensor()
        guard shape == targetShape else {
            throw try json["targets"].error("has shape \(targetShape), logits have \(shape)")
        }
        return (logits, targets, shape)
    }

    /// `{"boxes1": [[x0, y0, x1, y1], ...], "boxes2": [...]}`, as many of each.
    public static func boxPairs(_ json: NumericJSON) throws -> ([Box], [Box]) {
        let a = try json["boxes1"].boxes()
        let b = try json["boxes2"].boxes()
        guard a.count == b.count else {
            throw try json["boxes2"].error("has \(b.count) boxes for \(a.count)")
        }
        return (a, b)
    }

    /// `{"pred": [[l, t, r, b], ...], "target": [...], "weights": [...]}` (weights optional).
    public static func distancePairs(_ json: NumericJSON) throws -> (
        pred: [LTRB], target: [LTRB], weights: [Float]?
    ) {
        let pred = try json["pred"].distances()
        let target = try json["target"].distances()
        guard pred.count == target.count else {
            throw try json["target"].error("has \(target.count) rows for \(pred.count) predictions")
        }
        var weights: [Float]?
        if json.has("weights") {
            let w = try json["weights"].floats()
            guard w.count == pred.count else {
                throw try json["weights"].error("has \(w.count) weights for \(pred.count) pairs")
            }
            weights = w
        }
        return (pred, target, weights)
    }
}
