import FCOS
import Foundation
import Testing

@testable import Figures

/// The hover text of a location, checked against numbers worked out by hand from the boxes.
@Suite struct LocationStoryTests {
    /// The story of the location at `point` on level `level`, as the matcher explains it.
    func story(
        _ preset: Preset, _ groundTruths: [GroundTruth], level: Int, at point: Point, width: Int = 128,
        height: Int = 128
    ) throws -> [String] {
        let assignment = preset.matcher.assign(
            groundTruths, imageWidth: width, imageHeight: height, explain: true)
        let explained = try #require(assignment.explanation?.levels[level].first { $0.location == point })
        let map = assignment.levels[level].map
        return LocationStory(
            level: map.level, stride: map.stride, rules: assignment.rules, groundTruths: groundTruths
        ).lines(explained)
    }

    @Test func tennisRacketWinsOnP5BecauseThePersonIsTooLarge() throws {
        let person = GroundTruth(box: Box(x0: 380, y0: 110, x1: 700, y1: 790), name: "person")
        let racket = GroundTruth(box: Box(x0: 590, y0: 150, x1: 760, y1: 370), name: "tennis racket")
        // P5: stride 32, official locations at 16 + 32j, so (624, 208) is j = 19, i = 6.
        let lines = try story(
            .official, [person, racket], level: 2, at: Point(x: 624, y: 208), width: 1066, height: 800)
        #expect(
            lines == [
                "P5 · stride 32 · (624, 208) · 128 ≤ m ≤ 256",
                "#0 person: l* 244, t* 98, r* 76, b* 582 · m = 582 ✗ needs m ≤ 256",
                "#1 tennis racket: l* 34, t* 58, r* 136, b* 162 · m = 162 ✓",
                "→ positive of #1 tennis racket",
            ])
    }

    @Test func smallerAreaWinsAndMExactly64PassesTheInclusiveP3Gate() throws {
        let outer = GroundTruth(box: Box(x0: 0, y0: 0, x1: 100, y1: 100))
        let inner = GroundTruth(box: Box(x0: 20, y0: 20, x1: 80, y1: 80))
        // (36, 36) = 4 + 8·4; official areas add 1: 101² = 10 201 and 61² = 3 721.
        let lines = try story(.official, [outer, inner], level: 0, at: Point(x: 36, y: 36))
        #expect(
            lines == [
                "P3 · stride 8 · (36, 36) · m ≤ 64",
                "#0: l* 36, t* 36, r* 64, b* 64 · m = 64 ✓",
                "#1: l* 16, t* 16, r* 44, b* 44 · m = 44 ✓",
                "→ positive of #1: #1 has the smaller area (3721 px² vs 10201 px²)",
            ])
    }

    @Test func equalAreasGoToTheLowerIndex() throws {
        let a = GroundTruth(box: Box(x0: 0, y0: 0, x1: 80, y1: 80))
        let b = GroundTruth(box: Box(x0: 8, y0: 8, x1: 88, y1: 88))
        let lines = try story(.official, [a, b], level: 0, at: Point(x: 36, y: 36))
        #expect(
            lines.last
                == "→ positive of #0: #0 and #1 tie on equal areas (6561 px² vs 6561 px²); the lower index wins"
        )
    }

    @Test func float32RankTiesTheLargerBoxWithTheLowerIndex() throws {
        // Areas 4 804 (#0) and 4 796 (#1): 1e8 − area rounds to 99 995 200 for both in float32,
        // so torchvision's max keeps #0 although it is the larger box.
        // Both 32 px wide and centred on the P4 location (64, 96); heights 150.125 and 149.875
        // are exact in float32, so the areas are exactly 4 804 and 4 796.
        let larger = GroundTruth(box: Box(x0: 48, y0: 20.9375, x1: 80, y1: 171.0625))
        let smaller = GroundTruth(box: Box(x0: 48, y0: 21.0625, x1: 80, y1: 170.9375))
        let lines = try story(
            .torchvision, [larger, smaller], level: 1, at: Point(x: 64, y: 96), height: 256)
        #expect(lines.count == 4)
        #expect(lines[1].hasSuffix("center region ✓"))
        #expect(
            lines.last
                == "→ positive of #0: #0 and #1 tie on the same float32 1e8 − area (4804 px² vs 4796 px²); the lower index wins"
        )
    }

    @Test func strictGateRejectsMExactly64OnBothNeighbours() throws {
        let box = GroundTruth(box: Box(x0: 0, y0: 0, x1: 128, y1: 128))
        let p3 = try story(.torchvision, [box], level: 0, at: Point(x: 64, y: 64))
        let p4 = try story(.torchvision, [box], level: 1, at: Point(x: 64, y: 64))
        #expect(p3[0] == "P3 · stride 8 · (64, 64) · m < 64")
        #expect(p3[1] == "#0: l* 64, t* 64, r* 64, b* 64 · m = 64 ✗ needs m < 64 · center region ✓")
        #expect(p3.last == "→ background")
        #expect(p4[1] == "#0: l* 64, t* 64, r* 64, b* 64 · m = 64 ✗ needs m > 64 · center region ✓")
    }

    @Test func centerSamplingAndCrowdVerdicts() throws {
        let box = GroundTruth(box: Box(x0: 0, y0: 0, x1: 200, y1: 200))
        // official-imprv: region ±1.5·8 = 12 px around (100, 100) on P3, so (36, 36) is outside.
        let lines = try story(
            .officialImprv, [box], level: 0, at: Point(x: 36, y: 36), width: 256, height: 256)
        #expect(
            lines[1]
                == "#0: l* 36, t* 36, r* 164, b* 164 · m = 164 ✗ needs m ≤ 64 · ✗ outside its center region")
        let crowd = GroundTruth(box: Box(x0: 0, y0: 0, x1: 60, y1: 60), isCrowd: true)
        let crowded = try story(.official, [crowd], level: 0, at: Point(x: 36, y: 36))
        #expect(crowded[1] == "#0: l* 36, t* 36, r* 24, b* 24 · crowd region, never matched")
        #expect(crowded.last == "→ background")
    }
}

