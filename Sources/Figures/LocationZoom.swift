import Canvas
import FCOS
import Foundation

/// One location up close: the crop around it and a box, the four regression distances drawn as
/// arrows to the box's sides and labelled (`l* = 56`), and `m = max(l*, t*, r*, b*)` picked out,
/// since `m` alone decides the size gate. The title gives the level and the gate's verdict.
///
/// ```swift
/// let zoom = LocationZoom(assignment: assignment, level: 1, location: index, backdrop: .illustration(.tennis))
/// try zoom.write(toPath: "/tmp/zoom.png")
/// ```
public struct LocationZoom: FigureDrawable {
    /// The FCOS assignment the location belongs to.
    public var assignment: Assignment
    /// Index into `assignment.levels`.
    public var level: Int
    /// Flat index of the location on that level.
    public var location: Int
    /// The box whose distances are drawn; by default the box the location regresses, else the
    /// smallest box containing it, else the nearest box.
    public var box: Int?
    /// What is drawn behind the boxes: the scene's illustration, a photo, or plain paper.
    public var backdrop: Backdrop
    /// The largest picture the crop is scaled to fit.
    public var maxPictureSize = CGSize(width: 640, height: 560)
    /// Fonts, margins and inks shared by every figure kind, so figures set side by side match.
    public var style: FigureStyle = .standard

    /// A zoom on `location` of level `level`.
    public init(
        assignment: Assignment, level: Int, location: Int, box: Int? = nil, backdrop: Backdrop = .plain
    ) {
        self.assignment = assignment
        self.level = level
        self.location = location
        self.box = box
        self.backdrop = backdrop
    }

    var map: FeatureMap { assignment.levels[level].map }
    var point: Point { map.location(at: location) }

    /// The box drawn (see ``box``).
    public var chosenBox: Int {
        if let box { return box }
        let matched = Int(assignment.levels[level].matched[location])
        if matched >= 0 { return matched }
        let gts = assignment.groundTruths
        let containing = gts.indices.filter { LTRB(from: point, to: gts[$0].box).minimum > 0 }
        if let smallest = containing.min(by: { gts[$0].box.area() < gts[$1].box.area() }) { return smallest }
        func distance(_ g: Int) -> Float {
            let c = gts[g].box.center
            return (c.x - point.x) * (c.x - point.x) + (c.y - point.y) * (c.y - point.y)
        }
        return gts.indices.min { distance($0) < distance($1) } ?? 0
    }

    var distances: LTRB { LTRB(from: point, to: assignment.groundTruths[chosenBox].box) }

    /// The crop: the box and the location with a margin, inside the image.
    public var viewport: CGRect {
        let box = assignment.groundTruths[chosenBox].box
        let x0 = min(Double(box.x0), Double(point.x))
        let y0 = min(Double(box.y0), Double(point.y))
        let x1 = max(Double(box.x1), Double(point.x))
        let y1 = max(Double(box.y1), Double(point.y))
        let pad = max(0.12 * max(x1 - x0, y1 - y0), 1.5 * Double(map.stride), 16)
        let image = CGRect(x: 0, y: 0, width: assignment.imageWidth, height: assignment.imageHeight)
        let crop = CGRect(x: x0 - pad, y: y0 - pad, width: x1 - x0 + 2 * pad, height: y1 - y0 + 2 * pad)
        let clipped = crop.intersection(image)
        return clipped.isNull || clipped.width < 1 || clipped.height < 1 ? crop : clipped
    }

    /// The distances and the verdict in words, for the subtitle's two lines.
    var verdict: String {
        let rules = assignment.rules
        let d = distances
        let range = map.level.sizeRange
        let name = map.level.name
        let g = chosenBox
        let sides = [("l*", d.l), ("t*", d.t), ("r*", d.r), ("b*", d.b)]
        let largest = sides.first { $0.1 == d.maximum }?.0 ?? "m"
        let first =
            "m = max(l*, t*, r*, b*) = \(largest) = \(NumberText.format(d.maximum)) · \(name) keeps "
            + NumberText.sizeRange(range, gate: rules.sizeGate)
        var second: String
        if rules.sizeGate.admits(d.maximum, in: range) {
            second = "✓ passes the size gate"
        } else {
            second = "✗ fails the size gate"
            if let fit = assignment.levels.first(where: {
                rules.sizeGate.admits(d.maximum, in: $0.map.level.sizeRange)
            }) {
                second += " (m fits \(fit.map.level.name))"
            }
        }
        if d.minimum <= 0 {
            second += " · outside #\(g), so never its positive"
        } else if !rules.centerSampling.admits(point, box: assignment.groundTruths[g].box, stride: map.stride)
        {
            second += " · ✗ outside #\(g)'s center region"
        }
        let matched = Int(assignment.levels[level].matched[location])
        if matched == g {
            second += " → positive of #\(g)"
        } else if matched >= 0 {
            // Only when #g was itself a candidate did the area rule decide against it.
            let wasCandidate =
                d.minimum > 0 && !assignment.groundTruths[g].isCrowd
                && rules.sizeGate.admits(d.maximum, in: map.level.sizeRange)
                && rules.centerSampling.admits(point, box: assignment.groundTruths[g].box, stride: map.stride)
            second += " → regresses #\(matched) instead" + (wasCandidate ? " (the smaller box)" : "")
        } else {
            second += " → background"
        }
        return first + "\n" + second
    }

