import Annotations
import FCOS
import Foundation

/// The JSON input of `fcos nms`, then the suppression itself on what was read.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNMS(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let data = Data(bytes: bytes, count: count)
    guard let input = try? NMSInput.decode(data, file: "fuzz.json", needsLabels: true) else { return 0 }
    _ = NMS.batched(
        boxes: input.boxes, scores: input.scores, labels: input.labels ?? [], iouThreshold: 0.5,
        convention: .inclusivePixels, suppression: .greaterThanOrEqual)
    return 0
}
