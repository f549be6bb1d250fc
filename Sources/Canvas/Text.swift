import CCairo
import Foundation

/// A font request for Cairo's "toy" text API.
///
/// The toy API (`cairo_select_font_face` + `cairo_show_text`) does no shaping, bidi or line
/// breaking, but figure labels are short Latin strings ("l = 42", "P4, stride 16"), and it needs no
/// Pango/HarfBuzz dependency. DejaVu Sans is the default because it is on virtually every Linux
/// system and covers the Greek and maths symbols we need; if it is missing, fontconfig substitutes
/// its default sans-serif font instead of failing.
public struct Font: Hashable, Sendable {
    /// The stroke weight of a font.
    public enum Weight: Sendable, Hashable {
        /// Normal weight, for body text and labels.
        case regular
        /// Bold weight, for titles and emphasis.
        case bold
    }

    /// The fontconfig family name, e.g. `"DejaVu Sans"`.
    public var family: String
    /// Size in user units (the em height), i.e. pixels in a PNG.
    public var size: Double
    /// Regular or bold.
    public var weight: Weight
    /// Whether the slanted style is used.
    public var italic: Bool

    /// A font from its family, size, weight and slant.
    public init(
        size: Double = 12, weight: Weight = .regular, italic: Bool = false, family: String = "DejaVu Sans"
    ) {
        self.family = family
        self.size = size
        self.weight = weight
        self.italic = italic
    }

    /// The default family at `size`, regular weight.
    public static func regular(_ size: Double) -> Font { Font(size: size) }
    /// The default family at `size`, bold.
    public static func bold(_ size: Double) -> Font { Font(size: size, weight: .bold) }

    /// This font in bold.
    public var bold: Font {
        var copy = self
        copy.weight = .bold
        return copy
    }

    /// This font at another size.
    public func sized(_ size: Double) -> Font {
        var copy = self
        copy.size = size
        return copy
    }

    /// Measures `text` without a figure, for layout decided before drawing (column widths, margins).
    /// Gives the same numbers as ``DrawingContext/measure(_:font:)`` in an untransformed context.
    public func measure(_ text: String) -> TextExtents {
        let surface: OpaquePointer = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1)
        let cr: OpaquePointer = cairo_create(surface)
        defer {
            cairo_destroy(cr)
            cairo_surface_destroy(surface)
        }
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_set_font_options(cr, options)
        cairo_font_options_destroy(options)
        return TextExtents(measuring: text, font: self, in: cr)
    }

    func select(in cr: OpaquePointer) {
        cairo_select_font_face(
            cr, family, italic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
            weight == .bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, size)
    }
}

/// The size of a single line of text, relative to its baseline origin.
///
/// `ascent` and `descent` are the font's, not the string's: "ace" and "Ålg" get the same line
/// height, so label chips in a row line up and do not jump in size with their letters.
public struct TextExtents: Equatable, Sendable {
    /// Horizontal advance, i.e. where the next character would start.
    public var width: Double
    /// Distance from the baseline up to the top of the line (positive).
    public var ascent: Double
    /// Distance from the baseline down to the bottom of the line (positive).
    public var descent: Double
    /// The box actually covered by ink, with the origin at the baseline start (y up is negative).
    public var inkBounds: CGRect

    /// Line height: `ascent + descent`.
    public var height: Double { ascent + descent }

    init(measuring text: String, font: Font, in cr: OpaquePointer) {
        cairo_save(cr)
        font.select(in: cr)
        var textExtents = cairo_text_extents_t()
        var fontExtents = cairo_font_extents_t()
        cairo_text_extents(cr, text, &textExtents)
        cairo_font_extents(cr, &fontExtents)
        cairo_restore(cr)
        width = textExtents.x_advance
        ascent = fontExtents.ascent
        descent = fontExtents.descent
        inkBounds = CGRect(
            x: textExtents.x_bearing, y: textExtents.y_bearing, width: textExtents.width,
            height: textExtents.height)
    }
}

/// Which point of a line of text lands on the position passed to ``DrawingContext/drawText(_:at:font:color:anchor:rotation:)``.
public struct TextAnchor: Hashable, Sendable {
    /// Where the anchor point sits along the line of text.
    public enum Horizontal: Sendable, Hashable {
        /// The anchor is the text's left end.
        case left
        /// The anchor is the text's horizontal centre.
        case center
        /// The anchor is the text's right end.
        case right
    }

    /// Where the anchor point sits across the line of text.
    public enum Vertical: Sendable, Hashable {
        /// The top of the line (font ascent).
        case top
        /// Halfway between the line's top and bottom, which visually centres capitals and digits.
        case middle
        /// The baseline, where letters without descenders sit.
        case baseline
        /// The bottom of the line (font descent).
        case bottom
    }

