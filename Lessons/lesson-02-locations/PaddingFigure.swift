import Canvas
import FCOS
import Figures
import Foundation

/// Where a location lies relative to the image and the padded input.
enum LocationPlace {
    /// Inside the image: a box can contain it.
    case image
    /// In the strip between the image and the padded size: the network sees zeros here.
    case padding
    /// Beyond even the padded size, which P6 and P7's `⌈previous / 2⌉` grids can reach.
    case beyond

    init(_ p: Point, imageWidth: Int, imageHeight: Int, paddedWidth: Int, paddedHeight: Int) {
        if p.x < Float(imageWidth) && p.y < Float(imageHeight) {
            self = .image
        } else if p.x < Float(paddedWidth) && p.y < Float(paddedHeight) {
            self = .padding
        } else {
            self = .beyond
        }
    }
}

/// The padded area: an overview of the whole padded input, then the bottom-right corner of
/// every level at one shared scale, with each location marked by where it lies. Drawn with
/// Canvas and Figures' `Illustration`, `ImageMapping` and `BoxColors`; Figures has no figure
/// that marks the padding.
struct PaddingFigure: FigureDrawable {
    var maps: [FeatureMap]
    var groundTruths: [GroundTruth]
    var imageWidth: Int
    var imageHeight: Int
    var paddedWidth: Int
    var paddedHeight: Int
    var illustration: Illustration?
    var title: String
    var subtitle: String
    var panelWidth = 340.0
    var columns = 2
    var style = FigureStyle.standard

    static let imageDot = Color.gray(0.2)
    static let paddingFill = Color(hex: 0xE69F00)
    static let beyondInk = BoxColors.warning
    static let paddingArea = Color(hex: 0xE69F00, alpha: 0.22)
    static let beyondArea = Color.gray(0.88)

    /// The corner every level panel shows, in image pixels: the last 150 px of the image and
    /// everything past it that holds a location.
    var zoom: CGRect {
        var maxX = Double(paddedWidth)
        var maxY = Double(paddedHeight)
        for map in maps where map.count > 0 {
            maxX = max(maxX, Double(map.x(column: map.width - 1)))
            maxY = max(maxY, Double(map.y(row: map.height - 1)))
        }
        let x0 = max(0, Double(imageWidth) - 150)
        let y0 = max(0, Double(imageHeight) - 110)
        return CGRect(x: x0, y: y0, width: maxX + 20 - x0, height: maxY + 20 - y0)
    }

    private var panelCount: Int { maps.count + 1 }
    private var rows: Int { (panelCount + columns - 1) / columns }
    private let panelTitleHeight = 22.0
    private var headerHeight: Double { 56 }
    private var panelHeight: Double {
        let z = zoom
        return (panelWidth * Double(z.height) / Double(z.width)).rounded()
    }
    /// The whole padded input, and the zoomed corner even where it reaches past it.
    private var overview: CGRect {
        let z = zoom
        return CGRect(
            x: 0, y: 0, width: max(Double(paddedWidth), Double(z.maxX)),
            height: max(Double(paddedHeight), Double(z.maxY)))
    }
    private var overviewHeight: Double {
        (panelWidth * Double(overview.height) / Double(max(overview.width, 1))).rounded()
    }
    private var cellHeight: Double { panelTitleHeight + max(panelHeight, overviewHeight) }
    private var gridWidth: Double { Double(columns) * panelWidth + Double(columns - 1) * style.gap }

    private var isPadded: Bool { paddedWidth > imageWidth || paddedHeight > imageHeight }

