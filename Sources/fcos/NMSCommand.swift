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
            let input = try NMSInput.read(input, needsLabels: classAware)
            let convention: BoxConvention = officialIou ? .inclusivePixels : .continuous
            let suppression: NMS.Suppression = greaterOrEqual ? .greaterThanOrEqual : .greaterThan
            let keep: [Int]
            let bar = ProgressBar(label: "boxes")
            if let labels = input.labels {
                keep = NMS.batched(
                    boxes: input.boxes, scores: input.scores, labels: labels, iouThreshold: iou,
                    convention: convention, suppression: suppression, progress: bar.update)
            } else {
                keep = NMS.greedy(
                    boxes: input.boxes, scores: input.scores, iouThreshold: iou, convention: convention,
                    suppression: suppression, progress: bar.update)
            }
            bar.finish()
            var w = JSONWriter()
            w.raw("{\"keep\":")
            w.array(keep) { $0.number($1) }
            w.raw("}\n")
            writeOut(w.text)
        }
    }
}