    /// Where the anchor sits along the text.
    public var horizontal: Horizontal
    /// Where the anchor sits across the text.
    public var vertical: Vertical

    /// An anchor from its horizontal and vertical parts.
    public init(_ horizontal: Horizontal, _ vertical: Vertical) {
        self.horizontal = horizontal
        self.vertical = vertical
    }

    /// The text hangs below and to the right of the point.
    public static let topLeft = TextAnchor(.left, .top)
    /// The text hangs below the point, centred.
    public static let top = TextAnchor(.center, .top)
    /// The text hangs below and to the left of the point.
    public static let topRight = TextAnchor(.right, .top)
    /// The text starts at the point, centred vertically.
    public static let left = TextAnchor(.left, .middle)
    /// The text is centred on the point both ways.
    public static let center = TextAnchor(.center, .middle)
    /// The text ends at the point, centred vertically.
    public static let right = TextAnchor(.right, .middle)
    /// The text sits above and to the right of the point.
    public static let bottomLeft = TextAnchor(.left, .bottom)
    /// The text sits above the point, centred.
    public static let bottom = TextAnchor(.center, .bottom)
    /// The text sits above and to the left of the point.
    public static let bottomRight = TextAnchor(.right, .bottom)
    /// The text's baseline starts at the point, as typesetting places text.
    public static let baselineLeft = TextAnchor(.left, .baseline)
    /// The text's baseline is centred on the point.
    public static let baseline = TextAnchor(.center, .baseline)
    /// The text's baseline ends at the point.
    public static let baselineRight = TextAnchor(.right, .baseline)

    /// The line's box (`width × height`, top-left origin) placed so that its anchor is at `point`.
    func frame(width: Double, ascent: Double, descent: Double, at point: CGPoint) -> CGRect {
        let x: Double
        switch horizontal {
        case .left: x = Double(point.x)
        case .center: x = Double(point.x) - width / 2
        case .right: x = Double(point.x) - width
        }
        let top: Double
        switch vertical {
        case .top: top = Double(point.y)
        case .middle: top = Double(point.y) - (ascent + descent) / 2
        case .baseline: top = Double(point.y) - ascent
        case .bottom: top = Double(point.y) - ascent - descent
        }
        return CGRect(x: x, y: top, width: width, height: ascent + descent)
    }
}

/// A text label on a filled, rounded background ("chip"), which stays legible on top of
/// photographs and busy diagrams.
public struct LabelStyle: Hashable, Sendable {
    /// The label's font.
    public var font: Font
    /// The chip's fill colour, e.g. the matching box's palette colour.
    public var background: Color
    /// `nil` picks black or white, whichever reads better on `background`.
    public var textColor: Color?
    /// An outline around the chip, or `nil` for none.
    public var border: Color?
    /// The outline's width in user units.
    public var borderWidth: Double
    /// Space between the text and the chip's left and right edges.
    public var paddingX: Double
    /// Space between the text and the chip's top and bottom edges.
    public var paddingY: Double
    /// The chip's corner radius.
    public var cornerRadius: Double

    /// Padding and corner radius default to fractions of the font size so chips scale with text.
    public init(
        font: Font = Font(size: 12), background: Color = Color.white.withAlpha(0.85), textColor: Color? = nil,
        border: Color? = nil, borderWidth: Double = 1, paddingX: Double? = nil, paddingY: Double? = nil,
        cornerRadius: Double? = nil
    ) {
        self.font = font
        self.background = background
        self.textColor = textColor
        self.border = border
        self.borderWidth = borderWidth
        self.paddingX = paddingX ?? (font.size * 0.4).rounded()
        self.paddingY = paddingY ?? (font.size * 0.15).rounded()
        self.cornerRadius = cornerRadius ?? font.size * 0.25
    }

    /// A chip filled with `color` and with automatically contrasting text, e.g. a box's class label.
    public static func filled(_ color: Color, font: Font = Font(size: 12)) -> LabelStyle {
        LabelStyle(font: font, background: color)
    }
}

extension DrawingContext {
    /// Measures one line of text in the current user space.
    public func measure(_ text: String, font: Font) -> TextExtents {
        TextExtents(measuring: text, font: font, in: cr)
    }

    /// Where ``drawText(_:at:font:color:anchor:rotation:)`` would put the (unrotated) line, without
    /// drawing, so callers can check it against the figure bounds or other labels first.
    public func textFrame(_ text: String, at point: CGPoint, font: Font, anchor: TextAnchor = .baselineLeft)
        -> CGRect
    {
        let extents = measure(text, font: font)
        return anchor.frame(width: extents.width, ascent: extents.ascent, descent: extents.descent, at: point)
    }

