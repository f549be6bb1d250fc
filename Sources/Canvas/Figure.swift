import CCairo
import Foundation

/// A picture of a fixed size, drawn by one closure and written as PNG, SVG or PDF.
///
/// The same closure serves every format, so a figure's PNG (for the notebook) and PDF (for
/// handouts) cannot drift apart. Sizes are pixels for PNG and points for SVG/PDF, one user unit
/// each, so coordinates in the closure never depend on the format.
///
/// ```swift
/// try Figure(width: 900, height: 600).write(to: url) { ctx in
///     ctx.strokeRect(box, Palette.categorical(0), style: .solid(2))
/// }
/// ```
public struct Figure: Sendable {
    /// The width in pixels (PNG) or points (SVG, PDF).
    public var width: Int
    /// The height in pixels (PNG) or points (SVG, PDF).
    public var height: Int
    /// Painted before the closure runs; `nil` leaves the PNG transparent. White by default, since
    /// a transparent PNG turns text and black lines invisible in dark-mode viewers.
    public var background: Color?

    /// A figure of the given size; white background by default so it reads in dark-mode viewers.
    public init(width: Int, height: Int, background: Color? = .white) {
        self.width = width
        self.height = height
        self.background = background
    }

    /// The figure's size as a `CGSize`, for layout arithmetic.
    public var size: CGSize { CGSize(width: width, height: height) }

    /// Draws the figure and writes it atomically to `path` (see ``AtomicFile``), creating missing
    /// directories. The format comes from the file extension unless given.
    public func write(
        toPath path: String, format: FileFormat? = nil, draw: (DrawingContext) throws -> Void
    ) throws {
        guard let format = format ?? FileFormat(pathExtension: URL(fileURLWithPath: path).pathExtension)
        else {
            throw CanvasError.invalidArgument(
                "cannot tell the format of \(path); use a .png, .svg or .pdf extension or pass format:")
        }
        let operation = "while writing \(path)"
        try AtomicFile.write(to: path) { temporary in
            switch format {
            case .png:
                let image = try render(operation, draw: draw)
                try CanvasError.check(cairo_surface_write_to_png(image.surface.pointer, temporary), operation)
            case .svg:
                let surface = try Surface(
                    adopting: cairo_svg_surface_create(temporary, Double(width), Double(height))!, operation)
                configureSVG(surface)
                try drawVector(on: surface, operation, draw: draw)
            case .pdf:
                let surface = try Surface(
                    adopting: cairo_pdf_surface_create(temporary, Double(width), Double(height))!, operation)
                try drawVector(on: surface, operation, draw: draw)
            }
        }
    }

    /// Draws the figure and writes it atomically to `url`.
    public func write(to url: URL, format: FileFormat? = nil, draw: (DrawingContext) throws -> Void) throws {
        try write(toPath: url.path, format: format, draw: draw)
    }

    /// Draws the figure into memory, for tests that probe pixels and for embedding.
    public func render(draw: (DrawingContext) throws -> Void) throws -> RasterImage {
        try render("while rendering a \(width)×\(height) figure", draw: draw)
    }

    /// The encoded file contents without touching the disk, e.g. for a `data:` URI in HTML.
    public func encoded(as format: FileFormat, draw: (DrawingContext) throws -> Void) throws -> [UInt8] {
        let operation = "while encoding a \(width)×\(height) \(format.rawValue.uppercased()) figure"
        switch format {
        case .png:
            return try render(operation, draw: draw).pngData()
        case .svg, .pdf:
            return try ByteSink.collect(operation) { write, closure in
                let pointer: OpaquePointer =
                    format == .svg
                    ? cairo_svg_surface_create_for_stream(write, closure, Double(width), Double(height))
                    : cairo_pdf_surface_create_for_stream(write, closure, Double(width), Double(height))
                let surface = try Surface(adopting: pointer, operation)
                if format == .svg { configureSVG(surface) }
                try drawVector(on: surface, operation, draw: draw)
                return CAIRO_STATUS_SUCCESS
            }
        }
    }

    private func render(_ operation: String, draw: (DrawingContext) throws -> Void) throws -> RasterImage {
        let surface = try Surface.image(width: width, height: height, operation)
        try drawContents(on: surface, operation, draw)
        cairo_surface_flush(surface.pointer)
        return RasterImage(surface: surface)
    }

    private func drawVector(on surface: Surface, _ operation: String, draw: (DrawingContext) throws -> Void)
        throws
    {
        try drawContents(on: surface, operation, draw)
        try surface.finish(operation)
    }

    private func drawContents(
        on surface: Surface, _ operation: String, _ body: (DrawingContext) throws -> Void
    ) throws {
        let context = try DrawingContext(surface: surface, size: size, operation)
        if let background {
            context.paint(background)
        }
        try body(context)
        try context.checkStatus(operation)
    }

    /// Declares the SVG size in CSS pixels, so that an SVG shown in the notebook is exactly as large
    /// as the PNG of the same figure (in points it would come out a third larger).
    private func configureSVG(_ surface: Surface) {
        cairo_svg_surface_set_document_unit(surface.pointer, CAIRO_SVG_UNIT_PX)
    }
}
