import Annotations
import Canvas
import FCOS
import Foundation
import Testing

@testable import fcos

@Suite("fcos compare")
struct CompareCommandTests {
    /// One 800 × 800 image (no resize under either preset) with a 40 × 40 box at (100, 100).
    ///
    /// official: corners (100, 100)–(139, 139) (`x + w − 1`), P3 locations at 8j + 4: 108, 116,
    /// 124, 132 inside, so 4 × 4 = 16 positives (m ≤ 31), none on P4 (m ≤ 35 < 64).
    /// torchvision: corners (100, 100)–(140, 140), P3 locations at 8j; inside its ±12 px center
    /// region only 112, 120, 128: 3 × 3 = 9 positives, columns and rows 14–16, which official's
    /// 13–16 include. So 16 − 9 = 7 P3 cells differ and the box loses 7 positives.
    static let dataset = Dataset(
        source: "fixture.json", format: .coco,
        images: [
            AnnotatedImage(
                id: 1, fileName: "one.png", width: 800, height: 800,
                annotations: [
                    ObjectAnnotation(
                        id: 11, categoryID: 1, categoryName: "thing",
                        box: .coco(x: 100, y: 100, width: 40, height: 40))
                ]),
            AnnotatedImage(id: 2, fileName: "empty.png", width: 800, height: 800),
        ], categories: [Category(id: 1, name: "thing")])

    func compare() -> PresetComparison {
        PresetComparison.compute(
            Self.dataset, first: .fcos(.official), second: .fcos(.torchvision),
            firstPath: DataPath(codeBase: Preset.named("official")!.codeBase),
            secondPath: DataPath(codeBase: Preset.named("torchvision")!.codeBase))
    }

    @Test("Differing cells per level and the box's change, worked by hand")
    func counts() {
        let c = compare()
        #expect(c.levelNames == ["P3", "P4", "P5", "P6", "P7"])
        #expect(c.differingPerLevel == [7, 0, 0, 0, 0])
        #expect(c.firstPositivesPerLevel == [16, 0, 0, 0, 0])
        #expect(c.secondPositivesPerLevel == [9, 0, 0, 0, 0])
        #expect(c.imagesCompared == 2 && c.boxesCompared == 1)
        #expect(c.images.map(\.imageID) == [1])
        #expect(c.changes.count == 1)
        let change = c.changes[0]
        #expect(change.annotationID == 11 && change.firstPositives == 16 && change.secondPositives == 9)
        #expect(change.delta == -7 && !change.zeroOnOneSide)
        #expect(c.sizeBins[0].boxes == 1 && c.sizeBins[0].firstPositives == 16)
    }

    @Test("A preset against itself differs nowhere")
    func identity() {
        let c = PresetComparison.compute(
            Self.dataset, first: .fcos(.official), second: .fcos(.official),
            firstPath: DataPath(codeBase: Preset.named("official")!.codeBase),
            secondPath: DataPath(codeBase: Preset.named("official")!.codeBase))
        #expect(c.differing == 0 && c.changes.isEmpty && c.images.isEmpty)
    }

    @Test("--json carries the counts")
    func json() throws {
        let text = CompareJSON.encode(compare(), figures: ["compare-image-1.png"])
        let root = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(root["differing"] as? Int == 7)
        let levels = try #require(root["levels"] as? [[String: Any]])
        #expect(levels.compactMap { $0["differing"] as? Int } == [7, 0, 0, 0, 0])
        let changes = try #require(root["box_changes"] as? [[String: Any]])
        #expect(changes.first?["delta"] as? Int == -7)
        #expect(changes.first?["box"] as? [Double] == [100, 100, 140, 140])
        #expect(root["figures"] as? [String] == ["compare-image-1.png"])
    }

