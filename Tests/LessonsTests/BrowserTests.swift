import Canvas
import Foundation
import Testing

/// Lesson 3's notebook page in a real browser: the level figure's hover layer renders over the
/// drawing, the location under the pointer is the spot whose `<title>` tells its story, and the
/// optional script shows the same story on click. Skipped when Chromium is not installed.
@Suite("Notebook page in headless Chromium", .serialized, .enabled(if: ExternalTools.chromium != nil))
struct BrowserTests {
    /// Appended to a copy of the page: measures the rule-2 figure, finds the P5 location
    /// (624, 208), asks the browser what lies under its centre, clicks it, and writes what it saw
    /// as JSON into `<pre id="probe">`. With `#isolate` the figure is first left alone on the page,
    /// for a screenshot that needs no scrolling (headless screenshots of a scrolled 6 MB page
    /// come out blank).
    static let probe = """
        <script>
        window.addEventListener("load", () => {
          if (location.hash === "#isolate") {
            document.querySelector("main").replaceChildren(document.querySelector("#fig-rule2-gate"));
          }
          const out = {};
          out.svgs = document.querySelectorAll("svg.explained").length;
          const svg = document.querySelector("#fig-rule2-gate svg.explained");
          const box = svg.getBoundingClientRect();
          out.width = box.width;
          out.imageWidth = svg.querySelector("image").getBBox().width;
          const spot = [...svg.querySelectorAll(".spots circle")]
            .find(c => c.querySelector("title").textContent.startsWith("P5 · stride 32 · (624, 208)"));
          if (location.hash !== "#isolate") spot.scrollIntoView({ block: "center" });
          const r = spot.getBoundingClientRect();
          out.spot = [r.x + r.width / 2, r.y + r.height / 2, r.width];
          out.hit = document.elementFromPoint(out.spot[0], out.spot[1]) === spot;
          out.title = spot.querySelector("title").textContent;
          spot.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
          const panel = document.querySelector("#explain-panel");
          out.panel = !panel.hidden && panel.querySelector("pre").textContent === out.title;
          out.zoomed = document.querySelector("#fig-rule2-gate input.zoom").checked;
          out.lit = [...svg.querySelectorAll(".outlines rect.lit.win")].map(e => e.dataset.b);
          const pre = document.createElement("pre");
          pre.id = "probe";
          pre.textContent = JSON.stringify(out);
          document.body.append(pre);
        });
        </script>
        """

    struct Probe: Decodable {
        var svgs: Int
        var width: Double
        var imageWidth: Double
        var spot: [Double]
        var hit: Bool
        var title: String
        var panel: Bool
        var zoomed: Bool
        var lit: [String]
    }

    @Test("A location's story shows on hover and on click, over a rendered figure")
    func hoverStory() throws {
        let out = LessonRunTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try LessonRunTests.run(
            "lesson-03-matching", ["--no-pause", "--no-color", "--out", out.path])
        try #require(run.status == 0, "\(run.stderr)")
        let page = out.appendingPathComponent("index.html")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: page.path)[.size] as? Int)
        #expect(size < 6 * 1024 * 1024, "lesson 3's page is \(size) bytes")

        let html = try String(contentsOf: page, encoding: .utf8)
        let probePage = out.appendingPathComponent("probe.html")
        try html.replacingOccurrences(of: "</body>", with: Self.probe + "</body>")
            .write(to: probePage, atomically: true, encoding: .utf8)
        let probe = try Self.probe(probePage)
        #expect(probe.svgs >= 4, "rule 1, rule 2, the fine levels and center sampling explain themselves")
        #expect(probe.width > 700 && probe.imageWidth == probe.width, "the figure uses the page's width")
        #expect(probe.spot[2] > 4, "the spot is at least a few pixels wide")
        #expect(probe.hit, "the pointer over (624, 208) lands on its spot, so the browser shows its title")
        // By hand: person (380, 110, 700, 790) and racket (590, 150, 760, 370); P5 is 128 ≤ m ≤ 256.
        #expect(
            probe.title == """
                P5 · stride 32 · (624, 208) · 128 ≤ m ≤ 256
                #0 person: l* 244, t* 98, r* 76, b* 582 · m = 582 ✗ needs m ≤ 256
                #1 tennis racket: l* 34, t* 58, r* 136, b* 162 · m = 162 ✓
                → positive of #1 tennis racket
                """)
        #expect(probe.panel && !probe.zoomed, "a click opens the side panel, not the full-size view")
        #expect(
            Set(probe.lit) == ["1"] && probe.lit.count == 5, "the winner's outline is solid in every panel")

        // The figure as pixels: under the spot lies the racket's orange positive dot.
        let isolated = try #require(URL(string: probePage.absoluteString + "#isolate"))
        let alone = try Self.probe(isolated)
        let shot = out.appendingPathComponent("shot.png")
        let chromium = try #require(ExternalTools.chromium)
        ExternalTools.run(
            chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                "--window-size=1400,1000", "--virtual-time-budget=10000", "--screenshot=\(shot.path)",
                isolated.absoluteString,
            ])
        let image = try RasterImage(contentsOfPNG: shot)
        let (cx, cy) = (Int(alone.spot[0]), Int(alone.spot[1]))
        var orange = 0
        for y in (cy - 3)...(cy + 3) {
            for x in (cx - 3)...(cx + 3) where x >= 0 && y >= 0 && x < image.width && y < image.height {
                let p = image.pixel(x: x, y: y)
                if p.red > 150 && p.green < 140 && p.blue < 80 { orange += 1 }
            }
        }
        #expect(orange > 5, "the drawing shows under the hover layer")
    }

    static func probe(_ page: URL) throws -> Probe {
        let dom = try #require(ExternalTools.dumpDOM(page))
        let start = try #require(dom.range(of: "<pre id=\"probe\">"))
        let end = try #require(dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex))
        let json = String(dom[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
        return try JSONDecoder().decode(Probe.self, from: Data(json.utf8))
    }
}
