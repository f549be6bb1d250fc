import Canvas
import FCOS
import Foundation

/// Ground-truth rectangles in their colours, with `#0 person` chips, as every figure draws them.
struct BoxOverlay {
    enum Labels {
        /// `#0 person`.
        case full
        /// `#0`, for small panels where names would crowd each other.
        case index
        /// No label, for panels too crowded even for indices.
        case none
    }

    var groundTruths: [GroundTruth]
    var lineWidth: Double = 2
    var labels: Labels = .full
    var font: Font = .bold(12)
    /// Boxes that got no positive on any level; their chips carry a warning.
    var warnings: Set<Int> = []
    /// Boxes left out, e.g. all but the one a zoom is about.
    var hidden: Set<Int> = []
    /// Boxes out of focus (``FocusMode``): thin, grey and unlabelled.
    var muted: Set<Int> = []
    /// The colours of the boxes in focus.
    var coloring: BoxColoring = .usual

    /// Outlines each box with a darker rim under its colour, so pale hues (yellow) stay visible
    /// on a light canvas and every hue stays visible on a photograph.
    func drawOutlines(in ctx: DrawingContext, mapping: ImageMapping, faded: Bool = false) {
        ctx.withClip(to: mapping.frame.insetBy(dx: -lineWidth, dy: -lineWidth)) {
            for (index, gt) in groundTruths.enumerated() where !hidden.contains(index) {
                let rect = mapping.rect(gt.box)
                guard !muted.contains(index) else {
                    ctx.strokeRect(
                        rect, FocusMode.mutedColor,
                        style: StrokeStyle(width: 1, dash: gt.isCrowd ? [6, 4] : []))
                    continue
                }
                let color = coloring.color(forBox: index)
                let dash: [Double] = gt.isCrowd ? [6, 4] : []
                ctx.strokeRect(
                    rect, color.darkened(by: 0.5).withAlpha(faded ? 0.3 : 0.75),
                    style: StrokeStyle(width: lineWidth + 1.5, dash: dash))
                ctx.strokeRect(
                    rect, faded ? color.withAlpha(0.5) : color,
                    style: StrokeStyle(width: lineWidth, dash: dash))
                if Self.isTiny(rect) {
                    // A box of a few pixels would vanish under its own outline: circle it.
                    let center = CGPoint(x: rect.midX, y: rect.midY)
                    ctx.strokeCircle(
                        center: center, radius: Self.tinyRadius, .white, style: .solid(lineWidth + 2))
                    ctx.strokeCircle(center: center, radius: Self.tinyRadius, color, style: .solid(lineWidth))
                }
            }
        }
    }

    static let tinyRadius = 10.0

    static func isTiny(_ rect: CGRect) -> Bool { rect.width < 8 || rect.height < 8 }

    /// Where a box shows on screen: its rectangle, or the circle around a tiny one.
    static func visibleFrame(_ rect: CGRect) -> CGRect {
        guard isTiny(rect) else { return rect }
        return CGRect(
            x: Double(rect.midX) - tinyRadius, y: Double(rect.midY) - tinyRadius, width: 2 * tinyRadius,
            height: 2 * tinyRadius)
    }

    /// Chips at the boxes' corners, placed so that they neither overlap one another nor leave
    /// `bounds`; a chip that cannot avoid every other takes the least crowded spot.
    @discardableResult
    func drawLabels(in ctx: DrawingContext, mapping: ImageMapping, bounds: CGRect? = nil) -> [CGRect] {
        guard labels != .none else { return [] }
        let limits = bounds ?? mapping.frame
        // Chips must not cover the circles that stand for tiny boxes.
        let circles = groundTruths.indices.filter { !hidden.contains($0) }.map {
            mapping.rect(groundTruths[$0].box)
        }
        .filter(Self.isTiny).map(Self.visibleFrame)
        var placer = ChipPlacer(bounds: limits, avoiding: circles)
        // Small boxes first: their labels have the fewest good spots.
        let order = groundTruths.indices.filter { !hidden.contains($0) && !muted.contains($0) }.sorted {
            groundTruths[$0].box.area() < groundTruths[$1].box.area()
        }
        for index in order {
            // Label the visible part, so that a box cut by a zoom is labelled where it shows.
            let rect = Self.visibleFrame(mapping.rect(groundTruths[index].box)).intersection(limits)
            guard !rect.isNull, rect.width > 0 || rect.height > 0 else { continue }
            let text = labels == .full ? BoxColors.label(forBox: index, in: groundTruths) : "#\(index)"
            let style = LabelStyle.filled(coloring.color(forBox: index), font: font)
            let warning =
                warnings.contains(index)
                ? (labels == .full ? "\(BoxColors.warningSymbol) no positive" : BoxColors.warningSymbol) : nil
            let warningStyle = LabelStyle.filled(BoxColors.warning, font: font)
            let chip = ctx.labelFrame(text, at: .zero, style: style)
            let warningWidth =
                warning.map { Double(ctx.labelFrame($0, at: .zero, style: warningStyle).width) + 2 } ?? 0
            let size = CGSize(width: Double(chip.width) + warningWidth, height: chip.height)
            let half = lineWidth / 2
            let frame = placer.place(
                size: size,
                spots: [
                    (CGPoint(x: Double(rect.minX) - half, y: Double(rect.minY) - half), .bottomLeft),
                    (CGPoint(x: Double(rect.minX) + half, y: Double(rect.minY) + half), .topLeft),
                    (CGPoint(x: Double(rect.minX) - half, y: Double(rect.maxY) + half), .topLeft),
                    (CGPoint(x: Double(rect.maxX) + half, y: Double(rect.minY) - half), .bottomRight),
                    (CGPoint(x: Double(rect.minX) + half, y: Double(rect.maxY) - half), .bottomLeft),
                ])
            let drawn = ctx.drawLabel(text, at: frame.origin, style: style, anchor: .topLeft)
            if let warning {
                ctx.drawLabel(
                    warning, at: CGPoint(x: drawn.maxX + 2, y: drawn.minY), style: warningStyle,
                    anchor: .topLeft)
            }
        }
        return placer.placed
    }
}

extension CGRect {
    /// Moved (not resized) to lie inside `bounds`.
    func keptInside(_ bounds: CGRect) -> CGRect {
        var r = self
        if r.maxX > bounds.maxX { r.origin.x = bounds.maxX - r.width }
        if r.maxY > bounds.maxY { r.origin.y = bounds.maxY - r.height }
        if r.minX < bounds.minX { r.origin.x = bounds.minX }
        if r.minY < bounds.minY { r.origin.y = bounds.minY }
        return r
    }
}
