import CCairo
import Foundation

/// The even-odd or nonzero rule for deciding which parts of a self-intersecting or nested path
/// are inside.
public enum FillRule: Sendable, Hashable {
    /// Nonzero winding: everything enclosed is filled.
    case winding
    /// Even-odd: a path inside another cuts a hole, e.g. a ring made of two circles.
    case evenOdd

    var cairoValue: cairo_fill_rule_t {
        switch self {
        case .winding: return CAIRO_FILL_RULE_WINDING
        case .evenOdd: return CAIRO_FILL_RULE_EVEN_ODD
        }
    }
}

/// How images are resampled when drawn larger or smaller than their pixel size.
public enum ImageFilter: Sendable, Hashable {
    /// Bilinear smoothing, right for photographs.
    case smooth
    /// Nearest neighbour: each source pixel becomes a sharp-edged block, which is what a feature map
    /// or score grid should look like, since each cell is one discrete location.
    case nearest

    var cairoValue: cairo_filter_t {
        switch self {
        case .smooth: return CAIRO_FILTER_GOOD
        case .nearest: return CAIRO_FILTER_NEAREST
        }
    }
}

/// Draws on one figure. Coordinates are in pixels for PNG and points for SVG/PDF, with the origin
/// at the top-left and y pointing down, matching image and bounding-box coordinates.
///
/// Obtain one from ``Figure``; it is only valid inside the drawing closure. Painting calls take
/// their colour and stroke style as arguments instead of relying on hidden "current colour" state,
/// so a drawing function cannot accidentally inherit the style of whatever was drawn before it.
/// Transforms and clips are state: scope them with ``withSavedState(_:)``.
///
/// Not `Sendable`: a Cairo context belongs to one thread.
public final class DrawingContext {
    let cr: OpaquePointer
    /// Keeps the target alive for as long as the context, independent of Cairo's own reference.
    private let surface: Surface

    /// The figure size in user units, before any transform.
    public let size: CGSize

    init(surface: Surface, size: CGSize, _ operation: @autoclosure () -> String) throws {
        let cr: OpaquePointer = cairo_create(surface.pointer)
        let status = cairo_status(cr)
        if status != CAIRO_STATUS_SUCCESS {
            cairo_destroy(cr)
            try CanvasError.check(status, operation())
        }
        self.cr = cr
        self.surface = surface
        self.size = size
        configureText()
    }

    deinit {
        cairo_destroy(cr)
    }

    /// The whole figure, `(0, 0, width, height)`, in untransformed user units.
    public var bounds: CGRect { CGRect(origin: .zero, size: size) }

    /// Throws if any drawing call so far put the context into an error state (Cairo ignores calls
    /// after the first error, so one check at the end catches everything).
    public func checkStatus(_ operation: @autoclosure () -> String = "while drawing") throws {
        try CanvasError.check(cairo_status(cr), operation())
    }

    /// Text metrics must not depend on the output format: with metric hinting on, a label measured
    /// for the PNG would be a fraction of a pixel wider than the same label in the PDF, and
    /// layouts (chips, right-aligned columns) would shift between formats.
    private func configureText() {
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_set_font_options(cr, options)
        cairo_font_options_destroy(options)
    }

    // MARK: State

    /// Pushes the drawing state (transform, clip, line settings), to be undone by ``restore()``.
    public func save() {
        cairo_save(cr)
    }

    /// Pops the state pushed by the matching ``save()``.
    public func restore() {
        cairo_restore(cr)
    }

    /// Runs `body` and then undoes its transforms, clips and other state changes, even if it throws.
    @discardableResult
    public func withSavedState<Result>(_ body: () throws -> Result) rethrows -> Result {
        cairo_save(cr)
        defer { cairo_restore(cr) }
        return try body()
    }

    /// Turns antialiasing off for pixel-aligned shapes such as grid cells, where blending the edges
    /// would blur neighbouring cells into one another, or back on (the default).
    public func setAntialiasing(_ enabled: Bool) {
        cairo_set_antialias(cr, enabled ? CAIRO_ANTIALIAS_DEFAULT : CAIRO_ANTIALIAS_NONE)
    }

    // MARK: Transforms

    /// Moves the origin, e.g. to draw a panel in its own coordinates.
    public func translate(x: Double, y: Double) {
        cairo_translate(cr, x, y)
    }

    /// Scales each axis, e.g. from image pixels to figure pixels.
    public func scale(x: Double, y: Double) {
        cairo_scale(cr, x, y)
    }

