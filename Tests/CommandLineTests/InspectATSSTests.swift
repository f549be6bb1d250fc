import ATSS
import Annotations
import FCOS
import Foundation
import GFL
import Testing

@testable import fcos

@Suite("fcos inspect with ATSS presets")
struct InspectATSSTests {
    /// A 640 × 480 scene over a photo: a box, its exact duplicate (which loses every anchor to it
    /// on the equal-IoU rule), and a 3-px-wide sliver lying between every level's anchor columns.
    static let sceneJSON = """
        {"image": {"width": 640, "height": 480}, "illustration": "images/picture.jpg",
         "boxes": [{"x0": 200, "y0": 150, "x1": 360, "y1": 300, "name": "thing"},
                   {"x0": 200, "y0": 150, "x1": 360, "y1": 300, "name": "thing"},
                   {"x0": 100.5, "y0": 100, "x1": 103.5, "y1": 220, "name": "sliver"}]}
        """

    func sceneSubject(_ f: borrowing InspectFixture) throws -> (Scene, InspectSubject) {
        try f.addPhoto("scene-64x48.jpg", as: "picture.jpg")
        try Data(Self.sceneJSON.utf8).write(to: URL(fileURLWithPath: f.path("scene.json")))
        guard
            case .scene(let scene) = try InspectInput.read(
                f.path("scene.json"), format: nil, images: nil, names: nil, strict: false)
        else { throw InputError(file: "scene.json", problem: "expected a scene") }
        return (scene, .scene(scene, path: f.path("scene.json")))
    }

    /// The per-box and per-level counts are the assigner's own, each box without a positive gets
    /// ATSS's reason and a figure of its candidates, and the page speaks of anchors.
    @Test(arguments: ATSSPreset.all.map(\.name))
    func sceneUnderATSS(_ name: String) throws {
        let preset = try #require(ATSSPreset.named(name))
        let f = try InspectFixture()
        let (scene, subject) = try sceneSubject(f)
        let inspector = Inspector(
            preset: .atss(preset), dataPath: DataPath(codeBase: preset.codeBase), outDirectory: f.path("out"))
        let outcome = try inspector.run([subject], source: "scene.json")
        let inspection = try #require(outcome.inspections.first)

        let a = preset.assigner.assign(scene.groundTruths, imageWidth: 640, imageHeight: 480)
        #expect(inspection.levels.map(\.positives) == a.levels.map(\.positiveCount))
        for g in scene.groundTruths.indices {
            let expected = a.levels.map { $0.matched.filter { $0 == Int32(g) }.count }
            #expect(inspection.boxes[g].positivesPerLevel == expected, "\(name) box \(g)")
        }
        #expect(inspection.boxes[0].positives > 0 && inspection.boxes[0].reasonText == nil)
        #expect(a.boxes[1].remark == .lostEveryAnchor && a.boxes[2].remark == .centerOutside)
        #expect(
            inspection.boxes[1].reasonText
                == "every anchor that passed went to a box with a higher IoU on it: #0 thing")
        #expect(inspection.boxes[2].reasonText?.hasPrefix("no candidate centre inside the box: ") == true)
        #expect(inspection.levels.allSatisfy { $0.range == "any (threshold per box)" })
        // Both boxes pass on the same anchors: each of those is ambiguous.
        #expect(inspection.ambiguous == a.boxes[0].positiveCount)

