import FCOS
import Foundation

/// An input image size and its ground-truth boxes: one matching case.
public struct CourseScene: Sendable, Equatable, Codable {
    /// What the scene tests, in words a student recognises ("the 64-px boundary").
    public var name: String
    /// The input image width in pixels; the feature maps' sizes follow from it.
    public var width: Int
    /// The input image height in pixels.
    public var height: Int
    /// The ground-truth boxes, in the order whose indices a matching answer uses.
    public var boxes: [Box]
    /// The family the scene belongs to for partial credit: a hand-made scene is its own family,
    /// random scenes share one.
    public var family: String

    /// A scene; without a family, the scene is a family of its own.
    public init(name: String, width: Int, height: Int, boxes: [Box], family: String? = nil) {
        self.name = name
        self.width = width
        self.height = height
        self.boxes = boxes
        self.family = family ?? name
    }

    /// The boxes as the toolkit's ground truths, for running the reference matcher.
    public var groundTruths: [GroundTruth] { boxes.map { GroundTruth(box: $0) } }

    enum CodingKeys: String, CodingKey { case name, width, height, boxes, family }

    /// Reads a scene whose boxes are `[x0, y0, x1, y1]` arrays; a missing family defaults to the name.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        width = try c.decode(Int.self, forKey: .width)
        height = try c.decode(Int.self, forKey: .height)
        family = try c.decodeIfPresent(String.self, forKey: .family) ?? name
        boxes = try c.decode([[Float]].self, forKey: .boxes).map { v in
            guard v.count == 4 else {
                throw DecodingError.dataCorruptedError(
                    forKey: .boxes, in: c, debugDescription: "a box is [x0, y0, x1, y1]")
            }
            return Box(x0: v[0], y0: v[1], x1: v[2], y1: v[3])
        }
    }

    /// Writes boxes as `[x0, y0, x1, y1]` arrays, the form instructors write scene files in.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(width, forKey: .width)
        try c.encode(height, forKey: .height)
        try c.encode(family, forKey: .family)
        try c.encode(boxes.map { [$0.x0, $0.y0, $0.x1, $0.y1] }, forKey: .boxes)
    }
}

extension CourseScene {
    /// The matching cases of a course: the examples (hand-made edge cases, then random scenes
    /// from the course's fixed seed, which students see), then the hidden scenes of `hidden`.
    ///
    /// The edge cases are placed relative to the preset's own location grid, so "a location
    /// exactly on an edge" or "m exactly 64" holds under every preset's offset.
    public static func matchingCases(rules: AssignmentRules, seed: UInt64, hidden: UInt64? = nil)
        -> [CourseScene]
    {
        let examples = handMade(rules: rules) + random(seed: seed, count: 14)
        return examples + (hidden.map { Self.hidden(rules: rules, seed: $0) } ?? [])
    }

