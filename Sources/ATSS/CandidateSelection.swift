import FCOS

/// Step 1 of ATSS: on each level, the `k` anchors whose centres lie nearest the box centre
/// (`loss.py` `prepare_targets`: `topk(min(k, n_l), largest=False)` of the L2 distance between
/// anchor centre and box centre; mmdetection `ATSSAssigner.assign`, the same).
///
/// Distances are computed as the references compute them, in float32:
/// `sqrt((ax − gx)² + (ay − gy)²)`, with the box centre `((x0 + x1)/2, (y0 + y1)/2)`.
///
/// **Ties.** On a regular grid many anchors share a distance: a box centred on a cell corner has
/// 4 anchors at `√0.5·s` and then 8 at `√2.5·s`, so `k = 9` cuts through the eight. `torch.topk`
/// does not say which of the tied anchors it returns, so neither reference is reproducible there.
/// This toolkit's rule: **among equal distances the lower flat index (row-major, x fastest) comes
/// first**. Whenever the cut at the `k`-th distance splits a group of equal distances,
/// ``DistanceTie`` records it so that explanations and figures can say so.
public enum CandidateSelection {
    /// One selected anchor: its flat index on the level and its distance to the box centre.
    public struct Nearest: Hashable, Sendable {
        /// Flat index on the level (row-major, x fastest), the tie-breaker among equal distances.
        public var index: Int
        /// Float32 distance to the box centre, as the references compute it.
        public var distance: Float

        /// A selected anchor, for tests that state the expected candidates.
        public init(index: Int, distance: Float) {
            self.index = index
            self.distance = distance
        }
    }

    /// The float32 distance the references compute between an anchor centre and a box centre.
    /// A box so large that its centre overflows float32 would give NaN; it is taken as +∞ (as
    /// far as can be) so that the ordering stays total.
    @inline(__always)
    public static func distance(_ a: Point, _ g: Point) -> Float {
        let dx = a.x - g.x
        let dy = a.y - g.y
        let d = (dx * dx + dy * dy).squareRoot()
        return d.isNaN ? .infinity : d
    }

    /// The plain rule, for reading and for tests: every anchor of the level, sorted by distance
    /// then flat index, the first `min(k, n_l)` kept.
    public static func nearestPlain(on map: FeatureMap, to center: Point, k: Int) -> (
        [Nearest], DistanceTie?
    ) {
        let all = (0..<map.count).map { Nearest(index: $0, distance: distance(map.location(at: $0), center)) }
        return cut(all.sorted(by: precedes), k: k)
    }

    /// The same answer from a window of cells around the box centre. Every anchor outside the
    /// window lies at least as far as the window's nearest outside row or column, and that bound
    /// is computed with the same float32 operations; while it does not exceed the `k`-th distance
    /// inside, each such side is pushed out past that distance and the window searched again
    /// (the `k`-th distance only shrinks, so two or three rounds suffice, even for a centre far
    /// outside the image). The result equals ``nearestPlain(on:to:k:)``, ties included.
    public static func nearest(on map: FeatureMap, to center: Point, k: Int) -> ([Nearest], DistanceTie?) {
        let count = min(k, map.count)
        guard count > 0 else { return ([], nil) }
        let column = nearestCell(center.x, offset: map.x(column: 0), step: map.stepX, size: map.width)
        let row = nearestCell(center.y, offset: map.y(row: 0), step: map.stepY, size: map.height)
        var radius = 1
        while (2 * radius - 1) * (2 * radius - 1) < count { radius += 1 }
        var c0 = max(0, column - radius)
        var c1 = min(map.width - 1, column + radius)
        var r0 = max(0, row - radius)
        var r1 = min(map.height - 1, row + radius)
        var window: [Nearest] = []
        while true {
            window.removeAll(keepingCapacity: true)
            for i in r0...r1 {
                let y = map.y(row: i)
                for j in c0...c1 {
                    window.append(
                        Nearest(
                            index: i * map.width + j,
                            distance: distance(Point(x: map.x(column: j), y: y), center)))
                }
            }
            let nearest = smallest(window, count: count)
            if window.count == map.count { return (nearest, tie(in: window, after: nearest)) }
            let kth = nearest.count >= count ? nearest[count - 1].distance : .infinity
            guard kth.isFinite else {
                (c0, c1, r0, r1) = (0, map.width - 1, 0, map.height - 1)
                continue
            }
            var grown = false
            if c0 > 0 && axisDistance(map.x(column: c0 - 1), center.x) <= kth {
                c0 = max(0, min(c0 - 1, cell(center.x - kth, offset: map.x(column: 0), step: map.stepX) - 1))
                grown = true
            }
            if c1 < map.width - 1 && axisDistance(map.x(column: c1 + 1), center.x) <= kth {
                c1 = min(
                    map.width - 1,
                    max(c1 + 1, cell(center.x + kth, offset: map.x(column: 0), step: map.stepX) + 1))
                grown = true
            }
            if r0 > 0 && axisDistance(map.y(row: r0 - 1), center.y) <= kth {
                r0 = max(0, min(r0 - 1, cell(center.y - kth, offset: map.y(row: 0), step: map.stepY) - 1))
                grown = true
            }
            if r1 < map.height - 1 && axisDistance(map.y(row: r1 + 1), center.y) <= kth {
                r1 = min(
                    map.height - 1,
                    max(r1 + 1, cell(center.y + kth, offset: map.y(row: 0), step: map.stepY) + 1))
                grown = true
            }
            if !grown { return (nearest, tie(in: window, after: nearest)) }
        }
    }

