import FCOS
import Foundation

/// A data set's target-assignment statistics under one preset: the paper's best possible recall
/// and ambiguity figures (Table 1, §4.1.1), with and without FPN, plus where the boxes land.
///
/// Each image goes through the preset's ``DataPath`` (resized pixels), then its assigner's
/// `StatisticsAssigner/statistics(_:imageWidth:imageHeight:scratch:)` twice: with the preset's
/// levels, and on one stride-16 level (`AssignmentRules/withoutFPN` for FCOS). Counts are sums over images;
/// shares are taken at the end:
///
/// - BPR = recalled boxes ÷ kept boxes (non-crowd boxes the data path kept),
/// - ambiguous share = ambiguous positives ÷ all positives (the paper's "ratio of ambiguous
///   samples to all positive samples"), likewise for ambiguity between different classes.
///
/// Boxes without a positive (with FPN) are listed smallest first (by resized area, then image and
/// annotation id): the smallest are the ones the grid cannot see, which is the first thing to
/// check on a new data set; a box that had candidate locations but lost all of them to smaller
/// boxes says so in ``UnrecalledBox/lostToSmallerBoxes``.
///
/// The images are split in blocks over `workers` threads (`DispatchQueue.concurrentPerform`),
/// each with its own scratch buffers, and the blocks merged in order, so the result does not
/// depend on the number of workers.
public struct DatasetStatistics: Sendable {
    /// The name of the target preset measured, for the report.
    public var preset: String
    /// The data path that resized and filtered the boxes before matching.
    public var dataPath: DataPath
    /// The feature levels' names (`P3`…`P7`), in the order of the per-level arrays.
    public var levelNames: [String]
    /// The levels' strides, in the order of ``levelNames`` (empty when not known).
    public var levelStrides: [Int] = []
    /// Images measured.
    public var images = 0
    /// Annotations read, crowd and difficult included.
    public var boxes = 0
    /// Boxes the data path kept: the denominator of the recall.
    public var keptBoxes = 0
    /// Boxes the data path left out, by reason.
    public var drops = DropCounts()
    /// Kept boxes that clipping changed.
    public var clipped = 0
    /// Best possible recall and ambiguity with FPN levels, as in the FCOS paper's tables.
    public var withFPN = Summary()
    /// Best possible recall and ambiguity with a single level (no FPN), for the paper's comparison.
    public var withoutFPN = Summary()
    /// Positive locations per level, with FPN.
    public var positivesPerLevel: [Int]
    /// Kept boxes by their number of positive locations (with FPN), binned as ``histogramBins``.
    public var positivesHistogram: [Int]
    /// Kept boxes by the set of levels they won locations on (bit `l` for level `l`; 0: none).
    public var boxesByLevels: [UInt32: Int] = [:]
    /// Kept boxes without any positive location, with FPN, smallest first.
    public var unrecalled: [UnrecalledBox] = []

    /// Upper bounds of the positives-per-box bins: 0, 1, 2, 3–4, 5–8, …, 257+.
    public static let histogramBins: [(label: String, upper: Int)] = [
        ("0", 0), ("1", 1), ("2", 2), ("3-4", 4), ("5-8", 8), ("9-16", 16), ("17-32", 32), ("33-64", 64),
        ("65-128", 128), ("129-256", 256), ("257+", Int.max),
    ]

    /// Empty statistics for a preset and data path, filled in by measuring images.
    public init(preset: String, dataPath: DataPath, levelNames: [String]) {
        self.preset = preset
        self.dataPath = dataPath
        self.levelNames = levelNames
        positivesPerLevel = Array(repeating: 0, count: levelNames.count)
        positivesHistogram = Array(repeating: 0, count: Self.histogramBins.count)
    }

