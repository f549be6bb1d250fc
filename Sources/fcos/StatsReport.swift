import Annotations
import FCOS

/// The readable report `fcos stats` prints: recall and ambiguity next to the paper's figures,
/// where positives land, and the smallest boxes that got none.
enum StatsReport {
    /// The paper's Table 1 and §4.1.1, on COCO minival with its own code (the `official` preset).
    static let paper = (
        bprWith: 98.40, bprWithout: 95.55, ambiguousWith: 7.14, ambiguousWithout: 23.16,
        differentWith: 3.75, differentWithout: 17.84
    )

    /// `preset` chooses the wording: FCOS's candidates are locations that pass its gates, ATSS's
    /// are anchors that pass its threshold and centre tests.
    static func text(
        _ s: DatasetStatistics, read: ReadResult, timing: StatsTiming, limit: Int,
        preset: MethodPreset = .fcos(.official)
    ) -> String {
        let words = Wording(preset)
        let table = TargetsSummary.table
        var out = "\(read.dataset.source) (\(read.dataset.format.rawValue.uppercased())): "
        out += "\(s.images) images, \(s.boxes) boxes\n"
        let path = s.dataPath
        out +=
            "Preset \(s.preset), data path \(path.rule.rawValue): resized to shorter side \(path.minSize), "
        out += "longer ≤ \(path.maxSize) (\(path.resizeRule.rawValue) rounding)\n"
        var dropped = s.drops.reasons.filter { $0.1 > 0 }.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        if dropped.isEmpty { dropped = "none" }
        out += "Kept \(s.keptBoxes) boxes; dropped \(s.drops.total) (\(dropped)); clipped \(s.clipped)"
        if read.skippedBoxes + read.skippedImages > 0 {
            out +=
                "; skipped \(read.skippedBoxes) bad boxes, \(read.skippedImages) bad images (listed on stderr)"
        }
        out += "\n\n"

        let p = paper
        let w = s.withFPN
        let wo = s.withoutFPN
        out += table(
            [
                ["", "with FPN", "without FPN (P4)", "paper with / without*"],
                [
                    "best possible recall", percent(w.bestPossibleRecall), percent(wo.bestPossibleRecall),
                    "\(fixed(p.bprWith)) % / \(fixed(p.bprWithout)) %",
                ],
                ["boxes recalled", "\(w.recalled) of \(w.eligible)", "\(wo.recalled) of \(wo.eligible)", ""],
                ["positive locations", "\(w.positives)", "\(wo.positives)", ""],
                [
                    "ambiguous positives", percent(w.ambiguousShare), percent(wo.ambiguousShare),
                    "\(fixed(p.ambiguousWith)) % / \(fixed(p.ambiguousWithout)) %",
                ],
                [
                    "  of different classes", percent(w.differentClassShare), percent(wo.differentClassShare),
                    "\(fixed(p.differentWith)) % / \(fixed(p.differentWithout)) %",
                ],
            ], [1, 2])
        out += words.footnote

        out += "Positive locations per level (with FPN)\n"
        let strides = s.levelStrides
        var levelRows = [["level", "stride", "positives", "share"]]
        for (l, name) in s.levelNames.enumerated() {
            let n = s.positivesPerLevel[l]
            levelRows.append([
                name, l < strides.count ? "\(strides[l])" : "", "\(n)", percent(share(n, w.positives)),
            ])
        }
        out += table(levelRows, [1, 2, 3]) + "\n"

        out += "Boxes by number of positive locations (with FPN)\n"
        var histogramRows = [["positives", "boxes", "share"]]
        for (b, bin) in DatasetStatistics.histogramBins.enumerated() {
            histogramRows.append([
                bin.label, "\(s.positivesHistogram[b])", percent(share(s.positivesHistogram[b], s.keptBoxes)),
            ])
        }
        out += table(histogramRows, [1, 2]) + "\n"

        out += "Boxes by the levels their positives are on (with FPN)\n"
        var levelSetRows = [["levels", "boxes", "share"]]
        for (mask, n) in s.boxesByLevels.sorted(by: { $0.key < $1.key }) {
            levelSetRows.append([s.levelSetName(mask), "\(n)", percent(share(n, s.keptBoxes))])
        }
        out += table(levelSetRows, [1, 2]) + "\n"

        if s.unrecalled.isEmpty {
            out += "Every kept box has at least one positive location (with FPN).\n"
        } else {
            let shown = min(limit, s.unrecalled.count)
            out += "Boxes without a positive location (with FPN): \(s.unrecalled.count), smallest first"
            out += shown < s.unrecalled.count ? " (first \(shown); --json lists all)\n" : "\n"
            var rows = [
                ["image", "annotation", "class", "box x0, y0, x1, y1 (original px)", "resized w×h", "why"]
            ]
            for u in s.unrecalled.prefix(shown) {
                let b = u.originalBox.map { String(format: Float($0)) }.joined(separator: ", ")
                rows.append([
                    "\(u.imageID)", "\(u.annotationID)", u.categoryName, b,
                    "\(String(format: u.resizedBox.width))×\(String(format: u.resizedBox.height))",
                    u.lostToSmallerBoxes ? words.lostEverything : words.noCandidate,
                ])
            }
            out += table(rows, [0, 1]) + "\n"
        }
        out += "Read in \(fixed(timing.read, 3)) s, statistics in \(fixed(timing.statistics, 3)) s "
        out += "(\(timing.workers) worker\(timing.workers == 1 ? "" : "s"))\n"
        return out
    }

    /// What the report says that depends on the method.
    struct Wording {
        var footnote: String
        var lostEverything: String
        var noCandidate: String

        init(_ preset: MethodPreset) {
            switch preset {
            case .fcos:
                footnote =
                    "* the paper's figures: COCO minival (5 000 images), its own code (preset official).\n"
                    + "  Without FPN: one stride-16 level, no size gate; ambiguous shares are of the positives.\n\n"
                lostEverything = "every candidate went to a smaller box"
                noCandidate = "no candidate location"
            case .atss, .gfl:
                footnote =
                    "* FCOS paper's figures (preset official), for comparison; the ATSS paper gives none.\n"
                    + "  Without FPN: the k nearest anchors on one stride-16 level; an ambiguous positive passed\n"
                    + "  the threshold and centre tests for two or more boxes; shares are of the positives.\n\n"
                lostEverything = "every anchor it passed went to a box with a higher IoU"
                noCandidate = "no candidate passed the threshold and centre tests"
            }
        }
    }

    static func share(_ n: Int, _ total: Int) -> Double { total == 0 ? 0 : Double(n) / Double(total) }

    static func percent(_ fraction: Double) -> String { "\(fixed(fraction * 100)) %" }

    /// `digits` decimals, zero-padded: 98.4 → "98.40".
    static func fixed(_ d: Double, _ digits: Int = 2) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let n = Int((abs(d) * scale).rounded())
        let sign = d < 0 && n != 0 ? "-" : ""
        guard digits > 0 else { return sign + "\(n)" }
        let whole = n / Int(scale)
        let fraction = String(n % Int(scale))
        return sign + "\(whole)." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
}
