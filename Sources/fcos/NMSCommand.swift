import Annotations
import ArgumentParser
import FCOS

struct NMSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nms",
        abstract: "Greedy non-maximum suppression on JSON boxes and scores.",
        discussion: """
            Input: {"boxes": [[x0, y0, x1, y1], ...], "scores": [...], "labels": [...]} (labels only \
            with --class-aware). Output: {"keep": [i, ...]}, indices in descending score order; equal \
            scores keep their input order. A box is suppressed when its IoU with a kept box is greater \
            than --iou (strictly, as torchvision).
            """
    )

    @Option(help: "IoU threshold: a later box whose IoU with a kept box exceeds it is suppressed.")
    var iou: Double

    @Flag(help: "Boxes of different labels never suppress each other (batched NMS).")
    var classAware = false

    @Flag(help: "Measure widths as x1 − x0 + 1, as the official FCOS (maskrcnn-benchmark) NMS does.")
    var officialIou = false

    @Flag(help: "Suppress at IoU ≥ threshold, as maskrcnn-benchmark's CPU kernel does.")
    var greaterOrEqual = false

    @Argument(help: "JSON input file, or - for standard input.")
    var input: String = "-"

    func validate() throws {
        guard (0...1).contains(iou) else { throw ValidationError("--iou must lie in [0, 1], found \(iou)") }
    }

    func run() throws {
        try reportingInputErrors {
            try PathCheck.input(input, .file)
            let json = try JSONValue.read(input)
            let boxes = try json["boxes"].array().map(readBox)
            let scores = try json["scores"].floats()
            guard scores.count == boxes.count else {
                throw try json["scores"].error("has \(scores.count) scores for \(boxes.count) boxes")
            }
            let convention: BoxConvention = officialIou ? .inclusivePixels : .continuous
            let suppression: NMS.Suppression = greaterOrEqual ? .greaterThanOrEqual : .greaterThan
            let keep: [Int]
            if classAware {
                let labels = try json["labels"].array().map { try $0.integer() }
                guard labels.count == boxes.count else {
                    throw try json["labels"].error("has \(labels.count) labels for \(boxes.count) boxes")
                }
                keep = NMS.batched(
                    boxes: boxes, scores: scores, labels: labels, iouThreshold: iou, convention: convention,
                    suppression: suppression)
            } else {
                keep = NMS.greedy(
                    boxes: boxes, scores: scores, iouThreshold: iou, convention: convention,
                    suppression: suppression)
            }
            var w = JSONWriter()
            w.raw("{\"keep\":")
            w.array(keep) { $0.number($1) }
            w.raw("}\n")
            writeOut(w.text)
        }
    }
}

/// `[x0, y0, x1, y1]` with `x1 ≥ x0` and `y1 ≥ y0`.
func readBox(_ value: JSONValue) throws -> Box {
    let c = try value.floats()
    guard c.count == 4 else { throw value.error("expected [x0, y0, x1, y1], found \(c.count) numbers") }
    guard c[2] >= c[0], c[3] >= c[1] else { throw value.error("x1 < x0 or y1 < y0 in \(c)") }
    return Box(x0: c[0], y0: c[1], x1: c[2], y1: c[3])
}
