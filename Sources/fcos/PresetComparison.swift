import Annotations
import FCOS
import Figures

/// Where two presets assign differently over a data set: differing cells per level, the boxes
/// that gain or lose positives, and the images with the most differences.
///
/// A cell differs when one preset makes it a positive and the other does not, or when they
/// regress different boxes; cells are compared by grid position, as ``DisagreementPanels`` does
/// (its own comparison is used, so the counts and the figures cannot disagree).
struct PresetComparison {
    var first: MethodPreset
    var second: MethodPreset
    var firstPath: DataPath
    var secondPath: DataPath
    /// Level names present under both presets, in the first preset's order.
    var levelNames: [String] = []
    var differingPerLevel: [Int] = []
    var firstPositivesPerLevel: [Int] = []
    var secondPositivesPerLevel: [Int] = []
    var imagesCompared = 0
    var boxesCompared = 0
    /// Boxes kept by one data path only.
    var keptOnlyByFirst = 0
    var keptOnlyBySecond = 0
    /// Images with at least one differing cell, most differences first.
    var images: [ImageDifference] = []
    /// Boxes whose positive count differs, ranked (see ``BoxChange/rank``).
    var changes: [BoxChange] = []
    /// Per size bin of the box (longest side in the first preset's resized pixels).
    var sizeBins: [SizeBin] = SizeBin.all

    var differing: Int { differingPerLevel.reduce(0, +) }

    struct ImageDifference {
        var imageID: Int
        var fileName: String
        var differingPerLevel: [Int]
        var firstPositives: Int
        var secondPositives: Int
        var differing: Int { differingPerLevel.reduce(0, +) }
    }

    struct BoxChange {
        var imageID: Int
        var annotationID: Int
        var category: String
        /// Corners in original pixels, as the annotation file gives them.
        var original: (x0: Double, y0: Double, x1: Double, y1: Double)
        /// The longest side in resized pixels under the first preset's data path (the second's
        /// when only it kept the box).
        var resizedLongestSide: Float
        var firstPositives: Int
        var secondPositives: Int
        var keptByFirst: Bool
        var keptBySecond: Bool

        var delta: Int { secondPositives - firstPositives }
        /// Has positives under one preset and none under the other: a box that stops (or
        /// starts) being learned at all, which matters more than any count.
        var zeroOnOneSide: Bool { (firstPositives == 0) != (secondPositives == 0) }

        /// Boxes that reach zero on one side first, then by how many positives moved.
        static func rank(_ a: BoxChange, _ b: BoxChange) -> Bool {
            if a.zeroOnOneSide != b.zeroOnOneSide { return a.zeroOnOneSide }
            if abs(a.delta) != abs(b.delta) { return abs(a.delta) > abs(b.delta) }
            return (a.imageID, a.annotationID) < (b.imageID, b.annotationID)
        }
    }

    struct SizeBin {
        var label: String
        var upper: Float
        var boxes = 0
        var firstPositives = 0
        var secondPositives = 0
        /// Boxes with no positive under the first preset, under the second.
        var firstWithout = 0
        var secondWithout = 0

        /// The data set README's bins of the longest resized side.
        static let all: [SizeBin] = [
            SizeBin(label: "0–64", upper: 64), SizeBin(label: "64–128", upper: 128),
            SizeBin(label: "128–256", upper: 256), SizeBin(label: "256–512", upper: 512),
            SizeBin(label: "512+", upper: .infinity),
        ]
    }

    init(first: MethodPreset, second: MethodPreset, firstPath: DataPath, secondPath: DataPath) {
        self.first = first
        self.second = second
        self.firstPath = firstPath
        self.secondPath = secondPath
    }

    /// The two presets' targets for `image`, aligned by annotation.
    func pair(_ image: AnnotatedImage) -> AlignedPair {
        let a = firstPath.prepare(image)
        let b = secondPath.prepare(image)
        return AlignedPair(
            first: first.targets(a.groundTruths, imageWidth: a.width, imageHeight: a.height),
            firstKept: a.annotationIndices,
            second: second.targets(b.groundTruths, imageWidth: b.width, imageHeight: b.height),
            secondKept: b.annotationIndices)
    }

    /// Compares every image of `dataset`.
    static func compute(
        _ dataset: Dataset, first: MethodPreset, second: MethodPreset, firstPath: DataPath,
        secondPath: DataPath,
        progress: (Int, Int) -> Void = { _, _ in }
    ) -> PresetComparison {
        var c = PresetComparison(first: first, second: second, firstPath: firstPath, secondPath: secondPath)
        for (n, image) in dataset.images.enumerated() {
            c.add(image, c.pair(image))
            progress(n + 1, dataset.images.count)
        }
        c.images.sort { $0.differing != $1.differing ? $0.differing > $1.differing : $0.imageID < $1.imageID }
        c.changes.sort(by: BoxChange.rank)
        return c
    }

    mutating func add(_ image: AnnotatedImage, _ pair: AlignedPair) {
        let panels = DisagreementPanels(
            first: pair.first, firstName: first.name, second: pair.second, secondName: second.name)
        let levels = panels.comparedLevels
        if levelNames.isEmpty {
            levelNames = levels.map { pair.first.levels[$0.first].map.level.name }
            differingPerLevel = Array(repeating: 0, count: levels.count)
            firstPositivesPerLevel = differingPerLevel
            secondPositivesPerLevel = differingPerLevel
        }
        let counts = panels.disagreementCounts
        for (i, level) in levels.enumerated() where i < differingPerLevel.count {
            differingPerLevel[i] += counts[i]
            firstPositivesPerLevel[i] += pair.first.levels[level.first].positiveCount
            secondPositivesPerLevel[i] += pair.second.levels[level.second].positiveCount
        }
        imagesCompared += 1
        boxesCompared += pair.annotationIndices.count
        keptOnlyByFirst += pair.onlyFirst.count
        keptOnlyBySecond += pair.onlySecond.count
        if counts.reduce(0, +) > 0 {
            images.append(
                ImageDifference(
                    imageID: image.id, fileName: image.fileName, differingPerLevel: counts,
                    firstPositives: pair.first.positiveCount, secondPositives: pair.second.positiveCount))
        }
        let a = pair.first.positivesPerGroundTruth
        let b = pair.second.positivesPerGroundTruth
        for (k, annotationIndex) in pair.annotationIndices.enumerated() {
            let box = pair.first.groundTruths[k].box
            let side = max(box.width, box.height)
            let bin = sizeBins.firstIndex { side <= $0.upper } ?? sizeBins.count - 1
            sizeBins[bin].boxes += 1
            sizeBins[bin].firstPositives += a[k]
            sizeBins[bin].secondPositives += b[k]
            if a[k] == 0 { sizeBins[bin].firstWithout += 1 }
            if b[k] == 0 { sizeBins[bin].secondWithout += 1 }
            guard a[k] != b[k] else { continue }
            let record = image.annotations[annotationIndex]
            changes.append(
                BoxChange(
                    imageID: image.id, annotationID: record.id, category: record.categoryName,
                    original: record.box.corners(imageWidth: image.width, imageHeight: image.height),
                    resizedLongestSide: side, firstPositives: a[k], secondPositives: b[k],
                    keptByFirst: !pair.onlySecond.contains(k), keptBySecond: !pair.onlyFirst.contains(k)))
        }
    }

    var gaining: Int { changes.filter { $0.delta > 0 }.count }
    var losing: Int { changes.filter { $0.delta < 0 }.count }
}
