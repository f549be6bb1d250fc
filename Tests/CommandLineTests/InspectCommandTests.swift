import Annotations
import FCOS
import Foundation
import Testing

@testable import fcos

@Suite("fcos inspect")
struct InspectCommandTests {
    /// Two good photos (64×48 and 48×64), one missing, one cut short.
    func fixture() throws -> InspectFixture {
        let f = try InspectFixture()
        try f.addPhoto("scene-64x48.jpg", as: "a.jpg")
        try f.addPhoto("scene-48x64.jpg", as: "b.jpg")
        try f.addPhoto("scene-64x48.jpg", as: "cut.jpg", keeping: 300)
        try f.writeCOCO([
            (1, "a.jpg", 64, 48, [[10, 10, 30, 20], [40, 30, 2, 2]]),
            (2, "b.jpg", 48, 64, [[5, 5, 30, 40]]),
            (3, "gone.jpg", 64, 48, [[1, 1, 10, 10]]),
            (4, "cut.jpg", 64, 48, [[1, 1, 10, 10]]),
        ])
        return f
    }

    func inspector(_ f: borrowing InspectFixture, strict: Bool = false) -> Inspector {
        Inspector(
            preset: .fcos(.official), dataPath: DataPath(codeBase: Preset.named("official")!.codeBase),
            outDirectory: f.path("out"),
            strict: strict)
    }

    func subjects(_ f: borrowing InspectFixture) throws -> [InspectSubject] {
        let read = try DatasetLoader.read(f.path("instances.json"))
        let locator = PhotoLocator(annotations: f.path("instances.json"), format: .coco, images: nil)
        return read.dataset.images.map { .annotated($0, locator: locator) }
    }

