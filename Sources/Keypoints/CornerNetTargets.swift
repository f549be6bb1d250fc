import FCOS

/// CornerNet's training targets for one image (Law & Deng 2018, §3.2–3.3; the reference is
/// `sample/coco.py`, `kp_detection`, with `config/CornerNet.json`):
///
/// 1. clip the box to the input, `[0, W − 1] × [0, H − 1]`, and drop it when its width or height
///    is not positive (`_clip_detections`);
/// 2. scale each corner to the output grid with `out/in` per axis (``OutputGrid/cornerNet(inputWidth:inputHeight:)``),
///    keeping the exact value `f` and its cell `int(f)`;
/// 3. radius `max(0, int(gaussian_radius((⌈h·ratio⌉, ⌈w·ratio⌉), 0.3)))` with the corrected formula
///    (`gaussian_iou` 0.3 and `gaussian_radius` −1 in the configuration);
/// 4. stamp that Gaussian at the top-left cell into the class's top-left map and at the
///    bottom-right cell into its bottom-right map;
/// 5. offsets `f − int(f)` for both corners, and the flat indices `y·w_out + x` the embeddings are
///    gathered at.
///
/// Which two corners belong together is not in the heat maps: the network learns a 1-D embedding
/// per corner, pulled together for one object and pushed apart across objects (``EmbeddingLoss``).
public struct CornerNetTargets: Sendable {
    /// One kept box's corner targets.
    public struct Object: Hashable, Sendable {
        /// The box after clipping, in input pixels.
        public var box: Box
        /// The class, which chooses the pair of heat maps the corners go into.
        public var label: Int
        /// The three roots before truncation, kept so a lesson can show which case limited the
        /// bump.
        public var radius: GaussianRadius
        /// `max(0, int(r))`, the radius both corners are stamped with.
        public var drawnRadius: Int
        /// The top-left corner on the output grid.
        public var topLeft: Corner
        /// The bottom-right corner on the output grid.
        public var bottomRight: Corner
    }

    /// A corner on the output grid.
    public struct Corner: Hashable, Sendable {
        /// The exact scaled position `f`, float64 as the reference computes it.
        public var x: Double
        /// The exact scaled row position, float64.
        public var y: Double
        /// `int(f.x)`: the column whose heat-map cell is 1.
        public var cellX: Int
        /// `int(f.y)`: the row whose heat-map cell is 1.
        public var cellY: Int
        /// `f − int(f)`, stored in float32.
        public var offsetX: Float
        /// `f.y − int(f.y)`, stored in float32.
        public var offsetY: Float
        /// `cellY · w_out + cellX`.
        public var index: Int
    }

    /// `gaussian_iou` in CornerNet.json.
    public static let minOverlap = 0.3
    /// The radius formula CornerNet runs since its fix: the corrected roots.
    public static let formula = RadiusFormula.corrected
    /// `max_tag_len` in `kp_detection`: rows for corner offsets and tags per image.
    public static let maxObjects = 128

    /// The output grid (`⌈in/4⌉` per side) the corners live on.
    public let grid: OutputGrid
    /// One top-left heat map per class.
    public var topLeft: [HeatMap]
    /// One bottom-right heat map per class.
    public var bottomRight: [HeatMap]
    /// One entry per input box; `nil` for a box dropped at step 1.
    public var objects: [Object?]

    /// Targets for `groundTruths` on a `inputWidth × inputHeight` input with `classes` pairs of
    /// maps; throws ``KeypointTargetError`` naming the box where the reference would stop with an
    /// `IndexError` (a label out of range, more than 128 kept boxes) or the input has no cell.
    public init(
        _ groundTruths: [GroundTruth], inputWidth: Int, inputHeight: Int, classes: Int,
        minOverlap: Double = CornerNetTargets.minOverlap, formula: RadiusFormula = CornerNetTargets.formula
    ) throws(KeypointTargetError) {
        let grid = OutputGrid.cornerNet(inputWidth: inputWidth, inputHeight: inputHeight)
        try grid.validate(groundTruths, classes: classes)
        self.grid = grid
        let empty = HeatMap(width: grid.width, height: grid.height)
        var topLeft = [HeatMap](repeating: empty, count: classes)
        var bottomRight = topLeft
        var objects: [Object?] = []
        for g in groundTruths {
            let b = g.box.clipped(maxX: Float(inputWidth - 1), maxY: Float(inputHeight - 1))
            guard b.x1 - b.x0 > 0, b.y1 - b.y0 > 0 else {
                objects.append(nil)
                continue
            }
            guard objects.compactMap({ $0 }).count < Self.maxObjects else {
                throw .tooManyObjects(limit: Self.maxObjects)
            }
            let (kx, ky) = grid.scale
            let width = Int((Double(b.x1 - b.x0) * kx).rounded(.up))
            let height = Int((Double(b.y1 - b.y0) * ky).rounded(.up))
            let radius = GaussianRadius(
                height: height, width: width, minOverlap: minOverlap, formula: formula)
            let tl = Self.corner(grid.outputPoint(x: b.x0, y: b.y0), grid: grid)
            let br = Self.corner(grid.outputPoint(x: b.x1, y: b.y1), grid: grid)
            let kernel = GaussianKernel(radius: radius.truncated)
            topLeft[g.label].stamp(kernel, atX: tl.cellX, y: tl.cellY)
            bottomRight[g.label].stamp(kernel, atX: br.cellX, y: br.cellY)
            objects.append(
                Object(
                    box: b, label: g.label, radius: radius, drawnRadius: radius.truncated, topLeft: tl,
                    bottomRight: br))
        }
        self.topLeft = topLeft
        self.bottomRight = bottomRight
        self.objects = objects
    }

    static func corner(_ f: (x: Double, y: Double), grid: OutputGrid) -> Corner {
        let cx = Int(f.x)
        let cy = Int(f.y)
        return Corner(
            x: f.x, y: f.y, cellX: cx, cellY: cy, offsetX: Float(f.x - Double(cx)),
            offsetY: Float(f.y - Double(cy)), index: cy * grid.width + cx)
    }
}
