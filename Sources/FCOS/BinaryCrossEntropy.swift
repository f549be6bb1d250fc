#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Binary cross-entropy on a logit `x` against a target probability `z ∈ [0, 1]`:
///
/// ```
/// BCE(x, z) = −z·log σ(x) − (1 − z)·log(1 − σ(x))
///           = max(x, 0) − x·z + log(1 + exp(−|x|))
/// ```
///
/// FCOS trains its centerness branch with it (the paper's §3.3: "binary cross entropy loss",
/// targets from Eq. 3, which are soft, so `z` need not be 0 or 1), and the focal loss is a
/// reweighted BCE. The second form never exponentiates a positive number, so it stays finite for
/// logits of ±1e4, where `log σ(x)` written directly gives `log 0 = −∞`.
///
/// Agreement with the references: PyTorch's `binary_cross_entropy_with_logits` evaluates the
/// same quantity as `(1 − z)·x − log_sigmoid(x)`. For `z ∈ {0, 1}` both arrangements agree except
/// where the exact loss is below half an ulp of `|x|` (e.g. `x = −20, z = 0`), where PyTorch's
/// cancellation returns 0 and this returns the tiny correct value. For soft targets PyTorch's
/// float32 `(1 − z)·x` cancels too; here the sum is formed in double precision. `exp(−|x|)` is a
/// vectorised float32 polynomial within 1.2 ulps and the loss is within 1.6 ulps of the exact
/// value (measured over 2·10⁷ logits), the accuracy class of the Sleef kernels PyTorch uses on CPU
/// and of CUDA's `expf`/`log1pf`; results agree with PyTorch's to a few ulps, not bit for bit.
public enum BinaryCrossEntropy {
    /// The loss of one logit against one target.
    public static func value(logit: Float, target: Float) -> Float {
        let x = LogisticKernel.Lanes(repeating: logit)
        let z = LogisticKernel.Lanes(repeating: target)
        return LogisticKernel.crossEntropy(x, z, LogisticKernel.terms(x))[0]
    }

    /// The element-wise losses; `logits` and `targets` have the same length.
    public static func elements(logits: [Float], targets: [Float]) -> [Float] {
        precondition(logits.count == targets.count, "one target per logit")
        return LogisticKernel.map(logits: logits, targets: targets) { x, z in
            LogisticKernel.crossEntropy(x, z, LogisticKernel.terms(x))
        }
    }

    /// The loss under `reduction`, as `binary_cross_entropy_with_logits(…, reduction=…)`.
    public static func loss(logits: [Float], targets: [Float], reduction: Reduction) -> [Float] {
        switch reduction {
        case .none: return elements(logits: logits, targets: targets)
        case .sum: return [sum(logits: logits, targets: targets)]
        case .mean:
            guard !logits.isEmpty else { return [.nan] }
            return [Float(Double(sum(logits: logits, targets: targets)) / Double(logits.count))]
        }
    }

    /// `Σ BCE(xᵢ, zᵢ)` without materialising the element array: what the official code's
    /// `BCEWithLogitsLoss(reduction="sum")` returns for the centerness branch.
    public static func sum(logits: [Float], targets: [Float]) -> Float {
        precondition(logits.count == targets.count, "one target per logit")
        return Float(
            LogisticKernel.sum(logits: logits, targets: targets) { x, z in
                LogisticKernel.crossEntropy(x, z, LogisticKernel.terms(x))
            })
    }
}

/// The shared float32 kernel behind ``BinaryCrossEntropy`` and ``FocalLoss``: from a logit it
/// computes `e = exp(−|x|)` once and derives both `log(1 + e)` and `σ(x)` from it, eight lanes at
/// a time. A lane's result depends only on that lane's input, so the scalar entry points (which
/// broadcast one value) agree bit for bit with the array ones.
enum LogisticKernel {
    typealias Lanes = SIMD8<Float>

    struct Terms {
        /// `exp(−|x|)`, in `(0, 1]`.
        var e: Lanes
        /// `log(1 + e)`, in double precision (accurate to float32 rounding, not to double).
        var tail: SIMD8<Double>
        /// `σ(x)`.
        var p: Lanes
    }

    private static let log2e: Float = 1.442_695_04
    // ln 2 split so that `k · ln2Hi` is exact for |k| ≤ 127 (Cody–Waite range reduction).
    private static let ln2Hi: Float = 0.693_145_751_953_125
    private static let ln2Lo: Float = 1.428_606_820_309_417_2e-6
    // 1.5 · 2²³: adding it rounds a float of magnitude below 2²² to an integer.
    private static let roundingShift: Float = 12_582_912

