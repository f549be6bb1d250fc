/// How each reference picks the network-input size for an image before matching: the shorter
/// side to `minSize` (800), the longer side at most `maxSize` (1333), but each rounds its own
/// way, and the ±1 px differences move every location of the grid.
///
/// Padding to a multiple of 32 is not done here: the matcher's `FeatureSizeRule` does it.
public enum ResizeRule: String, Sendable, CaseIterable {
    /// maskrcnn-benchmark's `Resize.get_size` (official FCOS, `fcos_core/data/transforms/
    /// transforms.py`): if `max/min · 800 > 1333` the short side becomes
    /// `int(round(1333 · min / max))` (Python's round, half to even); an image whose short side
    /// already equals it is left alone; otherwise the long side is `int(size · long / short)`,
    /// floored. 640×480 → 1066×800. The floor can let the long side pass 1333 by a pixel
    /// (640×200 → 1334×417), as the original does.
    case maskrcnnBenchmark = "maskrcnn-benchmark"
    /// torchvision's `GeneralizedRCNNTransform`: one factor computed on float32 tensors,
    /// `min(800 / short, 1333 / long)`, then `interpolate(scale_factor=…,
    /// recompute_scale_factor=True)`, whose output size is `floor(side · factor)` in double.
    /// Because `800/480` rounds down in float32, 640×480 → 1066×799. That follows from the
    /// code (a Python float divided by a float32 0-dim tensor is computed in float32; `sym_int`
    /// truncates) and the float32 arithmetic was checked with NumPy, but not by running
    /// torchvision itself, which is not installed here.
    case torchvision
    /// detectron2's `ResizeShortestEdge`: in double, short → 800 and long → `800 · long / short`,
    /// both scaled down together if the long side passes 1333, each then `int(x + 0.5)`.
    /// 640×480 → 1067×800.
    case detectron2
    /// mmcv's `rescale_size` for mmdetection's `Resize(scale=(1333, 800), keep_ratio=True)`:
    /// `factor = min(1333 / long, 800 / short)` in double, each side `int(side · factor + 0.5)`.
    /// 640×480 → 1067×800.
    case mmdetection

    /// `(width, height)` of the resized image. Sizes from files and options are within
    /// ``InputLimits/imageSide``, where every step is exact as in the references; beyond it the
    /// arithmetic saturates instead of trapping.
    public func size(width w: Int, height h: Int, minSize: Int, maxSize: Int) -> (width: Int, height: Int) {
        switch self {
        case .maskrcnnBenchmark:
            var size = minSize
            let shortSide = Double(min(w, h))
            let longSide = Double(max(w, h))
            if longSide / shortSide * Double(size) > Double(maxSize) {
                size = Int(saturating: (Double(maxSize) * shortSide / longSide).rounded(.toNearestOrEven))
            }
            if (w <= h && w == size) || (h <= w && h == size) { return (w, h) }
            if w < h { return (size, Int(saturating: exactProduct(size, h) / Double(w))) }
            return (Int(saturating: exactProduct(size, w) / Double(h)), size)
        case .torchvision:
            let shortSide = Float(min(w, h))
            let longSide = Float(max(w, h))
            let factor = Double(min(Float(minSize) / shortSide, Float(maxSize) / longSide))
            return (
                Int(saturating: (Double(w) * factor).rounded(.down)),
                Int(saturating: (Double(h) * factor).rounded(.down))
            )
        case .detectron2:
            let size = Double(minSize)
            let scale = size / Double(min(h, w))
            var newH: Double
            var newW: Double
            if h < w {
                newH = size
                newW = scale * Double(w)
            } else {
                newH = scale * Double(h)
                newW = size
            }
            if max(newH, newW) > Double(maxSize) {
                let shrink = Double(maxSize) / max(newH, newW)
                newH *= shrink
                newW *= shrink
            }
            return (Int(saturating: newW + 0.5), Int(saturating: newH + 0.5))
        case .mmdetection:
            let longEdge = Double(max(minSize, maxSize))
            let shortEdge = Double(min(minSize, maxSize))
            let factor = min(longEdge / Double(max(h, w)), shortEdge / Double(min(h, w)))
            return (Int(saturating: Double(w) * factor + 0.5), Int(saturating: Double(h) * factor + 0.5))
        }
    }
}

/// Python's `size * h` on integers, then `/` (true division): exact below 2⁵³, and in Double
/// rather than an `Int` product that could overflow beyond.
private func exactProduct(_ a: Int, _ b: Int) -> Double {
    let (product, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? Double(a) * Double(b) : Double(product)
}

extension Int {
    /// `Int(d)` (truncation) where it is defined; NaN gives 0 and values beyond `Int`'s range
    /// its nearest end, so no size read from a file or an option can trap.
    init(saturating d: Double) {
        if d.isNaN {
            self = 0
        } else if d >= Double(Int.max) {
            self = .max
        } else if d <= Double(Int.min) {
            self = .min
        } else {
            self = Int(d)
        }
    }
}
