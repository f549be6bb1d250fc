import Annotations
import Canvas
import FCOS
import Figures
import Foundation
import Notebook
import Testing

/// Lesson 3 draws the final targets of the tennis scene twice: every level in step 4, and P3 and
/// P4 up close in step 6. These tests build the same `LevelPanels` with the lesson's parameters and
/// probe the rendered pixels at locations whose answer the matcher knows: a positive must show its
/// box's colour, a background location must not.
@Suite("Lesson 3 figures")
struct Lesson03FigureTests {
    /// The lesson's width for all-levels figures and its two columns.
    static let panelWidth = 400.0
    static let columns = 2

    static func tennis() throws -> Scene {
        try SceneFile.read(LessonAssets.scenePath("tennis"))
    }

    static func assignment(_ scene: Scene) -> Assignment {
        Preset.official.matcher.assign(
            scene.groundTruths, imageWidth: scene.width, imageHeight: scene.height, explain: true)
    }

    /// Step 4's figure: every level, whole image.
    static func allLevels(_ scene: Scene, _ assignment: Assignment) -> LevelPanels {
        var panels = LevelPanels(
            assignment: assignment, presetName: Preset.official.name, presetSummary: Preset.official.summary,
            backdrop: .named("tennis"))
        panels.sceneName = "tennis"
        panels.panelWidth = panelWidth
        panels.columns = columns
        return panels
    }

    /// Step 6's figure: P3 and P4 zoomed on the racket and the ball (the crop the lesson's caption
    /// prints for tennis under `official`: their boxes with a 32-px margin).
    static func fineLevels(_ scene: Scene, _ assignment: Assignment) -> LevelPanels {
        var panels = LevelPanels(
            assignment: assignment, presetName: Preset.official.name, presetSummary: Preset.official.summary,
            backdrop: .named("tennis"))
        panels.sceneName = "tennis"
        panels.levels = [0, 1]
        panels.viewport = Box(x0: 558, y0: 88, x1: 864, y1: 402)
        panels.columns = 2
        panels.panelWidth = panelWidth
        return panels
    }

    /// The middle one of box `box`'s positives on `level`: away from the box's edges and chips.
    static func middlePositive(of box: Int, level: Int, in assignment: Assignment) -> Int? {
        let indices = assignment.levels[level].matched.indices.filter {
            assignment.levels[level].matched[$0] == box
        }
        return indices.isEmpty ? nil : indices[indices.count / 2]
    }

    /// A background location of `level` at least `clearance` px outside every box and inside `viewport`.
    static func backgroundLocation(
        level: Int, in assignment: Assignment, viewport: Box, clearance: Float = 40
    ) -> Int? {
        let map = assignment.levels[level].map
        let margin = Float(map.stride) * 2
        return (0..<map.count).first { index in
            let p = map.location(at: index)
            guard assignment.levels[level].matched[index] < 0,
                p.x > viewport.x0 + margin, p.x < viewport.x1 - margin,
                p.y > viewport.y0 + margin, p.y < viewport.y1 - margin
            else { return false }
            return assignment.groundTruths.allSatisfy { gt in
                p.x < gt.box.x0 - clearance || p.x > gt.box.x1 + clearance
                    || p.y < gt.box.y0 - clearance || p.y > gt.box.y1 + clearance
            }
        }
    }

    /// Renders `panels` and checks a positive of `box` on each level and one background location.
    func probe(_ panels: LevelPanels, levels: [(level: Int, box: Int)], viewport: Box) throws {
        let assignment = panels.assignment
        let image = try panels.render()
        for (level, box) in levels {
            let index = try #require(Self.middlePositive(of: box, level: level, in: assignment))
            let point = try #require(panels.figurePoint(level: level, location: index))
            let pixel = image.pixel(at: point)
            let name = assignment.levels[level].map.level.name
            #expect(
                pixel.isClose(to: BoxColors.color(forBox: box), tolerance: 3),
                "\(name) positive of #\(box) at \(assignment.levels[level].map.location(at: index)) is \(pixel)"
            )

            let background = try #require(
                Self.backgroundLocation(level: level, in: assignment, viewport: viewport))
            let empty = image.pixel(at: try #require(panels.figurePoint(level: level, location: background)))
            for g in assignment.groundTruths.indices {
                #expect(
                    !empty.isClose(to: BoxColors.color(forBox: g), tolerance: 12),
                    "\(name) background location \(assignment.levels[level].map.location(at: background)) looks like #\(g): \(empty)"
                )
            }
        }
    }

    @Test("Step 4: all levels, two columns, the expected size")
    func allLevelsFigure() throws {
        let scene = try Self.tennis()
        let assignment = Self.assignment(scene)
        let panels = Self.allLevels(scene, assignment)
        let style = FigureStyle.standard
        let image = try panels.render()
        let width =
            2 * style.margin + Double(Self.columns) * Self.panelWidth + Double(Self.columns - 1) * style.gap
        #expect(image.width == Int(width.rounded(.up)))
        #expect(image.width == Int(Double(panels.size.width).rounded(.up)))
        #expect(image.height == Int(Double(panels.size.height).rounded(.up)))
        // Three rows of panels (five levels and the legend in the sixth cell), each as tall as the
        // image's aspect ratio makes a 400-px-wide panel.
        let panelHeight = (Self.panelWidth * Double(scene.height) / Double(scene.width)).rounded()
        #expect(Double(image.height) > 3 * panelHeight)
        // The ball (#2) is positive on P3 only, the racket (#1) on P4 and P5.
        try probe(
            panels, levels: [(0, 2), (1, 1)],
            viewport: Box(x0: 0, y0: 0, x1: Float(scene.width), y1: Float(scene.height)))
    }

    @Test("Step 6: P3 and P4 up close")
    func fineLevelsFigure() throws {
        let scene = try Self.tennis()
        let assignment = Self.assignment(scene)
        let panels = Self.fineLevels(scene, assignment)
        let image = try panels.render()
        let style = FigureStyle.standard
        #expect(image.width == Int((2 * style.margin + 2 * Self.panelWidth + style.gap).rounded(.up)))
        #expect(image.height == Int(Double(panels.size.height).rounded(.up)))
        let viewport = try #require(panels.viewport)
        try probe(panels, levels: [(0, 2), (1, 1)], viewport: viewport)
    }
}
