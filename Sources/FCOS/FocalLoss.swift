#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The sigmoid focal loss of Lin et al. (RetinaNet), which FCOS uses for classification (the
/// paper's Eq. 2, `L_cls`), element by element over the `N × C` logits:
///
/// ```
/// p   = σ(x)
/// p_t = p·z + (1 − p)·(1 − z)
/// FL  = α_t · (1 − p_t)^γ · BCE(x, z),   α_t = α·z + (1 − α)·(1 − z)
/// ```
///
/// The factor `(1 − p_t)^γ` shrinks the loss of the many easy background locations, which is why
/// a dense detector can train on every location without sampling. This follows torchvision's
/// `ops.sigmoid_focal_loss` operation for operation (it is what torchvision, detectron2 via
/// fvcore, and EECS 498 call; mmdetection's `FocalLoss` is the same function): the α weighting is
/// applied only when `α ≥ 0`, so `α = −1` switches it off, and with `γ = 0, α = −1` the loss *is*
/// ``BinaryCrossEntropy`` bit for bit. `(1 − p_t)^γ` is computed as PyTorch's `pow` does for its
/// special exponents: `γ = 0` multiplies by exactly 1, `γ = 1` by the base, `γ = 2` squares,
/// `γ = 3` cubes, `γ = 0.5` takes a square root; anything else calls `powf`.
///
/// Where the GPU kernels differ: the official FCOS kernel (`SigmoidFocalLoss_cuda.cu`) evaluates
/// the positive term as `(1 − p)^γ · log(max(p, FLT_MIN))`, so a positive with a logit below
/// about −87 saturates near 87·α where this keeps growing like `|x|`; mmcv's classic kernel (which
/// mmdetection's `FocalLoss` runs on GPU) also clamps `log(max(1 − p, FLT_MIN))`, and `1 − p`
/// rounds to 0 above a logit of about 17, so its negatives saturate there too (newer mmcv forms the
/// log-probabilities stably, as here). Elsewhere they agree to float32 rounding.
///
/// Performance: `exp(−|x|)` is computed once per element and serves both `σ(x)` and
/// `log(1 + exp(−|x|))`; eight elements are processed per step, and the `sum` entry points never
/// store the element values.
public enum FocalLoss {
    /// The loss of one logit against one target.
    public static func value(logit: Float, target: Float, alpha: Float = 0.25, gamma: Float = 2) -> Float {
        let kernel = Kernel(alpha: alpha, gamma: gamma)
        return kernel(LogisticKernel.Lanes(repeating: logit), LogisticKernel.Lanes(repeating: target))[0]
    }

    /// The element-wise losses (`reduction="none"`); `targets` has one value in `[0, 1]` per logit.
    public static func elements(
        logits: [Float], targets: [Float], alpha: Float = 0.25, gamma: Float = 2
    ) -> [Float] {
        precondition(logits.count == targets.count, "one target per logit")
        let kernel = Kernel(alpha: alpha, gamma: gamma)
        return LogisticKernel.map(logits: logits, targets: targets) { kernel($0, $1) }
    }

    /// The loss under `reduction`, as `sigmoid_focal_loss(…, reduction=…)`.
    public static func loss(
        logits: [Float], targets: [Float], alpha: Float = 0.25, gamma: Float = 2, reduction: Reduction
    ) -> [Float] {
        switch reduction {
        case .none: return elements(logits: logits, targets: targets, alpha: alpha, gamma: gamma)
        case .sum: return [sum(logits: logits, targets: targets, alpha: alpha, gamma: gamma)]
        case .mean:
            guard !logits.isEmpty else { return [.nan] }
            let total = Double(sum(logits: logits, targets: targets, alpha: alpha, gamma: gamma))
            return [Float(total / Double(logits.count))]
        }
    }

    /// `Σ FL(xᵢ, zᵢ)` (`reduction="sum"`) without materialising the element array.
    public static func sum(
        logits: [Float], targets: [Float], alpha: Float = 0.25, gamma: Float = 2
    ) -> Float {
        precondition(logits.count == targets.count, "one target per logit")
        let kernel = Kernel(alpha: alpha, gamma: gamma)
        return Float(LogisticKernel.sum(logits: logits, targets: targets) { kernel($0, $1) })
    }

    /// `Σ FL` over `N × C` row-major logits whose one-hot targets are given by class index: row `i`
    /// has target 1 in column `labels[i]` and 0 elsewhere, and a negative label (background) makes
    /// the whole row 0. This is how every FCOS reference feeds the loss (the official code passes
    /// labels `1…C` with 0 for background; torchvision and detectron2 build the one-hot matrix);
    /// here the one-hot matrix is never built: the sum runs over all-zero targets and each positive
    /// element is then corrected from its `z = 0` value to its `z = 1` value.
    public static func sum(
        logits: [Float], labels: [Int], classCount: Int, alpha: Float = 0.25, gamma: Float = 2
    ) -> Float {
        precondition(classCount > 0 && logits.count == labels.count * classCount, "logits must be N × C")
        let kernel = Kernel(alpha: alpha, gamma: gamma)
        var total = LogisticKernel.sum(logits: logits, targets: nil) { kernel($0, $1) }
        var corrections = LogisticKernel.Lanes()
        var positives = 0
        func flush() {
            let asPositive = kernel(corrections, LogisticKernel.Lanes(repeating: 1))
            let asBackground = kernel(corrections, LogisticKernel.Lanes())
            for lane in 0..<positives { total += Double(asPositive[lane]) - Double(asBackground[lane]) }
            positives = 0
        }
        for (row, label) in labels.enumerated() where label >= 0 {
            precondition(label < classCount, "label \(label) outside 0..<\(classCount)")
            corrections[positives] = logits[row * classCount + label]
            positives += 1
            if positives == LogisticKernel.Lanes.scalarCount { flush() }
        }
        if positives > 0 { flush() }
        return Float(total)
    }

    /// The per-lane loss for fixed `α` and `γ`.
    struct Kernel {
        enum Exponent {
            case zero, half, one, two, three
            case general(Float)
        }

        let alpha: Float
        let complementAlpha: Float
        let exponent: Exponent

        init(alpha: Float, gamma: Float) {
            self.alpha = alpha
            // PyTorch forms `1 − α` from the Python float, in double precision.
            complementAlpha = Float(1 - Double(alpha))
            switch gamma {
            case 0: exponent = .zero
            case 0.5: exponent = .half
            case 1: exponent = .one
            case 2: exponent = .two
            case 3: exponent = .three
            default: exponent = .general(gamma)
            }
        }

        @inline(__always)
        func callAsFunction(_ x: LogisticKernel.Lanes, _ z: LogisticKernel.Lanes) -> LogisticKernel.Lanes {
            let terms = LogisticKernel.terms(x)
            let crossEntropy = LogisticKernel.crossEntropy(x, z, terms)
            let p = terms.p
            let pt = p * z + (1 - p) * (1 - z)
            let base = 1 - pt
            var loss: LogisticKernel.Lanes
            switch exponent {
            case .zero: loss = crossEntropy * 1
            case .half: loss = crossEntropy * base.squareRoot()
            case .one: loss = crossEntropy * base
            case .two: loss = crossEntropy * (base * base)
            case .three: loss = crossEntropy * (base * base * base)
            case .general(let gamma):
                var factor = LogisticKernel.Lanes()
                for lane in 0..<LogisticKernel.Lanes.scalarCount { factor[lane] = powf(base[lane], gamma) }
                loss = crossEntropy * factor
            }
            if alpha >= 0 {
                loss = (alpha * z + complementAlpha * (1 - z)) * loss
            }
            return loss
        }
    }
}
