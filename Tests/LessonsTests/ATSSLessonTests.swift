import ATSS
import Annotations
import FCOS
import Foundation
import GFL
import Notebook
import Testing

/// Lessons 9 and 10 print numbers about their scene in prose and tables. These tests run the
/// lessons as a student would and look for the numbers the library computes, worked out here
/// independently, so a typed or stale number in a lesson fails.
@Suite("Lessons 9 and 10 quote the computed numbers", .serialized)
struct ATSSLessonTests {
    /// Runs `lesson` and returns its exit status, its plain-text transcript and its error output.
    static func run(_ lesson: String, _ arguments: [String]) throws -> (
        status: Int32, text: String, errors: String
    ) {
        let out = LessonRunTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try LessonProcess.run(
            lesson, ["--no-pause", "--no-color", "--out", out.path] + arguments)
        return (result.status, result.out, result.err)
    }

    static func scene(_ name: String) throws -> Scene { try SceneFile.read(LessonAssets.scenePath(name)) }

    static func three(_ value: Float?) -> String { value.map { String(format: "%.3f", Double($0)) } ?? "—" }

    /// The transcript with every run of white space (line wrapping, table padding) made one space.
    static func flat(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\u{00A0}" }).joined(separator: " ")
    }

    /// Whether `text` contains `needle`, reported by the needle alone (the transcript is long).
    static func quotes(_ text: String, _ needle: String) -> Bool { text.contains(needle) }

