/// CornerNet's associative-embedding loss (Eq. 4–5), on the 1-D embeddings the network predicted
/// at each object's two corners: `e_t` at its top-left, `e_b` at its bottom-right, `e_k` their mean.
///
/// ```
/// L_pull = 1/N Σ_k [(e_tk − e_k)² + (e_bk − e_k)²]
/// L_push = 1/(N(N − 1)) Σ_k Σ_{j≠k} max(0, Δ − |e_k − e_j|),   Δ = 1
/// ```
///
/// Pull makes an object's corners agree; push keeps different objects' means at least Δ apart,
/// which is how a top-left corner finds its bottom-right partner at test time (a pair is kept
/// when `|e_t − e_b|` is under `ae_threshold` 0.5).
///
/// Evaluated as `_ae_loss` in `models/py_utils/kp_utils.py` does it, in float32: every term is
/// divided by `N + 1e−4` (pull) or `N(N − 1) + 1e−4` (push), and push runs over all `N²` ordered
/// pairs *including* `j = k`, each diagonal term `1` offset by subtracting `1/(N + 1e−4)` from every
/// pair. For `N ≥ 2` the offsets cancel the diagonal to within `1e−4`; for `N = 1` nothing
/// cancels the `1e−4` denominators and push comes out near 1 (1.00017 in float32) for a lone object
/// that has nothing to be pushed from. The training loss weights both terms by 0.1 (the paper's
/// α = β = 0.1); the values here are unweighted.
public enum EmbeddingLoss {
    /// `Δ`, the distance push demands between two objects' mean embeddings.
    public static let margin: Float = 1

    /// Pull and push for one image's `N` objects (`topLeft[k]`, `bottomRight[k]` for object `k`).
    public static func pullPush(topLeft: [Float], bottomRight: [Float]) -> (pull: Float, push: Float) {
        precondition(topLeft.count == bottomRight.count, "two corners per object")
        let n = Float(topLeft.count)
        let means = zip(topLeft, bottomRight).map { ($0 + $1) / 2 }
        var pull: Float = 0
        for k in means.indices {
            let a = topLeft[k] - means[k]
            let b = bottomRight[k] - means[k]
            pull += (a * a) / (n + 1e-4)
            pull += (b * b) / (n + 1e-4)
        }
        let pairs = (n - 1) * n
        var push: Float = 0
        for j in means.indices {
            for k in means.indices {
                var d = max(0, margin - abs(means[k] - means[j]))
                d = d - 1 / (n + 1e-4)
                d = d / (pairs + 1e-4)
                push += d
            }
        }
        return (pull, push)
    }
}
