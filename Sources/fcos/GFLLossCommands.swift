import Annotations
import ArgumentParser
import FCOS
import GFL

struct QFLLossCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qfl",
        abstract: "Quality Focal Loss (GFL), as mmdetection's quality_focal_loss: one loss per anchor.",
        discussion: """
            Input: {"logits": [[...C...], ...N rows], "labels": [N integers, C meaning background], \
            "scores": [N quality targets in [0, 1]]}. Each row's loss sums its C classes: the label's \
            class against its score, every other class against 0. Output: {"loss": [..N..]}, or a number \
            when reduced.
            """
    )

    @Option(help: "Focusing exponent β ≥ 0 (the paper's 2).")
    var beta: Float = 2

    @OptionGroup var common: ReductionOption

    func validate() throws {
        guard beta >= 0, beta.isFinite else { throw ValidationError("--beta must be a finite number ≥ 0") }
    }

    func run() throws {
        try reportingInputErrors {
            let input = try QFLInput(JSONValue.read(common.input))
            let rows = QualityFocalLoss.loss(
                logits: input.logits, labels: input.labels, scores: input.scores, beta: beta, reduction: .none
            )
            writeOut(LossOutput.encode(rows, shape: [rows.count], reduction: common.reduction))
        }
    }
}

/// `fcos loss qfl` input, checked record by record.
struct QFLInput {
    var logits: [[Float]]
    var labels: [Int]
    var scores: [Float]

    init(_ json: JSONValue) throws {
        let rows = try json["logits"].array()
        logits = try rows.map { try $0.floats() }
        let classes = logits.first?.count ?? 0
        for (i, row) in logits.enumerated() where row.count != classes {
            throw rows[i].error("has \(row.count) logits, the first row \(classes)")
        }
        for (i, row) in logits.enumerated() where !row.allSatisfy(\.isFinite) {
            throw rows[i].error("logits must be finite numbers")
        }
        let labelValues = try json["labels"].array()
        labels = try labelValues.map { try $0.integer() }
        guard labels.count == logits.count else {
            throw try json["labels"].error("has \(labels.count) labels for \(logits.count) rows")
        }
        for (i, label) in labels.enumerated() where !(0...classes).contains(label) {
            throw labelValues[i].error("label \(label) is outside 0…\(classes) (\(classes) means background)")
        }
        let scoreValues = try json["scores"].array()
        scores = try scoreValues.map { try $0.float() }
        guard scores.count == logits.count else {
            throw try json["scores"].error("has \(scores.count) scores for \(logits.count) rows")
        }
        for (i, score) in scores.enumerated() where !(score >= 0 && score <= 1) {
            throw scoreValues[i].error("score \(score) is outside [0, 1]")
        }
    }
}

struct DFLLossCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dfl",
        abstract:
            "Distribution Focal Loss (GFL), as mmdetection's distribution_focal_loss: one loss per row.",
        discussion: """
            Input: {"logits": [[...n+1 bins...], ...N rows], "targets": [N distances in [0, n)]}. Each row \
            is one side of one box: cross-entropy on bins ⌊y⌋ and ⌊y⌋ + 1, weighted by closeness. GFL's \
            targets are clamped to n − 0.1 (15.9 for 17 bins), so y = n itself is rejected. Output: \
            {"loss": [..N..]}, or a number when reduced.
            """
    )

    @OptionGroup var common: ReductionOption

    func run() throws {
        try reportingInputErrors {
            let input = try DFLInput(JSONValue.read(common.input))
            let rows = DistributionFocalLoss.loss(
                logits: input.logits, targets: input.targets, reduction: .none)
            writeOut(LossOutput.encode(rows, shape: [rows.count], reduction: common.reduction))
        }
    }
}

/// `fcos loss dfl` input, checked record by record.
struct DFLInput {
    var logits: [[Float]]
    var targets: [Float]

    init(_ json: JSONValue) throws {
        let rows = try json["logits"].array()
        logits = try rows.map { try $0.floats() }
        let bins = logits.first?.count ?? 0
        for (i, row) in logits.enumerated() {
            guard row.count == bins else {
                throw rows[i].error("has \(row.count) bins, the first row \(bins)")
            }
            guard row.count >= 2 else { throw rows[i].error("needs at least 2 bins, found \(row.count)") }
            guard row.allSatisfy(\.isFinite) else { throw rows[i].error("logits must be finite numbers") }
        }
        let targetValues = try json["targets"].array()
        targets = try targetValues.map { try $0.float() }
        guard targets.count == logits.count else {
            throw try json["targets"].error("has \(targets.count) targets for \(logits.count) rows")
        }
        let n = bins - 1
        for (i, y) in targets.enumerated() where !(y >= 0 && y < Float(n)) {
            throw targetValues[i].error(
                "target \(y) is outside [0, \(n)): the loss reads bins ⌊y⌋ and ⌊y⌋ + 1 of \(bins)")
        }
    }
}
