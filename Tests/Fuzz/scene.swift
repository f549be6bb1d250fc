import Annotations
import Foundation

/// A scene file as `fcos targets` and the lessons read it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScene(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    _ = try? SceneFile.decode(JSONValue.parse(Data(bytes: bytes, count: count), file: "fuzz.json"))
    return 0
}
