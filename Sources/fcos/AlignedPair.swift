import Annotations
import FCOS

/// The same image's targets under two presets, with box indices made to agree.
///
/// Each preset goes through its own reference's data path, and the paths drop different boxes
/// (official drops a box whose width rounds to nothing after `w − 1`, mmdetection one with
/// `w < 1`, …). Box `#3` under one preset can then be another object than `#3` under the other,
/// and comparing `matched` indices would count phantom disagreements. So both assignments are
/// re-indexed by annotation: the first preset's kept boxes in order, then those only the second
/// kept. A box one path dropped keeps its place with no positive on that side.
struct AlignedPair {
    var first: DenseTargets
    var second: DenseTargets
    /// For each aligned index, the annotation's index in the image's `annotations`.
    var annotationIndices: [Int]
    /// Aligned indices kept by only one of the data paths.
    var onlyFirst: Set<Int>
    var onlySecond: Set<Int>

    init(first a: DenseTargets, firstKept: [Int], second b: DenseTargets, secondKept: [Int]) {
        var order = firstKept
        var position: [Int: Int] = [:]
        for (i, annotation) in firstKept.enumerated() { position[annotation] = i }
        for annotation in secondKept where position[annotation] == nil {
            position[annotation] = order.count
            order.append(annotation)
        }
        annotationIndices = order
        let secondSet = Set(secondKept)
        let firstSet = Set(firstKept)
        onlyFirst = Set(order.indices.filter { !secondSet.contains(order[$0]) })
        onlySecond = Set(order.indices.filter { !firstSet.contains(order[$0]) })

        // Boxes for every aligned index on both sides: a side's own box where it kept it, the
        // other side's otherwise (never matched there, so only drawn and counted as zero).
        var secondBox: [Int: GroundTruth] = [:]
        for (k, annotation) in secondKept.enumerated() { secondBox[annotation] = b.groundTruths[k] }
        var firstBox: [Int: GroundTruth] = [:]
        for (k, annotation) in firstKept.enumerated() { firstBox[annotation] = a.groundTruths[k] }
        let alignedFirst = order.map { firstBox[$0] ?? secondBox[$0]! }
        let alignedSecond = order.map { secondBox[$0] ?? firstBox[$0]! }
        let secondToAligned = secondKept.map { Int32(position[$0]!) }

        first = a
        first.groundTruths = alignedFirst
        second = b
        second.groundTruths = alignedSecond
        for l in second.levels.indices {
            second.levels[l].matched = second.levels[l].matched.map {
                $0 >= 0 ? secondToAligned[Int($0)] : -1
            }
        }
    }
}
