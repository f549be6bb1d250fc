import CCairo

/// Owns one reference to a Cairo surface, so every exit path (including thrown errors) releases it.
///
/// Not `Sendable`: Cairo objects may not be used from two threads at once.
final class Surface {
    let pointer: OpaquePointer

    /// Adopts the reference returned by a `cairo_*_surface_create*` call, which always returns an
    /// object (an inert "nil surface" on failure), and throws if Cairo could not create it.
    init(adopting pointer: OpaquePointer, _ operation: @autoclosure () -> String) throws {
        self.pointer = pointer
        try CanvasError.check(cairo_surface_status(pointer), operation())
    }

    deinit {
        cairo_surface_destroy(pointer)
    }

    var status: cairo_status_t { cairo_surface_status(pointer) }

    /// Completes all output (for SVG and PDF this writes the file trailer) and reports any error
    /// Cairo met while writing, such as a full disk.
    func finish(_ operation: @autoclosure () -> String) throws {
        cairo_surface_finish(pointer)
        try CanvasError.check(cairo_surface_status(pointer), operation())
    }

    /// An ARGB32 image surface of the given pixel size.
    static func image(width: Int, height: Int, _ operation: @autoclosure () -> String) throws -> Surface {
        try imageSurface(format: CAIRO_FORMAT_ARGB32, width: width, height: height, operation())
    }

    static func imageSurface(
        format: cairo_format_t, width: Int, height: Int, _ operation: @autoclosure () -> String
    ) throws -> Surface {
        guard let widthC = Int32(exactly: width), let heightC = Int32(exactly: height), width >= 0,
            height >= 0
        else {
            throw CanvasError.invalidArgument("image size \(width)×\(height) \(operation())")
        }
        return try Surface(adopting: cairo_image_surface_create(format, widthC, heightC)!, operation())
    }
}
