import Annotations
import FCOS
import Foundation

/// COCO instances JSON through the byte scanner, then every data path.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCOCO(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let data = Data(bytes: bytes, count: count)
    if let read = try? COCOReader.decode(data, file: "fuzz.json") { prepareUnderEveryRule(read.dataset) }
    return 0
}
