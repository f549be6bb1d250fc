import RealModule
import Testing

@testable import FCOS

@Suite("Centerness (Eq. 3)")
struct CenternessTests {
    @Test("Box [10, 15, 100, 115] at (30, 40): sqrt(20/70 · 25/75) = 0.30860671")
    func worked1() {
        let d = LTRB(from: Point(x: 30, y: 40), to: Box(x0: 10, y0: 15, x1: 100, y1: 115))
        #expect(d == LTRB(l: 20, t: 25, r: 70, b: 75))
        #expect(Centerness.value(d).isApproximatelyEqual(to: 0.308_606_71, relativeTolerance: 1e-6))
    }

    @Test("Box [30, 20, 40, 30] at (32, 29): sqrt(2/8 · 1/9) = 1/6")
    func worked2() {
        let d = LTRB(from: Point(x: 32, y: 29), to: Box(x0: 30, y0: 20, x1: 40, y1: 30))
        #expect(Centerness.value(d).isApproximatelyEqual(to: 0.166_666_67, relativeTolerance: 1e-6))
    }

    @Test("1 at the centre, the same in stride units, never NaN")
    func properties() {
        #expect(Centerness.value(LTRB(l: 5, t: 7, r: 5, b: 7)) == 1)
        let pixels = LTRB(l: 24, t: 40, r: 56, b: 8)
        let strides = RegressionDeltas.encode(
            Box(x0: 0, y0: 0, x1: 80, y1: 48), at: Point(x: 24, y: 40), stride: 16, units: .stride)
        #expect(Centerness.value(pixels) == Centerness.value(strides))
        // On an edge, outside, degenerate or non-finite: 0, never NaN.
        for d in [
            LTRB(l: 0, t: 1, r: 1, b: 1), LTRB(l: -1, t: 1, r: 3, b: 1), LTRB(l: 0, t: 0, r: 0, b: 0),
            LTRB(l: .infinity, t: 1, r: 1, b: 1), LTRB(l: .nan, t: 1, r: 1, b: 1),
        ] {
            #expect(Centerness.value(d) == 0)
        }
    }
}

@Suite("Regression deltas (Eq. 1)")
struct RegressionDeltasTests {
    @Test("Encode gives l* = x − x0, t* = y − y0, r* = x1 − x, b* = y1 − y, optionally ÷ s")
    func encode() {
        let box = Box(x0: 10, y0: 20, x1: 110, y1: 60)
        let p = Point(x: 50, y: 36)
        #expect(RegressionDeltas.encode(box, at: p, stride: 8) == LTRB(l: 40, t: 16, r: 60, b: 24))
        #expect(
            RegressionDeltas.encode(box, at: p, stride: 8, units: .stride) == LTRB(l: 5, t: 2, r: 7.5, b: 3))
    }

    @Test("decode(encode(box)) = box, in both units, on seeded random boxes")
    func roundTrip() {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<500 {
            let x0 = Float(Int.random(in: 0...800, using: &rng))
            let y0 = Float(Int.random(in: 0...800, using: &rng))
            let box = Box(
                x0: x0, y0: y0, x1: x0 + Float(Int.random(in: 0...400, using: &rng)),
                y1: y0 + Float(Int.random(in: 0...400, using: &rng)))
            let p = Point(
                x: Float(Int.random(in: 0...100, using: &rng)) * 8 + 4,
                y: Float(Int.random(in: 0...100, using: &rng)) * 8 + 4)
            for units in RegressionUnits.allCases {
                let s: Float = [8, 16, 32, 64, 128].randomElement(using: &rng)!
                let d = RegressionDeltas.encode(box, at: p, stride: s, units: units)
                #expect(RegressionDeltas.decode(d, at: p, stride: s, units: units) == box)
            }
        }
    }

    @Test("EECS 498's decode clips negative distances at 0 first")
    func clamp() {
        let d = LTRB(l: -0.5, t: 1, r: 2, b: -3)
        let p = Point(x: 100, y: 100)
        #expect(
            RegressionDeltas.decode(d, at: p, stride: 8, units: .stride, clampNegative: true)
                == Box(x0: 100, y0: 92, x1: 116, y1: 100))
        #expect(
            RegressionDeltas.decode(d, at: p, stride: 8, units: .stride)
                == Box(x0: 104, y0: 92, x1: 116, y1: 76))
    }
}

@Suite("IoU and GIoU")
struct IoUTests {
    @Test("Hand-worked overlaps")
    func worked() {
        let a = Box(x0: 0, y0: 0, x1: 10, y1: 10)
        #expect(intersectionOverUnion(a, a) == 1)
        // Half overlap: I = 50, U = 150.
        #expect(intersectionOverUnion(a, Box(x0: 5, y0: 0, x1: 15, y1: 10)) == Float(50) / 150)
        // Touching edges share no area.
        #expect(intersectionOverUnion(a, Box(x0: 10, y0: 0, x1: 20, y1: 10)) == 0)
        // Inclusive pixels: widths 11, the touching column is shared: I = 1·11, U = 121 + 121 − 11.
        #expect(
            intersectionOverUnion(a, Box(x0: 10, y0: 0, x1: 20, y1: 10), convention: .inclusivePixels)
                == Float(11) / 231)
        // Disjoint: GIoU = 0 − (C − U)/C with C = 30·30, U = 200.
        let far = Box(x0: 20, y0: 20, x1: 30, y1: 30)
        #expect(generalizedIntersectionOverUnion(a, far) == -Float(700) / 900)
        // Two empty boxes: 0, not NaN.
        let empty = Box(x0: 1, y0: 1, x1: 1, y1: 1)
        #expect(intersectionOverUnion(empty, empty) == 0)
    }
}
