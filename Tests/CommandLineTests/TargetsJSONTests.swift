import FCOS
import Foundation
import Testing

@testable import fcos

@Suite("fcos targets --json")
struct TargetsJSONTests {
    static let boxes = [
        GroundTruth(box: Box(x0: 380, y0: 110, x1: 700, y1: 790), label: 1, name: "person"),
        GroundTruth(box: Box(x0: 590, y0: 150, x1: 760, y1: 370), label: 43, name: "racket"),
        GroundTruth(box: Box(x0: 800, y0: 120, x1: 832, y1: 152), label: 37, name: "ball"),
    ]

    @Test("The output follows the documented schema for every preset", arguments: Preset.names)
    func schema(presetName: String) throws {
        let preset = Preset.named(presetName)!
        let a = preset.matcher.assign(Self.boxes, imageWidth: 1066, imageHeight: 800)
        let text = TargetsJSON.encode(a, preset: preset.name)
        let root = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(root["preset"] as? String == presetName)
        let image = try #require(root["image"] as? [String: Any])
        #expect(image["width"] as? Int == 1066 && image["height"] as? Int == 800)
        let levels = try #require(root["levels"] as? [[String: Any]])
        #expect(levels.count == a.levels.count)
        var positives = 0
        for (json, level) in zip(levels, a.levels) {
            #expect(json["name"] as? String == level.map.level.name)
            #expect(json["stride"] as? Int == level.map.stride)
            let count = level.map.width * level.map.height
            #expect(json["width"] as? Int == level.map.width)
            let locations = try #require(json["locations"] as? [[Double]])
            let matched = try #require(json["matched"] as? [Int])
            let ltrb = try #require(json["ltrb"] as? [Any])
            let centerness = try #require(json["centerness"] as? [Any])
            #expect(locations.count == count && matched.count == count)
            #expect(ltrb.count == count && centerness.count == count)
            for i in 0..<count {
                let p = level.map.location(at: i)
                #expect(locations[i] == [Double(p.x), Double(p.y)])
                if matched[i] >= 0 {
                    positives += 1
                    let d = try #require(ltrb[i] as? [Double])
                    // Shortest float32 text reads back to the same float32.
                    #expect(d.map(Float.init) == level.ltrb[i].array)
                    #expect(Float(try #require(centerness[i] as? Double)) == level.centerness[i])
                } else if a.rules.backgroundSentinels {
                    #expect(ltrb[i] as? [Double] == [-1, -1, -1, -1])
                    #expect(centerness[i] as? Double == -1)
                } else {
                    #expect(ltrb[i] is NSNull && centerness[i] is NSNull)
                }
            }
        }
        #expect(positives == a.positiveCount && positives > 0)
    }

    @Test("The summary lists every level and flags boxes without positives")
    func summary() {
        let tiny = Self.boxes + [GroundTruth(box: Box(x0: 5, y0: 5, x1: 8, y1: 8), name: "speck")]
        let a = Preset.official.matcher.assign(tiny, imageWidth: 1066, imageHeight: 800)
        let text = TargetsSummary.text(a, preset: .official)
        for name in ["P3", "P4", "P5", "P6", "P7", "person", "racket", "speck"] {
            #expect(text.contains(name))
        }
        #expect(text.contains("-1 ≤ m ≤ 64"))
        #expect(text.contains("Boxes with no positive location: 3"))
    }
}
