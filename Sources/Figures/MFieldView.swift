import Canvas
import FCOS
import Foundation

/// Each box's interior coloured by `m = max(l*, t*, r*, b*)`, the number the size gate reads,
/// with a contour at every level boundary (64, 128, 256, 512 for the paper's levels).
///
/// Why a box lands on two levels becomes visible: `m` is smallest at the centre, where it is
/// `max(w, h)/2`, and grows towards `max(w, h)` at the sides, a factor of two, so the field of
/// almost every box crosses one boundary. The region `m ≤ c` of a box is itself a rectangle,
/// `[x1 − c, x0 + c] × [y1 − c, y0 + c]` clipped to the box, so the bands and contours are exact,
/// not traced from a raster. Where boxes overlap the smaller one is drawn on top, as the third
/// rule would pick it when both pass the gate.
public struct MFieldView: FigureDrawable {
    /// The image's width in pixels, which fixes the picture's aspect ratio.
    public var imageWidth: Int
    /// The image's height in pixels, which fixes the picture's aspect ratio.
    public var imageHeight: Int
    /// The ground-truth boxes, drawn in their fixed colours.
    public var groundTruths: [GroundTruth]
    /// The level boundaries, ascending: a location with `m` between two of them is gated to one
    /// level (at exactly a boundary, to both or neither; see `SizeGate`).
    public var boundaries: [Float]
    /// One name per band, `boundaries.count + 1` of them, e.g. `P3`…`P7`.
    public var bandNames: [String]
    /// What is drawn behind the boxes: the scene's illustration, a photo, or plain paper.
    public var backdrop: Backdrop
    /// The picture's width in figure pixels.
    public var width: Double = 760
    /// Replaces the generated title when set.
    public var title: String?
    /// Replaces the generated subtitle when set.
    public var subtitle: String?
    /// Magnifies a box too small to read its field at this width (``InsetZoom``).
    public var insetZoom: InsetZoom = .automatic
    /// Fonts, margins and inks shared by every figure kind, so figures set side by side match.
    public var style: FigureStyle = .standard

    /// An m-field of `groundTruths` with the given level boundaries and band names.
    public init(
        imageWidth: Int, imageHeight: Int, groundTruths: [GroundTruth],
        boundaries: [Float] = [64, 128, 256, 512],
        bandNames: [String] = ["P3", "P4", "P5", "P6", "P7"], backdrop: Backdrop = .plain
    ) {
        precondition(bandNames.count == boundaries.count + 1, "one band name per gap between boundaries")
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        self.groundTruths = groundTruths
        self.boundaries = boundaries
        self.bandNames = bandNames
        self.backdrop = backdrop
    }

    /// The band's fill: a sequential colour map, so a larger `m` reads as "further up the pyramid".
    public func bandColor(_ band: Int) -> Color {
        Palette.viridis(Double(band) / Double(max(bandNames.count - 1, 1))).withAlpha(0.72)
    }

    /// The part of `box` where `m ≤ limit`, or `nil` when there is none.
    public static func region(of box: Box, mAtMost limit: Float) -> Box? {
        let x0 = max(box.x0, box.x1 - limit)
        let x1 = min(box.x1, box.x0 + limit)
        let y0 = max(box.y0, box.y1 - limit)
        let y1 = min(box.y1, box.y0 + limit)
        guard x1 > x0, y1 > y0 else { return nil }
        return Box(x0: x0, y0: y0, x1: x1, y1: y1)
    }

    var legend: Legend {
        var entries: [Legend.Entry] = []
        for band in bandNames.indices {
            let low = band == 0 ? "m" : "\(NumberText.format(Double(boundaries[band - 1]))) ≤ m"
            let high = band == boundaries.count ? "" : " ≤ \(NumberText.format(Double(boundaries[band])))"
            let text = band == 0 ? "m ≤ \(NumberText.format(Double(boundaries[0])))" : low + high
            entries.append(Legend.Entry(.swatch(bandColor(band)), "\(text): \(bandNames[band])"))
        }
        let contours = Legend.Section(
            title: "Contours",
            entries: [Legend.Entry(.line(.gray(0.1), dash: [5, 3], width: 1.6), "m = a boundary")])
        let boxes = Legend.Section(
            title: "Ground truth",
            entries: groundTruths.indices.map {
                Legend.Entry(
                    .outline(BoxColors.color(forBox: $0), dashed: false),
                    BoxColors.label(forBox: $0, in: groundTruths))
            })
        var legend = Legend(
            sections: [Legend.Section(title: "m = max(l*, t*, r*, b*)", entries: entries), contours, boxes],
            font: style.labelFont)
        legend.maxColumns = 1
        return legend
    }

