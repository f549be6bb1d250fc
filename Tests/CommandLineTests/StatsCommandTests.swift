import Annotations
import FCOS
import Foundation
import Testing

@testable import fcos

@Suite("fcos stats")
struct StatsCommandTests {
    static let dataset = SyntheticDataset.make(images: 40, boxes: 300, seed: 5)

    func statistics(_ preset: Preset) -> DatasetStatistics {
        DatasetStatistics.compute(Self.dataset, preset: preset, dataPath: DataPath(codeBase: preset.codeBase))
    }

    @Test("--json has the documented fields, for every preset", arguments: Preset.names)
    func schema(presetName: String) throws {
        let s = statistics(Preset.named(presetName)!)
        let read = ReadResult(
            dataset: Self.dataset, problems: [InputError(file: "f.json", record: "r", problem: "p")])
        let text = StatsJSON.encode(
            s, read: read, timing: StatsTiming(read: 0.5, statistics: 0.25, workers: 2))
        let root = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(root["images"] as? Int == 40 && root["boxes"] as? Int == 300)
        #expect(root["preset"] as? String == presetName)
        for key in ["with_fpn", "without_fpn"] {
            let m = try #require(root[key] as? [String: Any])
            for field in ["bpr", "positives", "ambiguous", "ambiguous_different_class"] {
                #expect(m[field] != nil, "\(key).\(field)")
            }
        }
        #expect((root["with_fpn"] as? [String: Any])?["positives"] as? Int == s.withFPN.positives)
        let levels = try #require(root["levels"] as? [[String: Any]])
        #expect(levels.map { $0["name"] as? String } == s.levelNames)
        #expect(levels.compactMap { $0["positives"] as? Int } == s.positivesPerLevel)
        let missing = try #require(root["gts_without_positive"] as? [[String: Any]])
        #expect(missing.count == s.unrecalled.count)
        if let first = missing.first {
            #expect((first["box"] as? [Double])?.count == 4)
            #expect(first["image_id"] is Int && first["annotation_id"] is Int)
            #expect((first["resized_size"] as? [Double])?.count == 2)
        }
        let skipped = try #require(root["skipped"] as? [String: Any])
        #expect(skipped["problems"] as? [String] == ["f.json: r: p"])
        #expect((root["dropped"] as? [String: Any])?["crowd"] as? Int == s.drops.crowd)
    }

    @Test("The text report sets the figures beside the paper's and names the pixel units")
    func report() {
        let s = statistics(.official)
        let text = StatsReport.text(
            s, read: ReadResult(dataset: Self.dataset),
            timing: StatsTiming(read: 0.5, statistics: 0.25, workers: 2),
            limit: 3)
        #expect(text.contains("best possible recall"))
        #expect(text.contains("98.40 % / 95.55 %"))
        #expect(text.contains("7.14 % / 23.16 %"))
        #expect(text.contains("(original px)"))
        #expect(text.contains("Positive locations per level"))
        #expect(StatsReport.fixed(98.4) == "98.40")
        #expect(StatsReport.fixed(469.4, 0) == "469")
        #expect(StatsReport.fixed(0.0625, 3) == "0.063")
    }
}