    /// Scales both axes by the same factor, keeping shapes.
    public func scale(_ factor: Double) {
        cairo_scale(cr, factor, factor)
    }

    /// Rotates the axes; positive angles turn clockwise on screen because y points down.
    public func rotate(radians: Double) {
        cairo_rotate(cr, radians)
    }

    /// Maps a point from the current user space to figure pixels (device space).
    public func convertToDevice(_ point: CGPoint) -> CGPoint {
        var x = Double(point.x)
        var y = Double(point.y)
        cairo_user_to_device(cr, &x, &y)
        return CGPoint(x: x, y: y)
    }

    // MARK: Clipping

    /// Restricts further drawing to `rect` (intersected with any existing clip). Clears the path.
    public func clip(to rect: CGRect) {
        cairo_new_path(cr)
        addRect(rect)
        cairo_clip(cr)
    }

    /// Restricts further drawing to the inside of the current path, then clears the path.
    public func clipToPath(rule: FillRule = .winding) {
        cairo_set_fill_rule(cr, rule.cairoValue)
        cairo_clip(cr)
    }

    /// Draws `body` clipped to `rect`; the clip ends when `body` returns.
    @discardableResult
    public func withClip<Result>(to rect: CGRect, _ body: () throws -> Result) rethrows -> Result {
        try withSavedState {
            clip(to: rect)
            return try body()
        }
    }

    // MARK: Painting

    /// Fills the whole clip region, e.g. a background.
    public func paint(_ color: Color) {
        setSource(color)
        cairo_paint(cr)
    }

    /// Fills the current path and clears it.
    public func fill(_ color: Color, rule: FillRule = .winding) {
        setSource(color)
        cairo_set_fill_rule(cr, rule.cairoValue)
        cairo_fill(cr)
    }

    /// Strokes the current path and clears it.
    public func stroke(_ color: Color, style: StrokeStyle = StrokeStyle()) {
        setSource(color)
        apply(style)
        cairo_stroke(cr)
    }

    /// Fills, then strokes the same path (the outline drawn on top), then clears it.
    public func fillAndStroke(
        fill fillColor: Color, stroke strokeColor: Color, style: StrokeStyle = StrokeStyle(),
        rule: FillRule = .winding
    ) {
        setSource(fillColor)
        cairo_set_fill_rule(cr, rule.cairoValue)
        cairo_fill_preserve(cr)
        stroke(strokeColor, style: style)
    }

    func setSource(_ color: Color) {
        cairo_set_source_rgba(cr, color.red, color.green, color.blue, color.alpha)
    }

    func apply(_ style: StrokeStyle) {
        cairo_set_line_width(cr, style.width)
        cairo_set_line_cap(cr, style.cap.cairoValue)
        cairo_set_line_join(cr, style.join.cairoValue)
        style.dash.withUnsafeBufferPointer { dashes in
            cairo_set_dash(cr, dashes.baseAddress, Int32(dashes.count), style.dashOffset)
        }
    }

    // MARK: Images

    /// Draws `image` scaled to fill `rect` exactly (callers who want to keep the aspect ratio pass
    /// a rect of the right shape).
    public func draw(
        _ image: RasterImage, in rect: CGRect, filter: ImageFilter = .smooth, opacity: Double = 1
    ) {
        guard image.width > 0, image.height > 0, rect.width > 0, rect.height > 0 else { return }
        let source = filter == .nearest && targetIsSVG ? image.blockUpscaled(toCover: rect.size) : image
        withSavedState {
            cairo_translate(cr, Double(rect.minX), Double(rect.minY))
            cairo_scale(
                cr, Double(rect.width) / Double(source.width), Double(rect.height) / Double(source.height))
            cairo_set_source_surface(cr, source.surface.pointer, 0, 0)
            let pattern = cairo_get_source(cr)
            cairo_pattern_set_filter(pattern, filter.cairoValue)
            // Without PAD, smoothing blends the border pixels with transparency and the image
            // gets a soft, see-through frame.
            cairo_pattern_set_extend(pattern, CAIRO_EXTEND_PAD)
            cairo_rectangle(cr, 0, 0, Double(source.width), Double(source.height))
            cairo_clip(cr)
            cairo_paint_with_alpha(cr, opacity)
        }
    }

    /// Cairo's SVG output drops the filter, and browsers smooth every embedded image, which would
    /// blur a 20×15 score grid into a gradient. PNG and PDF (`/Interpolate false`) keep it.
    private var targetIsSVG: Bool {
        cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_SVG
    }
}
