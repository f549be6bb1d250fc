import FCOS

/// How a level's matching can be computed, right or wrong. With no change it runs the toolkit's
/// own rule objects (``CenterSampling``, ``SizeGate``, ``AmbiguityRule``) and so equals the
/// ``Matcher``; each field is one thing students commonly get wrong.
struct MatchingRecipe: Equatable {
    enum Gate: Equatable {
        case rule(SizeGate)
        /// Every `m` passes: the level ranges are ignored.
        case none
    }

    enum Ranking: Equatable {
        case rule(AmbiguityRule)
        /// The largest area wins.
        case largestArea
    }

    var gate: Gate
    /// The gate compares `min(l*, t*, r*, b*)` instead of the maximum.
    var gateOnMinimum = false
    /// `min(l*, t*, r*, b*) ≥ 0`: a location on an edge counts as inside.
    var edgesInside = false
    var centerSampling: CenterSampling
    var areaConvention: BoxConvention
    var ranking: Ranking
    /// Equal keys go to the later box (a `≤` where the reference has `<`).
    var laterWinsTies = false

    init(rules: AssignmentRules) {
        gate = .rule(rules.sizeGate)
        centerSampling = rules.centerSampling
        areaConvention = rules.areaConvention
        ranking = .rule(rules.ambiguity)
    }

    func match(_ locations: [Point], level: FeatureLevel, boxes: [Box]) -> [Int] {
        let areas = boxes.map { $0.area(areaConvention) }
        var keys = [Float?](repeating: nil, count: boxes.count)
        return locations.map { p in
            for (g, box) in boxes.enumerated() {
                let d = LTRB(from: p, to: box)
                let m = gateOnMinimum ? d.minimum : d.maximum
                let inRange: Bool
                switch gate {
                case .rule(let rule): inRange = rule.admits(m, in: level.sizeRange)
                case .none: inRange = true
                }
                keys[g] = inRange && inRegion(p, box: box, stride: level.stride) ? areas[g] : nil
            }
            return resolve(keys) ?? -1
        }
    }

    func inRegion(_ p: Point, box: Box, stride: Int) -> Bool {
        guard edgesInside else { return centerSampling.admits(p, box: box, stride: stride) }
        switch centerSampling {
        case .chebyshev(let r) where r > 0:
            let c = box.center
            let near = max(abs(p.x - c.x), abs(p.y - c.y)) < r * Float(stride)
            return near && LTRB(from: p, to: box).minimum >= 0
        default:
            return LTRB(from: p, to: centerSampling.region(for: box, stride: stride)).minimum >= 0
        }
    }

    /// The winner among candidate areas, `nil` for background.
    func resolve(_ areas: [Float?]) -> Int? {
        switch ranking {
        case .rule(let rule) where !laterWinsTies:
            return rule.resolve(areas.map { $0.map { rule.key(area: $0) } })
        case .rule(let rule):
            var best: (index: Int, key: Float)?
            for (g, area) in areas.enumerated() {
                guard let area else { continue }
                let key = rule.key(area: area)
                if let current = best, !(rule.prefers(key, over: current.key) || key == current.key) {
                    continue
                }
                best = (g, key)
            }
            return best?.index
        case .largestArea:
            var best: (index: Int, area: Float)?
            for (g, area) in areas.enumerated() {
                guard let area else { continue }
                if let current = best, !(area > current.area || (laterWinsTies && area == current.area)) {
                    continue
                }
                best = (g, area)
            }
            return best?.index
        }
    }
}
