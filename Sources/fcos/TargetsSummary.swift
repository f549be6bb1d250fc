import FCOS

/// The readable summary `fcos targets` prints: one row per level, then one per box.
enum TargetsSummary {
    static func text(_ a: Assignment, preset: Preset) -> String {
        let rules = a.rules
        var out = "Preset \(preset.name): \(preset.summary)\n"
        out += "Image \(a.imageWidth)×\(a.imageHeight), \(a.groundTruths.count) boxes, "
        out += "regression in \(rules.regressionUnits == .pixels ? "pixels" : "pixels ÷ stride")\n\n"
        var levelRows = [["level", "stride", "grid", "size gate on m", "locations", "positives"]]
        for level in a.levels {
            let map = level.map
            levelRows.append([
                map.level.name, "\(map.stride)", "\(map.width)×\(map.height)",
                gateText(map.level.sizeRange, rules.sizeGate), "\(map.count)", "\(level.positiveCount)",
            ])
        }
        levelRows.append([
            "all", "", "", "", "\(a.levels.reduce(0) { $0 + $1.map.count })", "\(a.positiveCount)",
        ])
        out += table(levelRows, rightAligned: [1, 4, 5]) + "\n"

        let perLevel = a.levels.map { level in
            var counts = [Int](repeating: 0, count: a.groundTruths.count)
            for g in level.matched where g >= 0 { counts[Int(g)] += 1 }
            return counts
        }
        var boxRows = [["box", "name", "x0, y0, x1, y1", "w×h"] + a.levels.map(\.map.level.name) + ["total"]]
        for (g, gt) in a.groundTruths.enumerated() {
            let b = gt.box
            let counts = perLevel.map { $0[g] }
            var name = gt.name ?? "label \(gt.label)"
            if gt.isCrowd { name += " (crowd)" }
            boxRows.append(
                [
                    "\(g)", name, "\(fmt(b.x0)), \(fmt(b.y0)), \(fmt(b.x1)), \(fmt(b.y1))",
                    "\(fmt(b.width))×\(fmt(b.height))",
                ]
                    + counts.map(String.init) + ["\(counts.reduce(0, +))"])
        }
        if a.groundTruths.isEmpty {
            out += "No boxes: every location is background.\n"
        } else {
            out += table(boxRows, rightAligned: Set(4..<(5 + a.levels.count))) + "\n"
        }
        let missing = a.groundTruthsWithoutPositives
        if !missing.isEmpty {
            out += "Boxes with no positive location: \(missing.map(String.init).joined(separator: ", "))\n"
        }
        return out
    }

    static func gateText(_ range: SizeRange, _ gate: SizeGate) -> String {
        let hi = range.upper.isFinite && range.upper < FeatureLevel.referenceInfinity ? fmt(range.upper) : "∞"
        switch gate {
        case .inclusive: return "\(fmt(range.lower)) ≤ m ≤ \(hi)"
        case .strict: return "\(fmt(range.lower)) < m < \(hi)"
        }
    }

    static func fmt(_ f: Float) -> String {
        f == f.rounded() && abs(f) < 1e7 ? String(Int(f)) : String(format: f)
    }

    static func table(_ rows: [[String]], rightAligned: Set<Int>) -> String {
        let widths = (0..<rows[0].count).map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.enumerated().map { r, row in
            var trimmed = row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return rightAligned.contains(c) ? pad + cell : cell + pad
            }.joined(separator: "  ")
            // Trailing padding removed in place: reversing each line twice took most of the run
            // for 100 000 boxes, and more the wider one absurd box made a column.
            while trimmed.last == " " { trimmed.removeLast() }
            return r == 0
                ? trimmed + "\n" + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
                : trimmed
        }.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// Two decimals, trailing zeros trimmed; from 10⁷ on (where a float32 has no decimals left)
    /// its shortest form, `3.4e+38` rather than the Double's `3.3999999521443642e+38`.
    init(format f: Float) {
        guard abs(f) < 1e7 else {
            self = f.description
            return
        }
        let scaled = (Double(f) * 100).rounded() / 100
        var s = String(scaled)
        if s.hasSuffix(".0") { s.removeLast(2) }
        self = s
    }
}