    /// Sums of one matcher's counts over the data set.
    public struct Summary: Hashable, Sendable {
        /// Locations assigned to some box.
        public var positives = 0
        /// Positive locations inside more than one box (the paper's ambiguous samples).
        public var ambiguous = 0
        /// Ambiguous locations whose boxes have different classes, the ambiguity that can hurt.
        public var ambiguousDifferentClass = 0
        /// Kept boxes that at least one location regresses.
        public var recalled = 0
        /// Kept non-crowd boxes, the recall's denominator.
        public var eligible = 0

        /// An empty summary, the start of a count.
        public init() {}

        /// Best possible recall: recalled ÷ kept non-crowd boxes (0 when there are none).
        public var bestPossibleRecall: Double { eligible == 0 ? 0 : Double(recalled) / Double(eligible) }
        /// Ambiguous positives ÷ positives.
        public var ambiguousShare: Double { positives == 0 ? 0 : Double(ambiguous) / Double(positives) }
        /// Positives ambiguous between different classes ÷ positives.
        public var differentClassShare: Double {
            positives == 0 ? 0 : Double(ambiguousDifferentClass) / Double(positives)
        }

        mutating func add(_ s: AssignmentStatistics) {
            positives += s.positives
            ambiguous += s.ambiguous
            ambiguousDifferentClass += s.ambiguousDifferentClass
            recalled += s.recalledGroundTruths
            eligible += s.eligibleGroundTruths
        }

        static func + (a: Summary, b: Summary) -> Summary {
            var s = a
            s.positives += b.positives
            s.ambiguous += b.ambiguous
            s.ambiguousDifferentClass += b.ambiguousDifferentClass
            s.recalled += b.recalled
            s.eligible += b.eligible
            return s
        }
    }

    /// A kept box that no location regresses (with FPN).
    public struct UnrecalledBox: Hashable, Sendable {
        /// The image holding the box, to find it again.
        public var imageID: Int
        /// The annotation id of the box, to find it in the file.
        public var annotationID: Int
        /// The box's category name, for the report.
        public var categoryName: String
        /// Continuous corners in original pixels (``SourceBox/corners(imageWidth:imageHeight:)``).
        public var originalBox: [Double]
        /// The box the matcher saw, in resized pixels.
        public var resizedBox: Box
        /// It was a candidate somewhere but every such location went to a smaller box.
        public var lostToSmallerBoxes: Bool
    }

    /// Names of the levels in a level mask, `P3+P4`, or `none`.
    public func levelSetName(_ mask: UInt32) -> String {
        let names = levelNames.indices.filter { mask & (1 << UInt32($0)) != 0 }.map { levelNames[$0] }
        return names.isEmpty ? "none" : names.joined(separator: "+")
    }

    // MARK: computing

    /// Statistics of `dataset` under the FCOS `preset`, whose images go through `dataPath`.
    /// `progress(done, total)` is called after each block of images, from worker threads.
    public static func compute(
        _ dataset: Dataset, preset: Preset, dataPath: DataPath, workers: Int = 2,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) -> DatasetStatistics {
        compute(
            dataset, name: preset.name, withFPN: preset.matcher,
            withoutFPN: Matcher(rules: preset.assignment.withoutFPN),
            dataPath: dataPath, workers: workers, progress: progress)
    }

