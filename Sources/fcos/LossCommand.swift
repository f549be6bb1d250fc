import Annotations
import ArgumentParser
import FCOS

struct LossCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loss",
        abstract:
            "Losses on JSON input: FCOS's focal, BCE, IoU and GIoU; GFL's QFL and DFL; the keypoint heads' losses.",
        subcommands: [
            FocalLossCommand.self, BCELossCommand.self, IoULossCommand.self, GIoULossCommand.self,
            QFLLossCommand.self, DFLLossCommand.self, KeypointFocalLossCommand.self,
            EmbeddingLossCommand.self,
        ]
    )
}

struct ReductionOption: ParsableArguments {
    @Option(help: "none (same shape as the input), sum or mean.")
    var reduction: Reduction = .none

    @Argument(help: "JSON input file, or - for standard input.")
    var input: String = "-"
}

extension Reduction: ExpressibleByArgument {}
extension IoULossKind: ExpressibleByArgument {
    /// `linear-iou`, spelled like every other option value; the official configuration's
    /// `linear_iou` is accepted too, since people copy it from there.
    public init?(argument: String) {
        self.init(rawValue: argument.replacingOccurrences(of: "-", with: "_"))
    }

    var argumentName: String { rawValue.replacingOccurrences(of: "_", with: "-") }

    public static var allValueStrings: [String] { allCases.map(\.argumentName) }

    public var defaultValueDescription: String { argumentName }
}

struct FocalLossCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "focal",
        abstract: "Sigmoid focal loss, as torchvision's sigmoid_focal_loss.",
        discussion: """
            Input: {"logits": [[...]], "targets": [[...]]} (any nesting, same shape; targets in [0, 1], \
            soft targets allowed). Output: {"loss": ...} of the same shape, or a number when reduced.
            """
    )

    @Option(
        parsing: .unconditional,
        help: "Weight of the positive class; a negative value (e.g. -1) turns α-weighting off.")
    var alpha: Float = 0.25

    @Option(help: "Focusing parameter γ ≥ 0; 0 gives plain BCE (with α = -1).")
    var gamma: Float = 2

    @OptionGroup var common: ReductionOption

    func validate() throws {
        guard gamma >= 0, gamma.isFinite else { throw ValidationError("--gamma must be a finite number ≥ 0") }
    }

    func run() throws {
        try elementwise(common) { logits, targets in
            FocalLoss.elements(logits: logits, targets: targets, alpha: alpha, gamma: gamma)
        }
    }
}

struct BCELossCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bce",
        abstract: "Binary cross-entropy with logits, stable for logits as large as ±1e4.",
        discussion: "Input and output as for `fcos loss focal`."
    )

    @OptionGroup var common: ReductionOption

    func run() throws {
        try elementwise(common) { BinaryCrossEntropy.elements(logits: $0, targets: $1) }
    }
}