    @Test("Boxes one data path drops keep their identity: no phantom disagreement")
    func alignment() {
        // Official drops the 1 px wide box (`x + max(w − 1, 0)` leaves it empty), mmdetection's
        // path keeps it (it drops only w < 1): the big box must still be matched with itself.
        let image = AnnotatedImage(
            id: 5, fileName: "x.png", width: 800, height: 800,
            annotations: [
                ObjectAnnotation(
                    id: 1, categoryID: 1, categoryName: "a", box: .coco(x: 10, y: 10, width: 1, height: 30)),
                ObjectAnnotation(
                    id: 2, categoryID: 1, categoryName: "a",
                    box: .coco(x: 300, y: 300, width: 200, height: 200)),
            ])
        let c = PresetComparison(
            first: .fcos(.official), second: .fcos(.official),
            firstPath: DataPath(codeBase: Preset.named("official")!.codeBase),
            secondPath: DataPath(codeBase: Preset.named("mmdet")!.codeBase))
        let pair = c.pair(image)
        #expect(pair.annotationIndices.count == 2)
        #expect(pair.onlyFirst.isEmpty && pair.onlySecond.count == 1)
        let big = pair.annotationIndices.firstIndex(of: 1)!
        #expect(pair.first.positivesPerGroundTruth[big] > 0)
        #expect(pair.second.positivesPerGroundTruth[big] > 0)
    }

    /// A 6 × 6 box at (101, 101): torchvision's P3 location (104, 104) lies inside it (m = 3);
    /// official's corners (101, 101)–(106, 106) hold no P3 location (100 and 108 fall outside)
    /// and only P4's (104, 104), where m = 3 fails 64 ≤ m. So it has positives under torchvision only.
    static let oneSided = Dataset(
        source: "fixture.json", format: .coco,
        images: [
            AnnotatedImage(
                id: 3, fileName: "one.png", width: 800, height: 800,
                annotations: [
                    ObjectAnnotation(
                        id: 31, categoryID: 1, categoryName: "thing",
                        box: .coco(x: 101, y: 101, width: 6, height: 6))
                ])
        ], categories: [Category(id: 1, name: "thing")])

    @Test("A box with positives under only one preset is ranked first and drawn zoomed")
    func oneSidedBox() throws {
        let c = PresetComparison.compute(
            Self.oneSided, first: .fcos(.official), second: .fcos(.torchvision),
            firstPath: DataPath(codeBase: Preset.named("official")!.codeBase),
            secondPath: DataPath(codeBase: Preset.named("torchvision")!.codeBase))
        #expect(c.changes.map(\.annotationID) == [31])
        #expect(c.changes.first?.firstPositives == 0 && c.changes.first?.secondPositives == 1)
        #expect(c.changes.first?.zeroOnOneSide == true)
        #expect(c.differingPerLevel == [1, 0, 0, 0, 0])
        let f = try InspectFixture()
        try RasterImage(width: 800, height: 800, fill: Color(hex: 0x88AA66)).writePNG(to: f.path("one.png"))
        let gallery = DisagreementGallery(
            comparison: c, dataset: Self.oneSided,
            locator: PhotoLocator(annotations: f.path("fixture.json"), format: .coco, images: nil),
            outDirectory: f.path("out"), format: .png, strict: false, limit: 5, boxes: 10,
            source: "fixture.json")
        let outcome = try gallery.run(failed: { _ in })
        #expect(outcome.figures == ["compare-image-3.png", "compare-image-3-annotation-31.png"])
        let html = try String(contentsOfFile: f.path("out/index.html"), encoding: .utf8)
        #expect(html.contains("Boxes with positives under only one preset"))
        #expect(
            CompareReport.text(c, limit: 5, images: 5, annotations: "a.json").contains(
                "⚠ image 3 annotation 31"))
    }

    @Test("--out draws the worst images over their photos and writes index.html, no temporary files")
    func figures() throws {
        let f = try InspectFixture()
        try RasterImage(width: 800, height: 800, fill: Color(hex: 0x88AA66)).writePNG(to: f.path("one.png"))
        let gallery = DisagreementGallery(
            comparison: compare(), dataset: Self.dataset,
            locator: PhotoLocator(annotations: f.path("fixture.json"), format: .coco, images: nil),
            outDirectory: f.path("out"), format: .png, strict: false, limit: 5, boxes: 10,
            source: "fixture.json")
        let outcome = try gallery.run(failed: { _ in })
        #expect(outcome.figures == ["compare-image-1.png"] && outcome.problems.isEmpty)
        #expect(
            f.files.filter { $0.hasPrefix("out/") } == [
                "out/.fcos-written", "out/compare-image-1.png", "out/index.html",
            ])
        let html = try String(contentsOfFile: f.path("out/index.html"), encoding: .utf8)
        #expect(html.contains("<image href=\"compare-image-1.png\"") && html.contains("original"))
        // Each ringed cell tells its story under both presets on hover.
        #expect(html.contains("<svg class=\"explained\"") && html.contains("the presets disagree"))
        #expect(html.contains("<script>"))
    }
}
