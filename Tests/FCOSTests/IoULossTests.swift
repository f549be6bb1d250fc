import Foundation
import RealModule
import Testing

@testable import FCOS

@Suite struct IoULossTests {
    @Test func identicalDistancesCostNothing() {
        // l = t = r = b = 5: A = 10 · 10 = 100 on both sides, I = 100, U = 100.
        // IoU = (100 + 1) / (100 + 1) = 1 → −log 1 = 0, 1 − 1 = 0;
        // C = 100 + 1e-7 rounds to 100 in float32, so GIoU = 1 − 0/100 = 1 → 0.
        let d = LTRB(l: 5, t: 5, r: 5, b: 5)
        for kind in IoULossKind.allCases {
            #expect(IoULoss.value(prediction: d, target: d, kind: kind) == 0)
        }
    }

    @Test func nestedBoxesByHand() {
        // Prediction (1, 1, 1, 1): 2 × 2, area 4. Target (2, 2, 2, 2): 4 × 4, area 16.
        // I = (1 + 1)(1 + 1) = 4, U = 16 + 4 − 4 = 16, IoU = (4 + 1)/(16 + 1) = 5/17.
        // C = (2 + 2)(2 + 2) + 1e-7 = 16 = U, so GIoU = IoU.
        let prediction = LTRB(l: 1, t: 1, r: 1, b: 1)
        let target = LTRB(l: 2, t: 2, r: 2, b: 2)
        let iou = IoULoss.value(prediction: prediction, target: target, kind: .iou)
        let linear = IoULoss.value(prediction: prediction, target: target, kind: .linearIoU)
        let giou = IoULoss.value(prediction: prediction, target: target, kind: .giou)
        #expect(iou.isApproximatelyEqual(to: 1.223_775_4, relativeTolerance: 1e-6))  // −log(5/17)
        #expect(linear.isApproximatelyEqual(to: 12 / 17, relativeTolerance: 1e-6))
        #expect(giou.isApproximatelyEqual(to: 12 / 17, relativeTolerance: 1e-6))
    }

    @Test func offsetBoxesByHand() {
        // Prediction (1, 1, 3, 1): 4 × 2 = 8. Target (2, 1, 1, 1): 3 × 2 = 6.
        // I = (min(1,2) + min(3,1)) · (min(1,1) + min(1,1)) = 2 · 2 = 4; U = 6 + 8 − 4 = 10.
        // IoU = 5 / 11; C = (2 + 3)(1 + 1) = 10 (+1e-7), so GIoU = 5/11 − 0 = 5/11.
        let prediction = LTRB(l: 1, t: 1, r: 3, b: 1)
        let target = LTRB(l: 2, t: 1, r: 1, b: 1)
        #expect(
            IoULoss.value(prediction: prediction, target: target, kind: .iou).isApproximatelyEqual(
                to: Float(-log(5.0 / 11.0)), relativeTolerance: 1e-6))
        // Prediction (0, 0, 1, 1) against target (1, 1, 0, 0): they touch only at the location.
        // I = (0 + 0)(0 + 0) = 0, U = 1 + 1 = 2, IoU = 1/3; C = 2 · 2 = 4, GIoU = 1/3 − 2/4.
        let a = LTRB(l: 0, t: 0, r: 1, b: 1)
        let b = LTRB(l: 1, t: 1, r: 0, b: 0)
        #expect(
            IoULoss.value(prediction: a, target: b, kind: .giou).isApproximatelyEqual(
                to: 7 / 6, relativeTolerance: 1e-6))
        #expect(
            IoULoss.value(prediction: a, target: b, kind: .iou).isApproximatelyEqual(
                to: Float(log(3.0)), relativeTolerance: 1e-6))
    }

    @Test func plusOneMakesTheLossDependOnUnits() {
        // The nested pair in strides (÷ 8): IoU = (4/64 + 1) / (16/64 + 1) = 1.0625 / 1.25 = 0.85.
        let inStrides = IoULoss.value(
            prediction: LTRB(l: 0.125, t: 0.125, r: 0.125, b: 0.125),
            target: LTRB(l: 0.25, t: 0.25, r: 0.25, b: 0.25),
            kind: .linearIoU)
        #expect(inStrides.isApproximatelyEqual(to: 0.15, relativeTolerance: 1e-5))
        let inPixels = IoULoss.value(
            prediction: LTRB(l: 1, t: 1, r: 1, b: 1), target: LTRB(l: 2, t: 2, r: 2, b: 2), kind: .linearIoU)
        #expect(inPixels.isApproximatelyEqual(to: 12 / 17, relativeTolerance: 1e-6))
    }

    @Test func officialReturnsTheWeightedSumOrThePlainSum() {
        let predictions = [LTRB(l: 1, t: 1, r: 1, b: 1), LTRB(l: 5, t: 5, r: 5, b: 5)]
        let targets = [LTRB(l: 2, t: 2, r: 2, b: 2), LTRB(l: 5, t: 5, r: 5, b: 5)]
        let first = Float(-log(5.0 / 17.0))  // the second pair costs 0
        #expect(
            IoULoss.official(predictions: predictions, targets: targets, weights: [0.5, 0.25], kind: .iou)
                .isApproximatelyEqual(to: 0.5 * first, relativeTolerance: 1e-6))
        // Weights summing to 0 fall back to the unweighted sum, as does no weight at all.
        #expect(
            IoULoss.official(predictions: predictions, targets: targets, weights: [0, 0], kind: .iou)
                .isApproximatelyEqual(to: first, relativeTolerance: 1e-6))
        #expect(
            IoULoss.official(predictions: predictions, targets: targets, kind: .iou)
                .isApproximatelyEqual(to: first, relativeTolerance: 1e-6))
        #expect(IoULoss.elements(predictions: predictions, targets: targets, kind: .iou).count == 2)
    }

    @Test func mmdetectionClampsInsteadOfSmoothing() {
        let unit = Box(x0: 0, y0: 0, x1: 1, y1: 1)
        let apart = Box(x0: 2, y0: 0, x1: 3, y1: 1)
        #expect(IoULoss.mmdetIoU(unit, unit) == 0)  // −log 1
        // No overlap: IoU = 0 is clamped to 1e-6, −log(1e-6) = 13.815511.
        #expect(IoULoss.mmdetIoU(unit, apart).isApproximatelyEqual(to: 13.815_511, relativeTolerance: 1e-6))
        // GIoU: U = 2, C = 3 · 1 = 3, GIoU = 0 − (3 − 2)/3 = −1/3 → loss 4/3.
        #expect(IoULoss.mmdetGIoU(unit, apart).isApproximatelyEqual(to: 4 / 3, relativeTolerance: 1e-6))
        // Half overlap: [0,0,2,1] and [1,0,3,1]: I = 1, U = 3, C = 3 → IoU = GIoU = 1/3.
        let left = Box(x0: 0, y0: 0, x1: 2, y1: 1)
        let right = Box(x0: 1, y0: 0, x1: 3, y1: 1)
        #expect(
            IoULoss.mmdetIoU(left, right).isApproximatelyEqual(to: Float(log(3.0)), relativeTolerance: 1e-6))
        #expect(IoULoss.mmdetGIoU(left, right).isApproximatelyEqual(to: 2 / 3, relativeTolerance: 1e-6))
        // Degenerate boxes: the union clamps to 1e-6 instead of dividing by zero.
        let point = Box(x0: 1, y0: 1, x1: 1, y1: 1)
        #expect(IoULoss.mmdetIoU(point, point).isApproximatelyEqual(to: 13.815_511, relativeTolerance: 1e-6))
    }
}

