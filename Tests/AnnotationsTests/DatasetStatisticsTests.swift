import FCOS
import Foundation
import Testing

@testable import Annotations

@Suite("Data-set statistics")
struct DatasetStatisticsTests {
    static let dataset = SyntheticDataset.make(images: 120, boxes: 900, seed: 11)

    @Test("Totals are the sums of the per-image statistics", arguments: ["official", "mmdet", "torchvision"])
    func sumsOfImages(presetName: String) {
        let preset = Preset.named(presetName)!
        let path = DataPath(codeBase: Preset.named(presetName)!.codeBase)
        let s = DatasetStatistics.compute(Self.dataset, preset: preset, dataPath: path)
        var positives = 0
        var ambiguous = 0
        var recalled = 0
        var kept = 0
        var single = 0
        for image in Self.dataset.images {
            let p = path.prepare(image)
            let fpn = preset.matcher.statistics(p.groundTruths, imageWidth: p.width, imageHeight: p.height)
            let one = Matcher(rules: preset.assignment.withoutFPN).statistics(
                p.groundTruths, imageWidth: p.width, imageHeight: p.height)
            positives += fpn.positives
            ambiguous += fpn.ambiguous
            recalled += fpn.recalledGroundTruths
            kept += p.groundTruths.count
            single += one.positives
        }
        #expect(s.images == 120 && s.boxes == 900)
        #expect(s.keptBoxes == kept && s.withFPN.eligible == kept)
        #expect(s.withFPN.positives == positives && s.positivesPerLevel.reduce(0, +) == positives)
        #expect(s.withFPN.ambiguous == ambiguous)
        #expect(s.withFPN.recalled == recalled)
        #expect(s.withoutFPN.positives == single)
        #expect(s.positivesHistogram.reduce(0, +) == kept)
        #expect(s.boxesByLevels.values.reduce(0, +) == kept)
        #expect(s.boxesByLevels[0] ?? 0 == kept - recalled)
        #expect(s.unrecalled.count == kept - recalled)
        #expect(s.keptBoxes + s.drops.total == s.boxes)
    }

    @Test("One worker or two: the same result, boxes without positives smallest first")
    func workersAgree() {
        let preset = Preset.official
        let path = DataPath(codeBase: Preset.named("official")!.codeBase)
        let one = DatasetStatistics.compute(Self.dataset, preset: preset, dataPath: path, workers: 1)
        let two = DatasetStatistics.compute(Self.dataset, preset: preset, dataPath: path, workers: 2)
        #expect(one.withFPN == two.withFPN && one.withoutFPN == two.withoutFPN)
        #expect(one.positivesPerLevel == two.positivesPerLevel)
        #expect(one.positivesHistogram == two.positivesHistogram)
        #expect(one.boxesByLevels == two.boxesByLevels)
        #expect(one.unrecalled == two.unrecalled)
        #expect(!one.unrecalled.isEmpty)
        let areas = one.unrecalled.map { $0.resizedBox.area(.continuous) }
        #expect(areas == areas.sorted())
    }

    @Test("The COCO fixture: crowd left out of the recall's denominator")
    func fixture() throws {
        let fixture = try COCOReader.read(Fixtures.path("coco/instances.json"), strict: true).dataset
        let s = DatasetStatistics.compute(
            fixture, preset: .official, dataPath: DataPath(codeBase: Preset.named("official")!.codeBase))
        #expect(s.images == 2 && s.boxes == 4 && s.keptBoxes == 3)
        #expect(s.drops.crowd == 1)
        #expect(s.withFPN.eligible == 3 && s.withFPN.recalled == 3)
        #expect(s.levelSetName(0) == "none")
        #expect(s.levelSetName(0b101) == "P3+P5")
    }

    @Test("The generator is seeded and COCO-shaped; its JSON reads back to the same statistics")
    func syntheticRoundTrip() throws {
        let a = SyntheticDataset.make(images: 100, boxes: 700, seed: 3)
        let b = SyntheticDataset.make(images: 100, boxes: 700, seed: 3)
        #expect(a.boxCount == 700 && a.images.count == 100)
        #expect(a.images.map(\.width) == b.images.map(\.width))
        #expect(a.images.flatMap(\.annotations).map(\.box) == b.images.flatMap(\.annotations).map(\.box))
        #expect(a.images.filter { max($0.width, $0.height) == 640 }.count > 75)
        let read = try COCOReader.decode(COCOWriter.encode(a), file: "synthetic.json", strict: true).dataset
        #expect(read.boxCount == 700)
        #expect(read.images.flatMap(\.annotations).map(\.box) == a.images.flatMap(\.annotations).map(\.box))
        let path = DataPath(codeBase: Preset.named("official")!.codeBase)
        let s1 = DatasetStatistics.compute(a, preset: .official, dataPath: path)
        let s2 = DatasetStatistics.compute(read, preset: .official, dataPath: path)
        #expect(s1.withFPN == s2.withFPN && s1.withoutFPN == s2.withoutFPN)
    }
}
