/// One class's `height × width` keypoint heat map on the output grid, float32 and row-major, as
/// the references' `np.zeros((h, w), dtype=np.float32)`.
public struct HeatMap: Hashable, Sendable {
    /// Output-grid columns.
    public let width: Int
    /// Output-grid rows.
    public let height: Int
    /// Row-major float32 values, so that the flat index is the one the references store.
    public var values: [Float]

    /// An all-zero map, as `np.zeros` starts every class's map.
    public init(width: Int, height: Int) {
        precondition(width >= 0 && height >= 0, "a map size is never negative")
        self.width = width
        self.height = height
        values = [Float](repeating: 0, count: width * height)
    }

    /// The value at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> Float {
        get { values[y * width + x] }
        set { values[y * width + x] = newValue }
    }

    /// The flat index `y·w + x` the references store for a cell (`ind` in CenterNet, the tags in
    /// CornerNet).
    public func index(x: Int, y: Int) -> Int { y * width + x }

    /// Stamps `kernel` centred on cell `(x, y)`, keeping the larger value in every cell
    /// (`draw_umich_gaussian` / `draw_gaussian`):
    ///
    /// ```
    /// left = min(x, r)   right  = min(w − x, r + 1)
    /// top  = min(y, r)   bottom = min(h − y, r + 1)
    /// map[y−top ..< y+bottom, x−left ..< x+right] = max(map, g[r−top ..< r+bottom, r−left ..< r+right])
    /// ```
    ///
    /// So the stamp is clipped at the borders, and where two boxes of one class overlap the map
    /// keeps the higher bump instead of adding them: a peak stays exactly 1. A centre outside the
    /// map changes nothing (CenterNet's guard on empty slices; the targets never produce one).
    public mutating func stamp(_ kernel: GaussianKernel, atX x: Int, y: Int) {
        let r = kernel.radius
        let left = min(x, r)
        let right = min(width - x, r + 1)
        let top = min(y, r)
        let bottom = min(height - y, r + 1)
        guard left + right > 0, top + bottom > 0, x >= 0, y >= 0, x < width, y < height else { return }
        let d = kernel.diameter
        kernel.values.withUnsafeBufferPointer { g in
            values.withUnsafeMutableBufferPointer { map in
                for dy in -top..<bottom {
                    let mapRow = (y + dy) * width + x
                    let stampRow = (r + dy) * d + r
                    for dx in -left..<right {
                        let v = g[stampRow + dx]
                        if v > map[mapRow + dx] { map[mapRow + dx] = v }
                    }
                }
            }
        }
    }

    /// The largest value and its cell (the first in row-major order on a tie).
    public var peak: (x: Int, y: Int, value: Float)? {
        guard !values.isEmpty else { return nil }
        var best = 0
        for i in values.indices where values[i] > values[best] { best = i }
        return (best % width, best / width, values[best])
    }
}