struct IoULossCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iou",
        abstract: "The official FCOS IOULoss: −log((I + 1)/(U + 1)), 1 − IoU, or 1 − GIoU.",
        discussion: """
            Input: {"pred": [[l, t, r, b], ...], "target": [[l, t, r, b], ...], "weights": [...]} as the \
            official code takes them (distances from the same location), or {"boxes1": [[x0, y0, x1, y1]], \
            "boxes2": [...]} (pairwise; each pair measured from the centre of its intersection, which gives \
            the same value when that point lies inside both boxes). With --reduction sum and weights, the \
            result is Σ wᵢ·lossᵢ when Σ wᵢ > 0, as the official loss returns. For boxes that do not \
            overlap, that point lies outside both and some distances are negative; the official formula \
            then multiplies two negative overlap sides into a positive area, so iou and linear-iou give 0 \
            (and giou less than the true 1 − GIoU). That is the official code's arithmetic, not a bug \
            here: its training never meets such a pair, because a location is always inside its target \
            box. A note on stderr names the pairs; stdout stays plain JSON.
            """
    )

    @Option(help: "iou (−log, the paper), linear-iou (1 − IoU), or giou (the improved variant).")
    var kind: IoULossKind = .iou

    @OptionGroup var common: ReductionOption

    func run() throws {
        try reportingInputErrors {
            try PathCheck.input(common.input, .file)
            let json = try LossInput.read(common.input)
            let (pred, target, weights) = try ltrbPairs(json)
            var losses = IoULoss.elements(predictions: pred, targets: target, kind: kind)
            if let weights, weights.reduce(0, +) > 0 { losses = zip(losses, weights).map { $0 * $1 } }
            writeOut(LossOutput.encode(losses, shape: [losses.count], reduction: common.reduction))
            let disjoint = try disjointPairs(json)
            if !disjoint.isEmpty {
                let pairs = disjoint.map(String.init).joined(separator: ", ")
                warnLine(
                    "note: \(disjoint.count == 1 ? "pair \(pairs) does" : "pairs \(pairs) do") not overlap: the "
                        + "official IOULoss formula's value, a case its training never meets (see 'fcos loss iou "
                        + "--help'); `fcos loss giou` grows with the gap")
            }
        }
    }

    /// Indices of `boxes1`/`boxes2` pairs whose intersection is empty (or only an edge): there the
    /// centre of the intersection lies outside a box and the distances are negative.
    func disjointPairs(_ json: NumericJSON) throws -> [Int] {
        guard !json.has("pred"), json.has("boxes1") else { return [] }
        let (a, b) = try LossInput.boxPairs(json)
        return zip(a, b).enumerated().compactMap { i, pair in
            let (a, b) = pair
            let overlaps = min(a.x1, b.x1) > max(a.x0, b.x0) && min(a.y1, b.y1) > max(a.y0, b.y0)
            return overlaps ? nil : i
        }
    }

    /// Distances from the input, either given or measured from the centre of each pair's
    /// intersection (for disjoint boxes, the midpoint between their centres).
    func ltrbPairs(_ json: NumericJSON) throws -> ([LTRB], [LTRB], [Float]?) {
        if json.has("pred") { return try LossInput.distancePairs(json) }
        let (a, b) = try LossInput.boxPairs(json)
        let points = zip(a, b).map { a, b in
            Point(x: (max(a.x0, b.x0) + min(a.x1, b.x1)) / 2, y: (max(a.y0, b.y0) + min(a.y1, b.y1)) / 2)
        }
        return (
            zip(a, points).map { LTRB(from: $1, to: $0) }, zip(b, points).map { LTRB(from: $1, to: $0) }, nil
        )
    }
}

struct GIoULossCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "giou",
        abstract: "Generalized IoU loss on box pairs, as torchvision's generalized_box_iou_loss (eps 1e-7).",
        discussion: "Input: {\"boxes1\": [[x0, y0, x1, y1], ...], \"boxes2\": [...]} (pairwise)."
    )

    @OptionGroup var common: ReductionOption

    func run() throws {
        try reportingInputErrors {
            try PathCheck.input(common.input, .file)
            let (a, b) = try LossInput.boxPairs(LossInput.read(common.input))
            writeOut(
                LossOutput.encode(GIoULoss.elements(a, b), shape: [a.count], reduction: common.reduction))
        }
    }
}

/// Reads `logits` and `targets` of any equal nesting, applies `loss` element-wise and writes
/// the result in the input's shape or reduced.
func elementwise(_ common: ReductionOption, _ loss: ([Float], [Float]) -> [Float]) throws {
    try reportingInputErrors {
        try PathCheck.input(common.input, .file)
        let (logits, targets, shape) = try LossInput.elementwise(LossInput.read(common.input))
        writeOut(LossOutput.encode(loss(logits, targets), shape: shape, reduction: common.reduction))
    }
}

enum LossOutput {
    static func encode(_ elements: [Float], shape: [Int], reduction: Reduction) -> String {
        var w = JSONWriter()
        w.raw("{\"loss\":")
        switch reduction {
        case .none: write(elements[...], shape: shape[...], into: &w)
        case .sum: w.number(Reduction.sum(elements))
        case .mean: w.number(Reduction.mean(elements))
        }
        w.raw("}\n")
        return w.text
    }

    static func write(_ values: ArraySlice<Float>, shape: ArraySlice<Int>, into w: inout JSONWriter) {
        guard let n = shape.first else { return w.number(values.first ?? .nan) }
        let step = n == 0 ? 0 : values.count / n
        w.array(0..<n) { w, i in
            let start = values.startIndex + i * step
            write(values[start..<(start + step)], shape: shape.dropFirst(), into: &w)
        }
    }
}
