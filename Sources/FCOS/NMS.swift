/// Greedy non-maximum suppression, the last step of FCOS inference (the paper §4.1: "NMS with a
/// threshold 0.6"): visit boxes from the highest score down, keep a box unless it overlaps an
/// already kept box too much, and suppress it otherwise.
///
/// What the references do, and the knobs that reproduce them:
///
/// - **Order.** Boxes are sorted by descending score; equal scores keep their input order
///   (stable), and NaN scores come first (PyTorch's sort orders NaN above every number). torchvision's
///   CPU kernel (`torchvision/csrc/ops/cpu/nms_kernel.cpp`) sorts with the non-stable
///   `scores.sort(0, descending)` (its `/*stable*/` comment passes nothing), and the CUDA kernels
///   are not stable either, so there the outcome for tied scores can differ run to run.
/// - **Comparison.** ``Suppression/greaterThan`` suppresses at `IoU > threshold`: torchvision (CPU
///   and CUDA), mmcv's `nms` (mmdetection), maskrcnn-benchmark's CUDA `nms.cu`, and the official
///   FCOS's class-aware `ml_nms.cu`, the kernel its inference actually runs (there is no CPU
///   version: `ml_nms.h` raises "CPU version not implemented"). ``Suppression/greaterThanOrEqual``
///   suppresses at `IoU >= threshold`, as maskrcnn-benchmark's CPU `nms_cpu.cpp` does.
/// - **Precision of the threshold.** The IoU is a float32; torchvision compares it with a `double`
///   threshold, mmcv and maskrcnn-benchmark with a `float`. The threshold here is a `Double`, so
///   pass `0.6` for torchvision and `Double(Float(0.6))` for the float32 kernels: an IoU that
///   rounds to `Float(0.6) = 0.600000024` is suppressed by torchvision and kept by those.
/// - **Widths.** ``BoxConvention/inclusivePixels`` gives maskrcnn-benchmark's `x1 − x0 + 1` widths
///   in both the areas and the intersection (`max(0, min(x1) − max(x0) + 1)`).
/// - **Output.** Kept indices in the order visited (descending score). torchvision returns that
///   order too; maskrcnn-benchmark's kernels return the kept indices sorted by index.
///
/// The IoU is evaluated exactly as those kernels do, `inter / (areaᵢ + areaⱼ − inter)` in float32
/// with `std::max`/`std::min` argument order, so a degenerate pair gives NaN and is never
/// suppressed. ``greedy(boxes:scores:iouThreshold:convention:suppression:progress:)`` returns the same list
/// as the plain O(n²) ``greedyReference(boxes:scores:iouThreshold:convention:suppression:)``: for a
/// positive threshold a box can only be suppressed by a kept box whose extent overlaps its own, so
/// it compares each candidate only with the kept boxes registered in the uniform-grid cells its
/// extent covers (plus the few kept boxes too large for the grid).
public enum NMS {
    /// When an overlap suppresses the later box.
    public enum Suppression: String, Sendable, CaseIterable {
        /// `IoU > threshold`: torchvision, mmcv, maskrcnn-benchmark's CUDA kernels.
        case greaterThan = ">"
        /// `IoU >= threshold`: maskrcnn-benchmark's `nms_cpu.cpp`.
        case greaterThanOrEqual = ">="
    }

    /// Greedy NMS; returns the indices of the kept boxes in descending score order.
    /// `progress(done, total)`, when given, is called every few thousand candidates (a million
    /// dense boxes take seconds, long enough for a command line to show how far it is).
    public static func greedy(
        boxes: [Box], scores: [Float], iouThreshold: Double, convention: BoxConvention = .continuous,
        suppression: Suppression = .greaterThan, progress: ((_ done: Int, _ total: Int) -> Void)? = nil
    ) -> [Int] {
        precondition(boxes.count == scores.count, "one score per box")
        let geometry = Geometry(boxes, convention: convention)
        return geometry.suppress(
            candidates: scoreOrder(scores), rule: Rule(threshold: iouThreshold, suppression: suppression),
            progress: progress.map { report in { report($0, boxes.count) } })
    }

    /// The textbook O(n²) loop, kept as the definition the fast path is tested against.
    public static func greedyReference(
        boxes: [Box], scores: [Float], iouThreshold: Double, convention: BoxConvention = .continuous,
        suppression: Suppression = .greaterThan
    ) -> [Int] {
        precondition(boxes.count == scores.count, "one score per box")
        let geometry = Geometry(boxes, convention: convention)
        return geometry.suppressAllPairs(
            candidates: scoreOrder(scores), rule: Rule(threshold: iouThreshold, suppression: suppression))
    }