    /// Scenes built around chosen locations of P3 and P4.
    static func handMade(rules: AssignmentRules) -> [CourseScene] {
        let maps = rules.featureMaps(imageWidth: 640, imageHeight: 640)
        func p3(_ column: Int, _ row: Int) -> Point {
            Point(x: maps[0].x(column: column), y: maps[0].y(row: row))
        }
        func p4(_ column: Int, _ row: Int) -> Point {
            let map = maps.count > 1 ? maps[1] : maps[0]
            return Point(x: map.x(column: column), y: map.y(row: row))
        }
        func around(_ c: Point, _ halfWidth: Float, _ halfHeight: Float) -> Box {
            Box(x0: c.x - halfWidth, y0: c.y - halfHeight, x1: c.x + halfWidth, y1: c.y + halfHeight)
        }
        let a = p3(4, 4)
        let b = p3(9, 8)
        let onEdges = Box(x0: a.x, y0: a.y, x1: b.x, y1: b.y)
        let split = p3(20, 6)
        let nested = p4(12, 13)
        let plusOne = p3(30, 30)
        let tiny = p3(50, 10)
        return [
            CourseScene(name: "an empty image", width: 256, height: 192, boxes: []),
            CourseScene(
                name: "locations exactly on box edges", width: 256, height: 256,
                boxes: [
                    onEdges,
                    // Two boxes sharing the vertical line through a column of locations.
                    Box(x0: split.x - 24, y0: split.y - 16, x1: split.x, y1: split.y + 16),
                    Box(x0: split.x, y0: split.y - 16, x1: split.x + 24, y1: split.y + 16),
                ]),
            CourseScene(
                name: "the 64-px and 128-px boundaries", width: 640, height: 640,
                boxes: [
                    // m = 64 at a P3 location: P3's upper bound.
                    around(p3(12, 12), 64, 64),
                    // m = 64 at a P4 location: P4's lower bound.
                    around(p4(22, 8), 64, 64),
                    // m = 128 at a P4 location: P4's upper bound, P5's lower.
                    around(p4(8, 26), 128, 128),
                ]),
            CourseScene(
                name: "two boxes with equal areas", width: 256, height: 256,
                boxes: [around(p3(16, 16), 40, 30), around(p3(16, 16), 30, 40)]),
            CourseScene(
                name: "a small box inside a larger one", width: 320, height: 320,
                boxes: [
                    around(nested, 48, 48),
                    Box(x0: nested.x - 36, y0: nested.y - 28, x1: nested.x + 44, y1: nested.y + 32),
                ]),
            CourseScene(
                name: "equal areas that differ with +1 pixel widths", width: 320, height: 320,
                boxes: [around(plusOne, 5, 20), around(plusOne, 10, 10)]),
            CourseScene(
                name: "tiny boxes", width: 480, height: 160,
                boxes: [
                    around(tiny, 1, 1),
                    Box(x0: tiny.x + 2, y0: tiny.y + 2, x1: tiny.x + 5, y1: tiny.y + 5),
                    Box(x0: tiny.x + 20, y0: tiny.y, x1: tiny.x + 20, y1: tiny.y + 30),
                ]),
            CourseScene(
                name: "a box larger than the image", width: 640, height: 480,
                boxes: [Box(x0: -100, y0: -60, x1: 900, y1: 700), around(p3(40, 30), 100, 60)]),
        ]
    }

    /// Seeded random scenes. A third of the coordinates snap to multiples of 8 and a few sizes
    /// repeat, because grid lines and equal areas are where matchers disagree.
    static func random(seed: UInt64, count: Int) -> [CourseScene] {
        var rng = SeededGenerator(seed: seed)
        let sizes = [(256, 256), (320, 240), (416, 320), (512, 384), (640, 480)]
        return (0..<count).map { n in
            let (width, height) = sizes[Int.random(in: 0..<sizes.count, using: &rng)]
            let boxCount = Int.random(in: 1...9, using: &rng)
            var boxes: [Box] = []
            for _ in 0..<boxCount {
                let logSide = Float.random(in: 2...6.3, using: &rng)
                var w = (exp2f(logSide) * Float.random(in: 0.6...1.6, using: &rng)).rounded()
                var h = (exp2f(logSide) * Float.random(in: 0.6...1.6, using: &rng)).rounded()
                var x0 = rng.integer(-16...width - 4)
                var y0 = rng.integer(-16...height - 4)
                if Int.random(in: 0..<3, using: &rng) == 0 {
                    x0 = (x0 / 8).rounded(.down) * 8
                    y0 = (y0 / 8).rounded(.down) * 8
                    w = max(8, (w / 8).rounded() * 8)
                    h = max(8, (h / 8).rounded() * 8)
                }
                if let previous = boxes.last, Int.random(in: 0..<5, using: &rng) == 0 {
                    // Same area as the previous box, transposed and shifted to overlap it.
                    w = previous.height
                    h = previous.width
                    x0 = previous.x0 + rng.integer(0...8)
                    y0 = previous.y0 + rng.integer(0...8)
                }
                boxes.append(Box(x0: x0, y0: y0, x1: x0 + max(w, 2), y1: y0 + max(h, 2)))
            }
            return CourseScene(
                name: "random scene \(n + 1) (seed \(seed))", width: width, height: height, boxes: boxes,
                family: "random scenes")
        }
    }
}
