import FCOS

/// Adaptive Training Sample Selection (Zhang et al., CVPR 2020, Algorithm 1), box by box, in the
/// order of the paper and of the authors' `prepare_targets`:
///
/// 1. **Candidates**: on each level the `k` anchors nearest the box centre
///    (``CandidateSelection``).
/// 2. **Threshold**: `t_g` = mean + standard deviation of the candidates' IoUs, all levels
///    pooled (``AdaptiveThreshold``).
/// 3. **IoU test**: a candidate passes when `IoU ≥ t_g` (inclusive in both references).
/// 4. **Centre test**: and when its anchor centre is inside the box by more than the margin,
///    `min(l, t, r, b) > 0.01` (strict; a centre exactly on `x1` fails).
/// 5. **Conflicts**: an anchor that passed for several boxes goes to the one with the highest
///    IoU; on equal IoU the first box in input order (`max` returns the first maximum).
///
/// Everything else is background: ATSS has no ignore band and no guarantee that a box gets a
/// positive (a box thinner than about one P3 stride may contain no candidate centre). Crowd
/// boxes are never matched (official ATSS drops them; mmdetection passes them as ignored boxes
/// that `ATSSAssigner` leaves unused at `ignore_iof_thr = −1`).
public struct ATSSAssigner: Sendable {
    /// The reference's choices the assigner follows; swap them to compare `atss` with `atss-mmdet`.
    public var rules: ATSSRules

    /// An assigner for `rules`; usually reached through ``ATSSPreset/assigner``.
    public init(rules: ATSSRules) {
        self.rules = rules
    }

    /// Targets and explanations for one image of `imageWidth × imageHeight` input pixels.
    public func assign(_ groundTruths: [GroundTruth], imageWidth: Int, imageHeight: Int) -> ATSSAssignment {
        let maps = rules.featureMaps(imageWidth: imageWidth, imageHeight: imageHeight)
        var matched = maps.map { [Int32](repeating: -1, count: $0.count) }
        var bestIoU = maps.map { [Float](repeating: -.infinity, count: $0.count) }
        var boxes: [BoxExplanation] = []
        boxes.reserveCapacity(groundTruths.count)

        for (g, gt) in groundTruths.enumerated() {
            var box = explain(gt.box, index: g, crowd: gt.isCrowd, maps: maps)
            // Step 5 as the boxes arrive: a strictly higher IoU takes the anchor over, so on
            // equal IoU the earlier box keeps it.
            for (l, level) in box.levels.enumerated() {
                for c in level.candidates where c.verdict == .positive && c.iou > bestIoU[l][c.index] {
                    bestIoU[l][c.index] = c.iou
                    matched[l][c.index] = Int32(g)
                }
            }
            box.groundTruth = g
            boxes.append(box)
        }
        // Candidates that passed but whose anchor went elsewhere.
        for g in boxes.indices {
            for l in boxes[g].levels.indices {
                for c in boxes[g].levels[l].candidates.indices {
                    let candidate = boxes[g].levels[l].candidates[c]
                    guard candidate.verdict == .positive else { continue }
                    let owner = Int(matched[l][candidate.index])
                    if owner != g {
                        boxes[g].levels[l].candidates[c].verdict = .lostToHigherIoU(
                            winner: owner, iou: bestIoU[l][candidate.index])
                    }
                }
            }
        }
        let levels = zip(maps, matched).map { map, matched in
            targets(map: map, matched: matched, groundTruths: groundTruths)
        }
        return ATSSAssignment(
            rules: rules, imageWidth: imageWidth, imageHeight: imageHeight, groundTruths: groundTruths,
            levels: levels, boxes: boxes)
    }

    /// Steps 1–4 for one box, with every candidate's verdict as if the box were alone (step 5
    /// is applied by ``assign(_:imageWidth:imageHeight:)``).
    public func explain(_ box: Box, index: Int, crowd: Bool = false, maps: [FeatureMap]) -> BoxExplanation {
        let center = box.center
        guard !crowd else {
            return BoxExplanation(
                groundTruth: index, center: center, levels: [], mean: nil, standardDeviation: nil,
                threshold: nil,
                populationThreshold: nil)
        }
        let anchors = rules.anchors
        var levels: [LevelCandidates] = []
        levels.reserveCapacity(maps.count)
        var ious: [Float] = []
        ious.reserveCapacity(rules.candidatesPerLevel * maps.count)
        for map in maps {
            let (nearest, tie) = CandidateSelection.nearest(on: map, to: center, k: rules.candidatesPerLevel)
            var candidates: [Candidate] = []
            candidates.reserveCapacity(nearest.count)
            for (rank, n) in nearest.enumerated() {
                let point = map.location(at: n.index)
                let anchor = anchors.box(centeredOn: point, stride: map.stride)
                let iou = anchors.iou(anchor: anchor, box: box)
                ious.append(iou)
                candidates.append(
                    Candidate(
                        index: n.index, rank: rank, center: point, distance: n.distance, anchor: anchor,
                        iou: iou,
                        verdict: .noThreshold))
            }
            levels.append(
                LevelCandidates(map: map, candidates: candidates, tie: tie, tieCanChangePositives: false))
        }
        let threshold = AdaptiveThreshold(ious: ious, deviation: rules.deviation)
        for l in levels.indices {
            guard let tie = levels[l].tie else { continue }
            let map = levels[l].map
            let tied =
                levels[l].candidates.filter { $0.distance == tie.distance }.map(\.iou)
                + tie.leftOutIndices.map {
                    anchors.iou(
                        anchor: anchors.box(centeredOn: map.location(at: $0), stride: map.stride), box: box)
                }
            let allEqual = tied.allSatisfy { $0 == tied[0] }
            let nonePass = threshold.threshold.map { !(tied[0] >= $0) } ?? true
            levels[l].tieCanChangePositives = !(allEqual && nonePass)
        }
        if let t = threshold.threshold {
            for l in levels.indices {
                for c in levels[l].candidates.indices {
                    let candidate = levels[l].candidates[c]
                    let verdict: Verdict
                    if !(candidate.iou >= t) {
                        verdict = .belowThreshold
                    } else if !(LTRB(from: candidate.center, to: box).minimum > rules.centerMargin) {
                        verdict = .centerOutside
                    } else {
                        verdict = .positive
                    }
                    levels[l].candidates[c].verdict = verdict
                }
            }
        }
        return BoxExplanation(
            groundTruth: index, center: center, levels: levels, mean: threshold.mean,
            standardDeviation: threshold.deviation, threshold: threshold.threshold,
            populationThreshold: threshold.populationThreshold)
    }

    /// `(l, t, r, b)` in pixels from the anchor centre and centerness for the positives.
    func targets(map: FeatureMap, matched: [Int32], groundTruths: [GroundTruth]) -> LevelTargets {
        var ltrb = [LTRB](repeating: LTRB(l: 0, t: 0, r: 0, b: 0), count: map.count)
        var centerness = [Float](repeating: 0, count: map.count)
        for index in 0..<map.count where matched[index] >= 0 {
            let d = LTRB(from: map.location(at: index), to: groundTruths[Int(matched[index])].box)
            ltrb[index] = d
            centerness[index] = Centerness.value(d)
        }
        return LevelTargets(map: map, matched: matched, ltrb: ltrb, centerness: centerness)
    }
}
