import Foundation

/// Writes files so that a reader only ever sees the old contents or the complete new contents.
///
/// Lessons are re-run while a browser shows the generated notebook and while other processes read
/// the figures; writing in place would let them load a half-written PNG or a truncated JSON file,
/// and a failed run would destroy the previous good output. Instead, everything goes to a hidden
/// temporary file in the destination's own directory (so it is on the same file system) and is then
/// moved over the destination with `rename(2)`, which POSIX makes atomic. On any failure the
/// temporary is deleted, so failed runs leave no litter.
///
/// This protects readers, not against power loss: the data is not `fsync`ed, since figures are
/// cheap to regenerate.
public enum AtomicFile {
    /// Atomically replaces `path` with `bytes`, creating missing parent directories.
    public static func write(_ bytes: some Collection<UInt8>, to path: String) throws {
        try write(to: path) { temporaryPath in
            try writeAll(bytes, toNewFile: temporaryPath)
        }
    }

    /// Atomically replaces `path` with the UTF-8 encoding of `text`.
    public static func write(_ text: String, to path: String) throws {
        try write(text.utf8, to: path)
    }

    /// Atomically replaces the file at `url` with `bytes`.
    public static func write(_ bytes: some Collection<UInt8>, to url: URL) throws {
        try write(bytes, to: url.path)
    }

    /// Atomically replaces the file at `url` with the UTF-8 encoding of `text`.
    public static func write(_ text: String, to url: URL) throws {
        try write(text.utf8, to: url.path)
    }

    /// Calls `produce` with a temporary path next to `path`; when it returns, the file it wrote
    /// there replaces `path`. If `produce` throws, or writes nothing, the error is passed on, the
    /// temporary is removed and `path` is left untouched.
    ///
    /// This is the form for libraries that insist on opening the file themselves, such as Cairo's
    /// PNG, SVG and PDF writers.
    @discardableResult
    public static func write<Result>(to path: String, _ produce: (String) throws -> Result) throws -> Result {
        let destination = URL(fileURLWithPath: path)
        let directory = destination.deletingLastPathComponent().path
        let name = destination.lastPathComponent
        try createDirectories(directory)

        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let temporary = "\(directory)/.\(name).tmp-\(getpid())-\(suffix)"
        do {
            let result = try produce(temporary)
            guard rename(temporary, destination.path) == 0 else {
                throw CanvasError.io(
                    errno: errno, operation: "while moving the new file into place at \(path)")
            }
            return result
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// The URL form of ``write(to:_:)-(String,_)``; `produce` receives a temporary file URL.
    @discardableResult
    public static func write<Result>(to url: URL, _ produce: (URL) throws -> Result) throws -> Result {
        try write(to: url.path) { temporaryPath in
            try produce(URL(fileURLWithPath: temporaryPath))
        }
    }

    /// `mkdir -p`, reporting the failing component with its `errno` (for example `ENOTDIR` when a
    /// path component is a regular file).
    public static func createDirectories(_ directory: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw CanvasError.io(errno: ENOTDIR, operation: "because \(directory) is not a directory")
            }
            return
        }
        let parent = URL(fileURLWithPath: directory).deletingLastPathComponent().path
        if parent != directory {
            try createDirectories(parent)
        }
        if mkdir(directory, 0o777) != 0 && errno != EEXIST {
            throw CanvasError.io(errno: errno, operation: "while creating directory \(directory)")
        }
    }

    /// Creates `path` (which must not exist) and writes every byte, retrying short writes.
    private static func writeAll(_ bytes: some Collection<UInt8>, toNewFile path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw CanvasError.io(errno: errno, operation: "while creating \(path)")
        }
        var writeError: Int32 = 0
        let contiguous = bytes.withContiguousStorageIfAvailable { writeLoop(descriptor, $0) }
        writeError = contiguous ?? Array(bytes).withUnsafeBufferPointer { writeLoop(descriptor, $0) }
        if close(descriptor) != 0 && writeError == 0 {
            writeError = errno
        }
        if writeError != 0 {
            throw CanvasError.io(errno: writeError, operation: "while writing \(path)")
        }
    }
}

/// Returns 0 or the `errno` of the failed `write(2)`.
private func writeLoop(_ descriptor: Int32, _ buffer: UnsafeBufferPointer<UInt8>) -> Int32 {
    guard var next = buffer.baseAddress else { return 0 }
    var remaining = buffer.count
    while remaining > 0 {
        let written = write(descriptor, next, remaining)
        if written < 0 {
            if errno == EINTR { continue }
            return errno
        }
        next += written
        remaining -= written
    }
    return 0
}
