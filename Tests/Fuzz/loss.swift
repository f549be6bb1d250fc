import Annotations
import FCOS
import Foundation

/// The JSON inputs of `fcos loss` (element-wise tensors, box pairs, distance pairs), then the
/// losses on what was read.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLoss(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    guard let json = try? LossInput.parse(Data(bytes: bytes, count: count), file: "fuzz.json") else {
        return 0
    }
    if let e = try? LossInput.elementwise(json) {
        _ = FocalLoss.elements(logits: e.logits, targets: e.targets, alpha: 0.25, gamma: 2)
        _ = BinaryCrossEntropy.elements(logits: e.logits, targets: e.targets)
    }
    if let (a, b) = try? LossInput.boxPairs(json) { _ = GIoULoss.elements(a, b) }
    if let d = try? LossInput.distancePairs(json) {
        for kind in IoULossKind.allCases {
            _ = IoULoss.elements(predictions: d.pred, targets: d.target, kind: kind)
        }
    }
    return 0
}
