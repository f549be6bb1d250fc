import ATSS
import Annotations
import FCOS
import Foundation
import Testing

@testable import fcos

@Suite("fcos stats and compare with the ATSS presets")
struct ATSSStatisticsTests {
    static let dataset = SyntheticDataset.make(images: 30, boxes: 240, seed: 11)

    /// The data-set totals are the per-image assignments' sums, whatever the number of workers.
    @Test(arguments: ["atss", "atss-mmdet", "gfl"])
    func totalsAreSumsOfImageAssignments(name: String) throws {
        let preset = try #require(MethodPreset.named(name))
        let path = preset.dataPath()
        let one = preset.statistics(Self.dataset, dataPath: path, workers: 1)
        let two = preset.statistics(Self.dataset, dataPath: path, workers: 2)
        #expect(one.withFPN == two.withFPN && one.withoutFPN == two.withoutFPN)
        let assigner = ATSSAssigner(rules: try #require(preset.atssRules))
        var positives = 0
        var recalled = 0
        var eligible = 0
        for image in Self.dataset.images {
            let p = path.prepare(image)
            let a = assigner.assign(p.groundTruths, imageWidth: p.width, imageHeight: p.height)
            positives += a.positiveCount
            recalled +=
                a.boxes.indices.filter { !p.groundTruths[$0].isCrowd && a.boxes[$0].positiveCount > 0 }.count
            eligible += p.groundTruths.filter { !$0.isCrowd }.count
        }
        #expect(one.withFPN.positives == positives && one.withFPN.recalled == recalled)
        #expect(one.withFPN.eligible == eligible && one.keptBoxes == eligible)
        #expect(
            one.levelNames == ["P3", "P4", "P5", "P6", "P7"] && one.levelStrides == [8, 16, 32, 64, 128])
        let json = StatsJSON.encode(
            one, read: ReadResult(dataset: Self.dataset, problems: []),
            timing: StatsTiming(read: 0, statistics: 0, workers: 1))
        let root = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(root["preset"] as? String == name)
        let text = StatsReport.text(
            one, read: ReadResult(dataset: Self.dataset, problems: []),
            timing: StatsTiming(read: 0, statistics: 0, workers: 1), limit: 5, preset: preset)
        #expect(text.contains("the k nearest anchors on one stride-16 level"))
    }

    /// On real COCO boxes ATSS gives about 0.2·k·L = 9 positives per box (the paper's §3.3
    /// estimate) and recalls nearly every box.
    @Test(.enabled(if: InspectFixture.hasSharedData), arguments: ["atss", "atss-mmdet"])
    func cocoMerged(name: String) throws {
        let preset = try #require(MethodPreset.named(name))
        let read = try DatasetLoader.read(
            InspectFixture.sharedData + "/coco-merged/instances.json", strict: true)
        let s = preset.statistics(read.dataset, dataPath: preset.dataPath(), workers: 2)
        #expect(s.keptBoxes == 5024)
        #expect(s.withFPN.bestPossibleRecall > 0.98 && s.withFPN.bestPossibleRecall < 1)
        let perBox = Double(s.withFPN.positives) / Double(s.withFPN.recalled)
        #expect(perBox > 8 && perBox < 10.5, "\(perBox) positives per recalled box")
        #expect(s.withoutFPN.bestPossibleRecall < s.withFPN.bestPossibleRecall)
    }

    /// `fcos compare --preset official --preset atss`: FCOS and ATSS disagree on cells, and
    /// comparing ATSS with itself finds nothing.
    @Test func compareFCOSWithATSS() throws {
        let fcos = MethodPreset.fcos(.official)
        let atss = MethodPreset.atss(.atss)
        let c = PresetComparison.compute(
            Self.dataset, first: fcos, second: atss, firstPath: fcos.dataPath(), secondPath: atss.dataPath())
        #expect(c.levelNames == ["P3", "P4", "P5", "P6", "P7"])
        #expect(c.differing > 0 && !c.changes.isEmpty)
        #expect(c.secondPositivesPerLevel.reduce(0, +) > 0)
        let same = PresetComparison.compute(
            Self.dataset, first: atss, second: atss, firstPath: atss.dataPath(), secondPath: atss.dataPath())
        #expect(same.differing == 0 && same.changes.isEmpty)
        // The inspect hint names the preset under which the top box has fewer positives; `fcos
        // inspect` draws ATSS's presets too.
        let hint = CompareReport.inspectHint(c, annotations: "a.json")
        if let top = c.changes.first {
            let fewer = top.delta < 0 ? "atss" : "official"
            #expect(hint == "fcos inspect a.json --image \(top.imageID) --preset \(fewer) --out DIR")
        }
    }
}
