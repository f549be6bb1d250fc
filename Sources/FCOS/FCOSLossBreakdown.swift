/// The sums and divisors of one FCOS loss evaluation (``FCOSLoss/breakdown(_:rules:normalizer:)``).
///
/// Each term is `sum ÷ divisor`, divided in float32 exactly as ``FCOSLoss/compute(_:rules:normalizer:)``
/// divides, so `value` is bit for bit the loss `compute` returns. The divisors are where the
/// references differ most (official: `max(N_pos, 1)` and `Σ ctr*`; torchvision: `max(N_pos, 1)`
/// for all three; mmdetection adds float32's epsilon), and they are easy to get wrong.
public struct FCOSLossBreakdown: Hashable, Sendable {
    /// `N_pos`, the locations with a class target, before any `max(·, 1)`.
    public var positiveCount: Int
    /// `Σ ctr*` over the positives (Eq. 3 on their targets), whether or not the rules use it.
    public var centernessTargetSum: Float
    /// Focal loss summed over every location and class.
    public var classificationSum: Float
    /// The positives' regression losses summed, each weighted by its centerness target when
    /// ``regressionIsWeighted``; 0 with no positive.
    public var regressionSum: Float
    /// Centerness BCE summed over the positives.
    public var centernessSum: Float
    /// What the focal-loss sum is divided by: `max(N_pos, 1)` in the official code, `N_pos` or
    /// the number of locations elsewhere, per ``LossRules/Normalization``.
    public var classificationDivisor: Float
    /// What the box-loss sum is divided by: the sum of centerness targets when the loss is weighted
    /// by them (official), else the positives.
    public var regressionDivisor: Float
    /// What the centerness BCE sum is divided by: the positives.
    public var centernessDivisor: Float
    /// Whether ``regressionSum`` is `Σ ctr*·L_reg` (official, mmdetection) or plain `Σ L_reg`.
    public var regressionIsWeighted: Bool

    /// A breakdown from its sums and divisors.
    public init(
        positiveCount: Int, centernessTargetSum: Float, classificationSum: Float, regressionSum: Float,
        centernessSum: Float, classificationDivisor: Float, regressionDivisor: Float,
        centernessDivisor: Float, regressionIsWeighted: Bool
    ) {
        self.positiveCount = positiveCount
        self.centernessTargetSum = centernessTargetSum
        self.classificationSum = classificationSum
        self.regressionSum = regressionSum
        self.centernessSum = centernessSum
        self.classificationDivisor = classificationDivisor
        self.regressionDivisor = regressionDivisor
        self.centernessDivisor = centernessDivisor
        self.regressionIsWeighted = regressionIsWeighted
    }

    /// The three terms and their total.
    public var value: FCOSLossValue {
        FCOSLossValue(
            classification: classificationSum / classificationDivisor,
            regression: positiveCount == 0 ? 0 : regressionSum / regressionDivisor,
            centerness: positiveCount == 0 ? 0 : centernessSum / centernessDivisor)
    }
}
