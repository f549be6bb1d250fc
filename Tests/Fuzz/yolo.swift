import Annotations
import FCOS
import Foundation

/// A YOLO label file against a fixed 640 × 480 image, then every data path.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYOLO(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let data = Data(bytes: bytes, count: count)
    let read = YOLOReader.decode(
        data, file: "fuzz.txt", id: 1, imageFile: "fuzz.jpg", width: 640, height: 480)
    prepareUnderEveryRule(Dataset(source: "fuzz", format: .yolo, images: [read], categories: []))
    return 0
}
