import Canvas
import Foundation

/// A configured figure that knows its own size and can draw itself; writing and rendering come
/// with it, so every figure kind can go to PNG, SVG, PDF or memory the same way.
public protocol FigureDrawable {
    /// The figure's size in pixels (points in SVG and PDF).
    var size: CGSize { get }
    /// Draws the whole figure with its top-left corner at the origin of `ctx`.
    func draw(in ctx: DrawingContext)
}

extension FigureDrawable {
    /// A Canvas figure of this size, white behind.
    public var figure: Figure {
        Figure(width: Int(size.width.rounded(.up)), height: Int(size.height.rounded(.up)))
    }

    /// Writes the figure; the format comes from the extension unless given.
    public func write(toPath path: String, format: FileFormat? = nil) throws {
        try figure.write(toPath: path, format: format) { draw(in: $0) }
    }

    /// Draws the figure into memory, e.g. for tests that probe pixels.
    public func render() throws -> RasterImage {
        try figure.render { draw(in: $0) }
    }

    /// The encoded file, e.g. for a `data:` URI.
    public func encoded(as format: FileFormat) throws -> [UInt8] {
        try figure.encoded(as: format) { draw(in: $0) }
    }
}
