import FCOS

/// Fitting an image into a square network input the way CenterNet's test-time transform does
/// (`ctdet.py` without `keep_res`: centre `c` = the image centre, scale `s = max(W, H)`, output
/// `side × side`): the longer side fills the square and the shorter one is centred, with a band
/// of padding above and below (or left and right).
///
/// ```
/// k = side / max(W, H)       p' = (p − (W/2, H/2))·k + (side/2, side/2)
/// ```
///
/// Both papers train on square inputs (CenterNet 512 × 512, CornerNet 511 × 511), so a lesson
/// scene of any shape is carried into that square first, and results are drawn back on the
/// scene with ``imagePoint(_:)``.
public struct SquareInput: Hashable, Sendable {
    /// The scene's width in pixels.
    public let imageWidth: Int
    /// The scene's height in pixels.
    public let imageHeight: Int
    /// The square input's side (512 for CenterNet).
    public let side: Int

    /// The fit of a `imageWidth × imageHeight` scene into a `side × side` input.
    public init(imageWidth: Int, imageHeight: Int, side: Int = 512) {
        precondition(imageWidth > 0 && imageHeight > 0 && side > 0, "sizes are positive")
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        self.side = side
    }

    /// Input pixels per image pixel.
    public var scale: Double { Double(side) / Double(max(imageWidth, imageHeight)) }

    /// An image point in the square input.
    public func inputPoint(_ p: Point) -> Point {
        let k = scale
        return Point(
            x: Float((Double(p.x) - Double(imageWidth) / 2) * k + Double(side) / 2),
            y: Float((Double(p.y) - Double(imageHeight) / 2) * k + Double(side) / 2))
    }

    /// A square-input point back on the image.
    public func imagePoint(_ p: Point) -> Point {
        let k = scale
        return Point(
            x: Float((Double(p.x) - Double(side) / 2) / k + Double(imageWidth) / 2),
            y: Float((Double(p.y) - Double(side) / 2) / k + Double(imageHeight) / 2))
    }

    /// A scene box in the square input, corner by corner.
    public func inputBox(_ b: Box) -> Box {
        let a = inputPoint(Point(x: b.x0, y: b.y0))
        let c = inputPoint(Point(x: b.x1, y: b.y1))
        return Box(x0: a.x, y0: a.y, x1: c.x, y1: c.y)
    }

    /// A square-input box back on the scene, for drawing results.
    public func imageBox(_ b: Box) -> Box {
        let a = imagePoint(Point(x: b.x0, y: b.y0))
        let c = imagePoint(Point(x: b.x1, y: b.y1))
        return Box(x0: a.x, y0: a.y, x1: c.x, y1: c.y)
    }

    /// The ground truths carried into the square input, labels and names kept.
    public func inputGroundTruths(_ groundTruths: [GroundTruth]) -> [GroundTruth] {
        groundTruths.map { g in
            var moved = g
            moved.box = inputBox(g.box)
            return moved
        }
    }
}
