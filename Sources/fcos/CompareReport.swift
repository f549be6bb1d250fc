import Annotations
import FCOS

/// `fcos compare` as text: what differs per level, per box size, and which boxes gain or lose.
enum CompareReport {
    static func text(_ c: PresetComparison, limit: Int, images imageLimit: Int, annotations: String) -> String
    {
        let a = c.first.name
        let b = c.second.name
        var lines: [String] = []
        lines.append(
            "\(a) vs \(b) over \(Prose.count(c.imagesCompared, "image")) and \(Prose.count(c.boxesCompared, "box", "boxes"))"
        )
        lines.append("\(a) uses \(pathText(c.firstPath)), \(b) \(pathText(c.secondPath))")
        if c.keptOnlyByFirst + c.keptOnlyBySecond > 0 {
            lines.append(
                "boxes kept by one data path only: \(c.keptOnlyByFirst) by \(a), \(c.keptOnlyBySecond) by \(b) "
                    + "(counted with 0 positives on the other side)")
        }
        lines.append("")
        lines.append(
            "Cells with a different target (compared by grid position), \(Prose.count(c.images.count, "image")) affected:"
        )
        let width = max(a.count, b.count, 9) + 2
        lines.append(
            "  " + "level".padded(6) + "differing".padded(11, right: true)
                + "\(a) positives".padded(width + 10, right: true)
                + "\(b) positives".padded(width + 10, right: true))
        for (i, name) in c.levelNames.enumerated() {
            lines.append(
                "  " + name.padded(6) + String(c.differingPerLevel[i]).padded(11, right: true)
                    + String(c.firstPositivesPerLevel[i]).padded(width + 10, right: true)
                    + String(c.secondPositivesPerLevel[i]).padded(width + 10, right: true))
        }
        lines.append(
            "  " + "all".padded(6) + String(c.differing).padded(11, right: true)
                + String(c.firstPositivesPerLevel.reduce(0, +)).padded(width + 10, right: true)
                + String(c.secondPositivesPerLevel.reduce(0, +)).padded(width + 10, right: true))
        lines.append("")
        lines.append("By box size (longest side, resized px under \(a)): boxes, positives, boxes with none")
        for bin in c.sizeBins where bin.boxes > 0 {
            lines.append(
                "  " + bin.label.padded(9) + String(bin.boxes).padded(6, right: true) + "   positives "
                    + "\(bin.firstPositives) → \(bin.secondPositives)".padded(15)
                    + "  none \(bin.firstWithout) → \(bin.secondWithout)")
        }
        lines.append("")
        lines.append(
            "\(Prose.count(c.changes.count, "box", "boxes")) change their positive count: \(c.gaining) gain under \(b), \(c.losing) lose"
                + "; \(c.changes.filter { $0.zeroOnOneSide }.count) have positives under only one preset")
        if !c.changes.isEmpty {
            lines.append(
                "Ranked (positives under only one preset first, then by how many move); corners in original px:"
            )
            for change in c.changes.prefix(limit) { lines.append("  " + line(change, c)) }
            if c.changes.count > limit {
                lines.append("  … and \(c.changes.count - limit) more (--json lists all)")
            }
            if let hint = inspectHint(c, annotations: annotations) {
                lines.append("To see why the first one changed: \(hint)")
            }
        }
        if !c.images.isEmpty {
            lines.append("")
            lines.append("Images with the most differing cells:")
            for image in c.images.prefix(imageLimit) {
                let perLevel = zip(c.levelNames, image.differingPerLevel).filter { $0.1 > 0 }.map {
                    "\($0.0) \($0.1)"
                }
                lines.append(
                    "  image \(image.imageID) (\(image.fileName)): \(image.differing) cells (\(perLevel.joined(separator: ", ")))"
                )
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `the official data path (maskrcnn-benchmark resize, 800/1333)`.
    static func pathText(_ path: DataPath) -> String {
        "the \(path.rule.rawValue) data path (\(path.resizeRule.rawValue) resize, \(path.minSize)/\(path.maxSize))"
    }

    /// The command that shows why the top-ranked box changed, under the preset where it has fewer
    /// positives (`fcos inspect` draws every method's presets); `nil` when nothing changed.
    static func inspectHint(_ c: PresetComparison, annotations: String) -> String? {
        guard let top = c.changes.first else { return nil }
        let preset = top.delta < 0 ? c.second : c.first
        return "fcos inspect \(annotations) --image \(top.imageID) --preset \(preset.name) --out DIR"
    }

    static func line(_ change: PresetComparison.BoxChange, _ c: PresetComparison) -> String {
        let o = change.original
        let sign = change.delta > 0 ? "+" : ""
        var text =
            "\(change.zeroOnOneSide ? "⚠ " : "")image \(change.imageID) annotation \(change.annotationID) \(change.category) "
            + "\(Prose.corners(o.x0, o.y0, o.x1, o.y1)) (\(Prose.number(change.resizedLongestSide)) resized px): "
            + "\(change.firstPositives) → \(change.secondPositives) (\(sign)\(change.delta))"
        if !change.keptByFirst { text += ", dropped by \(c.first.name)'s data path" }
        if !change.keptBySecond { text += ", dropped by \(c.second.name)'s data path" }
        return text
    }
}

extension String {
    /// Padded with spaces to `width` characters, on the left when `right` (numbers).
    func padded(_ width: Int, right: Bool = false) -> String {
        guard count < width else { return self }
        let fill = String(repeating: " ", count: width - count)
        return right ? fill + self : self + fill
    }
}