    var legend: GlyphLegend {
        var rows: [GlyphLegend.Row] = [
            .init(text: "location inside the image") { ctx, c in
                ctx.fillCircle(center: c, radius: 2.5, Self.imageDot)
            },
            .init(text: "location in the padded strip: seen by the network, no box can hold it") { ctx, c in
                Self.drawPaddingMarker(at: c, in: ctx)
            },
            .init(text: "beyond: on or past the padded edge, where rounding up leads") { ctx, c in
                Self.drawBeyondMarker(at: c, in: ctx)
            },
        ]
        if isPadded {
            rows.append(
                .init(text: "padding added to reach a multiple of 32") { ctx, c in
                    ctx.fillRect(CGRect(x: c.x - 11, y: c.y - 7, width: 22, height: 14), Self.paddingArea)
                })
            rows.append(
                .init(text: "image edge (solid) and padded edge (dashed)") { ctx, c in
                    ctx.strokeLine(
                        from: CGPoint(x: c.x - 11, y: c.y - 3), to: CGPoint(x: c.x + 11, y: c.y - 3),
                        .gray(0.1),
                        style: .solid(2))
                    ctx.strokeLine(
                        from: CGPoint(x: c.x - 11, y: c.y + 4), to: CGPoint(x: c.x + 11, y: c.y + 4),
                        Self.paddingFill.darkened(by: 0.3), style: StrokeStyle(width: 2, dash: [4, 3]))
                })
        } else {
            rows.remove(at: 1)
            rows.append(
                .init(text: "image edge; no padding, so it is also the input's edge") { ctx, c in
                    ctx.strokeLine(
                        from: CGPoint(x: c.x - 11, y: c.y), to: CGPoint(x: c.x + 11, y: c.y), .gray(0.1),
                        style: .solid(2))
                })
        }
        return GlyphLegend(rows: rows, columns: 1, style: style)
    }

    var size: CGSize {
        let height =
            style.margin + headerHeight + Double(rows) * cellHeight + Double(rows - 1) * style.gap + style.gap
            + legend.height + style.margin
        let width = max(gridWidth, legend.width)
        return CGSize(width: (2 * style.margin + width).rounded(.up), height: height.rounded(.up))
    }

    static func drawPaddingMarker(at c: CGPoint, in ctx: DrawingContext) {
        ctx.beginPath()
        ctx.addCircle(center: c, radius: 4.5)
        ctx.fillAndStroke(fill: paddingFill, stroke: paddingFill.darkened(by: 0.45), style: .solid(1.2))
    }

    static func drawBeyondMarker(at c: CGPoint, in ctx: DrawingContext) {
        let r = 4.5
        ctx.beginPath()
        ctx.addLine(from: CGPoint(x: c.x - r, y: c.y - r), to: CGPoint(x: c.x + r, y: c.y + r))
        ctx.addLine(from: CGPoint(x: c.x - r, y: c.y + r), to: CGPoint(x: c.x + r, y: c.y - r))
        ctx.stroke(beyondInk, style: .solid(2.2))
    }

    func draw(in ctx: DrawingContext) {
        ctx.drawText(
            title, at: CGPoint(x: style.margin, y: style.margin), font: style.titleFont, color: style.ink,
            anchor: .topLeft)
        ctx.drawText(
            subtitle, at: CGPoint(x: style.margin, y: style.margin + 28), font: style.subtitleFont,
            color: style.mutedInk, anchor: .topLeft)
        for panel in 0..<panelCount {
            let x = style.margin + Double(panel % columns) * (panelWidth + style.gap)
            let y = style.margin + headerHeight + Double(panel / columns) * (cellHeight + style.gap)
            if panel == 0 {
                ctx.drawText(
                    isPadded
                        ? "whole input, padded to \(paddedWidth) × \(paddedHeight)"
                        : "whole input, not padded", at: CGPoint(x: x, y: y + panelTitleHeight - 5),
                    font: style.panelTitleFont, color: style.ink, anchor: .bottomLeft)
                let viewport = overview
                let frame = CGRect(x: x, y: y + panelTitleHeight, width: panelWidth, height: overviewHeight)
                let mapping = ImageMapping(viewport: viewport, frame: frame)
                drawBackground(mapping: mapping, ctx: ctx)
                drawBoxes(mapping: mapping, ctx: ctx)
                drawEdges(mapping: mapping, ctx: ctx)
                ctx.withClip(to: frame.insetBy(dx: -1, dy: -1)) {
                    ctx.strokeRect(
                        mapping.rect(zoom.box), .gray(0.1), style: StrokeStyle(width: 1.5, dash: [3, 2]))
                }
                ctx.drawLabel(
                    "zoomed in the other panels",
                    at: mapping.point(x: Double(zoom.minX), y: Double(zoom.minY)),
                    style: LabelStyle(font: style.smallFont, background: Color.white.withAlpha(0.85)),
                    anchor: .bottomRight, within: frame)
                ctx.strokeRect(frame.insetBy(dx: -0.5, dy: -0.5), .gray(0.6), style: .solid(1))
                continue
            }
            let map = maps[panel - 1]
            let places = (0..<map.count).map {
                LocationPlace(
                    map.location(at: $0), imageWidth: imageWidth, imageHeight: imageHeight,
                    paddedWidth: paddedWidth,
                    paddedHeight: paddedHeight)
            }
            let inPadding = places.filter { $0 == .padding }.count
            let beyond = places.filter { $0 == .beyond }.count
            var heading = map.level.name + (isPadded ? " · \(inPadding) in padding" : "")
            if beyond > 0 { heading += " · \(beyond) beyond" }
            ctx.drawText(
                heading, at: CGPoint(x: x, y: y + panelTitleHeight - 5), font: style.panelTitleFont,
                color: style.ink,
                anchor: .bottomLeft)
            let frame = CGRect(x: x, y: y + panelTitleHeight, width: panelWidth, height: panelHeight)
            let mapping = ImageMapping(viewport: zoom, frame: frame)
            ctx.withClip(to: frame) {
                drawBackground(mapping: mapping, ctx: ctx)
                drawBoxes(mapping: mapping, ctx: ctx)
                drawEdges(mapping: mapping, ctx: ctx)
                for index in 0..<map.count {
                    let p = map.location(at: index)
                    guard mapping.shows(p, margin: 10) else { continue }
                    let c = mapping.point(p)
                    switch places[index] {
                    case .image: ctx.fillCircle(center: c, radius: 2.5, Self.imageDot)
                    case .padding: Self.drawPaddingMarker(at: c, in: ctx)
                    case .beyond: Self.drawBeyondMarker(at: c, in: ctx)
                    }
                }
            }
            ctx.strokeRect(frame.insetBy(dx: -0.5, dy: -0.5), .gray(0.6), style: .solid(1))
        }
        let legendTop = style.margin + headerHeight + Double(rows) * cellHeight + Double(rows - 1) * style.gap
        legend.draw(in: ctx, at: CGPoint(x: style.margin, y: legendTop + style.gap))
    }

