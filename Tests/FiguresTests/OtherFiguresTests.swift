import Canvas
import FCOS
import Foundation
import Testing

@testable import Figures

@Suite struct OtherFiguresTests {
    /// One box whose official P3 location (164, 164) has l* = t* = r* = b* = 64 exactly: the
    /// official gate (inclusive) keeps it on P3, torchvision's (strict, and its locations sit at
    /// `j·s`) does not.
    static let boundary = [GroundTruth(box: Box(x0: 100, y0: 100, x1: 228, y1: 228), name: "square")]

    @Test func disagreementsAreRingedAtTheSixtyFourPixelBoundary() throws {
        let official = Preset.official.matcher.assign(
            Self.boundary, imageWidth: 320, imageHeight: 320, explain: true)
        let cell = 20 * official.levels[0].map.width + 20
        #expect(official.levels[0].map.location(at: cell) == Point(x: 164, y: 164))
        #expect(official.explanation!.levels[0].first { $0.index == cell }?.verdicts.first?.m == 64)
        #expect(official.levels[0].matched[cell] == 0)

        let figure = DisagreementPanels(
            first: .official, second: .torchvision, groundTruths: Self.boundary, imageWidth: 320,
            imageHeight: 320)
        #expect(figure.disagreementCounts.count == 5)
        #expect(figure.disagreementCounts[0] >= 1)
        #expect(figure.disagreements(first: 0, second: 0).contains(cell))

        let layout = figure.layout
        let image = try figure.render()
        #expect(image.width == Int(layout.size.width) && image.height == Int(layout.size.height))
        // The ring passes about half a grid step right of the location: some pixel there is black.
        let center = layout.figurePoint(Point(x: 164, y: 164), panel: 0)
        let radius = 0.5 * 8 * layout.mapping(panel: 0).scale
        let ring = (-2...2).flatMap { dx in
            (-2...2).map { dy in
                image.pixel(x: Int(Double(center.x) + radius) + dx, y: Int(Double(center.y)) + dy)
            }
        }
        #expect(ring.contains { Int($0.red) + Int($0.green) + Int($0.blue) < 120 })
    }

    @Test func officialVersusTorchvisionOnTheScenesDisagreeSomewhere() throws {
        for name in ["tennis", "street"] {
            let scene = try Fixtures.scene(name)
            let figure = DisagreementPanels(
                first: .official, second: .torchvision, groundTruths: scene.groundTruths,
                imageWidth: scene.width,
                imageHeight: scene.height)
            #expect(figure.disagreementCounts.reduce(0, +) > 0)
        }
    }

