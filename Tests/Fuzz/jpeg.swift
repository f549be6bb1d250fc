import CJPEGShim
import Foundation

/// The libjpeg shim the photos come through, on a file holding the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJPEG(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let path = scratchDirectory + "/fcos-fuzz-jpeg-\(getpid()).jpg"
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes: bytes, count: count))
    var buffer: UnsafeMutablePointer<UInt8>?
    var width: Int32 = 0
    var height: Int32 = 0
    var message = [CChar](repeating: 0, count: 512)
    let code = message.withUnsafeMutableBufferPointer { text in
        decode_jpeg(path, &buffer, &width, &height, text.baseAddress, text.count)
    }
    if code == 0 {
        guard let buffer, width > 0, height > 0 else { abort() }
        // Touch the last byte the contract promises, so ASan sees a short buffer.
        _ = buffer[Int(width) * Int(height) * 3 - 1]
        decode_jpeg_free(buffer)
    } else if buffer != nil || message[0] == 0 {
        abort()
    }
    return 0
}

/// Where `.ci/fuzz` wants the one file written per execution (memory-backed when it can be),
/// removed by the script afterwards.
let scratchDirectory = ProcessInfo.processInfo.environment["FCOS_FUZZ_SCRATCH"] ?? NSTemporaryDirectory()
