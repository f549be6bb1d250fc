import Annotations
import ArgumentParser
import FCOS
import Keypoints

struct KeypointFocalLossCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keypoint-focal",
        abstract: "CornerNet's and CenterNet's penalty-reduced focal loss on heat maps (α = 2, β = 4).",
        discussion: """
            Input: {"logits": [...], "targets": [...]} or {"probs": [...], "targets": [...]}, any nesting, \
            same shape (e.g. C × h × w heat maps as `fcos targets --preset centernet --json` prints them). \
            Logits go through the references' sigmoid clamped to [1e-4, 1 − 1e-4]; probabilities are used \
            as given and must lie in [0, 1]. Targets equal to 1 are positives. Output: {"loss", \
            "num_pos", "pos_loss", "neg_loss"}, the loss divided by num_pos, or −neg_loss when there is \
            no positive, as the references' _neg_loss returns.
            """
    )

    @Argument(help: "JSON input file, or - for standard input.")
    var input: String = "-"

    func run() throws {
        try reportingInputErrors {
            let result = try Self.loss(of: NumericJSON.read(input, keys: Self.keys))
            var w = JSONWriter(capacity: 256)
            w.raw("{\"loss\":")
            w.number(result.loss)
            w.raw(",\"num_pos\":\(result.positiveCount),\"pos_loss\":")
            w.number(result.positive)
            w.raw(",\"neg_loss\":")
            w.number(result.negative)
            w.raw("}\n")
            writeOut(w.text)
        }
    }

    /// The loss of the `logits` or `probs` in `json` against its `targets`, after checking shapes
    /// and ranges.
    static let keys: Set<String> = ["logits", "probs", "targets"]

    static func loss(of json: NumericJSON) throws -> PenaltyReducedFocalLoss.Result {
        let usesLogits = json.has("logits")
        guard usesLogits != json.has("probs") else {
            throw InputError(file: json.file, problem: "give exactly one of \"logits\" and \"probs\"")
        }
        let key = usesLogits ? "logits" : "probs"
        let (values, shape) = try json[key].tensor()
        let (targets, targetShape) = try json["targets"].tensor()
        guard shape == targetShape else {
            throw try json["targets"].error("has shape \(targetShape), \(key) have \(shape)")
        }
        if let bad = targets.firstIndex(where: { !($0 >= 0) }) {
            throw try json["targets"].error("target \(bad) (row-major) is \(targets[bad]); targets are ≥ 0")
        }
        if usesLogits { return PenaltyReducedFocalLoss.loss(logits: values, targets: targets) }
        if let bad = values.firstIndex(where: { !(0...1).contains($0) }) {
            throw try json["probs"].error(
                "probability \(bad) (row-major) is \(values[bad]); probabilities lie in [0, 1]")
        }
        return PenaltyReducedFocalLoss.loss(probabilities: values, targets: targets)
    }
}

struct EmbeddingLossCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embedding",
        abstract: "CornerNet's pull and push losses on the corner embeddings of one image.",
        discussion: """
            Input: {"top_left": [e_t0, e_t1, ...], "bottom_right": [e_b0, e_b1, ...]}, one embedding per \
            object and corner. Output: {"pull", "push"} as CornerNet's _ae_loss evaluates them (unweighted; \
            training multiplies both by 0.1).
            """
    )

    @Argument(help: "JSON input file, or - for standard input.")
    var input: String = "-"

    func run() throws {
        try reportingInputErrors {
            let json = try JSONValue.read(input)
            let topLeft = try json["top_left"].floats()
            let bottomRight = try json["bottom_right"].floats()
            guard topLeft.count == bottomRight.count else {
                throw try json["bottom_right"].error(
                    "has \(bottomRight.count) embeddings for \(topLeft.count) top-left corners")
            }
            let (pull, push) = EmbeddingLoss.pullPush(topLeft: topLeft, bottomRight: bottomRight)
            var w = JSONWriter(capacity: 64)
            w.raw("{\"pull\":")
            w.number(pull)
            w.raw(",\"push\":")
            w.number(push)
            w.raw("}\n")
            writeOut(w.text)
        }
    }
}
