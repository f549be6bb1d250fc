import ATSS
import Annotations
import ArgumentParser
import FCOS
import Foundation
import GFL
import Testing

@testable import fcos

@Suite("fcos targets, loss qfl/dfl with the ATSS and GFL presets")
struct ATSSCommandTests {
    static let boxes = TargetsJSONTests.boxes

    func root(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test(
        "targets --json: FCOS's per-level schema plus gts, for every ATSS-based preset",
        arguments: ["atss", "atss-mmdet", "gfl"])
    func schema(name: String) throws {
        let preset = try #require(MethodPreset.named(name))
        let rules = try #require(preset.atssRules)
        let a = ATSSAssigner(rules: rules).assign(Self.boxes, imageWidth: 1066, imageHeight: 800)
        let gfl: GFLTargets? = name == "gfl" ? GFLTargets(a) : nil
        let json = try root(ATSSTargetsJSON.encode(a, preset: name, gfl: gfl))
        #expect(json["preset"] as? String == name)
        #expect(json["regression_units"] as? String == (gfl == nil ? "pixels" : "stride"))
        let levels = try #require(json["levels"] as? [[String: Any]])
        #expect(levels.map { $0["name"] as? String } == ["P3", "P4", "P5", "P6", "P7"])
        var positives = 0
        for (l, (level, targets)) in zip(levels, a.levels).enumerated() {
            let matched = try #require(level["matched"] as? [Int])
            let locations = try #require(level["locations"] as? [[Double]])
            let ltrb = try #require(level["ltrb"] as? [Any])
            #expect(
                level["stride"] as? Int == targets.map.stride && level["width"] as? Int == targets.map.width)
            #expect(matched.count == targets.map.count && locations.count == targets.map.count)
            #expect((level["centerness"] == nil) == (gfl != nil))
            for i in matched.indices where matched[i] >= 0 {
                positives += 1
                let d = try #require(ltrb[i] as? [Double]).map(Float.init)
                #expect(d == (gfl?.distances[l][i] ?? targets.ltrb[i]).array)
            }
            #expect(
                locations[0] == [
                    Double(targets.map.location(at: 0).x), Double(targets.map.location(at: 0).y),
                ])
        }
        #expect(positives == a.positiveCount && positives > 0)
        let gts = try #require(json["gts"] as? [[String: Any]])
        #expect(gts.count == Self.boxes.count)
        for (g, entry) in gts.enumerated() {
            let box = a.boxes[g]
            #expect((entry["threshold"] as? Double).map(Float.init) == box.threshold)
            #expect((entry["iou_mean"] as? Double).map(Float.init) == box.mean)
            #expect((entry["iou_std"] as? Double).map(Float.init) == box.standardDeviation)
            #expect(entry["candidates"] as? Int == 45 && entry["positives"] as? Int == box.positiveCount)
            let perLevel = try #require(entry["levels"] as? [[String: Any]])
            let first = try #require((perLevel[0]["candidates"] as? [[String: Any]])?.first)
            #expect(first["rank"] as? Int == 0 && first["verdict"] is String)
        }
    }

    /// One candidate in total: `null` threshold and deviation, never NaN, and a remark.
    @Test func undefinedDeviationIsNullInJSON() throws {
        let rules = ATSSRules(
            levels: [FeatureLevel(name: "P3", stride: 8, sizeRange: SizeRange(lower: 0, upper: .infinity))],
            anchors: .mmdetection, candidatesPerLevel: 1)
        let a = ATSSAssigner(rules: rules).assign([Self.boxes[2]], imageWidth: 1066, imageHeight: 800)
        let text = ATSSTargetsJSON.encode(a, preset: "atss-mmdet")
        #expect(!text.contains("nan") && !text.contains("NaN"))
        let gts = try #require(try root(text)["gts"] as? [[String: Any]])
        #expect(gts[0]["threshold"] is NSNull && gts[0]["iou_std"] is NSNull)
        #expect(gts[0]["remark"] as? String == "undefined-deviation")
        #expect(
            (try root(text)["levels"] as? [[String: Any]])?.first?["matched"] as? [Int]
                == Array(repeating: -1, count: 136 * 100))
    }

    @Test func summaryHasTheThresholdTable() {
        let speck = GroundTruth(box: Box(x0: 5, y0: 5, x1: 8, y1: 8), name: "speck")
        let a = ATSSPreset.atss.assigner.assign(Self.boxes + [speck], imageWidth: 1066, imageHeight: 800)
        let text = ATSSTargetsSummary.text(a, preset: .atss(.atss))
        for word in ["threshold", "mean", "std", "person", "racket", "speck", "k = 9", "+1 widths"] {
            #expect(text.contains(word), "\(word)")
        }
        #expect(text.contains(ATSSTargetsSummary.decimal(a.boxes[0].threshold)))
        #expect(text.contains("no anchor centre inside the box above the threshold"))
        let empty = ATSSPreset.atssMmdet.assigner.assign([], imageWidth: 64, imageHeight: 64)
        #expect(
            ATSSTargetsSummary.text(empty, preset: .atss(.atssMmdet)).contains("every anchor is background"))
    }

    func scene() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("atss-scene-\(UUID()).json")
            .path
        try Data(
            #"{"image": {"width": 640, "height": 480}, "boxes": [{"x0": 100, "y0": 100, "x1": 300, "y1": 260}]}"#
                .utf8
        ).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("Bad options end with exit code 2, as for the FCOS presets")
    func badInput() throws {
        let path = try scene()
        #expect(throws: ExitCode.self) {
            try TargetsCommand.parse(["--scene", path, "--preset", "atss-official"]).run()
        }
        #expect(throws: ExitCode.self) {
            try TargetsCommand.parse(["--scene", path, "--preset", "atss", "--derived-grid-spacing"]).run()
        }
        #expect(throws: ExitCode.self) {
            try TargetsCommand.parse(["--scene", path, "--preset", "official", "--k", "5"]).run()
        }
        #expect(throws: (any Error).self) {
            try TargetsCommand.parse(["--scene", path, "--preset", "atss", "--k", "0"])
        }
        #expect(throws: ExitCode.self) {
            try TargetsCommand.parse(["--scene", path + ".missing", "--preset", "gfl"]).run()
        }
        try TargetsCommand.parse(["--scene", path, "--preset", "gfl", "--k", "3", "--json"]).run()
        do {
            _ = try lookUpMethodPreset(named: "atss-official")
        } catch {
            #expect(
                "\(error)".contains("unknown preset 'atss-official'")
                    && "\(error)".contains("atss-mmdet, gfl"))
        }
    }

    func json(_ text: String) throws -> JSONValue { try JSONValue.parse(Data(text.utf8), file: "in.json") }

    @Test func qflInputAndValues() throws {
        let input = try QFLInput(
            json(#"{"logits": [[-1.3862944, -1.3862944]], "labels": [0], "scores": [0.5]}"#))
        let rows = QualityFocalLoss.loss(
            logits: input.logits, labels: input.labels, scores: input.scores, reduction: .none)
        #expect(abs(rows[0] - (0.0824662 + 0.00892574)) < 1e-6)
        let bad: [(String, String)] = [
            (
                #"{"logits": [[0, 0]], "labels": [3], "scores": [0.5]}"#,
                "in.json: labels[0]: label 3 is outside 0…2"
            ),
            (
                #"{"logits": [[0, 0]], "labels": [0], "scores": [1.5]}"#,
                "in.json: scores[0]: score 1.5 is outside [0, 1]"
            ),
            (
                #"{"logits": [[0, 0], [0]], "labels": [0, 0], "scores": [1, 1]}"#,
                "in.json: logits[1]: has 1 logits"
            ),
            (
                #"{"logits": [[0, 0]], "labels": [0, 1], "scores": [1]}"#,
                "in.json: labels: has 2 labels for 1 rows"
            ),
        ]
        for (text, message) in bad {
            #expect(throws: InputError.self) { try QFLInput(json(text)) }
            do { _ = try QFLInput(json(text)) } catch { #expect("\(error)".hasPrefix(message), "\(error)") }
        }
    }

    @Test func dflInputAndValues() throws {
        let input = try DFLInput(json(#"{"logits": [[0, 0, 0], [1, 2, 3]], "targets": [0.5, 1.7]}"#))
        let mean = DistributionFocalLoss.loss(logits: input.logits, targets: input.targets, reduction: .mean)
        // ln 3 and 0.3·(LSE − 2) + 0.7·(LSE − 3), LSE = log(e + e² + e³).
        #expect(abs(mean[0] - Float((1.0986123 + 0.7076059) / 2)) < 1e-6)
        let bad: [(String, String)] = [
            (
                #"{"logits": [[0, 0, 0]], "targets": [2]}"#,
                "in.json: targets[0]: target 2.0 is outside [0, 2)"
            ),
            (
                #"{"logits": [[0, 0, 0]], "targets": [-0.1]}"#,
                "in.json: targets[0]: target -0.1 is outside [0, 2)"
            ),
            (#"{"logits": [[0]], "targets": [0]}"#, "in.json: logits[0]: needs at least 2 bins"),
            (#"{"logits": [[0, 0, 0]], "targets": [1, 1]}"#, "in.json: targets: has 2 targets for 1 rows"),
        ]
        for (text, message) in bad {
            #expect(throws: InputError.self) { try DFLInput(json(text)) }
            do { _ = try DFLInput(json(text)) } catch { #expect("\(error)".hasPrefix(message), "\(error)") }
        }
    }
}
