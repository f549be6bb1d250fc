import Foundation

/// The pixel size of a JPEG or PNG file, read from its header without decoding the picture.
/// YOLO labels are fractions of the image size, which only the image file knows.
///
/// - PNG: the first chunk must be `IHDR`, whose first eight bytes are width and height
///   (big-endian), right after the 8-byte signature and the chunk's length and type.
/// - JPEG: walk the marker segments from `FFD8` (each `FFxx` followed by a big-endian length
///   that counts itself) until a start-of-frame marker `SOF0`…`SOF15` (`C0`–`CF` except `C4`
///   DHT, `C8` JPG and `CC` DAC); its payload is precision (1 byte), height, width (2 bytes
///   each). EXIF blocks before it are skipped by seeking, so only a few hundred bytes are read.
public enum ImageHeader {
    public static func size(ofFileAt path: String) throws -> (width: Int, height: Int) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError(file: path, problem: "cannot open the image")
        }
        defer { try? handle.close() }
        var reader = HeaderReader(handle: handle)
        do {
            return try size(reading: &reader)
        } catch let problem as FieldProblem {
            throw InputError(file: path, problem: problem.text)
        }
    }

    /// The size of an image held in memory.
    public static func size(of data: Data, file: String) throws -> (width: Int, height: Int) {
        var reader = HeaderReader(data: data)
        do {
            return try size(reading: &reader)
        } catch let problem as FieldProblem {
            throw InputError(file: file, problem: problem.text)
        }
    }

    static func size(reading reader: inout HeaderReader) throws -> (width: Int, height: Int) {
        let start = try reader.read(8, "the file is empty or too short for an image")
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        if start == png {
            let chunk = try reader.read(16, "PNG header is cut short")
            guard Array(chunk[4..<8]) == Array("IHDR".utf8) else {
                throw FieldProblem(text: "PNG does not start with an IHDR chunk")
            }
            let size = (width: bigEndian(chunk[8..<12]), height: bigEndian(chunk[12..<16]))
            guard size.width > 0, size.height > 0 else {
                throw FieldProblem(text: "PNG header gives a zero size")
            }
            return size
        }
        guard start[0] == 0xFF, start[1] == 0xD8 else {
            throw FieldProblem(text: "not a JPEG or PNG file (cannot read its size)")
        }
        // Back to just after SOI and walk the segments.
        try reader.seek(to: 2)
        while true {
            var marker = try reader.read(1, "JPEG ends before its frame header")[0]
            guard marker == 0xFF else {
                throw FieldProblem(text: "JPEG marker expected, found byte \(marker)")
            }
            while marker == 0xFF { marker = try reader.read(1, "JPEG ends before its frame header")[0] }
            switch marker {
            case 0xD8, 0x01, 0xD0...0xD7:
                continue  // no payload
            case 0xD9, 0xDA:
                throw FieldProblem(text: "JPEG has no frame header before its image data")
            default:
                let length = bigEndian(try reader.read(2, "JPEG segment cut short")[...])
                guard length >= 2 else {
                    throw FieldProblem(text: "JPEG segment length \(length) is too small")
                }
                if (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker) {
                    let frame = try reader.read(5, "JPEG frame header cut short")
                    let size = (width: bigEndian(frame[3..<5]), height: bigEndian(frame[1..<3]))
                    guard size.width > 0, size.height > 0 else {
                        throw FieldProblem(text: "JPEG frame header gives a zero size")
                    }
                    return size
                }
                try reader.skip(length - 2)
            }
        }
    }

    private static func bigEndian(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.reduce(0) { $0 << 8 | Int($1) }
    }
}

/// Sequential reads from a file handle or from memory.
struct HeaderReader {
    private var handle: FileHandle?
    private var data: Data?
    private var offset = 0

    init(handle: FileHandle) { self.handle = handle }
    init(data: Data) { self.data = data }

    mutating func read(_ n: Int, _ shortage: String) throws -> [UInt8] {
        let bytes: [UInt8]
        if let data {
            let end = min(data.count, offset + n)
            bytes = offset < end ? [UInt8](data[(data.startIndex + offset)..<(data.startIndex + end)]) : []
        } else {
            bytes = [UInt8]((try? handle?.read(upToCount: n)) ?? Data())
        }
        offset += bytes.count
        guard bytes.count == n else { throw FieldProblem(text: shortage) }
        return bytes
    }

    mutating func seek(to position: Int) throws {
        offset = position
        if let handle { try handle.seek(toOffset: UInt64(position)) }
    }

    mutating func skip(_ n: Int) throws { try seek(to: offset + n) }
}