    /// Statistics of `dataset` under any method's assigner (FCOS, ATSS, …), `withFPN` with its
    /// levels and `withoutFPN` its single-level counterpart; `name` is the preset's.
    public static func compute<WithFPN: StatisticsAssigner, WithoutFPN: StatisticsAssigner>(
        _ dataset: Dataset, name: String, withFPN: WithFPN, withoutFPN: WithoutFPN, dataPath: DataPath,
        workers: Int = 2, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) -> DatasetStatistics {
        let images = dataset.images
        let total = images.count
        let levelNames = withFPN.levels.map(\.name)
        let preset = name
        let blockCount = max(1, min(total, workers * 32))
        let slots = BlockResults<DatasetStatistics>(count: blockCount)
        let counter = DoneCounter()
        let work = { @Sendable (block: Int) in
            let start = total * block / blockCount
            let end = total * (block + 1) / blockCount
            var part = DatasetStatistics(preset: preset, dataPath: dataPath, levelNames: levelNames)
            var scratch = StatisticsScratch()
            for index in start..<end {
                part.add(
                    images[index], dataPath: dataPath, withFPN: withFPN, withoutFPN: withoutFPN,
                    scratch: &scratch)
            }
            slots.set(block, part)
            if let progress { progress(counter.add(end - start), total) }
        }
        if workers <= 1 {
            for block in 0..<blockCount { work(block) }
        } else {
            DispatchQueue.concurrentPerform(iterations: blockCount, execute: work)
        }
        var result = DatasetStatistics(preset: preset, dataPath: dataPath, levelNames: levelNames)
        result.levelStrides = withFPN.levels.map(\.stride)
        for part in slots.values { result.merge(part) }
        result.unrecalled.sort {
            let a = $0.resizedBox.area(.continuous)
            let b = $1.resizedBox.area(.continuous)
            if a != b { return a < b }
            if $0.imageID != $1.imageID { return $0.imageID < $1.imageID }
            return $0.annotationID < $1.annotationID
        }
        return result
    }

    mutating func add(
        _ image: AnnotatedImage, dataPath: DataPath, withFPN: some StatisticsAssigner,
        withoutFPN: some StatisticsAssigner, scratch: inout StatisticsScratch
    ) {
        let prepared = dataPath.prepare(image)
        images += 1
        boxes += image.annotations.count
        keptBoxes += prepared.groundTruths.count
        drops = drops + prepared.drops
        clipped += prepared.clipped
        let gts = prepared.groundTruths
        let fpn = withFPN.statistics(
            gts, imageWidth: prepared.width, imageHeight: prepared.height, scratch: &scratch)
        let single = withoutFPN.statistics(
            gts, imageWidth: prepared.width, imageHeight: prepared.height, scratch: &scratch)
        self.withFPN.add(fpn)
        self.withoutFPN.add(single)
        for (l, n) in fpn.positivesPerLevel.enumerated() { positivesPerLevel[l] += n }
        for (g, n) in fpn.positivesPerGroundTruth.enumerated() {
            positivesHistogram[Self.histogramBins.firstIndex { n <= $0.upper }!] += 1
            boxesByLevels[fpn.levelMaskPerGroundTruth[g], default: 0] += 1
            guard n == 0 else { continue }
            let annotation = image.annotations[prepared.annotationIndices[g]]
            let c = annotation.box.corners(imageWidth: image.width, imageHeight: image.height)
            unrecalled.append(
                UnrecalledBox(
                    imageID: image.id, annotationID: annotation.id, categoryName: annotation.categoryName,
                    originalBox: [c.x0, c.y0, c.x1, c.y1], resizedBox: gts[g].box,
                    lostToSmallerBoxes: fpn.candidatesPerGroundTruth[g] > 0))
        }
    }

    mutating func merge(_ other: DatasetStatistics) {
        images += other.images
        boxes += other.boxes
        keptBoxes += other.keptBoxes
        drops = drops + other.drops
        clipped += other.clipped
        withFPN = withFPN + other.withFPN
        withoutFPN = withoutFPN + other.withoutFPN
        for l in positivesPerLevel.indices { positivesPerLevel[l] += other.positivesPerLevel[l] }
        for b in positivesHistogram.indices { positivesHistogram[b] += other.positivesHistogram[b] }
        boxesByLevels.merge(other.boxesByLevels, uniquingKeysWith: +)
        unrecalled += other.unrecalled
    }
}

/// One result slot per block, written once each from worker threads.
final class BlockResults<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [T?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [T] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}

/// A thread-safe running total, for progress reports.
final class DoneCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0

    func add(_ n: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        done += n
        return done
    }
}
