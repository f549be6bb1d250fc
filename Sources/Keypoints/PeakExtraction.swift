import FCOS

/// CenterNet's decoding (`ctdet_decode` in `src/lib/models/decode.py`), which replaces NMS:
///
/// 1. **peaks**: a cell survives when it equals the maximum of its 3 × 3 neighbourhood
///    (`max_pool2d(kernel 3, stride 1, padding 1)` then `hmax == heat`); every other cell becomes 0.
///    Equal neighbours on a plateau all survive;
/// 2. **top-K**: the K best cells of each class, then the K best of those `C·K`;
/// 3. **boxes**: centre = cell + offset, box = centre ∓ size/2, on the output grid.
///
/// When fewer than K cells are peaks, zeros fill the list, as `torch.topk` does; ties are taken in
/// index order (PyTorch leaves their order unspecified).
public enum PeakExtraction {
    /// One decoded detection on the output grid.
    public struct Detection: Hashable, Sendable {
        /// The decoded box on the output grid; ``OutputGrid/inputPoint(x:y:)`` carries it back to the
        /// input.
        public var box: Box
        /// The peak's heat-map value: the detection's confidence, since there is no NMS.
        public var score: Float
        /// The class whose heat map held the peak.
        public var label: Int
        /// The peak's column, where size and offset were read.
        public var cellX: Int
        /// The peak's row.
        public var cellY: Int
    }

    /// The heat map with every non-peak set to 0 (the 3 × 3 max-pool test).
    public static func peaks(_ map: HeatMap) -> HeatMap {
        var out = map
        for y in 0..<map.height {
            for x in 0..<map.width {
                let v = map[x, y]
                var m = v
                for ny in max(0, y - 1)...min(map.height - 1, y + 1) {
                    for nx in max(0, x - 1)...min(map.width - 1, x + 1) where map[nx, ny] > m {
                        m = map[nx, ny]
                    }
                }
                out[x, y] = m == v ? v : 0
            }
        }
        return out
    }

    /// Decodes `k` detections from per-class heat maps (probabilities), sizes `(w, h)` and offsets
    /// per cell (`sizes[i]`, `offsets[i]` for flat index `i`; `offsets` nil adds 0.5 as the
    /// reference does without `reg`).
    public static func decode(
        heatmaps: [HeatMap], sizes: [(width: Float, height: Float)],
        offsets: [(x: Float, y: Float)]?, k: Int = 100
    ) -> [Detection] {
        guard let first = heatmaps.first else { return [] }
        let cells = first.width * first.height
        let perClass = min(k, cells)
        var candidates: [(score: Float, label: Int, index: Int)] = []
        for (label, map) in heatmaps.enumerated() {
            let kept = peaks(map).values
            let order = kept.indices.sorted { kept[$0] > kept[$1] || (kept[$0] == kept[$1] && $0 < $1) }
            candidates += order.prefix(perClass).map { (kept[$0], label, $0) }
        }
        let best = candidates.indices.sorted {
            candidates[$0].score > candidates[$1].score
                || (candidates[$0].score == candidates[$1].score && $0 < $1)
        }.prefix(min(k, candidates.count))
        return best.map { c in
            let (score, label, index) = candidates[c]
            let x = index % first.width
            let y = index / first.width
            let offset: (x: Float, y: Float) = offsets.map { $0[index] } ?? (0.5, 0.5)
            let cx = Float(x) + offset.x
            let cy = Float(y) + offset.y
            let size = sizes[index]
            return Detection(
                box: Box(
                    x0: cx - size.width / 2, y0: cy - size.height / 2, x1: cx + size.width / 2,
                    y1: cy + size.height / 2),
                score: score, label: label, cellX: x, cellY: y)
        }
    }
}