@Suite struct GIoULossTests {
    @Test func identicalBoxesCostNothing() {
        // A = 4: IoU = 4 / (4 + 1e-7), and 4 + 1e-7 rounds to 4, so IoU = 1; C = U → GIoU = 1.
        let box = Box(x0: 1, y0: 1, x1: 3, y1: 3)
        #expect(GIoULoss.value(box, box) == 0)
    }

    @Test func disjointBoxesCostMoreThanOne() {
        // [0,0,1,1] and [2,0,3,1]: I = 0, U = 2, C = 3 · 1 = 3, GIoU = 0 − 1/3 → loss 4/3.
        let loss = GIoULoss.value(Box(x0: 0, y0: 0, x1: 1, y1: 1), Box(x0: 2, y0: 0, x1: 3, y1: 1))
        #expect(loss > 1)
        #expect(loss.isApproximatelyEqual(to: 4 / 3, relativeTolerance: 1e-6))
    }

    @Test func touchingBoxesHaveNoIntersection() {
        // [0,0,1,1] and [1,0,2,1]: xk2 = xk1 = 1 is not positive overlap, I = 0; U = C = 2 → 1.
        #expect(GIoULoss.value(Box(x0: 0, y0: 0, x1: 1, y1: 1), Box(x0: 1, y0: 0, x1: 2, y1: 1)) == 1)
    }

    @Test func partialOverlapByHand() {
        // [0,0,2,2] and [1,1,3,3]: I = 1, U = 4 + 4 − 1 = 7, C = 3 · 3 = 9.
        // GIoU = 1/7 − (9 − 7)/9 = −5/63 → loss 68/63 = 1.0793651; symmetric in its arguments.
        let a = Box(x0: 0, y0: 0, x1: 2, y1: 2)
        let b = Box(x0: 1, y0: 1, x1: 3, y1: 3)
        #expect(GIoULoss.value(a, b).isApproximatelyEqual(to: 68 / 63, relativeTolerance: 1e-6))
        #expect(GIoULoss.value(a, b) == GIoULoss.value(b, a))
        // Agrees with 1 − generalizedIntersectionOverUnion up to the ε terms.
        #expect(
            GIoULoss.value(a, b).isApproximatelyEqual(
                to: 1 - generalizedIntersectionOverUnion(a, b), relativeTolerance: 1e-6))
    }

    @Test func reductions() {
        let a = [Box(x0: 0, y0: 0, x1: 2, y1: 2), Box(x0: 0, y0: 0, x1: 1, y1: 1)]
        let b = [Box(x0: 1, y0: 1, x1: 3, y1: 3), Box(x0: 2, y0: 0, x1: 3, y1: 1)]
        // 68/63 + 4/3 = 152/63 = 2.4126984; mean 1.2063492.
        #expect(GIoULoss.loss(a, b, reduction: .none) == GIoULoss.elements(a, b))
        #expect(
            GIoULoss.loss(a, b, reduction: .sum)[0].isApproximatelyEqual(
                to: 152 / 63, relativeTolerance: 1e-6))
        #expect(
            GIoULoss.loss(a, b, reduction: .mean)[0].isApproximatelyEqual(
                to: 76 / 63, relativeTolerance: 1e-6))
        #expect(GIoULoss.loss([], [], reduction: .mean) == [0])  // torchvision: 0.0 * loss.sum()
        #expect(GIoULoss.loss([], [], reduction: .sum) == [0])
    }
}
