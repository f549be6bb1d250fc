import Canvas
import FCOS
import Figures
import Foundation
import Testing

@Suite struct LevelPanelsTests {
    /// The positive of `level` nearest its box's centre that no other box competes for, which
    /// keeps the probe away from label chips at the corners and from ambiguity rings.
    static func centralPositive(_ assignment: Assignment, level: Int) -> (index: Int, box: Int)? {
        let targets = assignment.levels[level]
        let notes = assignment.explanation!.levels[level]
        let ambiguous = Set(notes.filter(\.isAmbiguous).map(\.index))
        var best: (Int, Int, Float)?
        for index in targets.matched.indices where targets.matched[index] >= 0 && !ambiguous.contains(index) {
            let g = Int(targets.matched[index])
            let c = assignment.groundTruths[g].box.center
            let p = targets.map.location(at: index)
            let d = (c.x - p.x) * (c.x - p.x) + (c.y - p.y) * (c.y - p.y)
            if best == nil || d < best!.2 { best = (index, g, d) }
        }
        return best.map { ($0.0, $0.1) }
    }

    static func pixel(_ image: RasterImage, at point: CGPoint) -> Pixel {
        image.pixel(x: Int(Double(point.x).rounded(.down)), y: Int(Double(point.y).rounded(.down)))
    }

    @Test(arguments: ["tennis", "street"])
    func positivesTakeTheirBoxColourOnP3AndP4(scene name: String) throws {
        let panels = try Fixtures.panels(name)
        let layout = panels.layout
        let image = try panels.render()
        #expect(image.width == Int(layout.size.width) && image.height == Int(layout.size.height))
        #expect(layout.panels.count == 5)
        for level in [0, 1] {
            let (index, box) = try #require(Self.centralPositive(panels.assignment, level: level))
            let point = layout.figurePoint(
                panels.assignment.levels[level].map.location(at: index), panel: level)
            #expect(layout.panels[level].contains(point))
            #expect(panels.figurePoint(level: level, location: index) == point)
            let pixel = Self.pixel(image, at: point)
            #expect(
                pixel.isClose(to: BoxColors.color(forBox: box), tolerance: 10),
                "\(name) P\(level + 3): \(pixel)")
        }
    }

    @Test(arguments: ["tennis", "street"])
    func backgroundLocationsAreNotInABoxColour(scene name: String) throws {
        let panels = try Fixtures.panels(name)
        let layout = panels.layout
        let image = try panels.render()
        for level in [0, 1] {
            let targets = panels.assignment.levels[level]
            // A location far from every box: the image's top-left corner region.
            let index = try #require(
                targets.matched.indices.first { i in
                    let p = targets.map.location(at: i)
                    return p.x > 20 && p.y > 20
                        && panels.assignment.groundTruths.allSatisfy { gt in
                            p.x < gt.box.x0 - 40 || p.x > gt.box.x1 + 40 || p.y < gt.box.y0 - 40
                                || p.y > gt.box.y1 + 40
                        }
                })
            #expect(targets.matched[index] < 0)
            let pixel = Self.pixel(
                image, at: layout.figurePoint(targets.map.location(at: index), panel: level))
            for g in panels.assignment.groundTruths.indices {
                #expect(
                    !pixel.isClose(to: BoxColors.color(forBox: g), tolerance: 24),
                    "\(name) level \(level): \(pixel)")
            }
        }
    }

    @Test func threeLevelsMakeOneRowWithTheLegendBelow() throws {
        let scene = try Fixtures.scene("tennis")
        let panels = LevelPanels(
            preset: .eecs498, groundTruths: scene.groundTruths, imageWidth: scene.width,
            imageHeight: scene.height)
        let layout = panels.layout
        #expect(layout.panels.count == 3)
        #expect(Set(layout.panels.map(\.minY)).count == 1)
        #expect(layout.legendFrame.minY > layout.panels[0].maxY)
        #expect(layout.legendFrame.maxY <= layout.size.height)
        let image = try panels.render()
        #expect(image.width == Int(layout.size.width))
    }

    @Test func viewportZoomsTheDenseLevel() throws {
        var panels = try Fixtures.panels("street")
        panels.levels = [0]
        panels.viewport = Box(x0: 1100, y0: 20, x1: 1300, y1: 180)
        let layout = panels.layout
        let mapping = layout.mapping(panel: 0)
        #expect(abs(mapping.scale - panels.panelWidth / 200) < 1e-9)
        // A P3 positive of the traffic light lands inside the single panel, in its colour.
        let targets = panels.assignment.levels[0]
        let lights = targets.matched.indices.filter { targets.matched[$0] == 5 }
        try #require(!lights.isEmpty)
        let index = lights[lights.count / 2]
        let box = 5
        let point = layout.figurePoint(targets.map.location(at: index), panel: 0)
        #expect(layout.panels[0].contains(point))
        let image = try panels.render()
        #expect(Self.pixel(image, at: point).isClose(to: BoxColors.color(forBox: box), tolerance: 10))
    }

    @Test func boxesWithoutPositivesAreWarnedAboutInTheLegend() throws {
        // A 4 × 4 box has no location strictly inside it at stride 8 with this offset.
        let groundTruths = [
            GroundTruth(box: Box(x0: 100, y0: 100, x1: 300, y1: 260), name: "cat"),
            GroundTruth(box: Box(x0: 8.5, y0: 8.5, x1: 11.5, y1: 11.5), name: "speck"),
        ]
        let panels = LevelPanels(
            preset: .official, groundTruths: groundTruths, imageWidth: 320, imageHeight: 320)
        #expect(panels.assignment.groundTruthsWithoutPositives == [1])
        let texts = panels.legend.sections.flatMap(\.entries).map(\.text)
        #expect(texts.contains { $0.contains(BoxColors.warningSymbol) && $0.contains("#1 speck") })
        _ = try panels.render()
    }
}