    @Test("Lesson 9 on tennis: thresholds, positives, the k sweep and the two presets' disagreement")
    func lesson9() throws {
        let result = try Self.run("lesson-09-atss", [])
        #expect(result.status == 0, "\(result.errors)")
        let text = Self.flat(result.text)
        let tennis = try Self.scene("tennis")
        let a = ATSSPreset.atss.assigner.assign(
            tennis.groundTruths, imageWidth: tennis.width, imageHeight: tennis.height)
        for box in a.boxes {
            let row = [box.mean, box.standardDeviation, box.threshold, box.populationThreshold].map(
                Self.three)
            #expect(Self.quotes(text, row.joined(separator: " │ ")), "box \(box.groundTruth): \(row)")
        }
        // The k sweep: k = 13's total positives, computed with the same rules.
        var rules = ATSSPreset.atss.rules
        rules.candidatesPerLevel = 13
        let k13 = ATSSAssigner(rules: rules).assign(
            tennis.groundTruths, imageWidth: tennis.width, imageHeight: tennis.height)
        #expect(Self.quotes(text, "│ 13 │ 65 │ \(k13.positiveCount) │"))
        // Vector D's centre test under the authors' +1 convention: three P4 candidates on x1.
        let d = GroundTruth(box: Box(x0: 373, y0: 204, x1: 408, y1: 457))
        let thin = ATSSPreset.atss.assigner.assign([d], imageWidth: 800, imageHeight: 800)
        let outside = thin.boxes[0].candidates.filter { $0.verdict == .centerOutside }.count
        #expect(outside == 3)
        #expect(Self.quotes(text, "Its threshold is \(Self.three(thin.boxes[0].threshold))"))
        #expect(Self.quotes(text, "\(outside) candidates clear the threshold"))
        // atss vs atss-mmdet on the street scene, cell by cell.
        let street = try Self.scene("street")
        let x = ATSSPreset.atss.assigner.assign(
            street.groundTruths, imageWidth: street.width, imageHeight: street.height)
        let y = ATSSPreset.atssMmdet.assigner.assign(
            street.groundTruths, imageWidth: street.width, imageHeight: street.height)
        let cells = zip(x.levels, y.levels).reduce(0) { sum, pair in
            sum + zip(pair.0.matched, pair.1.matched).filter { $0 != $1 }.count
        }
        #expect(Self.quotes(text, "On `street`, \(cells) cells get a different target"))
        // FCOS official's total on the scene, from the matcher.
        let fcos = Preset.official.matcher.assign(
            tennis.groundTruths, imageWidth: tennis.width, imageHeight: tennis.height)
        #expect(
            Self.quotes(
                text,
                "FCOS gives this scene \(fcos.positiveCount) positives and ATSS \(a.positiveCount) positives")
        )
    }

    @Test("Lesson 9 follows --preset atss-mmdet and rejects an unknown preset in one line")
    func lesson9Presets() throws {
        let mmdet = try Self.run("lesson-09-atss", ["--preset", "atss-mmdet"])
        #expect(mmdet.status == 0, "\(mmdet.errors)")
        let tennis = try Self.scene("tennis")
        let a = ATSSPreset.atssMmdet.assigner.assign(
            tennis.groundTruths, imageWidth: tennis.width, imageHeight: tennis.height)
        #expect(Self.quotes(Self.flat(mmdet.text), Self.three(a.boxes[0].threshold)))
        #expect(Self.quotes(Self.flat(mmdet.text), "the preset `atss-mmdet`"))
        let bad = try Self.run("lesson-09-atss", ["--preset", "fcos"])
        #expect(bad.status == 64, "a usage error, as for every other bad option value")
        #expect(bad.errors.hasPrefix("lesson-09-atss: --preset: "))
        #expect(bad.errors.contains("unknown preset 'fcos'") && bad.errors.contains("atss-mmdet"))
        #expect(bad.errors.split(separator: "\n").count == 1)
    }

    @Test("Lessons 9 and 10 run on a scene without boxes; lesson 10 rejects a non-GFL preset")
    func lesson9Empty() throws {
        let dir = LessonRunTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("empty.json")
        try Data(#"{"image": {"width": 320, "height": 240}, "boxes": []}"#.utf8).write(to: path)
        let result = try Self.run("lesson-09-atss", ["--scene", path.path])
        #expect(result.status == 0, "\(result.errors)")
        #expect(Self.quotes(result.text, "no boxes"))
        let gfl = try Self.run("lesson-10-gfl", ["--scene", path.path])
        #expect(gfl.status == 0, "\(gfl.errors)")
        #expect(Self.quotes(gfl.text, "no positive anchor"))
        let bad = try Self.run("lesson-10-gfl", ["--preset", "atss"])
        #expect(bad.status == 64 && bad.errors.contains("unknown preset 'atss'"))
    }

    @Test("Lesson 10: the followed anchor's targets, QFL values and DFL's minimum are the library's")
    func lesson10() throws {
        let result = try Self.run("lesson-10-gfl", [])
        #expect(result.status == 0, "\(result.errors)")
        let text = Self.flat(result.text)
        let tennis = try Self.scene("tennis")
        let a = GFLPreset.gfl.assigner.assign(
            tennis.groundTruths, imageWidth: tennis.width, imageHeight: tennis.height)
        // The lesson follows the best positive of the largest box: the person, on P6 under mmdet's grid.
        let person = a.boxes[0]
        let l = try #require(person.levels.indices.first { person.levels[$0].positiveCount > 0 })
        let best = try #require(
            person.levels[l].candidates.filter { $0.verdict == .positive }.max { $0.iou < $1.iou })
        let s = Float(a.levels[l].map.stride)
        let target = GFLTargets.distance(
            from: best.center, to: tennis.groundTruths[0].box, stride: s, maximum: 16)
        #expect(
            Self.quotes(
                text,
                "at (\(Int(best.center.x)), \(Int(best.center.y))), whose anchor has IoU \(Self.three(best.iou))"
            ))
        let y = target.l
        let left = Float(Int(y))
        let weights = (left + 1 - y, y - left)
        let entropy = -(weights.0 * log(weights.0) + weights.1 * log(weights.1))
        #expect(
            Self.quotes(
                text,
                "│ l │ \(Self.three(y)) │ \(Int(left)) │ \(Self.three(weights.0)) │ \(Self.three(weights.1)) │ \(Self.three(entropy))"
            ))
        // QFL from the research notes' example: y = 0.5, σ = 0.2 → 0.082; a negative at 0.2 → 0.0089.
        let qfl = QualityFocalLoss.value(logit: Float(log(0.2 / 0.8)), quality: 0.5)
        #expect(abs(qfl - 0.082) < 0.0005)
        #expect(Self.quotes(text, "scored `σ = 0.2` costs \(Self.three(qfl))"))
        let negative = QualityFocalLoss.value(logit: Float(log(0.2 / 0.8)), quality: 0)
        #expect(Self.quotes(text, String(format: "%.4f", Double(negative))))
    }
}
