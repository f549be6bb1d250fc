import FCOS
import Numerics
import Testing

@testable import Keypoints

@Suite("CenterNet and CornerNet targets")
struct TargetTests {
    func gt(_ x0: Float, _ y0: Float, _ x1: Float, _ y1: Float, _ label: Int = 0) -> GroundTruth {
        GroundTruth(box: Box(x0: x0, y0: y0, x1: x1, y1: y1), label: label)
    }

    @Test func centerNetObjectWorkedByHand() throws {
        // 512 → 128. (101, 62, 167, 103)/4 = (25.25, 15.5, 41.75, 25.75): w 16.5, h 10.25, so the
        // radius uses (11, 17) → 3.66 → 3; centre (33.5, 20.625) → cell (33, 20).
        let t = try CenterNetTargets(
            [gt(101, 62, 167, 103, 2)], inputWidth: 512, inputHeight: 512, classes: 3)
        #expect(t.grid.width == 128 && t.grid.height == 128)
        let o = try #require(t.objects[0])
        #expect(o.box == Box(x0: 25.25, y0: 15.5, x1: 41.75, y1: 25.75))
        #expect(o.drawnRadius == 3)
        #expect(o.center == Point(x: 33.5, y: 20.625))
        #expect(o.cellX == 33 && o.cellY == 20)
        #expect(o.offset == (0.5, 0.625))
        #expect(o.size == (16.5, 10.25))
        #expect(o.index == 20 * 128 + 33)
        #expect(t.heatmaps[2][33, 20] == 1)
        #expect(t.heatmaps[2][36, 20] == GaussianKernel(radius: 3).value(dx: 3, dy: 0))
        #expect(t.heatmaps[2][37, 20] == 0)
        #expect(t.heatmaps[0].values.allSatisfy { $0 == 0 } && t.heatmaps[1].values.allSatisfy { $0 == 0 })
        #expect(t.positiveCount == 1)
    }

    @Test func boxesAreClippedToTheOutputMap() throws {
        // (−20, −8, 12, 20)/4 = (−5, −2, 3, 5) → (0, 0, 3, 5): centre (1.5, 2.5) → (1, 2),
        // radius from (5, 3) = 1.03 → 1.
        let t = try CenterNetTargets([gt(-20, -8, 12, 20)], inputWidth: 64, inputHeight: 64, classes: 1)
        let o = try #require(t.objects[0])
        #expect(o.box == Box(x0: 0, y0: 0, x1: 3, y1: 5))
        #expect(o.cellX == 1 && o.cellY == 2 && o.drawnRadius == 1)
        // (500, 500, 530, 530)/4 = (125, 125, 132.5, 132.5) → (125, 125, 127, 127) on 128 × 128.
        let far = try CenterNetTargets(
            [gt(500, 500, 530, 530)], inputWidth: 512, inputHeight: 512, classes: 1)
        let f = try #require(far.objects[0])
        #expect(f.box == Box(x0: 125, y0: 125, x1: 127, y1: 127))
        #expect(f.cellX == 126 && f.cellY == 126 && f.index == 126 * 128 + 126)
    }

    @Test func zeroSizeAfterClippingGetsNothing() throws {
        let t = try CenterNetTargets(
            [gt(600, 10, 700, 50), gt(10, 10, 10, 40), gt(8, 8, 40, 40)], inputWidth: 512, inputHeight: 512,
            classes: 1)
        #expect(t.objects[0] == nil, "entirely right of the image: x0 = x1 = 127 after clipping")
        #expect(t.objects[1] == nil, "zero width")
        #expect(t.objects[2] != nil)
        #expect(t.positiveCount == 1)
    }

