import CJPEGShim

/// JPEG files to RGB pixels through libjpeg-turbo.
///
/// The decoding itself is in C (`CJPEGShim`): libjpeg stops on a fatal error by calling a
/// function that must not return, and the only safe way out of it is `longjmp`, which Swift
/// cannot do. So a corrupt or truncated file arrives here as a message, never as a crash or a
/// process exit, and a run over a data set can report it and go on.
public enum JPEGDecoder {
    /// Pixels as tightly packed 8-bit RGB rows, top row first.
    public struct Pixels: Sendable {
        public var width: Int
        public var height: Int
        public var rgb: [UInt8]
    }

    /// Decodes the file at `path`. Gray, YCbCr, RGB, CMYK and YCCK pictures all come out as RGB.
    public static func decode(path: String) throws(PhotoError) -> Pixels {
        var buffer: UnsafeMutablePointer<UInt8>?
        var width: Int32 = 0
        var height: Int32 = 0
        var message = [CChar](repeating: 0, count: 512)
        let code = message.withUnsafeMutableBufferPointer { text in
            decode_jpeg(path, &buffer, &width, &height, text.baseAddress, text.count)
        }
        guard code == 0, let buffer else {
            let reason = String(
                decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw PhotoError(path: path, problem: describe(code: code, reason: reason))
        }
        defer { decode_jpeg_free(buffer) }
        let count = Int(width) * Int(height) * 3
        return Pixels(
            width: Int(width), height: Int(height),
            rgb: Array(UnsafeBufferPointer(start: buffer, count: count)))
    }

    /// libjpeg's own wording, prefixed so the reader knows which stage failed.
    static func describe(code: Int32, reason: String) -> String {
        switch code {
        case Int32(DECODE_JPEG_CANNOT_OPEN): return reason
        case Int32(DECODE_JPEG_CORRUPT): return "corrupt JPEG: \(reason)"
        default: return "cannot decode the JPEG: \(reason)"
        }
    }
}
