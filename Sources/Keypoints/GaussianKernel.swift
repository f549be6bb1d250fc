/// The square Gaussian stamp both references draw around a keypoint (`gaussian2D` in CenterNet's
/// `utils/image.py` and CornerNet's `sample/utils.py`), for an integer radius `r`:
///
/// ```
/// diameter d = 2r + 1,   σ = d / 6
/// g(x, y)    = exp(−(x² + y²) / (2σ²))     for x, y ∈ {−r, …, r}
/// g          = 0 where g < ε · max g       (ε = float64 machine epsilon, max g = 1 at the centre)
/// ```
///
/// The values are computed in float64, as NumPy's `ogrid` and `exp` do, and rounded to float32
/// when stored, as `np.maximum(…, out=float32_map)` does. The cut-off never fires for this σ: the
/// corner of the stamp has exponent `36r²/(2r + 1)² < 9`, so its value stays above `e⁻⁹ ≈ 1.2e−4`,
/// far from `2.2e−16`; it is kept because it is part of the rule.
public struct GaussianKernel: Hashable, Sendable {
    /// The truncated integer radius the stamp was built for.
    public let radius: Int
    /// `d × d` values, row-major, `y` from `−r` to `r`.
    public let values: [Float]

    /// The `(2r + 1)²` stamp for radius `r`, evaluated once and reused for every box of that
    /// radius.
    public init(radius: Int) {
        precondition(radius >= 0, "a radius is never negative")
        self.radius = radius
        let d = 2 * radius + 1
        let sigma = Double(d) / 6
        let denominator = 2 * sigma * sigma
        var exact = [Double](repeating: 0, count: d * d)
        for row in 0..<d {
            let y = Double(row - radius)
            for column in 0..<d {
                let x = Double(column - radius)
                exact[row * d + column] = CMath.exp(-(x * x + y * y) / denominator)
            }
        }
        let cutoff = Double.ulpOfOne * (exact.max() ?? 0)
        values = exact.map { $0 < cutoff ? 0 : Float($0) }
    }

    /// `2r + 1`.
    public var diameter: Int { 2 * radius + 1 }

    /// σ = diameter / 6.
    public var sigma: Double { Double(diameter) / 6 }

    /// The value at offset `(dx, dy)` from the centre, each in `−r…r`.
    public func value(dx: Int, dy: Int) -> Float {
        values[(dy + radius) * diameter + (dx + radius)]
    }
}
