import FCOS
import Keypoints

extension BenchCommand {
    /// CenterNet targets as the paper trains: a 512 × 512 input, 100 boxes, 80 classes (the
    /// 128 × 128 × 80 heat maps are allocated inside the timed call, as each training sample does).
    static func centerNetTargetsMedian(runs: Int, rng: inout BenchRandom) -> Double {
        let boxes = (0..<100).map { _ in rng.box(width: 512, height: 512) }
        return median(runs) {
            let t = try? CenterNetTargets(boxes, inputWidth: 512, inputHeight: 512, classes: 80)
            blackHole(t?.objects.count)
        }
    }
}