    /// Class-aware NMS: boxes with different labels never suppress each other. Every label is
    /// suppressed on its own and the kept boxes are merged in descending score order (stable).
    ///
    /// torchvision's `batched_nms` gets the same set by shifting each label's boxes by
    /// `label · (max coordinate + 1)` so that they cannot overlap (or, above 4 000 boxes on CPU,
    /// by a per-label loop); mmcv's `batched_nms` does the same below 10 000 boxes, and the
    /// official FCOS's `ml_nms.cu` makes the IoU of different labels 0. The shift can change a
    /// float32 IoU in its last bit; suppressing each label honestly cannot.
    public static func batched(
        boxes: [Box], scores: [Float], labels: [Int], iouThreshold: Double,
        convention: BoxConvention = .continuous, suppression: Suppression = .greaterThan,
        progress: ((_ done: Int, _ total: Int) -> Void)? = nil
    ) -> [Int] {
        precondition(
            boxes.count == scores.count && boxes.count == labels.count, "one score and label per box")
        let order = scoreOrder(scores)
        let geometry = Geometry(boxes, convention: convention)
        let rule = Rule(threshold: iouThreshold, suppression: suppression)
        var groups: [Int: [Int]] = [:]
        for index in order { groups[labels[index], default: []].append(index) }
        var kept = [Bool](repeating: false, count: boxes.count)
        var done = 0
        for candidates in groups.values {
            let report = progress.map { report in { (visited: Int) in report(done + visited, boxes.count) } }
            for index in geometry.suppress(candidates: candidates, rule: rule, progress: report) {
                kept[index] = true
            }
            done += candidates.count
        }
        return order.filter { kept[$0] }
    }

    /// Indices sorted by descending score, ties in input order, NaN scores first.
    public static func scoreOrder(_ scores: [Float]) -> [Int] {
        scores.indices.sorted { i, j in
            let a = scores[i]
            let b = scores[j]
            if a.isNaN || b.isNaN { return a.isNaN && (!b.isNaN || i < j) }
            return a > b || (a == b && i < j)
        }
    }

    struct Rule {
        var threshold: Double
        var suppression: Suppression

        @inline(__always)
        func suppresses(_ iou: Float) -> Bool {
            suppression == .greaterThan ? Double(iou) > threshold : Double(iou) >= threshold
        }
    }

    /// Boxes packed as `x0, y0, x1, y1, area` with the areas precomputed, as the kernels do.
    struct Geometry {
        let packed: [Float]
        let pad: Float
        let allFinite: Bool
        var count: Int { packed.count / 5 }

        init(_ boxes: [Box], convention: BoxConvention) {
            let pad: Float = convention == .inclusivePixels ? 1 : 0
            var packed: [Float] = []
            packed.reserveCapacity(5 * boxes.count)
            for b in boxes {
                packed.append(b.x0)
                packed.append(b.y0)
                packed.append(b.x1)
                packed.append(b.y1)
                packed.append((b.x1 - b.x0 + pad) * (b.y1 - b.y0 + pad))
            }
            self.packed = packed
            self.pad = pad
            allFinite = boxes.allSatisfy(\.isFinite)
        }

        /// `inter / (areaₖ + areaⱼ − inter)` for kept box `k` and candidate `j`.
        @inline(__always)
        static func iou(_ g: UnsafeBufferPointer<Float>, _ k: Int, _ j: Int, pad: Float) -> Float {
            let a = g.baseAddress! + 5 * k
            let b = g.baseAddress! + 5 * j
            let w = stdMax(0, stdMin(a[2], b[2]) - stdMax(a[0], b[0]) + pad)
            let h = stdMax(0, stdMin(a[3], b[3]) - stdMax(a[1], b[1]) + pad)
            let intersection = w * h
            return intersection / (a[4] + b[4] - intersection)
        }

        /// `std::max(a, b)`: `a` unless `a < b`.
        @inline(__always)
        static func stdMax(_ a: Float, _ b: Float) -> Float { a < b ? b : a }

        /// `std::min(a, b)`: `a` unless `b < a`.
        @inline(__always)
        static func stdMin(_ a: Float, _ b: Float) -> Float { b < a ? b : a }

