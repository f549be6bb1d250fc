import FCOS
import Figures
import Foundation
import Testing

@testable import Notebook

/// Figures on the notebook page: as wide as drawn, a click away from full size, and level
/// figures with their hover layer.
@Suite("Notebook page figures")
struct PageFigureTests {
    static func levelLesson() -> Lesson {
        Lesson(id: "lesson-98-levels", title: "Levels") {
            Step("Targets") {
                Picture("targets", caption: "Targets") {
                    let boxes = [
                        GroundTruth(box: Box(x0: 0, y0: 0, x1: 100, y1: 100), name: "outer"),
                        GroundTruth(box: Box(x0: 20, y0: 20, x1: 80, y1: 80), name: "inner"),
                    ]
                    var panels = LevelPanels(
                        preset: .official, groundTruths: boxes, imageWidth: 128, imageHeight: 128)
                    panels.panelWidth = 200
                    return panels
                }
            }
        }
    }

    @Test func levelFigureCarriesItsStoriesAsSVGTitles() throws {
        let out = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = Self.levelLesson().run(
            try options(["--no-pause", "--out", out]), console: Transcript().console())
        let html = try String(contentsOfFile: try #require(result.notebookPath), encoding: .utf8)
        #expect(html.contains("<svg class=\"explained\""))
        #expect(html.contains("<image href=\"data:image/png;base64,iVBORw0KGgo"))
        // The P3 location (36, 36): both boxes qualify and the smaller one wins (areas + 1).
        #expect(
            html.contains(
                "<title>P3 · stride 8 · (36, 36) · m ≤ 64\n#0 outer: l* 36, t* 36, r* 64, b* 64 · m = 64 ✓\n"
                    + "#1 inner: l* 16, t* 16, r* 44, b* 44 · m = 44 ✓\n"
                    + "→ positive of #1 inner: #1 has the smaller area (3721 px² vs 10201 px²)</title>"))
        #expect(html.contains("<script>") && html.contains("explain-panel"))
        #expect(!html.contains("http://") && !html.contains("https://"), "no external resources")
        // No spot outside both boxes, e.g. (108, 108) on P3, nor on the outer box's right edge
        // x = 100, where r* = 0 (inside is strict); (92, 36) is just inside.
        #expect(!html.contains("(108, 108)"))
        #expect(!html.contains("P3 · stride 8 · (100, 36)"))
        #expect(html.contains("P3 · stride 8 · (92, 36)"))
    }

    @Test func figuresAreWideAndOpenAtFullSizeWithoutScript() throws {
        let out = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let lesson = Lesson(id: "lesson-97-plain", title: "Plain") {
            Step("One") {
                Picture("plain", caption: "A plain figure") { path, _ in
                    try Illustration.writePNG(named: "tennis", to: path)
                }
            }
        }
        let result = lesson.run(try options(["--no-pause", "--out", out]), console: Transcript().console())
        let html = try String(contentsOfFile: try #require(result.notebookPath), encoding: .utf8)
        let width = try #require(
            FigureFileSize.width(
                of: try Data(contentsOf: URL(fileURLWithPath: "\(out)/plain.png")), format: .png))
        #expect(width > 400)
        #expect(html.contains("<figure class=\"figure\" id=\"fig-plain\" style=\"--w:\(width)px\">"))
        #expect(html.contains("<input type=\"checkbox\" class=\"zoom\" id=\"zoom-plain\""))
        #expect(html.contains("<label for=\"zoom-plain\""))
        #expect(html.contains("input.zoom:checked + label {"))
        #expect(!html.contains("<script"), "plain figures need no script")
    }

    @Test func figureWidthsComeFromTheFileHeaders() {
        let svg =
            #"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="858pt" height="1100pt">"#
        #expect(FigureFileSize.width(of: Data(svg.utf8), format: .svg) == 858)
        #expect(
            FigureFileSize.width(of: Data([0x89, 0x50, 0x4E, 0x47]), format: .png) == nil, "truncated PNG")
        #expect(FigureFileSize.width(of: Data(), format: .pdf) == nil)
    }
}
