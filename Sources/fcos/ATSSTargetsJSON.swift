import ATSS
import FCOS
import GFL

/// `fcos targets --json` for the ATSS-based presets: FCOS's per-level schema (`name`, `stride`,
/// `width`, `height`, `locations` — the anchor centres —, `matched`, `ltrb`) and a top-level
/// `gts` array, one entry per box in input order, with the threshold story:
///
/// ```
/// "gts": [{"threshold": 0.264, "iou_mean": 0.19, "iou_std": 0.074, "candidates": 45, "positives": 15,
///          "positives_per_level": [9, 6, 0, 0, 0], "tie": false, "remark": null,
///          "levels": [{"name": "P3", "cutoff_distance": 11.3, "tie": null,
///                      "candidates": [{"index": 2345, "rank": 0, "distance": 2.5, "iou": 0.31,
///                                      "anchor": [x0, y0, x1, y1], "verdict": "positive"}, ...]}, ...]}]
/// ```
///
/// `threshold` and `iou_std` are `null` when the sample deviation is undefined (one candidate);
/// `remark` says why a box has no positive. `verdict` is `positive`, `below-threshold`,
/// `centre-outside`, `lost` (with `winner` and `winner_iou`) or `no-threshold`.
///
/// `atss` and `atss-mmdet` write `ltrb` in pixels from the anchor centre and the centerness ATSS
/// trains; `gfl` writes the DFL targets (strides, clamped to `[0, reg_max − 0.1]`) and no
/// centerness (GFL has none). Background entries are `null`.
enum ATSSTargetsJSON {
    static func encode(_ a: ATSSAssignment, preset: String, gfl: GFLTargets? = nil) -> String {
        let locations = a.levels.reduce(0) { $0 + $1.map.count }
        var w = JSONWriter(capacity: 64 * locations + 4096 * a.boxes.count + 256)
        w.raw("{")
        w.key("preset")
        w.string(preset)
        w.raw(",")
        w.key("image")
        w.raw("{\"width\":\(a.imageWidth),\"height\":\(a.imageHeight)},")
        w.key("regression_units")
        w.string(gfl == nil ? "pixels" : "stride")
        if let gfl {
            w.raw(",\"regression_max\":")
            w.number(GFLTargets.upperBound(maximum: gfl.maximum))
        }
        w.raw(",\"k\":\(a.rules.candidatesPerLevel),")
        w.key("anchor")
        w.raw("{\"scale\":")
        w.number(a.rules.anchors.scale)
        w.raw(",\"convention\":")
        w.string(a.rules.anchors.boxes.rawValue)
        w.raw("},")
        w.key("levels")
        w.array(a.levels.indices) { w, l in
            let level = a.levels[l]
            let map = level.map
            w.raw("{")
            w.key("name")
            w.string(map.level.name)
            w.raw(",\"stride\":\(map.stride),\"width\":\(map.width),\"height\":\(map.height),")
            w.locationsAndMatches(level)
            w.raw(",")
            w.key("ltrb")
            w.array(0..<map.count) { w, i in
                guard level.matched[i] >= 0 else { return w.raw("null") }
                w.numbers((gfl?.distances[l][i] ?? level.ltrb[i]).array)
            }
            if gfl == nil {
                w.raw(",")
                w.key("centerness")
                w.array(0..<map.count) { w, i in
                    level.matched[i] < 0 ? w.raw("null") : w.number(level.centerness[i])
                }
            }
            w.raw("}")
        }
        w.raw(",")
        w.key("gts")
        w.array(a.boxes) { w, box in box.writeJSON(into: &w) }
        w.raw("}\n")
        return w.text
    }
}

extension BoxExplanation {
    func writeJSON(into w: inout JSONWriter) {
        func optional(_ value: Float?) {
            if let value { w.number(value) } else { w.raw("null") }
        }
        w.raw("{\"threshold\":")
        optional(threshold)
        w.raw(",\"iou_mean\":")
        optional(mean)
        w.raw(",\"iou_std\":")
        optional(standardDeviation)
        w.raw(",\"candidates\":\(candidateCount),\"positives\":\(positiveCount),\"positives_per_level\":")
        w.array(positivesPerLevel) { $0.number($1) }
        w.raw(",\"tie\":\(hasTie),\"tie_can_change_positives\":\(tieCanChangePositives),\"remark\":")
        if let remark { w.string(remark.rawValue) } else { w.raw("null") }
        w.raw(",")
        w.key("levels")
        w.array(levels) { w, level in
            w.raw("{\"name\":")
            w.string(level.map.level.name)
            w.raw(",\"cutoff_distance\":")
            if let d = level.cutoffDistance { w.number(d) } else { w.raw("null") }
            w.raw(",\"tie\":")
            if let tie = level.tie {
                w.raw("{\"distance\":")
                w.number(tie.distance)
                w.raw(",\"admitted\":\(tie.admitted),\"left_out\":")
                w.array(tie.leftOutIndices) { $0.number($1) }
                w.raw(",\"can_change_positives\":\(level.tieCanChangePositives)}")
            } else {
                w.raw("null")
            }
            w.raw(",")
            w.key("candidates")
            w.array(level.candidates) { w, c in
                w.raw("{\"index\":\(c.index),\"rank\":\(c.rank),\"distance\":")
                w.number(c.distance)
                w.raw(",\"iou\":")
                w.number(c.iou)
                w.raw(",\"anchor\":")
                w.numbers([c.anchor.x0, c.anchor.y0, c.anchor.x1, c.anchor.y1])
                w.raw(",\"verdict\":")
                w.string(c.verdict.key)
                if case .lostToHigherIoU(let winner, let iou) = c.verdict {
                    w.raw(",\"winner\":\(winner),\"winner_iou\":")
                    w.number(iou)
                }
                w.raw("}")
            }
            w.raw("}")
        }
        w.raw("}")
    }
}

extension Verdict {
    /// The verdict's name in JSON.
    var key: String {
        switch self {
        case .noThreshold: return "no-threshold"
        case .belowThreshold: return "below-threshold"
        case .centerOutside: return "centre-outside"
        case .lostToHigherIoU: return "lost"
        case .positive: return "positive"
        }
    }
}
