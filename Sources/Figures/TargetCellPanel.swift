import Canvas
import FCOS
import Foundation

/// One panel of ``TargetCellPanels``: output-grid cells drawn on the scene, each with the target
/// value it learns, plus optional keypoint marks.
///
/// A panel is plain data, so every method can say "which cells learn this box" in the same
/// picture: the factories in `TargetCellPanel+FCOS.swift` and `TargetCellPanel+CenterNet.swift`
/// build one from each method's targets (`+ATSS` too). **Extension point:** another method (GFL, …)
/// adds a `TargetCellPanel+<Method>.swift` with a factory that fills ``cells`` from its own
/// assignment; the figure needs no change.
public struct TargetCellPanel: Sendable {
    /// One grid cell in image pixels and its target.
    public struct Cell: Hashable, Sendable {
        /// The cell's area on the scene.
        public var rect: Box
        /// The value shown in colour, in `[0, 1]`: a centerness target, a Gaussian target, an IoU.
        public var value: Float
        /// A positive of the loss (outlined in its box's colour); otherwise a negative whose
        /// penalty the value reduces, or simply background.
        public var isPositive: Bool
        /// The ground truth it belongs to, for the outline colour.
        public var box: Int?

        /// A cell at `rect` with target `value`.
        public init(rect: Box, value: Float, isPositive: Bool, box: Int?) {
            self.rect = rect
            self.value = value
            self.isPositive = isPositive
            self.box = box
        }
    }

    /// A keypoint: its integer cell, the exact point and the Gaussian radius around it.
    public struct Keypoint: Hashable, Sendable {
        /// The integer cell the keypoint falls in, in image pixels.
        public var cell: Box
        /// The keypoint's exact position in image pixels.
        public var exact: Point
        /// The drawn radius `r` in cells.
        public var radiusCells: Int
        /// The radius in image pixels, for the circle.
        public var radiusPixels: Double
        /// The ground truth it belongs to, for the colour.
        public var box: Int

        /// A keypoint mark.
        public init(cell: Box, exact: Point, radiusCells: Int, radiusPixels: Double, box: Int) {
            self.cell = cell
            self.exact = exact
            self.radiusCells = radiusCells
            self.radiusPixels = radiusPixels
            self.box = box
        }
    }

    /// `CenterNet · class 1 person`: the panel's heading, broken at ` · ` when too long.
    public var title: String
    /// The cells drawn, tinted by value.
    public var cells: [Cell]
    /// Keypoints marked over the cells.
    public var keypoints: [Keypoint]

    /// A panel of `cells` and `keypoints` under `title`.
    public init(title: String, cells: [Cell], keypoints: [Keypoint] = []) {
        self.title = title
        self.cells = cells
        self.keypoints = keypoints
    }

    /// Cells at the positives of the loss.
    public var positiveCount: Int { cells.filter(\.isPositive).count }
}
