/// A named mistake planted in the answer key by a textual substitution, for a class folder of
/// realistic submissions (`fcos course demo-class`, and the test that grades one).
///
/// Each plant says which part it breaks, which mistake the grader must name for it, and the exact
/// text of the key's source it replaces. A plant whose text is not in the key (the key changed,
/// or the course's preset writes that rule differently) is not used, and the catalogue's test
/// fails for the preset it is written against, so a plant never silently stops planting.
public struct PlantedMistake: Sendable, Equatable {
    /// The part whose file is changed.
    public var part: Part
    /// The ``Mistake/id`` the grader must name for it.
    public var mistakeID: String
    /// The text of the key's source that is replaced (every occurrence).
    public var find: String
    /// What replaces it.
    public var replacement: String

    /// The preset the catalogue is written against: every plant's text is in its key.
    public static let preset = "official-imprv"

    /// The plant applied to `source`, or `nil` when `find` is not in it.
    public func apply(to source: String) -> String? {
        guard source.contains(find) else { return nil }
        return source.replacingOccurrences(of: find, with: replacement)
    }

    /// The student folder's name for this plant, e.g. `matching-max-area`.
    public var name: String { "\(part.rawValue)-\(mistakeID)" }

    /// Three or so plants per part, each reproducing its mistake exactly on every case.
    public static let catalogue: [PlantedMistake] = [
        // Locations.
        PlantedMistake(
            part: .locations, mistakeID: "wrong-location-offset",
            find: "let offset: Float = Float(stride / 2)", replacement: "let offset: Float = 0"),
        PlantedMistake(
            part: .locations, mistakeID: "transposed-location-grid",
            find: "Point(x: Float(j * stride) + offset, y: Float(i * stride) + offset)",
            replacement: "Point(x: Float(i * stride) + offset, y: Float(j * stride) + offset)"),
        PlantedMistake(
            part: .locations, mistakeID: "locations-in-cells",
            find: "Point(x: Float(j * stride) + offset, y: Float(i * stride) + offset)",
            replacement: "Point(x: Float(j) + offset / Float(stride), y: Float(i) + offset / Float(stride))"),
        // Matching.
        PlantedMistake(
            part: .matching, mistakeID: "max-area", find: "let key = -area", replacement: "let key = area"),
        PlantedMistake(
            part: .matching, mistakeID: "late-ties", find: "key > bestKey", replacement: "key >= bestKey"),
        PlantedMistake(
            part: .matching, mistakeID: "gate-on-min", find: "let m = max(l, t, r, b)",
            replacement: "let m = min(l, t, r, b)"),
        PlantedMistake(
            part: .matching, mistakeID: "range-bounds", find: "m >= lower && m <= upper",
            replacement: "m > lower && m < upper"),
        PlantedMistake(
            part: .matching, mistakeID: "no-center-sampling",
            find: "guard p.x > x0, p.x < x1, p.y > y0, p.y < y1 else { continue }",
            replacement: "_ = (x0, x1, y0, y1)"),
        // Deltas.
        PlantedMistake(
            part: .deltas, mistakeID: "missing-stride-division",
            find: "let s: Float = Float(stride)\n    return LTRB(",
            replacement: "let s: Float = 1\n    return LTRB("),
        PlantedMistake(
            part: .deltas, mistakeID: "decoding-without-stride",
            find: "let s: Float = Float(stride)\n    return Box(",
            replacement: "let s: Float = 1\n    return Box("),
        PlantedMistake(
            part: .deltas, mistakeID: "component-order",
            find: "t: (location.y - box.y0) / s,\n        r: (box.x1 - location.x) / s,",
            replacement: "t: (box.x1 - location.x) / s,\n        r: (location.y - box.y0) / s,"),
        // Centerness.
        PlantedMistake(
            part: .centerness, mistakeID: "no-sqrt", find: ").squareRoot()", replacement: ")"),
        PlantedMistake(
            part: .centerness, mistakeID: "inverted-ratio",
            find: "(min(l, r) / max(l, r)) * (min(t, b) / max(t, b))",
            replacement: "(max(l, r) / min(l, r)) * (max(t, b) / min(t, b))"),
        // Focal loss.
        PlantedMistake(
            part: .focalLoss, mistakeID: "no-gamma", find: "var loss = pow(1 - pt, gamma) * bce",
            replacement: "var loss = bce"),
        PlantedMistake(
            part: .focalLoss, mistakeID: "pt-not-complement", find: "pow(1 - pt, gamma)",
            replacement: "pow(pt, gamma)"),
        PlantedMistake(
            part: .focalLoss, mistakeID: "alpha-swapped", find: "loss *= alpha * z + (1 - alpha) * (1 - z)",
            replacement: "loss *= (1 - alpha) * z + alpha * (1 - z)"),
        // NMS.
        PlantedMistake(
            part: .nms, mistakeID: "greater-or-equal", find: "> iouThreshold", replacement: ">= iouThreshold"),
        PlantedMistake(
            part: .nms, mistakeID: "index-order", find: "return kept", replacement: "return kept.sorted()"),
        // The whole loss.
        PlantedMistake(
            part: .loss, mistakeID: "box-loss-over-positives",
            find: "Float(boxSum) / Float(weightSum)", replacement: "Float(boxSum) / count"),
        PlantedMistake(
            part: .loss, mistakeID: "background-as-class-zero",
            find: "let z: Float = targets.classes[i] == c ? 1 : 0",
            replacement: "let z: Float = max(targets.classes[i], 0) == c ? 1 : 0"),
        PlantedMistake(
            part: .loss, mistakeID: "unclamped-positives",
            find: """
                let count = Float(max(positives, 1))
                    return LossTerms(
                        classification: Float(classification) / count,
                        regression: positives == 0 ? 0 : Float(boxSum)
                """,
            replacement: """
                let count = Float(positives)
                    return LossTerms(
                        classification: Float(classification) / count,
                        regression: Float(boxSum)
                """),
        PlantedMistake(
            part: .loss, mistakeID: "divide-by-locations", find: "let count = Float(max(positives, 1))",
            replacement: "let count = Float(max(n, 1))"),
        // Inference.
        PlantedMistake(
            part: .inference, mistakeID: "class-agnostic-nms",
            find: "guard candidates[k].label == candidates[i].label else { return false }",
            replacement: "_ = candidates[k].label"),
        PlantedMistake(
            part: .inference, mistakeID: "decode-without-stride", find: "let s = Float(level.stride)",
            replacement: "let s: Float = 1"),
        PlantedMistake(
            part: .inference, mistakeID: "threshold-after-centerness",
            find: "func threshold(_ p: Float) -> Float { p }",
            replacement: "func threshold(_ p: Float) -> Float { (p * ctr).squareRoot() }"),
        PlantedMistake(
            part: .inference, mistakeID: "score-without-sqrt",
            find: "func score(_ p: Float) -> Float { (p * ctr).squareRoot() }",
            replacement: "func score(_ p: Float) -> Float { p * ctr }"),
        PlantedMistake(
            part: .inference, mistakeID: "nms-greater-or-equal", find: "return overlap / union > 0.6",
            replacement: "return overlap / union >= 0.6"),
    ]
}