    /// The first `count` of `items` in (distance, index) order, without sorting them all: a
    /// sorted buffer that most items fail to enter with one comparison.
    static func smallest(_ items: [Nearest], count: Int) -> [Nearest] {
        var best: [Nearest] = []
        best.reserveCapacity(count + 1)
        for item in items {
            if best.count == count {
                guard precedes(item, best[count - 1]) else { continue }
                best.removeLast()
            }
            var i = best.count
            while i > 0 && precedes(item, best[i - 1]) { i -= 1 }
            best.insert(item, at: i)
        }
        return best
    }

    /// The tie at the cut: items at the last kept distance that were not kept.
    static func tie(in items: [Nearest], after kept: [Nearest]) -> DistanceTie? {
        guard let last = kept.last else { return nil }
        let leftOut = items.filter { $0.distance == last.distance && $0.index > last.index }.map(\.index)
            .sorted()
        guard !leftOut.isEmpty else { return nil }
        let admitted = kept.reduce(0) { $0 + ($1.distance == last.distance ? 1 : 0) }
        return DistanceTie(distance: last.distance, admitted: admitted, leftOutIndices: leftOut)
    }

    /// The cell index (unclamped, floored) at coordinate `v`.
    static func cell(_ v: Float, offset: Float, step: Int) -> Int {
        let t = ((v - offset) / Float(step)).rounded(.down)
        guard t.isFinite else { return t < 0 ? Int.min / 2 : Int.max / 2 }
        return Int(max(-1e9, min(1e9, t)))
    }

    @inline(__always)
    static func axisDistance(_ a: Float, _ g: Float) -> Float {
        let d = a - g
        let r = (d * d + 0).squareRoot()
        return r.isNaN ? .infinity : r
    }

    @inline(__always)
    static func precedes(_ a: Nearest, _ b: Nearest) -> Bool {
        a.distance != b.distance ? a.distance < b.distance : a.index < b.index
    }

    static func nearestCell(_ v: Float, offset: Float, step: Int, size: Int) -> Int {
        let t = ((v - offset) / Float(step)).rounded()
        guard t.isFinite else { return 0 }
        return Int(max(0, min(Float(size - 1), t)))
    }

    /// The first `k` of an ordered list, and the tie at the cut if the cut splits equal distances.
    static func cut(_ ordered: [Nearest], k: Int) -> ([Nearest], DistanceTie?) {
        let count = min(k, ordered.count)
        guard count > 0 else { return ([], nil) }
        let kept = Array(ordered.prefix(count))
        let last = kept[count - 1].distance
        var leftOut: [Int] = []
        var i = count
        while i < ordered.count && ordered[i].distance == last {
            leftOut.append(ordered[i].index)
            i += 1
        }
        guard !leftOut.isEmpty else { return (kept, nil) }
        let admitted = kept.reduce(0) { $0 + ($1.distance == last ? 1 : 0) }
        return (kept, DistanceTie(distance: last, admitted: admitted, leftOutIndices: leftOut))
    }
}

/// The cut at the `k`-th distance split a group of anchors at the same distance: `admitted` of
/// them became candidates by the lower-index rule, the anchors at `leftOutIndices` did not. The
/// reference's `topk` may choose differently, so positives near such a box are not reproducible
/// bit for bit (see ``LevelCandidates/tieCanChangePositives`` for when the choice is harmless).
public struct DistanceTie: Hashable, Sendable {
    /// The distance shared by the tied anchors: the `k`-th candidate's.
    public var distance: Float
    /// How many tied anchors became candidates by the lower-index rule.
    public var admitted: Int
    /// Flat indices of the tied anchors that were not taken, in index order.
    public var leftOutIndices: [Int]

    /// A tie stated by hand, for tests.
    public init(distance: Float, admitted: Int, leftOutIndices: [Int]) {
        self.distance = distance
        self.admitted = admitted
        self.leftOutIndices = leftOutIndices
    }

    /// How many tied anchors were not taken: the size of the choice `torch.topk` leaves open.
    public var leftOut: Int { leftOutIndices.count }
}
