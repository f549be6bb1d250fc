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
    /// The pixel size of a PNG or JPEG file from its header only, which YOLO's fractional boxes need.
    public static func size(ofFileAt path: String) throws -> (width: Int, height: Int) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError(file: path, problem: "cannot open the image")
        }
        defer { try? handle.close() }
        var reader = HeaderReader(handle: handle)
        do {
            return try checked(size(reading: &reader))
        } catch let problem as FieldProblem {
            throw InputError(file: path, problem: problem.text)
        }
    }

    /// The size of an image held in memory.
    public static func size(of data: Data, file: String) throws -> (width: Int, height: Int) {
        var reader = HeaderReader(data: data)
        do {
            return try checked(size(reading: &reader))
        } catch let problem as FieldProblem {
            throw InputError(file: file, problem: problem.text)
        }
    }

    /// A size within ``InputLimits/imageSide`` (a PNG header can claim up to 2³¹ − 1).
    static func checked(_ size: (width: Int, height: Int)) throws -> (width: Int, height: Int) {
        if let problem = InputLimits.sideProblem("the image width", size.width)
            ?? InputLimits.sideProblem("the image height", size.height)
        {
            throw FieldProblem(text: problem)
        }
        return size
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
            let prefix = try reader.read(1, "JPEG ends before its frame header")[0]
            guard prefix == 0xFF else {
                throw FieldProblem(text: "JPEG marker expected, found byte \(prefix)")
            }
            // Any number of 0xFF fill bytes may precede a marker (T.81 §B.1.1.2); skipped in bulk.
            reader.skip(whileEqualTo: 0xFF)
            let marker = try reader.read(1, "JPEG ends before its frame header")[0]
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

/// Sequential reads from a file handle or from memory. File reads go through a 64 KiB buffer,
/// so reading a header byte by byte costs no system call per byte.
struct HeaderReader {
    private var handle: FileHandle?
    /// The bytes available: the whole input in memory, or the buffered part of the file.
    private var buffer: [UInt8]
    /// Offset in the input of `buffer[0]`.
    private var bufferStart = 0
    /// Offset in the input of the next byte to read.
    private var offset = 0
    private static let chunk = 65_536

    init(handle: FileHandle) {
        self.handle = handle
        buffer = []
    }

    init(data: Data) { buffer = [UInt8](data) }

    /// Makes the byte at `offset` available if the input has it; `false` at the end.
    private mutating func fill() -> Bool {
        if offset >= bufferStart && offset - bufferStart < buffer.count { return true }
        guard let handle else { return false }
        guard (try? handle.seek(toOffset: UInt64(offset))) != nil,
            let data = try? handle.read(upToCount: Self.chunk), !data.isEmpty
        else { return false }
        buffer = [UInt8](data)
        bufferStart = offset
        return true
    }

    mutating func read(_ n: Int, _ shortage: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(n)
        while bytes.count < n, fill() {
            let available = min(n - bytes.count, buffer.count - (offset - bufferStart))
            let start = offset - bufferStart
            bytes += buffer[start..<(start + available)]
            offset += available
        }
        guard bytes.count == n else { throw FieldProblem(text: shortage) }
        return bytes
    }

    /// Moves past every byte equal to `value`.
    mutating func skip(whileEqualTo value: UInt8) {
        while fill() {
            let start = offset - bufferStart
            let stop = buffer.withUnsafeBufferPointer { bytes in
                var i = start
                while i < bytes.count && bytes[i] == value { i += 1 }
                return i
            }
            offset = bufferStart + stop
            if stop < buffer.count { return }
        }
    }

    mutating func seek(to position: Int) throws { offset = position }

    mutating func skip(_ n: Int) throws { offset += n }
}
