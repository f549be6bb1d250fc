import CCairo
import Foundation

/// A bitmap in memory: a photograph to draw into a figure, a heat map built from numbers, or a
/// rendered figure whose pixels a test inspects.
///
/// Backed by a Cairo image surface in ARGB32 (or RGB24 when there is no alpha), the formats Cairo
/// composites fastest and the only ones ``pixel(x:y:)`` needs to understand.
///
/// Not `Sendable`: it wraps a mutable Cairo surface.
public final class RasterImage {
    let surface: Surface
    /// The width in pixels.
    public let width: Int
    /// The height in pixels.
    public let height: Int

    init(surface: Surface) {
        self.surface = surface
        self.width = Int(cairo_image_surface_get_width(surface.pointer))
        self.height = Int(cairo_image_surface_get_height(surface.pointer))
    }

    /// A fully transparent image, or one filled with `color`.
    public convenience init(width: Int, height: Int, fill color: Color = .clear) throws {
        let surface = try Surface.image(
            width: width, height: height, "while creating a \(width)×\(height) image")
        if color != .clear {
            let cr: OpaquePointer = cairo_create(surface.pointer)
            cairo_set_source_rgba(cr, color.red, color.green, color.blue, color.alpha)
            cairo_paint(cr)
            cairo_destroy(cr)
        }
        self.init(surface: surface)
    }

    /// Loads a PNG file. Missing, unreadable and corrupt files throw (Cairo reports them as "file
    /// not found", "error while reading from input stream" and so on).
    public convenience init(contentsOfPNG path: String) throws {
        let operation = "while loading PNG \(path)"
        let loaded = try Surface(adopting: cairo_image_surface_create_from_png(path)!, operation)
        try self.init(surface: RasterImage.normalized(loaded, operation))
    }

    /// Loads a PNG file given as a URL; errors name the file.
    public convenience init(contentsOfPNG url: URL) throws {
        try self.init(contentsOfPNG: url.path)
    }

    /// Copies tightly packed 8-bit RGB triples (row-major, top row first, `width * height * 3`
    /// bytes), as a JPEG decoder produces them.
    public convenience init(width: Int, height: Int, rgb: [UInt8]) throws {
        try RasterImage.checkBuffer(rgb.count, width: width, height: height, channels: 3)
        let surface = try Surface.imageSurface(
            format: CAIRO_FORMAT_RGB24, width: width, height: height,
            "while creating a \(width)×\(height) RGB image")
        RasterImage.fill(surface, width: width, height: height) { index in
            // RGB24 is a native-endian 32-bit word per pixel with the top byte unused.
            let i = index * 3
            return 0xFF00_0000 | UInt32(rgb[i]) << 16 | UInt32(rgb[i + 1]) << 8 | UInt32(rgb[i + 2])
        }
        self.init(surface: surface)
    }

    /// Copies tightly packed 8-bit straight-alpha RGBA quadruples (`width * height * 4` bytes).
    public convenience init(width: Int, height: Int, rgba: [UInt8]) throws {
        try RasterImage.checkBuffer(rgba.count, width: width, height: height, channels: 4)
        let surface = try Surface.image(
            width: width, height: height, "while creating a \(width)×\(height) RGBA image")
        RasterImage.fill(surface, width: width, height: height) { index in
            let i = index * 4
            return RasterImage.premultipliedWord(r: rgba[i], g: rgba[i + 1], b: rgba[i + 2], a: rgba[i + 3])
        }
        self.init(surface: surface)
    }

    /// An image whose pixel `(x, y)` has colour `color(x, y)` — e.g. a feature map's scores through
    /// ``Palette/viridis(_:)``, to be drawn scaled up with ``ImageFilter/nearest``.
    public convenience init(width: Int, height: Int, color: (_ x: Int, _ y: Int) -> Color) throws {
        let surface = try Surface.image(
            width: width, height: height, "while creating a \(width)×\(height) image")
        RasterImage.fill(surface, width: width, height: height) { index in
            let b = color(index % width, index / width).bytes
            return RasterImage.premultipliedWord(r: b.red, g: b.green, b: b.blue, a: b.alpha)
        }
        self.init(surface: surface)
    }

