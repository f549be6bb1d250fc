import FCOS
import Numerics
import Testing

@testable import Keypoints

/// CornerNet targets for seeded random boxes on its 511 × 511 input against an independent NumPy
/// statement of `kp_detection` (clip to the input, drop empty boxes, `out/in` ratios in float64,
/// `int()` corners, corrected radius at `gaussian_iou` 0.3, `np.maximum` stamping).
/// Regenerate with `python3 Tests/KeypointsTests/Generators/cornernet_fixture.py` (NumPy).
@Suite("CornerNet targets against a NumPy statement of kp_detection")
struct CornerNetFixtureTests {
    struct Corners {
        var topLeft: (Int, Int)
        var bottomRight: (Int, Int)
        var radius: Int
        var topLeftOffset: (Float, Float)
        var bottomRightOffset: (Float, Float)
    }

    static let boxes: [[Float]] = [
        [403.5566101074219, 405.1753845214844, 527.7194213867188, 474.4819030761719],
        [171.2362518310547, 185.06874084472656, 183.05702209472656, 197.72183227539062],
        [510.5460510253906, 319.45538330078125, 567.593994140625, 424.4078369140625],
        [454.620361328125, 425.1712951660156, 549.4050903320312, 544.0037841796875],
        [332.8558349609375, -6.497704982757568, 466.643310546875, 59.37922668457031],
        [-4.617845058441162, 334.2290344238281, 204.33331298828125, 389.55816650390625],
        [453.3919677734375, 440.5797119140625, 458.8175964355469, 610.671142578125],
        [237.35354614257812, 200.60354614257812, 286.93096923828125, 279.26483154296875],
        [404.2246398925781, 134.36509704589844, 440.8448486328125, 302.3094482421875],
        [400.2156677246094, 89.76956939697266, 477.6441955566406, 281.9407653808594],
        [239.39454650878906, 239.0181427001953, 296.8449401855469, 243.4923095703125],
        [7.290010929107666, 425.5546569824219, 96.21350860595703, 653.84912109375],
    ]
    static let labels = [1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1]
    static let expected: [Corners?] = [
        Corners(
            topLeft: (101, 101), bottomRight: (127, 118), radius: 4,
            topLeftOffset: (0.08658726513385773, 0.49207282066345215),
            bottomRightOffset: (0.7495107650756836, 0.8526097536087036)),
        Corners(
            topLeft: (42, 46), bottomRight: (45, 49), radius: 0,
            topLeftOffset: (0.8928380608558655, 0.35772764682769775),
            bottomRightOffset: (0.8538137674331665, 0.5271908640861511)),
        nil,
        Corners(
            topLeft: (113, 106), bottomRight: (127, 127), radius: 3,
            topLeftOffset: (0.8775073289871216, 0.5008332133293152),
            bottomRightOffset: (0.7495107650756836, 0.7495107650756836)),
        Corners(
            topLeft: (83, 0), bottomRight: (116, 14), radius: 4, topLeftOffset: (0.37680405378341675, 0.0),
            bottomRightOffset: (0.889126718044281, 0.8738572001457214)),
        Corners(
            topLeft: (0, 83), bottomRight: (51, 97), radius: 4, topLeftOffset: (0.0, 0.7207757234573364),
            bottomRightOffset: (0.1832956224679947, 0.5801278352737427)),
        Corners(
            topLeft: (113, 110), bottomRight: (114, 127), radius: 0,
            topLeftOffset: (0.5698079466819763, 0.3604757785797119),
            bottomRightOffset: (0.9288695454597473, 0.7495107650756836)),
        Corners(
            topLeft: (59, 50), bottomRight: (71, 69), radius: 3,
            topLeftOffset: (0.45450863242149353, 0.24902917444705963),
            bottomRightOffset: (0.8731194734573364, 0.9528344869613647)),
        Corners(
            topLeft: (101, 33), bottomRight: (110, 75), radius: 3,
            topLeftOffset: (0.2539215385913849, 0.6570106148719788),
            bottomRightOffset: (0.42688968777656555, 0.7252629399299622)),
        Corners(
            topLeft: (100, 22), bottomRight: (119, 70), radius: 6,
            topLeftOffset: (0.24971716105937958, 0.4863109290599823),
            bottomRightOffset: (0.6447300314903259, 0.6231271624565125)),
        Corners(
            topLeft: (59, 59), bottomRight: (74, 60), radius: 0,
            topLeftOffset: (0.9657572507858276, 0.8714721202850342),
            bottomRightOffset: (0.3564625084400177, 0.9922028183937073)),
        Corners(
            topLeft: (1, 106), bottomRight: (24, 127), radius: 5,
            topLeftOffset: (0.8260692954063416, 0.5968612432479858),
            bottomRightOffset: (0.10044834017753601, 0.7495107650756836)),
    ]
    static let topLeftSums = [48.78116753057111, 57.774663129705004]
    static let bottomRightSums = [53.94229678309057, 49.144519511726685]

    @Test func matchesTheNumPyStatement() throws {
        let gts = zip(Self.boxes, Self.labels).map { b, label in
            GroundTruth(box: Box(x0: b[0], y0: b[1], x1: b[2], y1: b[3]), label: label)
        }
        let t = try CornerNetTargets(gts, inputWidth: 511, inputHeight: 511, classes: 2)
        for (i, expected) in Self.expected.enumerated() {
            guard let e = expected else {
                #expect(t.objects[i] == nil, "box \(i)")
                continue
            }
            let o = try #require(t.objects[i], "box \(i)")
            #expect(o.topLeft.cellX == e.topLeft.0 && o.topLeft.cellY == e.topLeft.1, "box \(i)")
            #expect(
                o.bottomRight.cellX == e.bottomRight.0 && o.bottomRight.cellY == e.bottomRight.1, "box \(i)")
            #expect(o.drawnRadius == e.radius, "box \(i)")
            #expect(
                o.topLeft.offsetX == e.topLeftOffset.0 && o.topLeft.offsetY == e.topLeftOffset.1, "box \(i)")
            #expect(
                o.bottomRight.offsetX == e.bottomRightOffset.0
                    && o.bottomRight.offsetY == e.bottomRightOffset.1,
                "box \(i)")
        }
        for (maps, sums) in [(t.topLeft, Self.topLeftSums), (t.bottomRight, Self.bottomRightSums)] {
            for (map, sum) in zip(maps, sums) {
                let total = map.values.reduce(0.0) { $0 + Double($1) }
                #expect(total.isApproximatelyEqual(to: sum, relativeTolerance: 1e-12))
            }
        }
    }
}
