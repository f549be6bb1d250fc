import Annotations
import Foundation

/// A class-names file, read both as YAML and as darknet's one-name-per-line list.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNames(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    _ = try? NamesFile.parse(text, file: "fuzz.yaml")
    _ = try? NamesFile.parse(text, file: "fuzz.names")
    return 0
}
