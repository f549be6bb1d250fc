import FCOS

enum MatchingCheck {
    /// The student's answer on one level of one scene.
    struct Answer {
        var scene: Int
        var level: Int
        var matched: [Int]
        var differs: Bool
    }

    static func grade(_ function: Submission.MatchFunction, course: Course, hidden: UInt64? = nil)
        -> PartResult
    {
        let rules = course.rules
        let matcher = Matcher(rules: rules)
        let scenes = CourseScene.matchingCases(rules: rules, seed: course.seed, hidden: hidden)
        var grading = Grading(part: .matching)
        var answers: [Answer] = []
        var maps: [[FeatureMap]] = []
        for (s, scene) in scenes.enumerated() {
            // The fast matcher decides; the explaining one only runs for sentences a report shows.
            let reference = matcher.assign(
                scene.groundTruths, imageWidth: scene.width, imageHeight: scene.height)
            var explained: Explanation?
            maps.append(reference.levels.map(\.map))
            var sceneAnswers: [[Int]] = []
            var sceneDiffers = false
            for (k, level) in reference.levels.enumerated() {
                let map = level.map
                grading.begin(scene.family, informative: level.matched.contains { $0 >= 0 })
                guard
                    let matched = grading.call(
                        "matchLocations", { try function(map.locations, map.level, scene.boxes) })
                else { continue }
                let expected = level.matched.map(Int.init)
                answers.append(Answer(scene: s, level: k, matched: matched, differs: matched != expected))
                sceneAnswers.append(matched)
                if matched == expected {
                    grading.pass()
                    continue
                }
                sceneDiffers = true
                if grading.wantsSentences, explained == nil {
                    explained =
                        matcher.assign(
                            scene.groundTruths, imageWidth: scene.width, imageHeight: scene.height,
                            explain: true
                        ).explanation
                }
                grading.fail(
                    difference: MatchingSentences(
                        scene: scene, map: map, rules: rules, notes: explained?.levels[k] ?? []
                    )
                    .difference(student: matched, expected: expected))
            }
            if sceneDiffers, grading.evidence == nil, sceneAnswers.count == reference.levels.count {
                grading.evidence = MatchingEvidence(scene: scene, matched: sceneAnswers)
            }
        }
        guard grading.failedCases > 0, !answers.isEmpty else { return grading.result() }
        // Levels where the student differs first: a recipe that does not reproduce them fails there
        // at once, and only the right one pays for a pass over every level.
        answers.sort { $0.differs && !$1.differs }
        let mistakes = diagnose(reference: MatchingRecipe(rules: rules), changes: changes(rules)) { recipe in
            answers.allSatisfy { answer in
                let map = maps[answer.scene][answer.level]
                return recipe.match(map.locations, level: map.level, boxes: scenes[answer.scene].boxes)
                    == answer.matched
            }
        }
        return grading.result(mistakes: mistakes ?? [])
    }