    var legendWidth: Double { legend.size(maxWidth: 240).width }

    var titleBlock: TitleBlock {
        TitleBlock(
            title: title ?? "The m-field: which level each point of a box is gated to",
            subtitle: subtitle
                ?? "m is smallest at a box's centre (max(w, h)/2) and doubles towards its sides, so most boxes cross one boundary",
            style: style, width: width + 24 + legendWidth)
    }

    /// How image pixels map onto the picture, for marks drawn over it.
    public var mapping: ImageMapping {
        let top = style.margin + titleBlock.height + 8
        let height = (width * Double(imageHeight) / Double(imageWidth)).rounded()
        return ImageMapping(
            viewport: CGRect(x: 0, y: 0, width: imageWidth, height: imageHeight),
            frame: CGRect(x: style.margin, y: top, width: width, height: height))
    }

    /// The whole figure's size in pixels, known before drawing so a page can lay it out.
    public var size: CGSize {
        let frame = mapping.frame
        let legendHeight = legend.size(maxWidth: 240).height
        return CGSize(
            width: (Double(frame.maxX) + 24 + legendWidth + style.margin).rounded(.up),
            height: (max(Double(frame.maxY), Double(frame.minY) + legendHeight) + style.margin).rounded(.up))
    }

    /// Draws the figure with its top-left corner at the origin of `ctx`.
    public func draw(in ctx: DrawingContext) {
        titleBlock.draw(in: ctx, at: CGPoint(x: style.margin, y: style.margin))
        let mapping = mapping
        let order = groundTruths.indices.sorted {
            groundTruths[$0].box.area(.continuous) > groundTruths[$1].box.area(.continuous)
        }
        func content(_ mapping: ImageMapping) {
            backdrop.draw(
                in: ctx, mapping: mapping, imageWidth: imageWidth, imageHeight: imageHeight, dimming: 0.45)
            ctx.withClip(to: mapping.frame) {
                for g in order {
                    drawField(of: groundTruths[g].box, in: ctx, mapping: mapping)
                }
            }
            let overlay = BoxOverlay(
                groundTruths: groundTruths, lineWidth: 2.5, labels: .full, font: .bold(13))
            overlay.drawOutlines(in: ctx, mapping: mapping)
            overlay.drawLabels(in: ctx, mapping: mapping, bounds: mapping.frame.insetBy(dx: 1, dy: 1))
        }
        content(mapping)
        if let plan = insetZoom.plan(
            boxes: groundTruths.indices.map { ($0, groundTruths[$0].box) }, panel: mapping)
        {
            insetZoom.draw(plan, panel: mapping, in: ctx, style: style, content: content)
        }
        ctx.strokeRect(mapping.frame.insetBy(dx: -0.5, dy: -0.5), style.frameColor, style: .solid(1))
        legend.draw(in: ctx, at: CGPoint(x: mapping.frame.maxX + 24, y: mapping.frame.minY), maxWidth: 240)
    }

    /// The bands from the outside in (largest `m` first), then the contours with their values.
    private func drawField(of box: Box, in ctx: DrawingContext, mapping: ImageMapping) {
        guard box.width > 0, box.height > 0 else { return }
        ctx.fillRect(mapping.rect(box), .white)
        for band in stride(from: boundaries.count, through: 0, by: -1) {
            let region =
                band == boundaries.count ? box : MFieldView.region(of: box, mAtMost: boundaries[band])
            guard let region else { continue }
            ctx.fillRect(mapping.rect(region), bandColor(band))
        }
        for limit in boundaries {
            guard let region = MFieldView.region(of: box, mAtMost: limit), region != box else { continue }
            let rect = mapping.rect(region)
            ctx.strokeRect(rect, .gray(0.1), style: StrokeStyle(width: 1.6, dash: [5, 3]))
            let label = NumberText.format(Double(limit))
            let extents = style.smallFont.measure(label)
            guard Double(rect.width) > extents.width + 8, Double(rect.height) > 16 else { continue }
            ctx.drawLabel(
                label, at: CGPoint(x: Double(rect.minX) + 3, y: Double(rect.minY) + 3),
                style: LabelStyle(font: style.smallFont, textColor: .gray(0.05)), anchor: .topLeft)
        }
    }
}