    var titleBlock: TitleBlock {
        let label = BoxColors.label(forBox: chosenBox, in: assignment.groundTruths)
        let title =
            "\(map.level.name) location (\(NumberText.format(point.x)), \(NumberText.format(point.y))) and \(label)"
        return TitleBlock(title: title, subtitle: verdict, style: style, width: contentWidth)
    }

    var pictureSize: CGSize {
        let v = viewport
        let scale = min(
            Double(maxPictureSize.width) / Double(v.width), Double(maxPictureSize.height) / Double(v.height))
        return CGSize(
            width: (Double(v.width) * scale).rounded(), height: (Double(v.height) * scale).rounded())
    }

    var contentWidth: Double { max(Double(pictureSize.width), 600) }

    /// Explains the zoom's marks: the four distances, `m`, the center region and the other locations.
    public var legend: Legend {
        let color = BoxColors.edge(forBox: chosenBox)
        var entries: [Legend.Entry] = [
            .init(.line(color, dash: [], width: 2.5), "l*, t*, r*, b*: distances to the box's sides"),
            .init(.line(color, dash: [], width: 5), "m = the largest, compared with the level's range"),
        ]
        if let r = assignment.rules.centerSampling.radius {
            entries.append(
                .init(.outline(color, dashed: true), "center region (±\(NumberText.format(r)) strides)"))
        }
        entries.append(.init(.marker(.location), "other \(map.level.name) locations"))
        return Legend(sections: [.init(entries: entries)], font: style.labelFont, ink: style.ink)
    }

    /// The picture area; ``ImageMapping/point(_:)`` maps image pixels into it.
    public var mapping: ImageMapping {
        let top = style.margin + titleBlock.height + 10
        let x = style.margin + (contentWidth - Double(pictureSize.width)) / 2
        return ImageMapping(
            viewport: viewport, frame: CGRect(origin: CGPoint(x: x, y: top), size: pictureSize))
    }

    /// The whole figure's size in pixels, known before drawing so a page can lay it out.
    public var size: CGSize {
        let legendHeight = Double(legend.placement(maxWidth: contentWidth).size.height)
        return CGSize(
            width: (contentWidth + 2 * style.margin).rounded(.up),
            height: (Double(mapping.frame.maxY) + 14 + legendHeight + style.margin).rounded(.up))
    }

    /// Draws the figure with its top-left corner at the origin of `ctx`.
    public func draw(in ctx: DrawingContext) {
        titleBlock.draw(in: ctx, at: CGPoint(x: style.margin, y: style.margin))
        let mapping = mapping
        let painter = PanelPainter(
            groundTruths: assignment.groundTruths, imageWidth: assignment.imageWidth,
            imageHeight: assignment.imageHeight, backdrop: backdrop, style: style)
        painter.drawBackground(in: ctx, mapping: mapping, dimming: 0.5)
        var batch = MarkerBatch()
        for index in 0..<map.count where index != location && mapping.shows(map.location(at: index)) {
            batch.add(.location, at: mapping.point(map.location(at: index)))
        }
        let spacing = Double(min(map.stepX, map.stepY)) * mapping.scale
        ctx.withClip(to: mapping.frame) {
            batch.draw(in: ctx, metrics: MarkerMetrics(spacing: min(spacing, 12)))
        }
        let g = chosenBox
        let all = assignment.groundTruths
        BoxOverlay(groundTruths: all, lineWidth: 1.5, hidden: [g]).drawOutlines(
            in: ctx, mapping: mapping, faded: true)
        if assignment.rules.centerSampling.radius != nil {
            let region = assignment.rules.centerSampling.region(
                for: assignment.groundTruths[g].box, stride: map.stride)
            ctx.strokeRect(
                mapping.rect(region), BoxColors.edge(forBox: g), style: StrokeStyle(width: 1.5, dash: [6, 4]))
        }
        let rest = Set(all.indices).subtracting([g])
        BoxOverlay(groundTruths: all, lineWidth: 3, hidden: rest).drawOutlines(in: ctx, mapping: mapping)
        let chips =
            BoxOverlay(groundTruths: all, labels: .index, font: .bold(12), hidden: [g])
            .drawLabels(in: ctx, mapping: mapping, bounds: mapping.frame.insetBy(dx: 1, dy: 1))
            + BoxOverlay(groundTruths: all, labels: .full, font: .bold(13), hidden: rest)
            .drawLabels(in: ctx, mapping: mapping, bounds: mapping.frame.insetBy(dx: 1, dy: 1))
        ZoomArrows(
            location: point, box: assignment.groundTruths[g].box, color: BoxColors.color(forBox: g),
            edge: BoxColors.edge(forBox: g), matched: Int(assignment.levels[level].matched[location]) == g
        ).draw(in: ctx, mapping: mapping, bounds: ctx.bounds.insetBy(dx: 4, dy: 4), avoiding: chips)
        ctx.strokeRect(mapping.frame.insetBy(dx: -0.5, dy: -0.5), style.frameColor, style: .solid(1))
        legend.draw(
            in: ctx, at: CGPoint(x: style.margin, y: Double(mapping.frame.maxY) + 14), maxWidth: contentWidth)
    }
}
