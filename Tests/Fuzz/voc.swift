import Annotations
import FCOS
import Foundation

/// One Pascal VOC annotation file, then every data path.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVOC(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let data = Data(bytes: bytes, count: count)
    if let read = try? VOCReader.decode(data, file: "fuzz.xml", id: 1, fallbackName: "fuzz.jpg") {
        prepareUnderEveryRule(read.dataset)
    }
    return 0
}
