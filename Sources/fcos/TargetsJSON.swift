import FCOS

/// `fcos targets --json`: per level the locations (row-major, x fastest), the matched box index
/// (−1 background), `[l, t, r, b]` in the preset's regression units and centerness, with
/// `null` for background except under EECS 498's −1 sentinels.
enum TargetsJSON {
    static func encode(_ a: Assignment, preset: String) -> String {
        var text = ""
        write(a, preset: preset) { text += $0 }
        return text
    }

    /// Writes the JSON to `sink` in pieces of about a megabyte (streamed, never whole in memory).
    static func write(_ a: Assignment, preset: String, to sink: @escaping (String) -> Void) {
        let sentinels = a.rules.backgroundSentinels
        var w = JSONWriter(sink: sink)
        w.raw("{")
        w.key("preset")
        w.string(preset)
        w.raw(",")
        w.key("image")
        w.raw("{\"width\":\(a.imageWidth),\"height\":\(a.imageHeight)},")
        w.key("regression_units")
        w.string(a.rules.regressionUnits.rawValue)
        w.raw(",")
        w.key("levels")
        w.array(a.levels) { w, level in
            let map = level.map
            w.raw("{")
            w.key("name")
            w.string(map.level.name)
            w.raw(",\"stride\":\(map.stride),\"width\":\(map.width),\"height\":\(map.height),")
            w.key("size_range")
            w.numbers([map.level.sizeRange.lower, map.level.sizeRange.upper])
            w.raw(",")
            w.locationsAndMatches(level)
            w.raw(",")
            w.key("ltrb")
            w.array(0..<map.count) { w, i in
                if level.matched[i] < 0 && !sentinels { return w.raw("null") }
                w.numbers(level.ltrb[i].array)
            }
            w.raw(",")
            w.key("centerness")
            w.array(0..<map.count) { w, i in
                if level.matched[i] < 0 && !sentinels { return w.raw("null") }
                w.number(level.centerness[i])
            }
            w.raw("}")
        }
        w.raw("}\n")
        w.finish()
    }
}
