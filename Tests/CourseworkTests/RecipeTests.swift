import FCOS
import Testing

@testable import Coursework

/// The recipes the grader runs mistakes through must equal the toolkit when no mistake is
/// applied; otherwise a "recognised mistake" could be an artefact of the recipe.
@Suite("Mistake recipes without a mistake equal the toolkit")
struct RecipeTests {
    @Test("matching", arguments: Preset.names)
    func matching(preset: String) {
        let rules = Preset.named(preset)!.assignment
        let recipe = MatchingRecipe(rules: rules)
        for scene in CourseScene.matchingCases(rules: rules, seed: 7, hidden: 11) {
            let reference = Matcher(rules: rules).assign(
                scene.groundTruths, imageWidth: scene.width, imageHeight: scene.height)
            for level in reference.levels {
                let mine = recipe.match(level.map.locations, level: level.map.level, boxes: scene.boxes)
                #expect(mine == level.matched.map(Int.init), "\(scene.name) \(level.map.level.name)")
            }
        }
    }

    @Test("locations, deltas, centerness, focal loss and NMS", arguments: Preset.names)
    func others(preset: String) {
        let rules = Preset.named(preset)!.assignment
        for c in LocationsCheck.cases(rules: rules) {
            #expect(
                LocationsRecipe(offset: rules.locationOffset).locations(
                    width: c.width, height: c.height, stride: c.stride)
                    == LocationsCheck.reference(c, rules: rules))
        }
        let deltas = DeltasRecipe(units: rules.regressionUnits)
        for c in DeltasCheck.cases(rules: rules, seed: 1) {
            let expected = RegressionDeltas.encode(
                c.box, at: c.location, stride: Float(c.stride), units: rules.regressionUnits)
            #expect(deltas.encode(c.box, at: c.location, stride: c.stride) == expected)
            #expect(
                deltas.decode(expected, at: c.location, stride: c.stride)
                    == RegressionDeltas.decode(
                        expected, at: c.location, stride: Float(c.stride), units: rules.regressionUnits))
        }
        for c in CenternessCheck.cases(seed: 1) {
            let d = LTRB(from: c.location, to: c.box)
            #expect(CenternessRecipe().value(d) == Centerness.value(d))
        }
        for c in FocalLossCheck.cases(seed: 1) {
            let mine = zip(c.logits, c.targets).map {
                FocalLossRecipe().value(logit: $0, target: $1, alpha: c.alpha, gamma: c.gamma)
            }
            #expect(FocalLossCheck.same(mine, FocalLossCheck.reference(c)))
        }
        for c in NMSCheck.cases(convention: rules.areaConvention, seed: 1) {
            #expect(
                NMSRecipe(convention: rules.areaConvention).keep(
                    c.boxes, scores: c.scores, threshold: c.threshold)
                    == NMS.greedy(
                        boxes: c.boxes, scores: c.scores, iouThreshold: Double(c.threshold),
                        convention: rules.areaConvention))
        }
    }

    @Test("the hand-made scenes hit the boundaries they are named after")
    func handMadeScenes() {
        let official = Preset.official.assignment
        let scenes = CourseScene.handMade(rules: official)
        let boundary = scenes.first { $0.name.hasPrefix("the 64-px") }!
        let a = Matcher(rules: official).assign(
            boundary.groundTruths, imageWidth: boundary.width, imageHeight: boundary.height, explain: true)
        let ms = a.explanation!.levels.flatMap { $0 }.flatMap(\.verdicts).map(\.m)
        #expect(ms.contains(64))
        #expect(ms.contains(128))
        let edges = scenes.first { $0.name.hasPrefix("locations exactly on") }!
        let locations = official.featureMaps(imageWidth: edges.width, imageHeight: edges.height)[0].locations
        #expect(locations.contains { LTRB(from: $0, to: edges.boxes[0]).minimum == 0 })
    }
}