/// The hover layer over a level figure: a spot on every location inside a box that a pointer
/// can tell from its neighbours, none elsewhere.
@Suite struct HotspotTests {
    @Test func spotsCoverTheExplainedLocationsAReaderCanPointAt() throws {
        let panels = try Fixtures.panels("tennis")
        let hotspots = panels.hotspots
        let levels = try #require(panels.assignment.explanation).levels
        // At 440 px a panel shows 0.41 px per image px: P3's locations sit 3.3 px apart (spots
        // would overlap), P4's 6.6 px. P5…P7 have no inset and explain every location in a box.
        for level in 2..<5 {
            #expect(hotspots.spots.filter { $0.panel == level }.count == levels[level].count)
        }
        let layout = panels.layout
        // On P3 only the ball's 16 positives keep a spot in the panel, and its inset (×7)
        // explains the 16 locations it magnifies (inside the ball; the rest is background) with
        // larger spots.
        let p3Inset = try #require(panels.insetPlan(level: 0, mapping: layout.mapping(panel: 0), muted: []))
        let p3 = hotspots.spots.filter { $0.panel == 0 }
        let inPanel = p3.filter { !p3Inset.mapping.frame.contains($0.center) }
        #expect(inPanel.count == 16)
        #expect(inPanel.allSatisfy { $0.text.contains("→ positive of #2") && $0.radius == 2.5 })
        let magnified = p3.filter { p3Inset.mapping.frame.contains($0.center) }
        #expect(magnified.count == 16 && magnified.allSatisfy { $0.radius > 10 - 1e-9 })
        // P4 is not dense: every location in a box keeps its spot, except those the racket's
        // inset covers, and every location the inset magnifies gets one there.
        let mapping = layout.mapping(panel: 1)
        let p4Inset = try #require(panels.insetPlan(level: 1, mapping: mapping, muted: []))
        let p4 = hotspots.spots.filter { $0.panel == 1 }
        let covered = levels[1].filter { p4Inset.mapping.frame.contains(mapping.point($0.location)) }.count
        let shown = levels[1].filter { p4Inset.mapping.shows($0.location) }.count
        #expect(shown >= 12 && covered > 0)
        #expect(p4.count == levels[1].count - covered + shown)
        #expect(hotspots.spots.count < levels.map(\.count).reduce(0, +))
        #expect(hotspots.size == panels.size)
        // Every box has an outline in each of the five panels.
        #expect(hotspots.outlines.count == 5 * panels.assignment.groundTruths.count)
        let map = panels.assignment.levels[2].map
        let p5 = try #require((0..<map.count).first { map.location(at: $0) == Point(x: 624, y: 208) })
        let point = try #require(panels.figurePoint(level: 2, location: p5))
        let spot = try #require(hotspots.spots.first { $0.center == point })
        #expect(spot.panel == 2)
        #expect(spot.boxes == [1, 0])
        #expect(spot.text.hasPrefix("P5 · stride 32 · (624, 208)"))
    }

