import Foundation

/// Where a byte offset falls in a text file, as an editor shows it: 1-based line, and column in
/// characters (UTF-8 continuation bytes do not count), so `line 3, column 17` can be typed
/// into any editor's "go to" box, unlike a character offset.
struct TextPosition: CustomStringConvertible {
    var line = 1
    var column = 1

    init(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes.prefix(max(0, offset)) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
    }

    var description: String { "line \(line), column \(column)" }
}

/// The bytes of the file at `path`, or of standard input for `-`, with the name messages use.
func readInput(_ path: String) throws -> (data: Data, name: String) {
    if path == "-" { return (FileHandle.standardInput.readDataToEndOfFile(), "<stdin>") }
    guard let contents = FileManager.default.contents(atPath: path) else {
        throw InputError(file: path, problem: "cannot read the file")
    }
    return (contents, path)
}
