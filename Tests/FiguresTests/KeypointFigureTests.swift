import Canvas
import FCOS
import Figures
import Foundation
import Keypoints
import Testing

@Suite struct KeypointFigureTests {
    static let boxes = [
        GroundTruth(box: Box(x0: 101, y0: 62, x1: 167, y1: 103), label: 0, name: "dog"),
        GroundTruth(box: Box(x0: 300, y0: 300, x1: 420, y1: 460), label: 1, name: "cat"),
    ]

    @Test func gridMappingPutsCellsBackOnTheScene() {
        // A 1024 × 512 scene fitted into 512 × 512: scale 0.5, 128 px of padding above.
        let square = SquareInput(imageWidth: 1024, imageHeight: 512, side: 512)
        let mapping = KeypointGridMapping(grid: .centerNet(inputWidth: 512, inputHeight: 512), square: square)
        #expect(mapping.cellRect(x: 0, y: 32) == Box(x0: 0, y0: 0, x1: 8, y1: 8))
        #expect(mapping.cellWidth == 8)
        #expect(square.inputPoint(Point(x: 1024, y: 256)) == Point(x: 512, y: 256))
        #expect(square.imagePoint(Point(x: 256, y: 128)) == Point(x: 512, y: 0))
    }

    @Test func centerNetClassPanelHoldsTheMapAndMarksTheCentre() throws {
        let t = try CenterNetTargets(Self.boxes, inputWidth: 512, inputHeight: 512, classes: 2)
        let mapping = KeypointGridMapping(grid: t.grid)
        let panel = TargetCellPanel.centerNetClass(0, targets: t, mapping: mapping, title: "class 0")
        let nonzero = t.heatmaps[0].values.filter { $0 > 0 }.count
        #expect(panel.cells.count == nonzero)
        #expect(panel.positiveCount == 1)
        #expect(panel.keypoints.count == 1 && panel.keypoints[0].radiusCells == t.objects[0]!.drawnRadius)
        #expect(panel.keypoints[0].cell == Box(x0: 132, y0: 80, x1: 136, y1: 84))

        let own = TargetCellPanel.centerNetBox(0, targets: t, mapping: mapping, title: "dog")
        let r = t.objects[0]!.drawnRadius
        #expect(own.cells.count == (2 * r + 1) * (2 * r + 1))
        #expect(own.positiveCount == 1)
    }

    @Test func fcosPanelCountsPositivesPerLevel() {
        let a = Preset.official.matcher.assign(Self.boxes, imageWidth: 512, imageHeight: 512)
        let panel = TargetCellPanel.fcosBox(1, assignment: a, title: "FCOS")
        let expected = a.levels.reduce(0) { $0 + $1.matched.filter { $0 == 1 }.count }
        #expect(panel.positiveCount == expected && expected > 0)
        #expect(panel.title.hasPrefix("FCOS · ") && panel.title.contains(" on P"))
        #expect(panel.cells.allSatisfy { $0.box == 1 })
    }

    @Test func centreCellIsPaintedYellowAndOutlined() throws {
        let t = try CenterNetTargets(Self.boxes, inputWidth: 512, inputHeight: 512, classes: 2)
        let mapping = KeypointGridMapping(grid: t.grid)
        var figure = TargetCellPanels(
            panels: [.centerNetBox(1, targets: t, mapping: mapping, title: "cat")], groundTruths: Self.boxes,
            imageWidth: 512, imageHeight: 512, title: "cells", valueName: "y")
        figure.viewport = Self.boxes[1].box
        let image = try figure.render()
        let layout = figure.layout
        #expect(image.width == Int(layout.size.width))
        let o = t.objects[1]!
        // The middle of the centre cell, 15 px wide here, clear of its outline and of the exact-centre
        // dot on its corner: viridis(1) is yellow.
        #expect(o.center == Point(x: 90, y: 95))
        let p = layout.figurePoint(Point(x: Float(o.cellX) * 4 + 2, y: Float(o.cellY) * 4 + 2), panel: 0)
        let pixel = image.pixel(at: p)
        #expect(pixel.red > 180 && pixel.green > 180 && pixel.blue < 120, "\(pixel)")
    }

    @Test func radiusPlotDrawsThreeCasesAndTheDrawnStep() throws {
        let plot = LinePlot.gaussianRadius(formula: .original, minOverlap: 0.7, title: "radius")
        #expect(plot.series.count == 4)
        let step = plot.series[3].points
        // The step's last value is int(min) for a 120 × 120 box.
        let last = GaussianRadius(height: 120, width: 120, minOverlap: 0.7, formula: .original).truncated
        #expect(step.last.map { Double($0.y) } == Double(last))
        #expect(try plot.render().width > 600)
    }
}