    @Test func zoomedFigureOnlyExplainsWhatItShows() throws {
        var panels = try Fixtures.panels("tennis")
        panels.viewport = Box(x0: 580, y0: 140, x1: 780, y1: 380)
        let spots = panels.hotspots.spots
        #expect(!spots.isEmpty)
        let layout = panels.layout
        #expect(
            spots.allSatisfy { spot in
                layout.panels[spot.panel].insetBy(dx: -0.5, dy: -0.5).contains(spot.center)
            })
    }

    @Test func markupEscapesTextAndNeedsNoScript() {
        let hotspots = FigureHotspots(
            size: CGSize(width: 100, height: 50),
            spots: [
                Hotspot(
                    center: CGPoint(x: 10.4, y: 20.6), radius: 3, text: "m < 64 & \"x\"", boxes: [0], panel: 0
                )
            ],
            outlines: [HotspotOutline(box: 0, panel: 0, rect: CGRect(x: 1, y: 2, width: 30, height: 40))])
        let svg = ExplainedFigureMarkup.svg(imageHref: "a.png", hotspots: hotspots, label: "fig <1>")
        #expect(svg.hasPrefix("<svg class=\"explained\""))
        #expect(svg.contains("viewBox=\"0 0 100 50\""))
        #expect(svg.contains("aria-label=\"fig &lt;1&gt;\""))
        #expect(svg.contains("<image href=\"a.png\" width=\"100\" height=\"50\"/>"))
        #expect(svg.contains("<rect data-b=\"0\" x=\"1\" y=\"2\" width=\"30\" height=\"40\"/>"))
        #expect(svg.contains("style=\"r:3px\""))
        #expect(
            svg.contains("<circle cx=\"10\" cy=\"21\"><title>m &lt; 64 &amp; &quot;x&quot;</title></circle>"))
        #expect(!svg.contains("<script"))
    }
}

/// The hover layer over a two-preset figure: each ringed cell tells its story under both.
@Suite struct DisagreementHotspotTests {
    @Test func ringedCellTellsBothStories() throws {
        let scene = try Fixtures.scene("tennis")
        let figure = DisagreementPanels(
            first: .official, second: .torchvision, groundTruths: scene.groundTruths, imageWidth: scene.width,
            imageHeight: scene.height)
        let spots = figure.hotspots.spots
        #expect(!spots.isEmpty && spots.count <= figure.disagreementCounts.reduce(0, +))
        // P3 cell (15, 100): official's location (4 + 8·100, 4 + 8·15) = (804, 124) is 4 px inside
        // the ball (800, 120, 832, 152); torchvision's (800, 120) is its corner, so not inside.
        let spot = try #require(
            spots.first { $0.text.hasPrefix("P3 · stride 8 · cell (row 15, column 100)") })
        #expect(
            spot.text == """
                P3 · stride 8 · cell (row 15, column 100): the presets disagree
                official at (804, 124) · m ≤ 64
                  #2 sports ball: l* 4, t* 4, r* 28, b* 28 · m = 28 ✓
                  → positive of #2 sports ball
                torchvision at (800, 120) · m < 64
                  inside no box → background
                """)
        #expect(spot.boxes == [2])
        let point = try #require(figure.layout.mapping(panel: 0).point(Point(x: 804, y: 124)) as CGPoint?)
        #expect(spot.center == point)
    }
}
