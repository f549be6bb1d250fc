import Canvas
import Foundation
import Keypoints

extension LinePlot {
    /// The Gaussian radius against box size for square boxes of side `s` output cells: the three
    /// quadratic cases of `GaussianRadius` as thin curves and the drawn radius `max(0, int(min))`
    /// as a thick step, for one formula and minimum IoU. The y axis stops at the drawn radius's
    /// range, so roots far above it (the original formula's cases 1 and 2) leave the chart through
    /// the top, which is the point: they never win the minimum.
    public static func gaussianRadius(
        formula: RadiusFormula, minOverlap: Double, maxSide: Int = 120, title: String
    ) -> LinePlot {
        let sides = Array(1...maxSide)
        let radii = sides.map {
            GaussianRadius(height: $0, width: $0, minOverlap: minOverlap, formula: formula)
        }
        func curve(_ value: (GaussianRadius) -> Double) -> [CGPoint] {
            zip(sides, radii).map { CGPoint(x: Double($0), y: value($1)) }
        }
        var steps: [CGPoint] = []
        for (s, r) in zip(sides, radii) {
            let drawn = Double(r.truncated)
            if let last = steps.last, last.y != drawn {
                steps.append(CGPoint(x: Double(s), y: Double(last.y)))
            }
            steps.append(CGPoint(x: Double(s), y: drawn))
        }
        let series = [
            Series(
                name: "case 1: one corner in, one out", points: curve(\.r1), color: Palette.categorical(0),
                width: 1.8),
            Series(
                name: "case 2: both corners inward", points: curve(\.r2), color: Palette.categorical(1),
                width: 1.8),
            Series(
                name: "case 3: both corners outward", points: curve(\.r3), color: Palette.categorical(2),
                width: 1.8),
            Series(
                name: "drawn radius max(0, int(min))", points: steps, color: .gray(0.1), dash: [], width: 3.2),
        ]
        let top = Double(radii.last?.truncated ?? 1) * 1.3 + 1
        var plot = LinePlot(
            series: series, title: title, xLabel: "box side s = h = w (output cells)",
            yLabel: "radius r (output cells)")
        plot.subtitle =
            "\(formula == .original ? "original formula (b + √Δ)/2" : "corrected formula (b ∓ √Δ)/(2a)") · "
            + "minimum IoU t = \(NumberText.format(minOverlap, decimals: 1)) · square boxes"
        plot.xRange = 0...Double(maxSide)
        plot.yRange = 0...top
        return plot
    }
}
