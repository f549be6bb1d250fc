/// One pixel read back from a raster, as straight-alpha 8-bit channels.
///
/// Tests compare pixels with a tolerance (``isClose(to:tolerance:)``) rather than exactly, because
/// Cairo stores premultiplied alpha and rounding can move a channel by one step.
public struct Pixel: Hashable, Sendable, CustomStringConvertible {
    /// The red channel, straight (not premultiplied) alpha.
    public var red: UInt8
    /// The green channel, straight (not premultiplied) alpha.
    public var green: UInt8
    /// The blue channel, straight (not premultiplied) alpha.
    public var blue: UInt8
    /// Opacity, 255 is opaque.
    public var alpha: UInt8

    /// A pixel from 8-bit channels, for expected values in tests.
    public init(red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8 = 255) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// The pixel as a ``Color``, for comparing with what was drawn.
    public var color: Color {
        Color(red8: red, green8: green, blue8: blue, alpha8: alpha)
    }

    /// True when every channel, alpha included, is within `tolerance` 8-bit steps of `color`.
    public func isClose(to color: Color, tolerance: Int = 2) -> Bool {
        let b = color.bytes
        return abs(Int(red) - Int(b.red)) <= tolerance && abs(Int(green) - Int(b.green)) <= tolerance
            && abs(Int(blue) - Int(b.blue)) <= tolerance && abs(Int(alpha) - Int(b.alpha)) <= tolerance
    }

    /// `#rrggbb` or `#rrggbbaa`, so failing `#expect`s print something recognisable.
    public var description: String {
        let hex = [red, green, blue] + (alpha == 255 ? [] : [alpha])
        return "#" + hex.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}

extension Color {
    /// This colour composited over `background` with the usual "over" operator: what a translucent
    /// fill looks like once drawn, e.g. to predict a pixel under a 30 % box fill on white.
    public func composited(over background: Color) -> Color {
        let outAlpha = alpha + background.alpha * (1 - alpha)
        guard outAlpha > 0 else { return .clear }
        func channel(_ top: Double, _ bottom: Double) -> Double {
            (top * alpha + bottom * background.alpha * (1 - alpha)) / outAlpha
        }
        return Color(
            red: channel(red, background.red), green: channel(green, background.green),
            blue: channel(blue, background.blue), alpha: outAlpha)
    }
}