        func suppressAllPairs(candidates: [Int], rule: Rule) -> [Int] {
            packed.withUnsafeBufferPointer { g in
                var suppressed = [Bool](repeating: false, count: count)
                var keep: [Int] = []
                for (position, i) in candidates.enumerated() where !suppressed[i] {
                    keep.append(i)
                    for j in candidates[(position + 1)...]
                    where !suppressed[j] && rule.suppresses(Geometry.iou(g, i, j, pad: pad)) {
                        suppressed[j] = true
                    }
                }
                return keep
            }
        }

        /// The kept subset of `candidates` (given in visiting order), in visiting order.
        ///
        /// Why the grid search finds every suppressor: write `W` for a box's padded width
        /// `x1 − x0 + pad` and `ox` for the padded overlap `min(x1) − max(x0) + pad` of a kept box
        /// `k` and a candidate `j`. Since the intersection is at most `ox · Hⱼ` and the union at
        /// least `Wⱼ · Hⱼ`, `IoU ≤ ox / Wⱼ`; so `IoU > t` needs `ox > t·Wⱼ`, that is `k`'s extent
        /// reaches past `x0ⱼ + t·Wⱼ` and starts before `x1ⱼ + pad − t·Wⱼ`: it meets the interval
        /// between those two points (for `t > 0.5`, when it is inverted, it covers it, and with it
        /// `j`'s centre, so the query is that one point). Likewise in y. The query uses
        /// `t·(1 − 10⁻³)` and widens the interval a little, far more than float32 rounding can move
        /// an IoU (a few ulps), and kept boxes are registered in every cell their extent covers,
        /// with one monotone cell function for both. For the same reason (the intersection is at
        /// most the smaller area, the union at least the larger), `min(area) < t·max(area)` rules a
        /// pair out before dividing.
        func suppress(candidates: [Int], rule: Rule, progress: ((Int) -> Void)? = nil) -> [Int] {
            // A threshold of 0 or less can suppress pairs that do not overlap at all; non-finite
            // coordinates have no grid cell. Both are rare enough for the plain loop.
            guard candidates.count > 32, rule.threshold > 0, allFinite else {
                return suppressAllPairs(candidates: candidates, rule: rule)
            }
            let reach = rule.threshold * (1 - 1e-3)
            var grid = Grid(self, candidates: candidates)
            var stamp = [Int](repeating: -1, count: count)
            var keep: [Int] = []
            let pad = self.pad
            return packed.withUnsafeBufferPointer { g in
                @inline(__always)
                func suppressedBy(_ k: Int, _ j: Int) -> Bool {
                    let a = g[5 * k + 4]
                    let b = g[5 * j + 4]
                    if a > 0 && b > 0 && Double(min(a, b)) < reach * Double(max(a, b)) { return false }
                    return rule.suppresses(Geometry.iou(g, k, j, pad: pad))
                }

                for (visit, j) in candidates.enumerated() {
                    if visit & 8191 == 0 { progress?(visit) }
                    let e = extent(j)
                    let slackX = 1e-9 * (abs(e.lowX) + abs(e.highX)) + 1e-30
                    let slackY = 1e-9 * (abs(e.lowY) + abs(e.highY)) + 1e-30
                    let (x0, x1) = Geometry.window(e.lowX, e.highX, reach: reach)
                    let (y0, y1) = Geometry.window(e.lowY, e.highY, reach: reach)
                    let query = grid.cells(
                        lowX: x0 - slackX, highX: x1 + slackX, lowY: y0 - slackY, highY: y1 + slackY)
                    var suppressed = false
                    if query.count > Grid.largeCellCount {
                        for k in keep where suppressedBy(k, j) {
                            suppressed = true
                            break
                        }
                    } else {
                        for k in grid.large where suppressedBy(k, j) {
                            suppressed = true
                            break
                        }
                        search: for row in query.rows where !suppressed {
                            for column in query.columns {
                                var entry = grid.head[row * grid.columns + column]
                                while entry >= 0 {
                                    let k = Int(grid.entryBox[Int(entry)])
                                    entry = grid.next[Int(entry)]
                                    if stamp[k] == visit { continue }
                                    stamp[k] = visit
                                    if suppressedBy(k, j) {
                                        suppressed = true
                                        break search
                                    }
                                }
                            }
                        }
                    }
                    if !suppressed {
                        keep.append(j)
                        grid.register(
                            j, cells: grid.cells(lowX: e.lowX, highX: e.highX, lowY: e.lowY, highY: e.highY))
                    }
                }
                return keep
            }
        }

