import FCOS
import Numerics
import Testing

@testable import Keypoints

/// Radii and Gaussian values worked out by hand from the reference rules (CenterNet
/// `utils/image.py`, CornerNet `sample/utils.py` before and after commit 3e71377).
@Suite("Gaussian radius and stamp")
struct GaussianTests {
    @Test func originalFormulaForATenByTenBox() {
        // a3 = 2.8, b3 = −2·0.7·20 = −28, c3 = −0.3·100 = −30: (−28 + √(784 + 336))/2 = 2.7332…,
        // the 2.73 CornerNet issue #37 reports for (10, 10) at IoU 0.7.
        let r = GaussianRadius(height: 10, width: 10, minOverlap: 0.7, formula: .original)
        #expect(r.r3.isApproximatelyEqual(to: (-28 + 1120.0.squareRoot()) / 2, relativeTolerance: 1e-12))
        #expect(r.r1.isApproximatelyEqual(to: 19.074852129730303, relativeTolerance: 1e-12))
        #expect(r.r2.isApproximatelyEqual(to: 36.733200530681515, relativeTolerance: 1e-12))
        #expect(r.limitingCase == 3)
        #expect(r.truncated == 2)
    }

    @Test func correctedFormulaTakesTheSmallerRootOverTwoA() {
        // Case 2 at t = 0.3: 4r² − 40r + 70 = 0 → r = (40 − √(1600 − 1120))/8 = 2.2614.
        let r = GaussianRadius(height: 10, width: 10, minOverlap: 0.3, formula: .corrected)
        #expect(r.r2.isApproximatelyEqual(to: (40 - 480.0.squareRoot()) / 8, relativeTolerance: 1e-12))
        #expect(r.r1.isApproximatelyEqual(to: 3.2063377951324252, relativeTolerance: 1e-12))
        #expect(r.r3.isApproximatelyEqual(to: 4.128709291752769, relativeTolerance: 1e-12))
        #expect(r.limitingCase == 2)
        #expect(r.truncated == 2)
        // Case 2 means both corners move inward by r: (w − 2r)(h − 2r) = t·w·h.
        let inner = (10 - 2 * r.r2) * (10 - 2 * r.r2)
        #expect(inner.isApproximatelyEqual(to: 30, relativeTolerance: 1e-12))
    }

    @Test func truncationNotRounding() {
        // 3.6646 draws 3, 1.0302 draws 1, 0.5466 draws 0 (a single-cell bump).
        #expect(GaussianRadius(height: 11, width: 17, minOverlap: 0.7, formula: .original).truncated == 3)
        #expect(GaussianRadius(height: 5, width: 3, minOverlap: 0.7, formula: .original).truncated == 1)
        #expect(GaussianRadius(height: 2, width: 2, minOverlap: 0.7, formula: .original).truncated == 0)
        #expect(GaussianRadius(height: 51, width: 51, minOverlap: 0.3, formula: .corrected).truncated == 11)
    }

    @Test func stampValuesFollowSigmaIsDiameterOverSix() {
        // r = 1: d = 3, σ = 0.5, 2σ² = 0.5: the neighbour is e^−2, the corner e^−4.
        let k1 = GaussianKernel(radius: 1)
        #expect(k1.value(dx: 0, dy: 0) == 1)
        #expect(k1.value(dx: 1, dy: 0) == Float(0.1353352832366127))
        #expect(k1.value(dx: -1, dy: -1) == Float(0.01831563888873418))
        // r = 2: d = 5, g = exp(−18(dx² + dy²)/25).
        let k2 = GaussianKernel(radius: 2)
        #expect(k2.value(dx: 1, dy: 0) == Float(0.4867522559599717))
        #expect(k2.value(dx: 0, dy: 2) == Float(0.05613476283179880))
        #expect(k2.value(dx: 2, dy: 2) == Float(0.0031511115984444))
        // r = 0 is a single 1.
        #expect(GaussianKernel(radius: 0).values == [1])
    }

    @Test func epsilonCutOffNeverFiresForThisSigma() {
        for r in [1, 5, 20, 100] {
            let k = GaussianKernel(radius: r)
            #expect(k.values.allSatisfy { $0 > 1e-4 }, "radius \(r)")
            #expect(k.values.count == (2 * r + 1) * (2 * r + 1))
        }
    }

    @Test func stampIsClippedAtEveryBorder() {
        var map = HeatMap(width: 4, height: 3)
        let k = GaussianKernel(radius: 2)
        map.stamp(k, atX: 0, y: 0)
        #expect(map[0, 0] == 1)
        #expect(map[2, 2] == k.value(dx: 2, dy: 2))
        #expect(map[3, 0] == 0, "three cells right is outside the radius")
        var corner = HeatMap(width: 4, height: 3)
        corner.stamp(k, atX: 3, y: 2)
        #expect(corner[3, 2] == 1)
        #expect(corner[1, 0] == k.value(dx: -2, dy: -2))
        #expect(corner[0, 0] == 0)
        #expect(corner.values.filter { $0 > 0 }.count == 9, "a 3 × 3 corner of the 5 × 5 stamp")
    }

    @Test func overlappingBumpsKeepTheMaximumNotTheSum() {
        var map = HeatMap(width: 8, height: 1)
        let k = GaussianKernel(radius: 2)
        map.stamp(k, atX: 2, y: 0)
        map.stamp(k, atX: 4, y: 0)
        #expect(map[2, 0] == 1 && map[4, 0] == 1)
        #expect(map[3, 0] == k.value(dx: 1, dy: 0), "max of two equal values, not their sum")
        #expect(map.values.allSatisfy { $0 <= 1 })
    }
}
