import Foundation

/// A colour in sRGB with straight (not premultiplied) alpha, each component in `0...1`.
///
/// Straight alpha is what people write down (`Color(hex: 0x0072B2).withAlpha(0.3)`); Cairo wants
/// the same form for sources, and only image data is premultiplied, which ``RasterImage`` handles.
public struct Color: Hashable, Sendable {
    /// The red channel, 0 to 1.
    public var red: Double
    /// The green channel, 0 to 1.
    public var green: Double
    /// The blue channel, 0 to 1.
    public var blue: Double
    /// Opacity, 0 (transparent) to 1 (opaque), not premultiplied.
    public var alpha: Double

    /// A colour from channels in 0…1, the form Cairo takes.
    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// A colour from a `0xRRGGBB` literal, the form palettes and style guides publish.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(
            red: Double((hex >> 16) & 0xFF) / 255,
            green: Double((hex >> 8) & 0xFF) / 255,
            blue: Double(hex & 0xFF) / 255,
            alpha: alpha
        )
    }

    /// A colour from 8-bit channels, the form pixels come in.
    public init(red8: UInt8, green8: UInt8, blue8: UInt8, alpha8: UInt8 = 255) {
        self.init(
            red: Double(red8) / 255, green: Double(green8) / 255, blue: Double(blue8) / 255,
            alpha: Double(alpha8) / 255)
    }

    /// Parses `#RRGGBB` or `#RRGGBBAA` (the `#` is optional), as found in CSS and config files.
    public init?(hexString: String) {
        var digits = Substring(hexString.trimmingCharacters(in: .whitespaces))
        if digits.hasPrefix("#") { digits = digits.dropFirst() }
        guard digits.count == 6 || digits.count == 8, let value = UInt32(digits, radix: 16) else {
            return nil
        }
        if digits.count == 6 {
            self.init(hex: value)
        } else {
            self.init(hex: value >> 8, alpha: Double(value & 0xFF) / 255)
        }
    }

    /// Opaque black, for text and axes.
    public static let black = Color(red: 0, green: 0, blue: 0)
    /// Opaque white, the default figure background.
    public static let white = Color(red: 1, green: 1, blue: 1)
    /// Fully transparent, for images that start empty.
    public static let clear = Color(red: 0, green: 0, blue: 0, alpha: 0)

    /// A neutral grey; `0` is black and `1` is white.
    public static func gray(_ level: Double, alpha: Double = 1) -> Color {
        Color(red: level, green: level, blue: level, alpha: alpha)
    }

    /// The same colour with a different opacity, for translucent fills over photographs.
    public func withAlpha(_ alpha: Double) -> Color {
        Color(red: red, green: green, blue: blue, alpha: alpha)
    }

    /// Linear interpolation towards `other`; `fraction` 0 gives `self`, 1 gives `other`.
    public func mixed(with other: Color, fraction: Double) -> Color {
        let t = min(max(fraction, 0), 1)
        return Color(
            red: red + (other.red - red) * t,
            green: green + (other.green - green) * t,
            blue: blue + (other.blue - blue) * t,
            alpha: alpha + (other.alpha - alpha) * t
        )
    }

    /// Mixes towards black, keeping alpha; pale palette entries (yellow) need this to stay
    /// visible as thin lines on white.
    public func darkened(by fraction: Double) -> Color {
        mixed(with: Color.black.withAlpha(alpha), fraction: fraction)
    }

    /// Mixes towards white, keeping alpha; useful for light fills behind dark outlines.
    public func lightened(by fraction: Double) -> Color {
        mixed(with: Color.white.withAlpha(alpha), fraction: fraction)
    }

    /// WCAG relative luminance (0 for black, 1 for white), ignoring alpha.
    public var relativeLuminance: Double {
        func linear(_ c: Double) -> Double {
            c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// Black or white, whichever has more contrast on this colour, so label chips stay readable
    /// whatever palette colour they are filled with.
    public var readableTextColor: Color {
        // Contrast against black is (L + 0.05) / 0.05, against white 1.05 / (L + 0.05); they
        // are equal at L ≈ 0.179.
        relativeLuminance > 0.179 ? .black : .white
    }

    /// The 8-bit channels, rounded and clamped.
    public var bytes: (red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8) {
        func byte(_ c: Double) -> UInt8 { UInt8((min(max(c, 0), 1) * 255).rounded()) }
        return (byte(red), byte(green), byte(blue), byte(alpha))
    }

    /// `#rrggbb`, for HTML and SVG written by other modules (alpha is dropped).
    public var hexString: String {
        let b = bytes
        return String(format: "#%02x%02x%02x", b.red, b.green, b.blue)
    }

    /// A CSS `rgb()`/`rgba()` value that keeps alpha.
    public var cssString: String {
        let b = bytes
        if b.alpha == 255 { return "rgb(\(b.red), \(b.green), \(b.blue))" }
        return "rgba(\(b.red), \(b.green), \(b.blue), \(String(format: "%.3g", alpha)))"
    }
}
