import ATSS
import FCOS

/// The readable summary `fcos targets` prints for the ATSS-based presets: one row per level,
/// then the per-box threshold table (candidates, mean, sample std, threshold, positives per
/// level), then why each box without a positive has none.
enum ATSSTargetsSummary {
    static func text(_ a: ATSSAssignment, preset: MethodPreset) -> String {
        let fmt = TargetsSummary.fmt
        let rules = a.rules
        var out = "Preset \(preset.name): \(preset.summary)\n"
        out += "Image \(a.imageWidth)×\(a.imageHeight), \(a.groundTruths.count) boxes, "
        out += "k = \(rules.candidatesPerLevel) candidates per level, anchors \(fmt(rules.anchors.scale))s "
        out += "(\(rules.anchors.boxes == .inclusivePixels ? "+1 widths" : "continuous")), "
        out += "threshold = mean + \(rules.deviation == .sample ? "sample" : "population") std\n\n"

        var levelRows = [["level", "stride", "grid", "anchors", "positives"]]
        for level in a.levels {
            let map = level.map
            levelRows.append([
                map.level.name, "\(map.stride)", "\(map.width)×\(map.height)", "\(map.count)",
                "\(level.positiveCount)",
            ])
        }
        levelRows.append(["all", "", "", "\(a.levels.reduce(0) { $0 + $1.map.count })", "\(a.positiveCount)"])
        out += TargetsSummary.table(levelRows, rightAligned: [1, 3, 4]) + "\n"
        guard !a.groundTruths.isEmpty else { return out + "No boxes: every anchor is background.\n" }

        let names = a.levels.map(\.map.level.name)
        var rows = [["box", "name", "w×h", "cand.", "mean", "std", "threshold"] + names + ["total", "note"]]
        for (g, gt) in a.groundTruths.enumerated() {
            let box = a.boxes[g]
            var name = gt.name ?? "label \(gt.label)"
            if gt.isCrowd { name += " (crowd)" }
            var notes: [String] = []
            if box.tieCanChangePositives {
                notes.append("tie at k-th distance")
            } else if box.hasTie {
                notes.append("harmless tie")
            }
            if let remark = box.remark { notes.append(Self.words(remark)) }
            rows.append(
                [
                    "\(g)", name, "\(fmt(gt.box.width))×\(fmt(gt.box.height))", "\(box.candidateCount)",
                    Self.decimal(box.mean), Self.decimal(box.standardDeviation), Self.decimal(box.threshold),
                ] + box.positivesPerLevel.map(String.init) + [
                    "\(box.positiveCount)", notes.joined(separator: "; "),
                ])
        }
        out += TargetsSummary.table(rows, rightAligned: Set(3..<(8 + names.count))) + "\n"
        if a.boxes.contains(where: \.hasTie) {
            out +=
                "Ties: anchors left out shared the k-th distance; the lower flat index was taken (torch.topk\n"
            out += "may take others). Harmless: every tied anchor has the same IoU, below the threshold.\n"
        }
        return out
    }

    /// Four decimals, or `—` for an undefined value.
    static func decimal(_ v: Float?) -> String {
        guard let v else { return "—" }
        let scaled = (Double(v) * 10_000).rounded() / 10_000
        var s = String(scaled)
        while s.count < (s.hasPrefix("-") ? 7 : 6) { s += "0" }
        return s
    }

    static func words(_ remark: BoxExplanation.Remark) -> String {
        switch remark {
        case .crowd: return "crowd region, never matched"
        case .noCandidates: return "no anchors"
        case .undefinedDeviation: return "one candidate: sample std undefined, nothing passes"
        case .centerOutside: return "no anchor centre inside the box above the threshold"
        case .belowThreshold: return "every IoU below the threshold"
        case .lostEveryAnchor: return "every anchor went to a box with a higher IoU"
        }
    }
}
