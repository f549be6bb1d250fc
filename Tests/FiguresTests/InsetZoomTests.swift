import Canvas
import FCOS
import Foundation
import Testing

@testable import Figures

/// The tennis ball is 32 × 32 px; in a 400-px-wide panel of the 1066-px scene it spans 12 px, so
/// its P3 panel must magnify it, and its positives must show in the inset in its colour.
@Suite("Inset zoom")
struct InsetZoomTests {
    static func panels() throws -> LevelPanels {
        var panels = try Fixtures.panels("tennis")
        panels.panelWidth = 400
        panels.columns = 2
        return panels
    }

    @Test func smallBoxGetsAnInsetOnItsLevelOnly() throws {
        let panels = try Self.panels()
        let layout = panels.layout
        let ball = 2
        let p3 = try #require(panels.insetPlan(level: 0, mapping: layout.mapping(panel: 0), muted: []))
        #expect(p3.boxes == [ball])
        #expect(p3.magnification >= 2)
        let source = p3.source
        let box = panels.assignment.groundTruths[ball].box
        #expect(source.x0 <= box.x0 && source.x1 >= box.x1 && source.y0 <= box.y0 && source.y1 >= box.y1)
        // P6 holds the person only, which is large: no inset.
        #expect(panels.insetPlan(level: 3, mapping: layout.mapping(panel: 3), muted: []) == nil)
        var off = panels
        off.insetZoom = .off
        #expect(off.insetPlan(level: 0, mapping: layout.mapping(panel: 0), muted: []) == nil)
    }

    @Test func insetShowsThePositivesInTheBoxColour() throws {
        let panels = try Self.panels()
        let plan = try #require(
            panels.insetPlan(level: 0, mapping: panels.layout.mapping(panel: 0), muted: []))
        let image = try panels.render()
        let level = panels.assignment.levels[0]
        let positive = try #require(level.matched.indices.first { level.matched[$0] == 2 })
        let point = plan.mapping.point(level.map.location(at: positive))
        #expect(plan.mapping.frame.contains(point))
        let near = (-2...2).flatMap { dx in
            (-2...2).map { dy in image.pixel(x: Int(point.x) + dx, y: Int(point.y) + dy) }
        }
        #expect(near.contains { $0.isClose(to: BoxColors.color(forBox: 2), tolerance: 40) })
    }

    @Test func barePanelsCountLocationsNotPositives() throws {
        let scene = try Fixtures.scene("tennis")
        let empty = Preset.official.matcher.assign(
            [], imageWidth: scene.width, imageHeight: scene.height, explain: true)
        let panels = LevelPanels(assignment: empty, presetName: "official")
        #expect(panels.panelTitle(level: 0) == "P3 · stride 8 · 13600 locations")
        #expect(panels.legend.sections.count == 1)
        #expect(!panels.legend.sections[0].entries.contains { $0.text.contains("positive") })
    }
}
