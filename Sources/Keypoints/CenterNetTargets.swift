import FCOS

/// CenterNet's training targets for one image ("Objects as Points", Zhou et al. 2019, §3; the
/// reference is `src/lib/datasets/sample/ctdet.py`), step by step for each box:
///
/// 1. map the box onto the output grid (stride 4, see ``OutputGrid``) and clip its corners to
///    `[0, w − 1] × [0, h − 1]`;
/// 2. skip it when its clipped height or width is not positive: it gets no bump, no size, no
///    index (a box entirely outside the image ends here);
/// 3. radius `r = max(0, int(gaussian_radius((⌈h⌉, ⌈w⌉), 0.7)))` with CenterNet's formula;
/// 4. centre `c = ((x0 + x1)/2, (y0 + y1)/2)` in float32, its cell `c_int` by truncation;
/// 5. stamp the Gaussian of radius `r` at `c_int` into its class's heat map (element-wise max);
/// 6. targets `wh = (w, h)`, `offset = c − c_int`, `index = c_int.y · w_out + c_int.x`.
///
/// Only the first ``maxObjects`` boxes are read (`num_objs = min(len(anns), max_objs)` with
/// `max_objs = 128` in CenterNet's COCO dataset); later boxes get nothing, like skipped ones.
/// Everything the reference stores in float32 is float32 here.
public struct CenterNetTargets: Sendable {
    /// One object's regression targets; `nil` in ``objects`` for a box skipped at step 2.
    public struct Object: Hashable, Sendable {
        /// The box on the output grid after clipping.
        public var box: Box
        /// The class, which chooses the heat map the bump goes into.
        public var label: Int
        /// The three roots before truncation, kept so a lesson can show which case limited the
        /// bump.
        public var radius: GaussianRadius
        /// `max(0, int(r))`, the radius drawn.
        public var drawnRadius: Int
        /// The float32 centre on the output grid, whose fraction becomes ``offset``.
        public var center: Point
        /// The centre's column by truncation: where the peak of 1 is stamped.
        public var cellX: Int
        /// The centre's row by truncation.
        public var cellY: Int
        /// `(w, h)` on the output grid.
        public var size: (width: Float, height: Float)
        /// `c − c_int`: the sub-cell position the stride-4 grid would otherwise lose.
        public var offset: (x: Float, y: Float)
        /// `c_int.y · w_out + c_int.x`, where the size and offset heads are read (`ind`).
        public var index: Int

        /// Field-by-field equality, written out because tuples cannot conform to `Equatable`.
        public static func == (a: Object, b: Object) -> Bool {
            a.box == b.box && a.label == b.label && a.radius == b.radius && a.drawnRadius == b.drawnRadius
                && a.center == b.center && a.cellX == b.cellX && a.cellY == b.cellY
                && a.size == b.size && a.offset == b.offset && a.index == b.index
        }

        /// Hashes the box and index, which tell objects apart, consistently with `==`.
        public func hash(into hasher: inout Hasher) {
            hasher.combine(box)
            hasher.combine(index)
        }
    }

    /// CenterNet's `min_overlap` default.
    public static let minOverlap = 0.7
    /// The radius formula CenterNet's master branch runs.
    public static let formula = RadiusFormula.original
    /// `max_objs` in CenterNet's COCO dataset: boxes after the first 128 are not read.
    public static let maxObjects = 128

    /// The stride-4 output grid the targets live on, to carry them back to input pixels.
    public let grid: OutputGrid
    /// One map per class: `heatmaps[c]` is class `c`'s.
    public var heatmaps: [HeatMap]
    /// One entry per input box, in order; `nil` when the box got nothing.
    public var objects: [Object?]

    /// Targets for `groundTruths` in the input pixels of a `inputWidth × inputHeight` network input,
    /// with `classes` heat maps. Crowd boxes are treated like any other, as `ctdet.py` does.
    public init(
        _ groundTruths: [GroundTruth], inputWidth: Int, inputHeight: Int, classes: Int,
        minOverlap: Double = CenterNetTargets.minOverlap, formula: RadiusFormula = CenterNetTargets.formula,
        maxObjects: Int = CenterNetTargets.maxObjects
    ) throws(KeypointTargetError) {
        let grid = OutputGrid.centerNet(inputWidth: inputWidth, inputHeight: inputHeight)
        try grid.validate(groundTruths, classes: classes)
        self.grid = grid
        var heatmaps = [HeatMap](repeating: HeatMap(width: grid.width, height: grid.height), count: classes)
        var kernels: [Int: GaussianKernel] = [:]
        var objects: [Object?] = []
        objects.reserveCapacity(groundTruths.count)
        for (i, g) in groundTruths.enumerated() {
            guard i < maxObjects,
                let object = Self.object(for: g, grid: grid, minOverlap: minOverlap, formula: formula)
            else {
                objects.append(nil)
                continue
            }
            let kernel = kernels[object.drawnRadius] ?? GaussianKernel(radius: object.drawnRadius)
            kernels[object.drawnRadius] = kernel
            heatmaps[g.label].stamp(kernel, atX: object.cellX, y: object.cellY)
            objects.append(object)
        }
        self.heatmaps = heatmaps
        self.objects = objects
    }

    /// Steps 1–4 and 6 for one box; `nil` when it is skipped.
    public static func object(
        for g: GroundTruth, grid: OutputGrid, minOverlap: Double = minOverlap,
        formula: RadiusFormula = formula
    ) -> Object? {
        let b = grid.outputBox(g.box).clipped(maxX: Float(grid.width - 1), maxY: Float(grid.height - 1))
        let h = b.y1 - b.y0
        let w = b.x1 - b.x0
        guard h > 0, w > 0 else { return nil }
        let radius = GaussianRadius(
            height: Int(h.rounded(.up)), width: Int(w.rounded(.up)), minOverlap: minOverlap, formula: formula)
        let center = Point(x: (b.x0 + b.x1) / 2, y: (b.y0 + b.y1) / 2)
        let cx = Int(center.x)
        let cy = Int(center.y)
        return Object(
            box: b, label: g.label, radius: radius, drawnRadius: radius.truncated, center: center, cellX: cx,
            cellY: cy, size: (w, h), offset: (center.x - Float(cx), center.y - Float(cy)),
            index: cy * grid.width + cx)
    }

    /// Cells with value exactly 1: the positives of the penalty-reduced focal loss.
    public var positiveCount: Int {
        heatmaps.reduce(0) { $0 + $1.values.reduce(0) { $0 + ($1 == 1 ? 1 : 0) } }
    }
}
