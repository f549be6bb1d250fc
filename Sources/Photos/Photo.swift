import Canvas
import Foundation

/// A photograph to draw under the boxes, loaded from a JPEG (libjpeg-turbo) or PNG (Cairo) file.
///
/// The format is told by the file's first bytes, not its name: data sets hold `.jpg` files that
/// are PNGs and the other way round, and a name-based guess would turn such a file into a
/// "corrupt" error that sends people looking for damage that is not there.
public enum Photo {
    public enum Format: String, Sendable {
        case jpeg
        case png
    }

    /// The format of the file at `path`, from its signature.
    public static func format(ofFileAt path: String) throws(PhotoError) -> Format {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw PhotoError(path: path, problem: exists ? "cannot read the file" : "no such file")
        }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 8)) ?? Data())
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.isEmpty { throw PhotoError(path: path, problem: "the file is empty") }
        let shown = head.prefix(4).map { String(format: "%02X", $0) }.joined(separator: " ")
        throw PhotoError(path: path, problem: "not a JPEG or PNG file (it starts with \(shown))")
    }

    /// The picture at `path`, as a bitmap figures can draw.
    public static func load(_ path: String) throws(PhotoError) -> RasterImage {
        switch try format(ofFileAt: path) {
        case .jpeg:
            let pixels = try JPEGDecoder.decode(path: path)
            do {
                return try RasterImage(width: pixels.width, height: pixels.height, rgb: pixels.rgb)
            } catch {
                throw PhotoError(path: path, problem: "cannot hold the decoded picture: \(error)")
            }
        case .png:
            do {
                return try RasterImage(contentsOfPNG: path)
            } catch let error as CanvasError {
                throw PhotoError(path: path, problem: "corrupt PNG: \(pngReason(error))")
            } catch {
                throw PhotoError(path: path, problem: "cannot load the PNG: \(error)")
            }
        }
    }

    /// Cairo's status word alone: its message repeats the path, which ``PhotoError`` already names.
    static func pngReason(_ error: CanvasError) -> String {
        if case .cairo(let status, _) = error { return status }
        return error.description
    }
}