    /// Draws one line of text with its `anchor` at `point`, rotated about that point by `rotation`
    /// radians (use `-.pi / 2` for a y-axis label reading bottom to top).
    ///
    /// Returns the axis-aligned bounds of the drawn line in the current user space.
    @discardableResult
    public func drawText(
        _ text: String, at point: CGPoint, font: Font = Font(), color: Color = .black,
        anchor: TextAnchor = .baselineLeft, rotation: Double = 0
    ) -> CGRect {
        let extents = measure(text, font: font)
        let local = anchor.frame(
            width: extents.width, ascent: extents.ascent, descent: extents.descent, at: .zero)
        withSavedState {
            cairo_translate(cr, Double(point.x), Double(point.y))
            cairo_rotate(cr, rotation)
            font.select(in: cr)
            setSource(color)
            cairo_move_to(cr, Double(local.minX), Double(local.minY) + extents.ascent)
            cairo_show_text(cr, text)
            cairo_new_path(cr)
        }
        return rotatedBounds(local, by: rotation).offsetBy(dx: point.x, dy: point.y)
    }

    /// Where ``drawLabel(_:at:style:anchor:within:)`` would put the chip, without drawing.
    public func labelFrame(
        _ text: String, at point: CGPoint, style: LabelStyle, anchor: TextAnchor = .bottomLeft,
        within bounds: CGRect? = nil
    ) -> CGRect {
        let extents = measure(text, font: style.font)
        var frame = anchor.frame(
            width: extents.width + 2 * style.paddingX, ascent: extents.ascent + style.paddingY,
            descent: extents.descent + style.paddingY, at: point)
        if let bounds {
            // Keep the whole border visible, not just the fill: the stroke straddles the edge.
            let margin = style.border == nil ? 0 : style.borderWidth / 2
            frame = frame.keptInside(bounds.insetBy(dx: margin, dy: margin))
        }
        return frame
    }

    /// Draws `text` on a chip whose `anchor` is at `point` — by default the chip sits on top of the
    /// point, as a label above a box's top-left corner does. With `bounds`, the chip is shifted to
    /// stay inside them, so labels near the figure edge are not cut off. Returns the chip's frame.
    @discardableResult
    public func drawLabel(
        _ text: String, at point: CGPoint, style: LabelStyle, anchor: TextAnchor = .bottomLeft,
        within bounds: CGRect? = nil
    ) -> CGRect {
        let frame = labelFrame(text, at: point, style: style, anchor: anchor, within: bounds)
        beginPath()
        addRoundedRect(frame, cornerRadius: style.cornerRadius)
        if let border = style.border {
            fillAndStroke(
                fill: style.background, stroke: border, style: StrokeStyle(width: style.borderWidth))
        } else {
            fill(style.background)
        }
        let textColor = style.textColor ?? style.background.readableTextColor
        drawText(
            text, at: CGPoint(x: Double(frame.minX) + style.paddingX, y: Double(frame.minY) + style.paddingY),
            font: style.font, color: textColor, anchor: .topLeft)
        return frame
    }

    private func rotatedBounds(_ rect: CGRect, by angle: Double) -> CGRect {
        guard angle != 0 else { return rect }
        let c = cos(angle)
        let s = sin(angle)
        let corners = [
            CGPoint(x: rect.minX, y: rect.minY), CGPoint(x: rect.maxX, y: rect.minY),
            CGPoint(x: rect.minX, y: rect.maxY), CGPoint(x: rect.maxX, y: rect.maxY),
        ].map { p in CGPoint(x: c * Double(p.x) - s * Double(p.y), y: s * Double(p.x) + c * Double(p.y)) }
        let xs = corners.map { Double($0.x) }
        let ys = corners.map { Double($0.y) }
        return CGRect(x: xs.min()!, y: ys.min()!, width: xs.max()! - xs.min()!, height: ys.max()! - ys.min()!)
    }
}

extension CGRect {
    /// Moved (not resized) to lie inside `bounds`; if it is larger, its top-left stays inside.
    func keptInside(_ bounds: CGRect) -> CGRect {
        var r = self
        if r.maxX > bounds.maxX { r.origin.x = bounds.maxX - r.width }
        if r.maxY > bounds.maxY { r.origin.y = bounds.maxY - r.height }
        if r.minX < bounds.minX { r.origin.x = bounds.minX }
        if r.minY < bounds.minY { r.origin.y = bounds.minY }
        return r
    }
}
