import FCOS

// Focal loss (paper §3.1, RetinaNet's FL with α = 0.25, γ = 2) for one logit.
let easyNegative = FocalLoss.value(logit: -4.6, target: 0)  // p ≈ 0.01
let hardPositive = FocalLoss.value(logit: -1, target: 1)  // p ≈ 0.27
print(easyNegative, hardPositive)
