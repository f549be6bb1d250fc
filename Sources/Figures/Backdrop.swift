import Canvas
import Foundation

/// What a figure draws under its boxes.
///
/// Boxes alone are abstract; drawn over a picture of a person holding a racket, "the racket box
/// overlaps the person box" becomes obvious. A plain backdrop is the fallback for data sets
/// without pictures.
public enum Backdrop {
    /// A light canvas of the image's size with a faint 100-px grid, so sizes can be read off.
    case plain
    /// One of the package's procedural drawings, sharp at any scale and in SVG or PDF.
    case illustration(Illustration)
    /// A photograph or the illustration's PNG, stretched to the image size.
    case image(RasterImage)

    /// `.illustration` for a known illustration name, otherwise `.plain`.
    public static func named(_ name: String?) -> Backdrop {
        guard let name, let illustration = Illustration(fileName: name) else { return .plain }
        return .illustration(illustration)
    }

    /// Paints the backdrop for an image of `width × height` in image-pixel user space; `scale` is
    /// device pixels per image pixel, which keeps the plain grid's lines one pixel wide.
    func draw(in ctx: DrawingContext, imageWidth: Int, imageHeight: Int, scale: Double) {
        let size = CGSize(width: imageWidth, height: imageHeight)
        switch self {
        case .plain:
            ctx.fillRect(CGRect(origin: .zero, size: size), Color(hex: 0xF6F5F0))
            ctx.beginPath()
            for x in stride(from: 100, to: imageWidth, by: 100) {
                ctx.addLine(from: CGPoint(x: x, y: 0), to: CGPoint(x: x, y: imageHeight))
            }
            for y in stride(from: 100, to: imageHeight, by: 100) {
                ctx.addLine(from: CGPoint(x: 0, y: y), to: CGPoint(x: imageWidth, y: y))
            }
            ctx.stroke(.gray(0.84), style: .solid(1 / max(scale, 1e-6)))
        case .illustration(let illustration):
            illustration.draw(in: ctx, size: size)
        case .image(let image):
            ctx.draw(image, in: CGRect(origin: .zero, size: size))
        }
    }

    /// Paints the backdrop into `mapping.frame`, optionally under a white veil.
    func draw(
        in ctx: DrawingContext, mapping: ImageMapping, imageWidth: Int, imageHeight: Int, dimming: Double
    ) {
        mapping.inImageSpace(ctx) {
            ctx.paint(.white)
            draw(in: ctx, imageWidth: imageWidth, imageHeight: imageHeight, scale: mapping.scale)
        }
        if dimming > 0 {
            ctx.fillRect(mapping.frame, Color.white.withAlpha(dimming))
        }
    }
}