    @Test("One figure per good image, an index.html, no temporary files; bad photos skipped with a message")
    func gallery() throws {
        let f = try fixture()
        var reported: [String] = []
        var inspector = inspector(f)
        inspector.failed = { reported.append($0.description) }
        let outcome = try inspector.run(subjects(f), source: "instances.json")
        #expect(outcome.inspections.map(\.imageID) == [1, 2])
        let out = f.files.filter { $0.hasPrefix("out/") }
        #expect(
            out.contains("out/image-1.png") && out.contains("out/image-2.png")
                && out.contains("out/index.html"))
        #expect(!out.contains { $0.contains(".tmp-") })
        #expect(!out.contains("out/image-3.png") && !out.contains("out/image-4.png"))
        #expect(reported.count == 2 && outcome.problems.count == 2)
        #expect(reported[0].hasPrefix("gone.jpg: image 3: no such photo in "))
        #expect(reported[1].contains("cut.jpg: image 4: corrupt JPEG"))
        let html = try String(contentsOfFile: f.path("out/index.html"), encoding: .utf8)
        // Each figure lies under its hover layer: the file linked, a spot per location in a box.
        #expect(html.contains("<image href=\"image-1.png\"") && html.contains("<image href=\"image-2.png\""))
        #expect(html.contains("<svg class=\"explained\"") && html.contains("<title>P3 · stride 8 · ("))
        #expect(html.contains("<script>") && html.contains("explain-panel"))
        let spots = outcome.inspections.map { $0.figureHotspots?.spots.count ?? 0 }
        let explained = outcome.inspections.map { $0.boxes.isEmpty ? 0 : 1 }
        #expect(zip(spots, explained).allSatisfy { $0 > 0 || $1 == 0 })
        #expect(html.components(separatedBy: "<circle ").count - 1 >= spots.reduce(0, +))
        #expect(html.contains("corrupt JPEG") && html.contains("gone.jpg"))
        #expect(html.contains("original px") && html.contains("resized px"))
    }

    @Test("A box too small for any location is listed with its reason, in original and resized pixels")
    func reasons() throws {
        let f = try fixture()
        let outcome = try inspector(f).run(subjects(f), source: "instances.json")
        let first = try #require(outcome.inspections.first)
        // 64×48 → 1066×800: the 2×2 box at (40, 30) becomes about 33 px wide, the big one 500.
        #expect(first.sizeLine == "64 × 48 original px → 1066 × 800 resized px (maskrcnn-benchmark resize)")
        #expect(first.levels.map(\.name) == ["P3", "P4", "P5", "P6", "P7"])
        #expect(first.positives == first.boxes.map(\.positives).reduce(0, +))
        #expect(first.boxes[1].original.map { $0.x1 - $0.x0 } == 2)
        #expect(first.boxes.allSatisfy { $0.positives > 0 || $0.reason != nil })
        #expect(first.text.contains("original px"))
    }

    @Test("--strict stops at the first bad photo")
    func strict() throws {
        let f = try fixture()
        #expect(throws: InputError.self) { try inspector(f, strict: true).run(subjects(f), source: "x") }
    }

    @Test("The reasons: no location inside, size gate, lost to a smaller box")
    func diagnosis() {
        // Official locations sit at 8j + 4 on P3 and 16j + 8 on P4. A 3 px box between P3
        // locations; a 40 × 4 px sliver between P3 rows 292 and 300 but around P4's row 296, where
        // m ≤ 24 fails P4's 64 ≤ m; a box with a slightly smaller one inside, which wins every
        // location the two share, and they share all.
        let boxes = [
            GroundTruth(box: Box(x0: 100, y0: 100, x1: 103, y1: 103), name: "dot"),
            GroundTruth(box: Box(x0: 200, y0: 294, x1: 240, y1: 298), name: "sliver"),
            GroundTruth(box: Box(x0: 400, y0: 400, x1: 440, y1: 440), name: "big"),
            GroundTruth(box: Box(x0: 401, y0: 401, x1: 439, y1: 439), name: "small"),
        ]
        let assignment = Preset.official.matcher.assign(
            boxes, imageWidth: 640, imageHeight: 640, explain: true)
        #expect(assignment.groundTruthsWithoutPositives == [0, 1, 2])
        #expect(MissReason.diagnose(0, in: assignment) == .noLocationInside)
        guard case .sizeGate(let levels, let fitting) = MissReason.diagnose(1, in: assignment) else {
            Issue.record("expected the size gate")
            return
        }
        #expect(levels.map(\.level) == ["P4"] && fitting == ["P3"])
        guard case .lostToSmallerBoxes(2, let n, let winners) = MissReason.diagnose(2, in: assignment) else {
            Issue.record("expected lost to a smaller box")
            return
        }
        #expect(n > 0 && winners == [3])
        let sentence = MissReason.diagnose(2, in: assignment).sentence(groundTruths: boxes, gate: .inclusive)
        // 38 × 38 inside 40 × 40: IoU 0.9025, flagged as a likely duplicate.
        #expect(
            sentence.hasSuffix(
                "to smaller box #3 small (IoU 0.9: nearly the same box, a duplicate annotation?)"))
    }

    @Test("Images are chosen by id, file name or last path component; unknown names are problems")
    func selection() throws {
        let images = [
            AnnotatedImage(id: 9, fileName: "../coco128/images/000000000009.jpg", width: 640, height: 480),
            AnnotatedImage(id: 25, fileName: "x/25.jpg", width: 640, height: 480),
        ]
        let dataset = Dataset(source: "d.json", format: .coco, images: images, categories: [])
        let chosen = ImageSelection(names: ["25", "000000000009.jpg", "9", "nope"], all: false).select(
            from: dataset)
        #expect(chosen.images.map(\.id) == [25, 9])
        #expect(
            chosen.problems.map(\.description) == ["d.json: --image nope: no image with this id or file name"]
        )
        #expect(ImageSelection(names: [], all: true, limit: 1).select(from: dataset).images.map(\.id) == [9])
    }

    @Test("A scene JSON is drawn over its illustration, in network pixels")
    func scene() throws {
        let f = try InspectFixture()
        try f.addPhoto("scene-64x48.jpg", as: "picture.jpg")
        let scene = """
            {"image": {"width": 640, "height": 480}, "illustration": "images/picture.jpg",
             "boxes": [{"x0": 100, "y0": 100, "x1": 300, "y1": 260, "name": "thing"}]}
            """
        try Data(scene.utf8).write(to: URL(fileURLWithPath: f.path("scene.json")))
        guard
            case .scene(let parsed) = try InspectInput.read(
                f.path("scene.json"), format: nil, images: nil, names: nil, strict: false)
        else {
            Issue.record("expected a scene")
            return
        }
        let outcome = try inspector(f).run([.scene(parsed, path: f.path("scene.json"))], source: "scene.json")
        let inspection = try #require(outcome.inspections.first)
        #expect(!inspection.isResized && inspection.figure == "scene.png")
        #expect(inspection.sizeLine.contains("not resized"))
        #expect(f.files.contains("out/scene.png"))
    }

    @Test("The command line: --image and --out write the figures and the gallery")
    func commandLine() throws {
        let f = try fixture()
        let command = try InspectCommand.parse([
            f.path("instances.json"), "--image", "1", "2", "--out", f.path("cli"),
        ])
        _ = try Output.capturing { try command.run() }
        let written = f.files.filter { $0.hasPrefix("cli/") }
        #expect(written.contains("cli/image-1.png") && written.contains("cli/image-2.png"))
        #expect(written.contains("cli/index.html") && !written.contains { $0.contains(".tmp-") })
        #expect(throws: (any Error).self) {
            _ = try Output.capturing {
                try InspectCommand.parse([f.path("instances.json"), "--out", "x"]).run()
            }
        }
    }

    @Test("Real photos from shared/data", .enabled(if: InspectFixture.hasSharedData))
    func sharedData() throws {
        let f = try InspectFixture()
        let annotations = InspectFixture.sharedData + "/coco-merged/instances.json"
        let command = try InspectCommand.parse([
            annotations, "--image", "522713", "9", "--out", f.path("real"),
        ])
        _ = try Output.capturing { try command.run() }
        let files = f.files
        #expect(files.contains("real/image-522713.png") && files.contains("real/image-9.png"))
        #expect(files.contains("real/image-522713-zoom1.png"))
        #expect(!files.contains { $0.contains(".tmp-") })
    }
}