    @inline(__always)
    static func terms(_ x: Lanes) -> Terms {
        let magnitude = unsafeBitCast(unsafeBitCast(x, to: SIMD8<UInt32>.self) & 0x7FFF_FFFF, to: Lanes.self)
        let t = -magnitude

        // exp(t) = 2^k · exp(r), |r| ≤ ln2/2, exp(r) by its Taylor polynomial of degree 7
        // (truncation below 6e-9 relative).
        let shifted = t * log2e + roundingShift
        let k = shifted - roundingShift
        let r = (t - k * ln2Hi) - k * ln2Lo
        let c2: Float = 1 / 2
        let c3: Float = 1 / 6
        let c4: Float = 1 / 24
        let c5: Float = 1 / 120
        let c6: Float = 1 / 720
        let c7: Float = 1 / 5040
        var y = r * c7 + c6
        y = y * r + c5
        y = y * r + c4
        y = y * r + c3
        y = y * r + c2
        y = y * r + 1
        y = y * r + 1
        let exponent =
            unsafeBitCast(shifted, to: SIMD8<Int32>.self)
            &- unsafeBitCast(Lanes(repeating: roundingShift), to: SIMD8<Int32>.self)
        var e = y * unsafeBitCast((exponent &+ 127) &<< 23, to: Lanes.self)
        // Below e^-87 the power of two leaves the normal range; NaN and ±∞ land here too.
        let outside = .!(magnitude .< 87)
        if any(outside) {
            for lane in 0..<Lanes.scalarCount where outside[lane] {
                e[lane] = expf(t[lane])
            }
        }

        // log(1 + e) = 2·atanh(s) = 2s + 2s·w·(1/3 + w/5 + … + w⁶/15), s = e / (2 + e) ∈ [0, 1/3],
        // w = s²: the series to s¹⁵ leaves under 2e-9 relative and never cancels, even for tiny e.
        // The leading 2s is formed in double precision; the rest is under 4% of the total, so
        // float32 suffices for it. The result stays in double until the cross-entropy rounds it.
        let ed = SIMD8<Double>(e)
        let sd = ed / (2 + ed)
        let s = Lanes(sd)
        let w = s * s
        let d1: Float = 1 / 3
        let d2: Float = 1 / 5
        let d3: Float = 1 / 7
        let d4: Float = 1 / 9
        let d5: Float = 1 / 11
        let d6: Float = 1 / 13
        let d7: Float = 1 / 15
        var q = w * d7 + d6
        q = q * w + d5
        q = q * w + d4
        q = q * w + d3
        q = q * w + d2
        q = q * w + d1
        let tail = (sd + sd) + SIMD8<Double>((s + s) * (w * q))

        let numerator = Lanes(repeating: 1).replacing(with: e, where: x .< 0)
        return Terms(e: e, tail: tail, p: numerator / (1 + e))
    }

    /// `max(x, 0) − x·z + log(1 + exp(−|x|))`, evaluated in double precision and rounded once:
    /// for a soft target `max(x, 0) − x·z` can cancel (x = 3, z = 0.99 leaves 0.03), and float32
    /// would lose the digits the result is made of.
    @inline(__always)
    static func crossEntropy(_ x: Lanes, _ z: Lanes, _ terms: Terms) -> Lanes {
        let positivePart = SIMD8<Double>(x.replacing(with: 0, where: x .< 0))
        return Lanes(positivePart - SIMD8<Double>(x) * SIMD8<Double>(z) + terms.tail)
    }

    /// Applies `body` to `logits` (and `targets`, or zeros when `nil`) eight at a time.
    @inline(__always)
    static func map(logits: [Float], targets: [Float]?, _ body: (Lanes, Lanes) -> Lanes) -> [Float] {
        let count = logits.count
        return [Float](unsafeUninitializedCapacity: count) { output, initialized in
            logits.withUnsafeBufferPointer { xs in
                withOptionalBuffer(targets) { zs in
                    var start = 0
                    while start + Lanes.scalarCount <= count {
                        let v = body(load(xs, start), zs.map { load($0, start) } ?? Lanes())
                        UnsafeMutableRawPointer(output.baseAddress! + start).storeBytes(of: v, as: Lanes.self)
                        start += Lanes.scalarCount
                    }
                    if start < count {
                        let v = body(loadPartial(xs, start), zs.map { loadPartial($0, start) } ?? Lanes())
                        for lane in 0..<(count - start) { output[start + lane] = v[lane] }
                    }
                }
            }
            initialized = count
        }
    }

    /// `Σ body(xᵢ, zᵢ)` accumulated in `Double`, never storing the element values.
    @inline(__always)
    static func sum(logits: [Float], targets: [Float]?, _ body: (Lanes, Lanes) -> Lanes) -> Double {
        let count = logits.count
        return logits.withUnsafeBufferPointer { xs in
            withOptionalBuffer(targets) { zs in
                var accumulator = SIMD8<Double>()
                var start = 0
                while start + Lanes.scalarCount <= count {
                    accumulator += SIMD8<Double>(body(load(xs, start), zs.map { load($0, start) } ?? Lanes()))
                    start += Lanes.scalarCount
                }
                var total = accumulator.sum()
                if start < count {
                    let v = body(loadPartial(xs, start), zs.map { loadPartial($0, start) } ?? Lanes())
                    for lane in 0..<(count - start) { total += Double(v[lane]) }
                }
                return total
            }
        }
    }

    @inline(__always)
    static func load(_ buffer: UnsafeBufferPointer<Float>, _ start: Int) -> Lanes {
        UnsafeRawPointer(buffer.baseAddress! + start).loadUnaligned(as: Lanes.self)
    }

    /// The elements from `start` to the end of `buffer`, fewer than eight, padded with zeros.
    @inline(__always)
    static func loadPartial(_ buffer: UnsafeBufferPointer<Float>, _ start: Int) -> Lanes {
        var v = Lanes()
        for lane in 0..<(buffer.count - start) { v[lane] = buffer[start + lane] }
        return v
    }

    @inline(__always)
    private static func withOptionalBuffer<R>(
        _ array: [Float]?, _ body: (UnsafeBufferPointer<Float>?) -> R
    ) -> R {
        guard let array else { return body(nil) }
        return array.withUnsafeBufferPointer { body($0) }
    }
}