    // MARK: Reading pixels

    /// The pixel at column `x`, row `y` (0-based, from the top-left). Out-of-range coordinates are
    /// a programming error, like an array index.
    public func pixel(x: Int, y: Int) -> Pixel {
        precondition(
            x >= 0 && x < width && y >= 0 && y < height, "pixel (\(x), \(y)) outside \(width)×\(height)")
        cairo_surface_flush(surface.pointer)
        let stride = Int(cairo_image_surface_get_stride(surface.pointer))
        let data = UnsafeRawPointer(cairo_image_surface_get_data(surface.pointer)!)
        let word = data.load(fromByteOffset: y * stride + x * 4, as: UInt32.self)
        let hasAlpha = cairo_image_surface_get_format(surface.pointer) == CAIRO_FORMAT_ARGB32
        return RasterImage.unpremultiplied(word, hasAlpha: hasAlpha)
    }

    /// The pixel containing point `point` (for instance a feature-map location's image position).
    public func pixel(at point: CGPoint) -> Pixel {
        pixel(x: Int(Double(point.x).rounded(.down)), y: Int(Double(point.y).rounded(.down)))
    }

    /// All pixels as straight-alpha RGBA bytes, row-major from the top-left.
    public func rgbaBytes() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(width * height * 4)
        for y in 0..<height {
            for x in 0..<width {
                let p = pixel(x: x, y: y)
                bytes.append(contentsOf: [p.red, p.green, p.blue, p.alpha])
            }
        }
        return bytes
    }

    // MARK: Writing

    /// Writes the image as a PNG, atomically (see ``AtomicFile``).
    public func writePNG(to path: String) throws {
        try AtomicFile.write(to: path) { temporary in
            cairo_surface_flush(surface.pointer)
            try CanvasError.check(
                cairo_surface_write_to_png(surface.pointer, temporary), "while writing \(path)")
        }
    }

    /// Writes the image as a PNG to a URL, atomically.
    public func writePNG(to url: URL) throws {
        try writePNG(to: url.path)
    }

    /// The PNG encoding of the image, e.g. for a `data:` URI in generated HTML.
    public func pngData() throws -> [UInt8] {
        cairo_surface_flush(surface.pointer)
        return try ByteSink.collect("while encoding a PNG") { write, closure in
            cairo_surface_write_to_png_stream(surface.pointer, write, closure)
        }
    }

    /// A copy in which each pixel is repeated into a k×l block, large enough that drawing it over
    /// `size` user units needs no further enlargement (capped at 4096 pixels a side). A viewer that
    /// insists on smoothing then only softens the outermost pixel of each block, and the cells stay
    /// sharp. Returns `self` if no enlargement is needed or possible.
    func blockUpscaled(toCover size: CGSize) -> RasterImage {
        let limit = 4096
        guard size.width.isFinite, size.height.isFinite else { return self }
        func factor(_ extent: Double, _ pixels: Int) -> Int {
            max(1, Int(min((extent / Double(pixels)).rounded(.up), Double(limit / pixels))))
        }
        let kx = factor(Double(size.width), width)
        let ky = factor(Double(size.height), height)
        guard kx > 1 || ky > 1,
            let upscaled = try? Surface.image(
                width: width * kx, height: height * ky, "while enlarging an image")
        else { return self }
        let cr: OpaquePointer = cairo_create(upscaled.pointer)
        cairo_scale(cr, Double(kx), Double(ky))
        cairo_set_source_surface(cr, surface.pointer, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST)
        cairo_paint(cr)
        let status = cairo_status(cr)
        cairo_destroy(cr)
        cairo_surface_flush(upscaled.pointer)
        return status == CAIRO_STATUS_SUCCESS ? RasterImage(surface: upscaled) : self
    }

    // MARK: Helpers

    private static func checkBuffer(_ count: Int, width: Int, height: Int, channels: Int) throws {
        guard width > 0, height > 0, width <= 32767, height <= 32767 else {
            throw CanvasError.invalidArgument("image size \(width)×\(height) is outside 1...32767")
        }
        guard count == width * height * channels else {
            throw CanvasError.invalidArgument(
                "a \(width)×\(height) image needs \(width * height * channels) bytes, got \(count)")
        }
    }

    /// Writes `word(i)` for pixel `i = y * width + x`, honouring the surface's row stride (rows
    /// may be padded, see `cairo_format_stride_for_width`).
    private static func fill(_ surface: Surface, width: Int, height: Int, word: (Int) -> UInt32) {
        cairo_surface_flush(surface.pointer)
        let stride = Int(cairo_image_surface_get_stride(surface.pointer))
        let data = UnsafeMutableRawPointer(cairo_image_surface_get_data(surface.pointer)!)
        for y in 0..<height {
            let row = data + y * stride
            for x in 0..<width {
                row.storeBytes(of: word(y * width + x), toByteOffset: x * 4, as: UInt32.self)
            }
        }
        cairo_surface_mark_dirty(surface.pointer)
    }

    static func premultipliedWord(r: UInt8, g: UInt8, b: UInt8, a: UInt8) -> UInt32 {
        func scale(_ c: UInt8) -> UInt32 { (UInt32(c) * UInt32(a) + 127) / 255 }
        return UInt32(a) << 24 | scale(r) << 16 | scale(g) << 8 | scale(b)
    }

    static func unpremultiplied(_ word: UInt32, hasAlpha: Bool) -> Pixel {
        let a = hasAlpha ? UInt8(word >> 24) : 255
        func channel(_ shift: UInt32) -> UInt8 {
            let c = (word >> shift) & 0xFF
            guard a != 255 else { return UInt8(c) }
            guard a != 0 else { return 0 }
            return UInt8(min(255, (c * 255 + UInt32(a) / 2) / UInt32(a)))
        }
        return Pixel(red: channel(16), green: channel(8), blue: channel(0), alpha: a)
    }

    /// Newer Cairo versions load 16-bit PNGs into floating-point formats; copy those into ARGB32
    /// so the rest of this type only deals with 32-bit words.
    private static func normalized(_ surface: Surface, _ operation: String) throws -> Surface {
        let format = cairo_image_surface_get_format(surface.pointer)
        guard format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24 else { return surface }
        let width = Int(cairo_image_surface_get_width(surface.pointer))
        let height = Int(cairo_image_surface_get_height(surface.pointer))
        let converted = try Surface.image(width: width, height: height, operation)
        let cr: OpaquePointer = cairo_create(converted.pointer)
        cairo_set_source_surface(cr, surface.pointer, 0, 0)
        cairo_paint(cr)
        let status = cairo_status(cr)
        cairo_destroy(cr)
        try CanvasError.check(status, operation)
        return converted
    }
}

/// Collects the bytes Cairo's `*_stream` functions emit through their C callback.
final class ByteSink {
    var bytes: [UInt8] = []

    /// Calls `body` with a C write function and the closure pointer to pass alongside it, and
    /// returns everything written. `body` returns the status of the Cairo call it made.
    static func collect(
        _ operation: @autoclosure () -> String,
        _ body: (cairo_write_func_t, UnsafeMutableRawPointer) throws -> cairo_status_t
    ) throws -> [UInt8] {
        let sink = ByteSink()
        let status = try withExtendedLifetime(sink) {
            try body(
                { closure, data, length in
                    guard let closure else { return CAIRO_STATUS_WRITE_ERROR }
                    let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
                    if let data, length > 0 {
                        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                    }
                    return CAIRO_STATUS_SUCCESS
                }, Unmanaged.passUnretained(sink).toOpaque())
        }
        try CanvasError.check(status, operation())
        return sink.bytes
    }
}
