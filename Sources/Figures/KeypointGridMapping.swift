import FCOS
import Keypoints

/// Where a keypoint head's output cells lie on the scene: output grid → network input
/// (`OutputGrid`) → scene (`SquareInput` when the scene was fitted into a square input).
public struct KeypointGridMapping: Hashable, Sendable {
    /// The head's output grid (stride and size).
    public var grid: OutputGrid
    /// How the scene was fitted into the square input, if it was.
    public var square: SquareInput?

    /// A mapping through `grid` and, when given, `square`.
    public init(grid: OutputGrid, square: SquareInput? = nil) {
        self.grid = grid
        self.square = square
    }

    /// An output-grid point on the scene.
    public func imagePoint(x: Double, y: Double) -> Point {
        let p = grid.inputPoint(x: x, y: y)
        return square?.imagePoint(p) ?? p
    }

    /// Cell `(x, y)`, which covers `[x, x + 1) × [y, y + 1)` on the output grid, on the scene.
    public func cellRect(x: Int, y: Int) -> Box {
        let a = imagePoint(x: Double(x), y: Double(y))
        let b = imagePoint(x: Double(x + 1), y: Double(y + 1))
        return Box(x0: a.x, y0: a.y, x1: b.x, y1: b.y)
    }

    /// Scene pixels per output cell (horizontally).
    public var cellWidth: Double { Double(cellRect(x: 0, y: 0).width) }
}
