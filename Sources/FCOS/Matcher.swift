/// Ground-truth matching (paper §3.1–3.2): which box, if any, each location regresses.
///
/// A location becomes a positive of a box when three rules agree:
///
/// 1. **Inside**: `min(l*, t*, r*, b*) > 0`, strictly, so a location exactly on an edge is
///    background (or, with center sampling, inside the box's centre region; see
///    ``CenterSampling``).
/// 2. **Size gate**: `m = max(l*, t*, r*, b*)` lies in the level's range (see ``SizeGate`` for
///    what happens at exactly 64 px).
/// 3. **Smallest area wins** among the boxes that pass 1 and 2 (see ``AmbiguityRule``).
///
/// ``assign(_:imageWidth:imageHeight:explain:)`` picks one of two implementations that give
/// identical targets: the plain loop below, which reads like the paper and records an
/// ``Explanation``, and a per-box scan (`Matcher+Fast.swift`) that only visits the locations a
/// box can reach, for data-set statistics.
public struct Matcher: Sendable {
    /// The rules every assignment follows.
    public var rules: AssignmentRules

    /// A matcher for `rules`, e.g. a ``Preset``'s ``Preset/assignment``.
    public init(rules: AssignmentRules) {
        self.rules = rules
    }

    /// Targets for one image of `imageWidth × imageHeight` pixels (the network's input size).
    /// With `explain` the plain matcher runs and the result carries an ``Explanation``.
    public func assign(
        _ groundTruths: [GroundTruth], imageWidth: Int, imageHeight: Int, explain: Bool = false
    ) -> Assignment {
        if explain || !canAssignByBox(groundTruths) {
            return assignByLocation(
                groundTruths, imageWidth: imageWidth, imageHeight: imageHeight, explain: explain)
        }
        return assignByBox(groundTruths, imageWidth: imageWidth, imageHeight: imageHeight)
    }

    /// The plain matcher: every location against every box, the three rules in order.
    public func assignByLocation(
        _ groundTruths: [GroundTruth], imageWidth: Int, imageHeight: Int, explain: Bool = true
    ) -> Assignment {
        let maps = rules.featureMaps(imageWidth: imageWidth, imageHeight: imageHeight)
        let areas = groundTruths.map { $0.box.area(rules.areaConvention) }
        var keys = [Float?](repeating: nil, count: groundTruths.count)
        var levels: [LevelTargets] = []
        var explained: [[LocationExplanation]] = []

        for map in maps {
            var matched = [Int32](repeating: -1, count: map.count)
            var notes: [LocationExplanation] = []
            for index in 0..<map.count {
                let point = map.location(at: index)
                var verdicts: [GroundTruthVerdict] = []
                for (g, gt) in groundTruths.enumerated() {
                    let d = LTRB(from: point, to: gt.box)
                    // Rule 1: inside the box, or inside its centre region.
                    let inRegion = rules.centerSampling.admits(point, box: gt.box, stride: map.stride)
                    // Rule 2: the level's size range.
                    let inRange = rules.sizeGate.admits(d.maximum, in: map.level.sizeRange)
                    let key = rules.ambiguity.key(area: areas[g])
                    keys[g] = inRegion && inRange && !gt.isCrowd ? key : nil
                    if explain && d.minimum > 0 {
                        verdicts.append(
                            GroundTruthVerdict(
                                groundTruth: g, ltrb: d, m: d.maximum, isCrowd: gt.isCrowd,
                                passesCenterSampling: inRegion, passesSizeGate: inRange, key: key))
                    }
                }
                // Rule 3: the smallest box among the candidates.
                let winner = rules.ambiguity.resolve(keys)
                if let winner { matched[index] = Int32(winner) }
                if explain && !verdicts.isEmpty {
                    notes.append(
                        LocationExplanation(index: index, location: point, verdicts: verdicts, winner: winner)
                    )
                }
            }
            levels.append(makeTargets(map: map, matched: matched, groundTruths: groundTruths))
            explained.append(notes)
        }
        return Assignment(
            rules: rules, imageWidth: imageWidth, imageHeight: imageHeight, groundTruths: groundTruths,
            levels: levels, explanation: explain ? Explanation(levels: explained) : nil)
    }

    /// Regression and centerness targets for the matched locations of one level.
    func makeTargets(map: FeatureMap, matched: [Int32], groundTruths: [GroundTruth]) -> LevelTargets {
        let sentinel = rules.backgroundSentinels
        let emptyLTRB = sentinel ? LTRB(l: -1, t: -1, r: -1, b: -1) : LTRB(l: 0, t: 0, r: 0, b: 0)
        var ltrb = [LTRB](repeating: emptyLTRB, count: map.count)
        var centerness = [Float](repeating: sentinel ? -1 : 0, count: map.count)
        let stride = Float(map.stride)
        for index in 0..<map.count where matched[index] >= 0 {
            let box = groundTruths[Int(matched[index])].box
            let d = RegressionDeltas.encode(
                box, at: map.location(at: index), stride: stride, units: rules.regressionUnits)
            ltrb[index] = d
            centerness[index] = Centerness.value(d)
        }
        return LevelTargets(map: map, matched: matched, ltrb: ltrb, centerness: centerness)
    }
}
