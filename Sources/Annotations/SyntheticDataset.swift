import Foundation

/// A seeded, COCO-train-shaped data set made in memory, for timing the statistics at full
/// scale (118 000 images, 860 000 boxes) without the real annotations.
///
/// Shapes follow COCO 2017 train as published: images mostly 640 px on the long side (640×480,
/// 480×640, 640×427, …); about 7.3 boxes per image with a long tail (an exponential count);
/// box sizes split like COCO's small / medium / large (41 % below 32², 34 % up to 96², 24 %
/// above, by √area in original pixels, log-uniform within each band), aspect ratios log-normal;
/// 1 % crowd; 80 categories with COCO's ids (1–90 with gaps), a third of the boxes `person`.
/// Coordinates are rounded to two decimals as COCO's files are. The same seed gives the same
/// set on every platform.
public enum SyntheticDataset {
    /// A seeded COCO-train-shaped data set, for timing at full scale when the real annotations are absent.
    public static func make(
        images imageCount: Int = 118_000, boxes boxCount: Int = 860_000, seed: UInt64 = 2017
    )
        -> Dataset
    {
        var rng = SeededGenerator(seed: seed)
        let categories = cocoCategoryIDs.enumerated().map {
            Category(id: $0.element, name: "class \($0.offset)")
        }
        // Box counts: exponential per image, then nudged so the total is exact.
        let mean = imageCount > 0 ? Double(boxCount) / Double(imageCount) : 0
        var counts = (0..<imageCount).map { _ in Int(-log(1 - Double.random(in: 0..<1, using: &rng)) * mean) }
        var difference = boxCount - counts.reduce(0, +)
        while difference != 0 && imageCount > 0 {
            let i = Int.random(in: 0..<imageCount, using: &rng)
            if difference > 0 {
                counts[i] += 1
                difference -= 1
            } else if counts[i] > 0 {
                counts[i] -= 1
                difference += 1
            }
        }
        var images: [AnnotatedImage] = []
        images.reserveCapacity(imageCount)
        var nextID = 1
        for (index, count) in counts.enumerated() {
            let (w, h) = imageSize(&rng)
            var image = AnnotatedImage(
                id: index + 1, fileName: String(format: "%012d.jpg", index + 1), width: w, height: h)
            image.annotations.reserveCapacity(count)
            for _ in 0..<count {
                let category =
                    Double.random(in: 0..<1, using: &rng) < 0.33
                    ? categories[0] : categories[Int.random(in: 1..<categories.count, using: &rng)]
                let (x, y, bw, bh) = box(&rng, width: w, height: h)
                image.annotations.append(
                    ObjectAnnotation(
                        id: nextID, categoryID: category.id, categoryName: category.name,
                        isCrowd: Double.random(in: 0..<1, using: &rng) < 0.01,
                        box: .coco(x: x, y: y, width: bw, height: bh),
                        area: rounded(bw * bh * 0.6)))
                nextID += 1
            }
            images.append(image)
        }
        return Dataset(
            source: "synthetic (seed \(seed))", format: .coco, images: images, categories: categories)
    }

    /// COCO's 80 category ids.
    static let cocoCategoryIDs: [Int] = [
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 27, 28, 31, 32,
        33,
        34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59,
        60, 61,
        62, 63, 64, 65, 67, 70, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 84, 85, 86, 87, 88, 89, 90,
    ]

    static func imageSize(_ rng: inout SeededGenerator) -> (Int, Int) {
        let u = Double.random(in: 0..<1, using: &rng)
        let long: Int
        let short: Int
        switch u {
        case ..<0.45: (long, short) = (640, 480)
        case ..<0.70: (long, short) = (640, 427)
        case ..<0.76: (long, short) = (640, 426)
        case ..<0.81: (long, short) = (640, 360)
        case ..<0.85: (long, short) = (640, 640)
        case ..<0.92:
            long = 640
            short = Int.random(in: 240...639, using: &rng)
        default:
            long = Int.random(in: 320...639, using: &rng)
            short = Int.random(in: max(120, long / 3)...long, using: &rng)
        }
        return Double.random(in: 0..<1, using: &rng) < 0.75 ? (long, short) : (short, long)
    }

    static func box(_ rng: inout SeededGenerator, width: Int, height: Int) -> (Double, Double, Double, Double)
    {
        let W = Double(width)
        let H = Double(height)
        let u = Double.random(in: 0..<1, using: &rng)
        let (lo, hi): (Double, Double) = u < 0.41 ? (4, 32) : u < 0.75 ? (32, 96) : (96, max(97, min(W, H)))
        let side = exp(Double.random(in: log(lo)..<log(hi), using: &rng))
        let ratio = exp(gaussian(&rng) * 0.6)
        let bw = max(1, min(W, rounded(side * ratio.squareRoot())))
        let bh = max(1, min(H, rounded(side / ratio.squareRoot())))
        let x = rounded(Double.random(in: 0...(W - bw), using: &rng))
        let y = rounded(Double.random(in: 0...(H - bh), using: &rng))
        return (x, y, min(bw, W - x), min(bh, H - y))
    }

    static func rounded(_ v: Double) -> Double { (v * 100).rounded() / 100 }

    static func gaussian(_ rng: inout SeededGenerator) -> Double {
        let u = 1 - Double.random(in: 0..<1, using: &rng)
        let v = Double.random(in: 0..<1, using: &rng)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}

/// SplitMix64: small, seeded and the same everywhere.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    var state: UInt64

    /// A generator starting from `seed`, so the same seed gives the same numbers.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