    static func changes(_ rules: AssignmentRules) -> [Change<MatchingRecipe>] {
        var changes: [Change<MatchingRecipe>] = []
        let example = rules.levels.first.map { RuleText.range($0.sizeRange, gate: rules.sizeGate) } ?? ""
        let flipped: SizeGate = rules.sizeGate == .inclusive ? .strict : .inclusive
        let boundsAdvice =
            rules.sizeGate == .inclusive
            ? "This preset's ranges are inclusive, \(RuleText.gateInequality(.inclusive)): m = 64 passes "
                + "both P3 \(example) and P4. You compared with <."
            : "This preset's ranges are strict, \(RuleText.gateInequality(.strict)): m = 64 passes "
                + "neither P3 \(example) nor P4. You compared with ≤."
        changes.append(
            Change(
                mistake: Mistake(
                    id: "range-bounds", name: "inclusive vs strict range bounds",
                    question: rules.sizeGate == .inclusive
                        ? "do your range tests include their bounds?"
                        : "do your range tests exclude their bounds?",
                    advice: boundsAdvice),
                apply: { $0.gate = .rule(flipped) }))
        changes.append(
            Change(
                mistake: Mistake(
                    id: "max-area", name: "max-area instead of min-area",
                    question: "did you keep the largest box?",
                    advice: "Among the boxes that pass both tests the paper keeps the one with the "
                        + "smallest area; you kept the largest (an argmax where an argmin belongs, or the "
                        + "comparison the wrong way round)."),
                apply: { $0.ranking = .largestArea }))
        changes.append(
            Change(
                mistake: Mistake(
                    id: "late-ties", name: "ties go to the later box",
                    question: "which box wins a tie?",
                    advice: "When two candidates rank equal the lower box index wins (what argmin and argmax "
                        + "return); compare with a strict < (or >), not ≤."),
                apply: { $0.laterWinsTies = true }))
        changes.append(
            Change(
                mistake: Mistake(
                    id: "edges-inside", name: "locations on an edge counted as inside",
                    question: "is a location on the edge inside?",
                    advice: "A location is inside a box only when min(l*, t*, r*, b*) > 0, strictly; one "
                        + "lying exactly on an edge (a distance of 0) is background."),
                apply: { $0.edgesInside = true }))
        changes.append(
            Change(
                mistake: Mistake(
                    id: "no-size-gate", name: "size gate missing",
                    question: "did you check the level's range?",
                    advice: "Each level only takes boxes whose m = max(l*, t*, r*, b*) falls in its range: "
                        + "\(RuleText.levelRanges(rules))."),
                apply: { $0.gate = .none }))
        changes.append(
            Change(
                mistake: Mistake(
                    id: "gate-on-min", name: "size gate on min(l*, t*, r*, b*)",
                    question: "did you gate on the maximum distance?",
                    advice: "The size gate compares m = max(l*, t*, r*, b*), the longest distance to a side, "
                        + "with the level's range, not the shortest."),
                apply: { $0.gateOnMinimum = true }))
        changes += centerSamplingChanges(rules)
        let otherConvention: BoxConvention =
            rules.areaConvention == .continuous ? .inclusivePixels : .continuous
        changes.append(
            Change(
                mistake: Mistake(
                    id: "area-convention",
                    name: rules.areaConvention == .continuous
                        ? "areas with +1 pixel widths" : "areas without +1",
                    question: "how did you compute the areas?",
                    advice: "This preset computes areas as \(RuleText.area(rules.areaConvention)); you used "
                        + "\(RuleText.area(otherConvention)), which ranks some pairs of boxes differently."),
                apply: { $0.areaConvention = otherConvention }))
        if rules.ambiguity == .float32Rank {
            changes.append(
                Change(
                    mistake: Mistake(
                        id: "exact-min-area", name: "exact areas instead of Float 1e8 − area",
                        question: "did you rank by 1e8 − area in Float?",
                        advice: "This preset ranks candidates by the Float value 1e8 − area, which ties for "
                            + "areas a few px² apart (lower index wins); comparing exact areas picks the "
                            + "smaller box there instead."),
                    apply: { $0.ranking = .rule(.minimumArea) }))
        }
        return changes
    }

    static func centerSamplingChanges(_ rules: AssignmentRules) -> [Change<MatchingRecipe>] {
        let text = RuleText.centerSampling(rules.centerSampling)
        switch rules.centerSampling {
        case .off:
            let extra = Mistake(
                id: "extra-center-sampling", name: "center sampling where this preset has none",
                question: "did you restrict positives to the box centre?",
                advice: "\(text) Only the improved variants restrict positives to a region around the centre."
            )
            return [
                Change(mistake: extra) { $0.centerSampling = .clippedSubBox(radius: 1.5) },
                Change(mistake: extra) { $0.centerSampling = .chebyshev(radius: 1.5) },
            ]
        case .clippedSubBox(let r), .chebyshev(let r):
            let other: CenterSampling
            if case .clippedSubBox = rules.centerSampling {
                other = .chebyshev(radius: r)
            } else {
                other = .clippedSubBox(radius: r)
            }
            return [
                Change(
                    mistake: Mistake(
                        id: "no-center-sampling", name: "center sampling missing",
                        question: "did you apply center sampling?",
                        advice:
                            "Locations far from a box's centre are not positives under this preset. \(text)"),
                    apply: { $0.centerSampling = .off }),
                Change(
                    mistake: Mistake(
                        id: "other-center-sampling", name: "the other center-sampling rule",
                        question: "which center region did you use?",
                        advice: "\(text) Your region matches the other reference family's rule."),
                    apply: { $0.centerSampling = other }),
            ]
        }
    }
}
