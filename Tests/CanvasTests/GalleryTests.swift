import Canvas
import Foundation
import Testing

/// One figure using every drawing feature, so a person can judge crispness and legibility.
/// Set `CANVAS_GALLERY_DIR` to keep the PNG, SVG and PDF for viewing; otherwise they go to a
/// temporary directory and are only checked automatically.
@Suite struct GalleryTests {
    static let box = CGRect(x: 260, y: 90, width: 300, height: 220)
    static let location = CGPoint(x: 380, y: 200)

    static func draw(_ ctx: DrawingContext) {
        let ink = Color.gray(0.15)
        ctx.drawText(
            "FCOS regression targets", at: CGPoint(x: 450, y: 20), font: .bold(22), color: ink, anchor: .top)

        // Ground-truth box with a translucent fill, its centre-sampling region dashed.
        let gt = Palette.categorical(0)
        ctx.beginPath()
        ctx.addRect(box)
        ctx.fillAndStroke(fill: gt.withAlpha(0.12), stroke: gt, style: .solid(3))
        ctx.strokeRect(
            CGRect(x: box.midX - 60, y: box.midY - 60, width: 120, height: 120), gt, style: .dashed(1.5))
        ctx.drawLabel("person  0.92", at: CGPoint(x: box.minX - 1.5, y: box.minY - 1.5), style: .filled(gt))

        // l, t, r, b from a location to the sides.
        let arrow = Palette.categorical(1)
        let targets: [(String, CGPoint, TextAnchor)] = [
            ("l", CGPoint(x: box.minX, y: location.y), .bottom),
            ("t", CGPoint(x: location.x, y: box.minY), .left),
            ("r", CGPoint(x: box.maxX, y: location.y), .bottom),
            ("b", CGPoint(x: location.x, y: box.maxY), .left),
        ]
        for (name, end, anchor) in targets {
            ctx.drawArrow(from: location, to: end, arrow, style: ArrowStyle(width: 2))
            let mid = CGPoint(x: (location.x + end.x) / 2, y: (location.y + end.y) / 2)
            let offset = anchor == .left ? CGPoint(x: 6, y: 0) : CGPoint(x: 0, y: -4)
            ctx.drawText(
                name, at: CGPoint(x: mid.x + offset.x, y: mid.y + offset.y), font: .bold(16), color: arrow,
                anchor: anchor)
        }
        ctx.fillCircle(center: location, radius: 6, .black)
        ctx.strokeCircle(center: location, radius: 6, .white, style: .solid(1.5))

        // Axis-style rotated label and a right-aligned note.
        ctx.drawText(
            "image y (pixels)", at: CGPoint(x: 30, y: 200), font: .regular(14), color: ink, anchor: .center,
            rotation: -Double.pi / 2)
        ctx.drawText(
            "stride 8, P3", at: CGPoint(x: 880, y: 340), font: Font(size: 13, italic: true), color: ink,
            anchor: .baselineRight)

        // Palette strip with readable chip labels.
        for i in 0..<13 {
            let cell = CGRect(x: 60 + Double(i) * 60, y: 380, width: 56, height: 40)
            ctx.fillRect(cell, Palette.categorical(i))
            ctx.drawText(
                "\(i)", at: CGPoint(x: cell.midX, y: cell.midY), font: .bold(14),
                color: Palette.categorical(i).readableTextColor, anchor: .center)
        }
        // Viridis strip as a nearest-neighbour raster, like a centerness heat map.
        if let ramp = try? RasterImage(
            width: 16, height: 1, color: { x, _ in Palette.viridis(Double(x) / 15) })
        {
            ctx.draw(ramp, in: CGRect(x: 60, y: 440, width: 776, height: 40), filter: .nearest)
        }
        ctx.drawText(
            "centerness 0", at: CGPoint(x: 60, y: 500), font: .regular(13), color: ink, anchor: .topLeft)
        ctx.drawText("1", at: CGPoint(x: 836, y: 500), font: .regular(13), color: ink, anchor: .topRight)
        // A label pushed back inside the figure although asked to sit past its right edge.
        ctx.drawLabel(
            "edge label kept inside", at: CGPoint(x: 890, y: 560),
            style: LabelStyle(font: .regular(13), border: ink), anchor: .left, within: ctx.bounds)
    }

    @Test func galleryFigureRendersInEveryFormat() throws {
        let temporary = try TemporaryDirectory()
        let directory = ProcessInfo.processInfo.environment["CANVAS_GALLERY_DIR"] ?? temporary.url.path
        let figure = Figure(width: 900, height: 600)
        for format in FileFormat.allCases {
            let path = "\(directory)/canvas-gallery.\(format.fileExtension)"
            try figure.write(toPath: path, draw: Self.draw)
            #expect(try readBytes(path).count > 1000)
        }
        let image = try RasterImage(contentsOfPNG: "\(directory)/canvas-gallery.png")
        #expect(image.pixel(x: Int(Self.box.minX), y: 150).isClose(to: Palette.categorical(0)))
        #expect(image.pixel(x: 890, y: 590).isClose(to: .white))
        #expect(image.pixel(x: 70, y: 460).isClose(to: Palette.viridis(0)))
    }
}