        #expect(inspection.figureHotspots.map { _ in true } == nil)
        #expect(inspection.zooms.map(\.file) == ["scene-box1.png", "scene-box2.png"])
        let files = f.files
        #expect(files.contains("out/scene.png") && files.contains("out/scene-box1.png"))
        #expect(files.contains("out/scene-box2.png") && !files.contains { $0.contains(".tmp-") })
        let html = try String(contentsOfFile: f.path("out/index.html"), encoding: .utf8)
        #expect(html.contains("<h1>ATSS targets over the photos: preset “\(name)”</h1>"))
        #expect(
            html.contains("without any positive anchor")
                && html.contains("its ATSS candidates level by level"))
        #expect(html.contains("no candidate centre inside the box"))
    }

    /// The text summary flags the boxes with ⚠ and ATSS's reason, as FCOS's does.
    @Test func terminalSummaryFlagsBoxes() throws {
        let f = try InspectFixture()
        let (_, subject) = try sceneSubject(f)
        let inspector = Inspector(
            preset: .gfl(GFLPreset.all[0]), dataPath: DataPath(codeBase: GFLPreset.all[0].codeBase),
            outDirectory: f.path("out"))
        let text = try inspector.inspect(subject).text
        #expect(text.contains("⚠ #1 thing") && text.contains("⚠ #2 sliver"))
        #expect(!text.contains("⚠ #0"))
    }

    /// `--preset atss|atss-mmdet|gfl` on a data set: the photos are resized by the preset's data
    /// path and drawn; no rejection any more.
    @Test(arguments: ["atss", "atss-mmdet", "gfl"])
    func commandLine(_ preset: String) throws {
        let f = try InspectFixture()
        try f.addPhoto("scene-64x48.jpg", as: "a.jpg")
        try f.writeCOCO([(1, "a.jpg", 64, 48, [[10, 10, 30, 20], [40, 30, 2, 2]])])
        let command = try InspectCommand.parse([
            f.path("instances.json"), "--image", "1", "--preset", preset, "--out", f.path("cli"),
        ])
        let output = try Output.capturing { try command.run() }
        let image = try DatasetLoader.read(f.path("instances.json")).dataset.images[0]
        let prepared = try lookUpMethodPreset(named: preset).dataPath().prepare(image)
        #expect(
            output.out.contains(
                "image 1 (a.jpg): 64 × 48 original px → \(prepared.width) × \(prepared.height) resized px"))
        #expect(f.files.contains("cli/image-1.png") && f.files.contains("cli/index.html"))
    }

    @Test("Real photos from shared/data under ATSS", .enabled(if: InspectFixture.hasSharedData))
    func sharedData() throws {
        let f = try InspectFixture()
        let annotations = InspectFixture.sharedData + "/coco-merged/instances.json"
        let command = try InspectCommand.parse([
            annotations, "--image", "522713", "9", "--preset", "atss", "--out", f.path("real"),
        ])
        let output = try Output.capturing { try command.run() }
        let files = f.files
        #expect(files.contains("real/image-522713.png") && files.contains("real/image-9.png"))
        // Box #6, a boat 3.7 resized px tall, has no anchor centre inside it.
        #expect(files.contains("real/image-522713-box6.png"))
        #expect(output.out.contains("⚠ #6 boat") && output.out.contains("no candidate centre inside the box"))
        #expect(output.out.contains("(and 4 candidates figures on boxes without positives)"))
    }

    /// The two reasons the scene cannot produce, from explanations built by hand: `0, 0, 1, 1`
    /// gives `t = 0.5 + 0.577`, above every IoU; one candidate has no sample deviation.
    @Test func belowThresholdAndSingleCandidateSentences() {
        let a = ATSSPreset.atss.assigner.assign([], imageWidth: 64, imageHeight: 64)
        let map = ATSSPreset.atss.rules.featureMaps(imageWidth: 64, imageHeight: 64)[0]
        let candidates = [0, 0, 1, 1].enumerated().map { i, iou in
            Candidate(
                index: i, rank: i, center: Point(x: 4, y: 4), distance: 1,
                anchor: Box(x0: 0, y0: 0, x1: 8, y1: 8),
                iou: Float(iou), verdict: .belowThreshold)
        }
        let box = BoxExplanation(
            groundTruth: 0, center: Point(x: 4, y: 4),
            levels: [
                LevelCandidates(map: map, candidates: candidates, tie: nil, tieCanChangePositives: false)
            ],
            mean: 0.5, standardDeviation: 0.5774, threshold: 1.0774, populationThreshold: 1)
        #expect(box.remark == .belowThreshold)
        #expect(
            ImageInspection.sentence(.belowThreshold, box: box, in: a)
                == "every candidate IoU is below the threshold 1.077 (best 1)")
        #expect(
            ImageInspection.sentence(.undefinedDeviation, box: box, in: a).hasPrefix("a single candidate"))
    }
}
