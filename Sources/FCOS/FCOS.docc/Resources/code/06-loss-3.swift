import FCOS

// Focal loss (paper §3.1, RetinaNet's FL with α = 0.25, γ = 2) for one logit.
let easyNegative = FocalLoss.value(logit: -4.6, target: 0)  // p ≈ 0.01
let hardPositive = FocalLoss.value(logit: -1, target: 1)  // p ≈ 0.27
print(easyNegative, hardPositive)

// γ = 0 is plain (α-weighted) cross-entropy: the easy negative then weighs far more.
print(FocalLoss.value(logit: -4.6, target: 0, gamma: 0))

// The box loss compares predicted and target distances at the same location.
let target = LTRB(l: 34, t: 58, r: 136, b: 162)
let prediction = LTRB(l: 40, t: 50, r: 120, b: 170)
for kind in IoULossKind.allCases {
    print(kind, IoULoss.value(prediction: prediction, target: target, kind: kind))
}