    @Test func zoomShowsTheLocationAndRendersAtItsSize() throws {
        let scene = try Fixtures.scene("tennis")
        let assignment = Preset.official.matcher.assign(
            scene.groundTruths, imageWidth: scene.width, imageHeight: scene.height, explain: true)
        let p4 = assignment.levels[1]
        let index = try #require(p4.matched.firstIndex { $0 >= 0 })
        let zoom = LocationZoom(assignment: assignment, level: 1, location: index, backdrop: .named("tennis"))
        #expect(zoom.chosenBox == Int(p4.matched[index]))
        let image = try zoom.render()
        #expect(image.width == Int(zoom.size.width) && image.height == Int(zoom.size.height))
        // The location is drawn filled in its box's colour.
        let p = zoom.mapping.point(p4.map.location(at: index))
        #expect(
            image.pixel(x: Int(p.x), y: Int(p.y)).isClose(
                to: BoxColors.color(forBox: zoom.chosenBox), tolerance: 10))
    }

    @Test func heatMapColoursPositivesWithViridis() throws {
        let scene = try Fixtures.scene("street")
        let assignment = Preset.official.matcher.assign(
            scene.groundTruths, imageWidth: scene.width, imageHeight: scene.height)
        let heat = CenternessHeatMap(
            assignment: assignment, presetName: "official", backdrop: .named("street"))
        let layout = heat.layout
        let image = try heat.render()
        #expect(image.width == Int(layout.size.width) && image.height == Int(layout.size.height))
        let p6 = assignment.levels[3]
        let index = try #require(p6.matched.indices.max { p6.centerness[$0] < p6.centerness[$1] })
        let point = layout.figurePoint(p6.map.location(at: index), panel: 3)
        #expect(
            image.pixel(x: Int(point.x), y: Int(point.y)).isClose(
                to: Palette.viridis(Double(p6.centerness[index])), tolerance: 6))
    }

    @Test func linePlotAndBarChartRender() throws {
        let plot = LinePlot.focalLoss()
        #expect(plot.series.count == 5)
        let image = try plot.render()
        #expect(image.width == Int(plot.size.width) && image.height == Int(plot.size.height))
        // γ = 0 is cross-entropy: −log(0.5) ≈ 0.69 at p_t = 0.5, drawn in the first colour.
        let p = plot.figurePoint(x: 0.5, y: -log(0.5))
        let near = (-2...2).flatMap { dx in
            (-2...2).map { dy in image.pixel(x: Int(p.x) + dx, y: Int(p.y) + dy) }
        }
        #expect(near.contains { $0.isClose(to: Palette.categorical(0), tolerance: 40) })

        let bars = BarChart(
            categories: ["P3", "P4", "P5"],
            groups: [.init(name: "a", values: [3, 10, 7]), .init(name: "b", values: [5, 0, 2])],
            title: "Positives", yLabel: "count")
        let chart = try bars.render()
        #expect(chart.width == Int(bars.size.width))
        let bar = bars.barFrame(category: 1, group: 0)
        #expect(chart.pixel(x: Int(bar.midX), y: Int(bar.midY)).isClose(to: Palette.categorical(0)))
    }

    @Test func logarithmicYAxisSpacesPowersOfTenEvenly() throws {
        var plot = LinePlot.focalLoss()
        plot.yScale = .logarithmic
        plot.yRange = 1e-4...10
        let frame = plot.plotFrame
        let bottom = plot.figurePoint(x: 0, y: 1e-4).y
        let top = plot.figurePoint(x: 0, y: 10).y
        #expect(abs(bottom - frame.maxY) < 1e-9 && abs(top - frame.minY) < 1e-9)
        // 10⁻² is two decades of five up from the bottom: 2/5 of the height.
        let middle = plot.figurePoint(x: 0, y: 1e-2).y
        #expect(abs((bottom - middle) / (bottom - top) - 0.4) < 1e-9)
        #expect(plot.axes.y.ticks.count == 6)
        #expect(plot.axes.y.label(1e-4) == "10⁻⁴" && plot.axes.y.label(0.01) == "0.01")
        // FL(0.99) for γ = 2 is 10⁻⁴·(−log 0.99) ≈ 1.0·10⁻⁶: below the range, clipped, not drawn.
        let image = try plot.render()
        #expect(image.width == Int(plot.size.width))
    }

    @Test func nmsStepsFollowGreedySuppression() throws {
        let nms = try Fixtures.nms()
        let steps = nms.steps
        #expect(steps.first?.current == 0)
        #expect(steps.first?.suppressedNow.keys.sorted() == [2])
        #expect(steps.last?.current == nil)
        let kept = try #require(steps.last?.kept)
        // Every suppressed box overlaps some kept box by more than the threshold.
        for (index, iou) in try #require(steps.last?.suppressedBefore) {
            #expect(Double(iou) > nms.iouThreshold)
            #expect(!kept.contains(index))
        }
        #expect(kept.count + steps.last!.suppressedBefore.count == nms.detections.count)
        let image = try nms.render()
        #expect(image.width == Int(nms.size.width) && image.height == Int(nms.size.height))
        let one = nms.frame(step: 0)
        #expect(try one.render().width == Int(one.size.width))
    }

    @Test func writesPNGSVGAndPDF() throws {
        let directory = try TemporaryDirectory()
        let figures: [(String, any FigureDrawable)] = [
            ("levels", try Fixtures.panels("tennis")), ("plot", LinePlot.focalLoss()),
            ("nms", try Fixtures.nms()),
        ]
        let magic: [FileFormat: [UInt8]] = [
            .png: [0x89, 0x50, 0x4E, 0x47], .svg: Array("<?xml".utf8), .pdf: Array("%PDF".utf8),
        ]
        for (name, figure) in figures {
            for format in FileFormat.allCases {
                let path = directory.path("\(name).\(format.fileExtension)")
                try figure.write(toPath: path)
                let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
                #expect(Array(bytes.prefix(magic[format]!.count)) == magic[format]!, "\(path)")
            }
        }
    }
}
