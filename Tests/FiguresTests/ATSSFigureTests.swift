import ATSS
import Annotations
import Canvas
import FCOS
import Figures
import Foundation
import Testing

/// The ATSS figures draw what the assigner decided: these tests render them and probe the pixels
/// under candidates and lines whose state the assigner knows, and check that the figure's own
/// geometry (tie rings, insets) agrees with the maths.
@Suite("ATSS figures")
struct ATSSFigureTests {
    static func assignment(_ name: String, _ preset: ATSSPreset = .atss) throws -> ATSSAssignment {
        let scene = try Fixtures.scene(name)
        return preset.assigner.assign(scene.groundTruths, imageWidth: scene.width, imageHeight: scene.height)
    }

    @Test("A candidate's glyph shows its verdict: the box's colour when positive, grey below the threshold")
    func candidateGlyphs() throws {
        let a = try Self.assignment("tennis")
        let ball = 2
        var figure = ATSSCandidatePanels(assignment: a, box: ball, presetName: "atss")
        figure.panelWidth = 300
        let image = try figure.render()
        var checked = 0
        for (l, level) in a.boxes[ball].levels.enumerated() {
            for c in level.candidates {
                let centre = figure.figurePoint(c.center, level: l)
                // Beside the rank digit, inside the disc.
                let probe = CGPoint(x: Double(centre.x) - 6, y: Double(centre.y) + 4)
                let pixel = image.pixel(at: probe)
                switch c.verdict {
                case .positive:
                    #expect(
                        pixel.isClose(to: BoxColors.color(forBox: ball), tolerance: 8),
                        "P\(l + 3) rank \(c.rank)")
                case .belowThreshold:
                    #expect(
                        pixel.isClose(to: .gray(0.86), tolerance: 8), "P\(l + 3) rank \(c.rank): \(pixel)")
                default:
                    continue
                }
                checked += 1
            }
        }
        #expect(checked == a.boxes[ball].candidateCount)
    }

    @Test("The red tie rings are exactly the anchors the cut left out at the k-th distance")
    func tieRings() throws {
        var ties = 0
        for name in ["tennis", "street"] {
            for preset in ATSSPreset.all {
                let a = try Self.assignment(name, preset)
                for g in a.boxes.indices {
                    let figure = ATSSCandidatePanels(assignment: a, box: g, presetName: preset.name)
                    for (l, level) in a.boxes[g].levels.enumerated() {
                        let rings = figure.leftOutAtCutoff(level: l)
                        #expect(
                            rings.count == (level.tie?.leftOut ?? 0),
                            "\(name) \(preset.name) #\(g) level \(l)")
                        if let cutoff = level.cutoffDistance {
                            for p in rings {
                                #expect(CandidateSelection.distance(p, a.boxes[g].center) == cutoff)
                            }
                        }
                        if level.tie != nil { ties += 1 }
                    }
                }
            }
        }
        #expect(ties > 0, "the shipped scenes have ties; the test must see some")
    }

    @Test("The strip plot draws each box's threshold where its IoU axis puts t")
    func thresholdLines() throws {
        let a = try Self.assignment("street")
        let plot = IoUStripPlot(assignment: a, presetName: "atss")
        let image = try plot.render()
        for (i, g) in plot.boxes.enumerated() {
            let t = try #require(a.boxes[g].threshold)
            let frame = plot.plotFrame(i)
            // Between the P3 and P4 slots, where no dot reaches and only the lines are drawn.
            let gap = Double(frame.minX) + Double(frame.width) / 5
            let pixel = image.pixel(at: CGPoint(x: gap, y: plot.y(t, panel: i)))
            #expect(pixel.red < 90 && pixel.green < 90 && pixel.blue < 90, "#\(g): \(pixel)")
            let above = image.pixel(at: CGPoint(x: gap, y: plot.y(t, panel: i) - 6))
            #expect(above.red > 150, "#\(g): the line is thin, not a band: \(above)")
        }
    }

    @Test("The gate figure magnifies a level only where its candidates would span under 40 px")
    func insets() throws {
        let a = try Self.assignment("tennis")
        let scene = try Fixtures.scene("tennis")
        let fcos = Preset.official.matcher.assign(
            scene.groundTruths, imageWidth: scene.width, imageHeight: scene.height, explain: true)
        let figure = GateVersusThreshold(fcos: fcos, fcosName: "official", atss: a, atssName: "atss", box: 0)
        let scale = figure.panelWidth / Double(figure.viewport.width)
        for l in a.levels.indices {
            let candidates = a.boxes[0].levels[l].candidates
            let xs = candidates.map { Double($0.center.x) }
            let ys = candidates.map { Double($0.center.y) }
            let span = max(xs.max()! - xs.min()!, ys.max()! - ys.min()!) + 2 * Double(a.levels[l].map.stride)
            let inset = figure.insetViewport(level: l)
            #expect((inset != nil) == (span * scale < 40), "level \(l): span \(span * scale) px")
            if let inset {
                for c in candidates {
                    #expect(inset.contains(CGPoint(x: Double(c.center.x), y: Double(c.center.y))))
                }
            }
        }
        #expect(figure.insetViewport(level: 0) != nil, "P3's candidates of a 320 × 680 box are a speck")
    }

    @Test("The anchor panels show each level's nearest candidate and its IoU")
    func anchorPanels() throws {
        let a = try Self.assignment("tennis")
        let figure = AnchorIoUPanels(assignment: a, box: 0, presetName: "atss")
        for (l, level) in a.boxes[0].levels.enumerated() {
            #expect(figure.candidate(level: l) == level.candidates.first)
        }
        let image = try figure.render()
        #expect(image.width == Int(figure.size.width.rounded(.up)))
    }

    @Test("Distribution bars are as tall as their probabilities")
    func distributionBars() throws {
        let p = [0.0, 0.25, 0.75, 0]
        let figure = DistributionPanels(
            panels: [.init(title: "two bins", probabilities: p, highlighted: [1, 2])], title: "t")
        let image = try figure.render()
        let frame = figure.plotFrame(0)
        let color = Palette.categorical(0)
        /// The bar's height in pixels, found by climbing from the baseline while the pixel is the bar's.
        func height(_ bin: Int) -> Double {
            let x = figure.x(bin: Double(bin), panel: 0)
            var y = Double(frame.maxY) - 2
            while y > Double(frame.minY) - 20,
                image.pixel(at: CGPoint(x: x, y: y)).isClose(to: color, tolerance: 6)
            {
                y -= 1
            }
            return Double(frame.maxY) - y
        }
        #expect(height(0) < 3 && height(3) < 3)
        let ratio = height(1) / height(2)
        #expect(abs(ratio - 1.0 / 3) < 0.03, "0.25 : 0.75 drawn as \(ratio)")
    }
}