    @Test func onlyTheFirstMaxObjectsBoxesAreRead() throws {
        // 130 small, separate boxes: CenterNet reads the first 128 (max_objs); CornerNet has 128 tag rows.
        let many = (0..<130).map { (i: Int) -> GroundTruth in
            let x = Float(i % 10) * 40
            let y = Float(i / 10) * 30
            return gt(x, y, x + 20, y + 20)
        }
        let t = try CenterNetTargets(many, inputWidth: 512, inputHeight: 512, classes: 1)
        #expect(t.objects[127] != nil && t.objects[128] == nil && t.objects[129] == nil)
        #expect(t.positiveCount == 128)
        #expect(throws: KeypointTargetError.tooManyObjects(limit: 128)) {
            try CornerNetTargets(many, inputWidth: 511, inputHeight: 511, classes: 1)
        }
        #expect(throws: Never.self) {
            try CornerNetTargets(Array(many.prefix(128)), inputWidth: 511, inputHeight: 511, classes: 1)
        }
    }

    @Test func labelsOutsideTheClassesAreAnError() {
        #expect(throws: KeypointTargetError.labelOutOfRange(box: 1, label: 5, classes: 5)) {
            try CenterNetTargets(
                [gt(0, 0, 8, 8, 0), gt(0, 0, 8, 8, 5)], inputWidth: 64, inputHeight: 64, classes: 5)
        }
        #expect(throws: KeypointTargetError.labelOutOfRange(box: 0, label: -1, classes: 2)) {
            try CornerNetTargets([gt(0, 0, 8, 8, -1)], inputWidth: 64, inputHeight: 64, classes: 2)
        }
        #expect(throws: KeypointTargetError.self) {
            try CenterNetTargets([], inputWidth: 3, inputHeight: 64, classes: 1)
        }
        // A negative label makes "largest label + 1" negative: an error, not a trap.
        #expect(throws: KeypointTargetError.negativeClassCount(-2)) {
            try CenterNetTargets([], inputWidth: 64, inputHeight: 64, classes: -2)
        }
        #expect(throws: KeypointTargetError.labelOutOfRange(box: 0, label: -3, classes: 0)) {
            try CornerNetTargets([gt(0, 0, 8, 8, -3)], inputWidth: 64, inputHeight: 64, classes: 0)
        }
    }

    @Test func nonMultipleOfFourShrinksTheMapAndScalesByWidth() {
        // 1066 × 801 → 266 × 200; the image centre maps to the map centre, k = 266/1066.
        let grid = OutputGrid.centerNet(inputWidth: 1066, inputHeight: 801)
        #expect(grid.width == 266 && grid.height == 200 && !grid.isExactStride4)
        let c = grid.outputPoint(x: 533, y: 400.5)
        #expect(c.x == 133 && c.y == 100)
        let k = 266.0 / 1066.0
        #expect(grid.outputPoint(x: 1066, y: 0).x.isApproximatelyEqual(to: 266, relativeTolerance: 1e-12))
        #expect(
            grid.outputPoint(x: 0, y: 0).y.isApproximatelyEqual(to: 100 - 400.5 * k, relativeTolerance: 1e-12)
        )
        let square = OutputGrid.centerNet(inputWidth: 512, inputHeight: 512)
        #expect(square.outputPoint(x: 101, y: 63).x == 25.25 && square.outputPoint(x: 101, y: 63).y == 15.75)
    }

    @Test func overlappingBoxesOfOneClassShareAMap() throws {
        let t = try CenterNetTargets(
            [gt(40, 40, 120, 120), gt(60, 40, 140, 120)], inputWidth: 256, inputHeight: 256, classes: 1)
        let a = try #require(t.objects[0])
        let b = try #require(t.objects[1])
        #expect(a.cellX == 20 && b.cellX == 25 && a.cellY == b.cellY)
        let map = t.heatmaps[0]
        #expect(map[20, 20] == 1 && map[25, 20] == 1)
        let k = GaussianKernel(radius: a.drawnRadius)
        // Both bumps reach cell 22; the map holds the larger one (from the nearer centre).
        #expect(map[22, 20] == max(k.value(dx: 2, dy: 0), k.value(dx: -3, dy: 0)))
    }

    @Test func cornerNetCornersWorkedByHand() throws {
        // 511 → 128, ratio 128/511. x0 = 100 → 25.0489 → cell 25; y0 = 50 → 12.5245 → 12;
        // x1 = 300 → 75.1468; y1 = 250 → 62.6223. Size ⌈200·128/511⌉ = 51 both ways; corrected
        // radius at 0.3 is 11.53 → 11.
        let t = try CornerNetTargets(
            [gt(100, 50, 300, 250, 1)], inputWidth: 511, inputHeight: 511, classes: 2)
        #expect(t.grid.width == 128 && t.grid.height == 128)
        let o = try #require(t.objects[0])
        #expect(o.drawnRadius == 11)
        #expect(o.topLeft.cellX == 25 && o.topLeft.cellY == 12)
        #expect(o.bottomRight.cellX == 75 && o.bottomRight.cellY == 62)
        #expect(o.topLeft.offsetX == Float(100.0 * 128 / 511 - 25))
        #expect(o.bottomRight.offsetY == Float(250.0 * 128 / 511 - 62))
        #expect(o.topLeft.index == 12 * 128 + 25 && o.bottomRight.index == 62 * 128 + 75)
        #expect(t.topLeft[1][25, 12] == 1 && t.bottomRight[1][75, 62] == 1)
        #expect(t.topLeft[1][36, 12] > 0 && t.topLeft[1][37, 12] == 0)
    }

    @Test func cornerNetClipsToTheInputAndDropsEmptyBoxes() throws {
        let t = try CornerNetTargets(
            [gt(-50, 10, 40, 60), gt(520, 10, 600, 60)], inputWidth: 511, inputHeight: 511, classes: 1)
        let o = try #require(t.objects[0])
        #expect(o.box.x0 == 0 && o.topLeft.cellX == 0)
        #expect(t.objects[1] == nil, "clipped to x0 = x1 = 510")
    }
}
