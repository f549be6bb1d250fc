/// How a loss turns its per-element values into what it returns, with PyTorch's names and
/// meanings (`reduction="none" | "sum" | "mean"`), because every reference passes one of these
/// strings to `sigmoid_focal_loss`, `generalized_box_iou_loss` or `binary_cross_entropy_with_logits`.
///
/// - `none`: the element-wise losses, one per input element.
/// - `sum`: their sum.
/// - `mean`: their sum divided by the element count. Like `torch.Tensor.mean`, the mean of no
///   elements is NaN; losses that special-case it (torchvision's GIoU loss returns 0) say so.
///
/// Sums are accumulated in `Double` and rounded to `Float` once. PyTorch sums float32 tensors with
/// a blocked pairwise float32 summation, so a sum over many elements can differ from the
/// reference's in the last few bits; it is never less accurate.
public enum Reduction: String, Sendable, CaseIterable {
    /// One value per element.
    case none
    /// The sum of the elements.
    case sum
    /// The sum divided by the element count (NaN for no elements, as in PyTorch).
    case mean

    /// Applies the reduction to element-wise losses: `.none` returns them unchanged, `.sum` and
    /// `.mean` return a one-element array, as the references return a zero-dimensional tensor.
    public func reduce(_ elements: [Float]) -> [Float] {
        switch self {
        case .none: return elements
        case .sum: return [Reduction.sum(elements)]
        case .mean: return [Reduction.mean(elements)]
        }
    }

    /// The sum of `elements`, accumulated in `Double`.
    public static func sum(_ elements: [Float]) -> Float {
        var total: Double = 0
        for value in elements { total += Double(value) }
        return Float(total)
    }

    /// The mean of `elements`, or NaN when there are none (as `torch.mean` of an empty tensor).
    public static func mean(_ elements: [Float]) -> Float {
        guard !elements.isEmpty else { return .nan }
        var total: Double = 0
        for value in elements { total += Double(value) }
        return Float(total / Double(elements.count))
    }
}
