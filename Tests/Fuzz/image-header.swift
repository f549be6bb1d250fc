import Annotations
import Foundation

/// The JPEG/PNG header reader YOLO uses for image sizes, from memory and from a file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImageHeader(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let data = Data(bytes: bytes, count: count)
    let fromMemory = try? ImageHeader.size(of: data, file: "fuzz.jpg")
    let path = FuzzFile.path
    _ = FileManager.default.createFile(atPath: path, contents: data)
    let fromFile = try? ImageHeader.size(ofFileAt: path)
    // Both readers must agree.
    if fromMemory?.width != fromFile?.width || fromMemory?.height != fromFile?.height { abort() }
    return 0
}

enum FuzzFile {
    static let path = scratchDirectory + "/fcos-fuzz-header-\(getpid())"
}

/// Where `.ci/fuzz` wants the one file written per execution (memory-backed when it can be),
/// removed by the script afterwards.
let scratchDirectory = ProcessInfo.processInfo.environment["FCOS_FUZZ_SCRATCH"] ?? NSTemporaryDirectory()