        /// Where along one axis a suppressor's extent must reach: `[low + t·W, high − t·W]`, or,
        /// when that is inverted (`t > 0.5`), the centre, which a suppressor's extent then covers.
        @inline(__always)
        static func window(_ low: Double, _ high: Double, reach: Double) -> (Double, Double) {
            let a = low + reach * (high - low)
            let b = high - reach * (high - low)
            if a <= b { return (a, b) }
            let centre = (low + high) / 2
            return (centre, centre)
        }

        /// The extent a box can overlap others through, `[min(x0, x1), max(x0, x1) + pad]` and
        /// likewise in y, in double precision (exact for float32 coordinates).
        @inline(__always)
        func extent(_ i: Int) -> (lowX: Double, highX: Double, lowY: Double, highY: Double) {
            let x0 = packed[5 * i]
            let y0 = packed[5 * i + 1]
            let x1 = packed[5 * i + 2]
            let y1 = packed[5 * i + 3]
            return (
                Double(min(x0, x1)), Double(max(x0, x1)) + Double(pad),
                Double(min(y0, y1)), Double(max(y0, y1)) + Double(pad)
            )
        }
    }

    /// A uniform grid over the candidates' extents holding the kept boxes in per-cell linked lists.
    /// The cell side is a third of the median extent side (of a sample of at most 256 boxes), so a
    /// typical kept box is registered in about 4 × 4 cells and a query near a box's centre reads
    /// one or two; a box covering more than ``largeCellCount`` cells goes to `large`, which every
    /// candidate scans.
    struct Grid {
        static let largeCellCount = 256
        static let cellsPerMedianSide: Double = 3

        struct Cells {
            var columns: ClosedRange<Int>
            var rows: ClosedRange<Int>
            var count: Int { columns.count * rows.count }
        }

        let originX: Double
        let originY: Double
        let cell: Double
        let columns: Int
        let rows: Int
        var head: [Int32]
        var next: [Int32] = []
        var entryBox: [Int32] = []
        var large: [Int] = []

        init(_ geometry: Geometry, candidates: [Int]) {
            var lowX = Double.infinity
            var lowY = Double.infinity
            var highX = -Double.infinity
            var highY = -Double.infinity
            var sides: [Double] = []
            let sampleStride = max(1, candidates.count / 255)
            for (position, i) in candidates.enumerated() {
                let e = geometry.extent(i)
                lowX = min(lowX, e.lowX)
                lowY = min(lowY, e.lowY)
                highX = max(highX, e.highX)
                highY = max(highY, e.highY)
                if position % sampleStride == 0 { sides.append(max(e.highX - e.lowX, e.highY - e.lowY)) }
            }
            sides.sort()
            let spanX = highX - lowX
            let spanY = highY - lowY
            var cell = max(sides[sides.count / 2] / Grid.cellsPerMedianSide, max(spanX, spanY) / 1024, 1e-30)
            let limit = 32 * candidates.count + 64
            while (Int(spanX / cell) + 1) * (Int(spanY / cell) + 1) > limit { cell *= 2 }
            originX = lowX
            originY = lowY
            self.cell = cell
            columns = Int(spanX / cell) + 1
            rows = Int(spanY / cell) + 1
            head = [Int32](repeating: -1, count: columns * rows)
        }

        /// The cells an axis-aligned region covers, clamped to the grid. The cell of a coordinate
        /// is a monotone function of it, so regions that overlap share a cell.
        @inline(__always)
        func cells(lowX: Double, highX: Double, lowY: Double, highY: Double) -> Cells {
            func index(_ v: Double, _ origin: Double, _ count: Int) -> Int {
                let raw = (v - origin) / cell
                return raw <= 0 ? 0 : min(Int(raw), count - 1)
            }
            return Cells(
                columns: index(lowX, originX, columns)...index(highX, originX, columns),
                rows: index(lowY, originY, rows)...index(highY, originY, rows))
        }

        mutating func register(_ i: Int, cells: Cells) {
            guard cells.count <= Grid.largeCellCount else {
                large.append(i)
                return
            }
            for row in cells.rows {
                for column in cells.columns {
                    let slot = row * columns + column
                    next.append(head[slot])
                    entryBox.append(Int32(i))
                    head[slot] = Int32(entryBox.count - 1)
                }
            }
        }
    }
}
