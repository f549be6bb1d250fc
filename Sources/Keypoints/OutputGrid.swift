import FCOS

/// How the network input maps onto a keypoint head's output grid.
///
/// **CenterNet** (`datasets/sample/ctdet.py`): `output = input // down_ratio` with `down_ratio = 4`,
/// and boxes go through `get_affine_transform(c, s, 0, [out_w, out_h])`, built with the same
/// centre `c` and scale `s` as the input transform. Relative to the network input that is a
/// similarity with one scale for both axes, taken from the widths, fixing the centre:
///
/// ```
/// k  = out_w / in_w
/// x' = (x − in_w/2)·k + out_w/2        y' = (y − in_h/2)·k + out_h/2
/// ```
///
/// For an input whose sides are multiples of 4 (CenterNet's 512 × 512, or its `keep_res` sizes,
/// padded to multiples of 32) this is exactly `x/4, y/4`. Otherwise the integer division shrinks
/// the map (a 1066 × 801 input gives 266 × 200) and `k` is `266/1066`, slightly under `1/4`.
///
/// **CornerNet** (`sample/coco.py`): the output size is fixed by the configuration
/// (`input_size [511, 511]`, `output_sizes [[128, 128]]`); this toolkit takes it as the
/// hourglass's, `⌈in/4⌉`, which reproduces that pair, and scales each axis by its own
/// `out / in` ratio about the origin, as `width_ratio` and `height_ratio` do.
///
/// Coordinates are computed in float64 and stored as float32, as the references' float64 affine
/// matrices and ratios write into float32 arrays.
public struct OutputGrid: Hashable, Sendable {
    /// Network input width in pixels.
    public let inputWidth: Int
    /// Network input height in pixels.
    public let inputHeight: Int
    /// Output columns: `in // 4` for CenterNet, `⌈in/4⌉` for CornerNet.
    public let width: Int
    /// Output rows, by the same rule as ``width``.
    public let height: Int
    let rule: Rule

    enum Rule: Hashable, Sendable {
        case centerNet
        case cornerNet
    }

    /// CenterNet's grid for an input of `inputWidth × inputHeight`: stride 4 by integer division.
    public static func centerNet(inputWidth: Int, inputHeight: Int) -> OutputGrid {
        OutputGrid(
            inputWidth: inputWidth, inputHeight: inputHeight, width: inputWidth / 4, height: inputHeight / 4,
            rule: .centerNet)
    }

    /// CornerNet's grid: `⌈in/4⌉` per side (511 → 128, CornerNet.json's pair).
    public static func cornerNet(inputWidth: Int, inputHeight: Int) -> OutputGrid {
        OutputGrid(
            inputWidth: inputWidth, inputHeight: inputHeight, width: (inputWidth + 3) / 4,
            height: (inputHeight + 3) / 4, rule: .cornerNet)
    }

    /// Scale from input to output pixels along x and y.
    public var scale: (x: Double, y: Double) {
        switch rule {
        case .centerNet:
            let k = Double(width) / Double(inputWidth)
            return (k, k)
        case .cornerNet:
            return (Double(width) / Double(inputWidth), Double(height) / Double(inputHeight))
        }
    }

    /// True when the output is exactly the input divided by 4 on both axes.
    public var isExactStride4: Bool { width * 4 == inputWidth && height * 4 == inputHeight }

    /// An input point on the output grid, in float64 (CornerNet keeps `fxtl` in float64 before
    /// truncating it).
    public func outputPoint(x: Float, y: Float) -> (x: Double, y: Double) {
        let (kx, ky) = scale
        switch rule {
        case .centerNet:
            return (
                (Double(x) - Double(inputWidth) / 2) * kx + Double(width) / 2,
                (Double(y) - Double(inputHeight) / 2) * ky + Double(height) / 2
            )
        case .cornerNet:
            return (Double(x) * kx, Double(y) * ky)
        }
    }

    /// An output-grid point back in input pixels (for drawing).
    public func inputPoint(x: Double, y: Double) -> Point {
        let (kx, ky) = scale
        switch rule {
        case .centerNet:
            return Point(
                x: Float((x - Double(width) / 2) / kx + Double(inputWidth) / 2),
                y: Float((y - Double(height) / 2) / ky + Double(inputHeight) / 2))
        case .cornerNet:
            return Point(x: Float(x / kx), y: Float(y / ky))
        }
    }

    /// A box on the output grid, stored in float32.
    public func outputBox(_ box: Box) -> Box {
        let a = outputPoint(x: box.x0, y: box.y0)
        let b = outputPoint(x: box.x1, y: box.y1)
        return Box(x0: Float(a.x), y0: Float(a.y), x1: Float(b.x), y1: Float(b.y))
    }
}