    private func drawBackground(mapping: ImageMapping, ctx: DrawingContext) {
        ctx.withClip(to: mapping.frame) {
            ctx.fillRect(mapping.frame, Self.beyondArea)
            let padded = mapping.rect(Box(x0: 0, y0: 0, x1: Float(paddedWidth), y1: Float(paddedHeight)))
            ctx.fillRect(padded, .white)
            ctx.fillRect(padded, Self.paddingArea)
            let image = mapping.rect(Box(x0: 0, y0: 0, x1: Float(imageWidth), y1: Float(imageHeight)))
            ctx.fillRect(image, .white)
            if let illustration {
                ctx.withSavedState {
                    ctx.clip(to: image)
                    ctx.translate(x: Double(image.minX), y: Double(image.minY))
                    ctx.scale(mapping.scale)
                    illustration.draw(in: ctx, size: CGSize(width: imageWidth, height: imageHeight))
                }
                ctx.fillRect(image, Color.white.withAlpha(style.backdropDimming))
            } else {
                ctx.fillRect(image, Color(hex: 0xF6F5F0))
            }
        }
    }

    private func drawBoxes(mapping: ImageMapping, ctx: DrawingContext) {
        ctx.withClip(to: mapping.frame) {
            for (index, gt) in groundTruths.enumerated() {
                ctx.strokeRect(mapping.rect(gt.box), BoxColors.color(forBox: index), style: .solid(2))
            }
        }
    }

    private func drawEdges(mapping: ImageMapping, ctx: DrawingContext) {
        ctx.withClip(to: mapping.frame) {
            let padded = mapping.rect(Box(x0: 0, y0: 0, x1: Float(paddedWidth), y1: Float(paddedHeight)))
            ctx.strokeRect(
                padded, Self.paddingFill.darkened(by: 0.3), style: StrokeStyle(width: 2, dash: [5, 4]))
            let image = mapping.rect(Box(x0: 0, y0: 0, x1: Float(imageWidth), y1: Float(imageHeight)))
            ctx.strokeRect(image, .gray(0.1), style: .solid(2))
        }
    }
}

extension CGRect {
    /// The rectangle as an FCOS box.
    var box: Box { Box(x0: Float(minX), y0: Float(minY), x1: Float(maxX), y1: Float(maxY)) }
}
