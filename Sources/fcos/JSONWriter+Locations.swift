import FCOS

extension JSONWriter {
    /// `"locations":[[x, y], ...],"matched":[...]` of one level, row-major: the part of the
    /// per-level schema every method's `fcos targets --json` shares.
    mutating func locationsAndMatches(_ level: LevelTargets) {
        let map = level.map
        key("locations")
        array(0..<map.count) { w, i in
            let p = map.location(at: i)
            w.raw("[")
            w.number(p.x)
            w.raw(",")
            w.number(p.y)
            w.raw("]")
        }
        raw(",")
        key("matched")
        array(level.matched) { $0.number(Int($1)) }
    }
}
