import Foundation

/// A pull parser over the bytes of a JSON file, for files too large for `JSONSerialization`.
///
/// COCO's `instances_train2017.json` holds 860 000 annotations; `JSONSerialization` turns a
/// box-only file of that size (116 MB) into ten million boxed Foundation objects, taking 15 s and
/// 3.7 GB here, and `JSONDecoder` still 7.6 s. A reader that walks the bytes once and keeps only
/// the fields it needs (skipping `segmentation` polygons without building them) takes well under a
/// second. Numbers are parsed exactly: short decimals by the exact fast path (an integer mantissa
/// below 2⁵³ scaled by an exact power of ten), the rest by Swift's correctly rounded
/// `Double(String)`, so every value equals Python's `float()` of the same text.
///
/// Syntax errors say where: `instances.json: malformed JSON at line 3, column 17: expected ':'`.
/// Python's `NaN`, `Infinity` and `-Infinity` tokens are read as numbers so that readers can say
/// which record holds them.
struct JSONScanner {
    let base: UnsafePointer<UInt8>
    let count: Int
    let file: String
    var position = 0
    private var depth = 0

    init(base: UnsafePointer<UInt8>, count: Int, file: String) {
        self.base = base
        self.count = count
        self.file = file
    }

    /// Runs `body` with a scanner over `data`.
    static func scan<T>(_ data: Data, file: String, _ body: (inout JSONScanner) throws -> T) throws -> T {
        // Scanned in place: the file's bytes are not copied (a 100 MB file stays 100 MB).
        try data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let empty: StaticString = ""
            var scanner = JSONScanner(
                base: bytes.baseAddress ?? empty.utf8Start, count: bytes.count, file: file)
            let result = try body(&scanner)
            try scanner.expectEnd()
            return result
        }
    }

    // MARK: errors

    func syntaxError(_ problem: String) -> InputError {
        let where_ = TextPosition(of: position, in: UnsafeBufferPointer(start: base, count: count))
        return InputError(file: file, problem: "malformed JSON at \(where_): \(problem)")
    }

    private func found() -> String {
        guard position < count else { return "the end of the file" }
        let c = base[position]
        if c >= 0x20 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return "byte 0x\(String(c, radix: 16))"
    }

    // MARK: structure

    @inline(__always) mutating func skipWhitespace() {
        while position < count {
            let c = base[position]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 {
                position += 1
            } else {
                return
            }
        }
    }

    @inline(__always) mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < count ? base[position] : nil
    }

    mutating func expect(_ c: UInt8, _ what: String) throws {
        guard peek() == c else { throw syntaxError("expected \(what), found \(found())") }
        position += 1
    }

    mutating func expectEnd() throws {
        skipWhitespace()
        guard position == count else { throw syntaxError("unexpected \(found()) after the top-level value") }
    }

    /// Whether the next value is `null` (consumed if so).
    mutating func takeNull() throws -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    /// Walks an object, calling `body` with each key's raw bytes; `body` must consume the value.
    mutating func readObject(_ body: (inout JSONScanner, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try expect(UInt8(ascii: "{"), "'{'")
        try enter()
        defer { depth -= 1 }
        if peek() == UInt8(ascii: "}") {
            position += 1
            return
        }
        while true {
            guard peek() == UInt8(ascii: "\"") else {
                throw syntaxError("expected a key string, found \(found())")
            }
            let key = try readKeyBytes()
            try expect(UInt8(ascii: ":"), "':'")
            try body(&self, key)
            switch peek() {
            case UInt8(ascii: ","):
                position += 1
                try rejectTrailingComma(before: UInt8(ascii: "}"))
            case UInt8(ascii: "}"):
                position += 1
                return
            default: throw syntaxError("expected ',' or '}', found \(found())")
            }
        }
    }

    /// Walks an array, calling `body` with each element's index; `body` must consume the element.
    mutating func readArray(_ body: (inout JSONScanner, Int) throws -> Void) throws {
        try expect(UInt8(ascii: "["), "'['")
        try enter()
        defer { depth -= 1 }
        if peek() == UInt8(ascii: "]") {
            position += 1
            return
        }
        var index = 0
        while true {
            try body(&self, index)
            index += 1
            switch peek() {
            case UInt8(ascii: ","):
                position += 1
                try rejectTrailingComma(before: UInt8(ascii: "]"))
            case UInt8(ascii: "]"):
                position += 1
                return
            default: throw syntaxError("expected ',' or ']', found \(found())")
            }
        }
    }

    /// JavaScript and Python's `json5` allow `[1, 2,]`; JSON (RFC 8259) and Python's `json` do
    /// not, so it is an error, reported at the comma.
    private mutating func rejectTrailingComma(before close: UInt8) throws {
        let comma = position - 1
        guard peek() == close else { return }
        position = comma
        throw syntaxError(
            "trailing comma before '\(Character(Unicode.Scalar(close)))' (JSON allows no comma after the last item)"
        )
    }

    private mutating func enter() throws {
        depth += 1
        if depth > InputLimits.jsonDepth {
            throw syntaxError("nested more than \(InputLimits.jsonDepth) levels deep (the limit)")
        }
    }

    // MARK: values

    /// A scalar, or an array of numbers, or a description of anything else (which is skipped).
    enum Value {
        case number(Double)
        case string(String)
        case bool(Bool)
        case null
        case numbers([Double])
        /// An array holding something other than numbers, or an object.
        case other(String)

        var kind: String {
            switch self {
            case .number(let d): return d.isNaN ? "NaN" : d.isFinite ? "a number" : "\(d)"
            case .string: return "a string"
            case .bool: return "a boolean"
            case .null: return "null"
            case .numbers: return "an array"
            case .other(let kind): return kind
            }
        }
    }

    mutating func readValue() throws -> Value {
        guard let c = peek() else { throw syntaxError("expected a value, found the end of the file") }
        switch c {
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "{"):
            try skipValue()
            return .other("an object")
        case UInt8(ascii: "["):
            var numbers: [Double] = []
            var onlyNumbers = true
            try readArray { scanner, _ in
                if onlyNumbers, let n = try scanner.readNumberIfPresent() {
                    numbers.append(n)
                } else {
                    onlyNumbers = false
                    try scanner.skipValue()
                }
            }
            return onlyNumbers ? .numbers(numbers) : .other("an array with non-numbers")
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        default:
            guard let n = try readNumberIfPresent() else {
                throw syntaxError("expected a value, found \(found())")
            }
            return .number(n)
        }
    }

    /// Consumes one value of any kind without building it.
    mutating func skipValue() throws {
        guard let c = peek() else { throw syntaxError("expected a value, found the end of the file") }
        switch c {
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "{"): try readObject { scanner, _ in try scanner.skipValue() }
        case UInt8(ascii: "["): try readArray { scanner, _ in try scanner.skipValue() }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default:
            guard try readNumberIfPresent() != nil else {
                throw syntaxError("expected a value, found \(found())")
            }
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        let w = word.utf8Start
        guard position + n <= count, (0..<n).allSatisfy({ base[position + $0] == w[$0] }) else {
            throw syntaxError("expected a value, found \(found())")
        }
        position += n
    }

    // MARK: strings

    /// Decoded copies of keys that contained escapes, alive as long as the scanner.
    private let escapedKeys = EscapedKeys()

    private mutating func readKeyBytes() throws -> UnsafeBufferPointer<UInt8> {
        let start = position + 1
        var i = start
        while i < count {
            let c = base[i]
            if c == UInt8(ascii: "\"") {
                position = i + 1
                return UnsafeBufferPointer(start: base + start, count: i - start)
            }
            if c == UInt8(ascii: "\\") || c < 0x20 { break }
            i += 1
        }
        // Rare: an escaped key. Decode it into storage that lives as long as the scanner.
        return escapedKeys.keep(Array(try readString().utf8))
    }

    mutating func readString() throws -> String {
        guard peek() == UInt8(ascii: "\"") else { throw syntaxError("expected a string, found \(found())") }
        position += 1
        let start = position
        // Fast path: no escapes.
        while position < count {
            let c = base[position]
            if c == UInt8(ascii: "\"") {
                let s = String(
                    decoding: UnsafeBufferPointer(start: base + start, count: position - start), as: UTF8.self
                )
                position += 1
                return s
            }
            if c == UInt8(ascii: "\\") || c < 0x20 { break }
            position += 1
        }
        var bytes = Array(UnsafeBufferPointer(start: base + start, count: position - start))
        while position < count {
            let c = base[position]
            if c == UInt8(ascii: "\"") {
                position += 1
                return String(decoding: bytes, as: UTF8.self)
            }
            if c < 0x20 { throw syntaxError("control character in a string") }
            if c != UInt8(ascii: "\\") {
                bytes.append(c)
                position += 1
                continue
            }
            position += 1
            guard position < count else { break }
            let e = base[position]
            position += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(e)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar), position + 1 < count,
                    base[position] == UInt8(ascii: "\\"),
                    base[position + 1] == UInt8(ascii: "u")
                {
                    position += 2
                    let low = try hex4()
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                }
                let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                bytes.append(contentsOf: Array(String(Character(character)).utf8))
            default:
                position -= 1
                throw syntaxError("unknown escape \\\(Character(Unicode.Scalar(e)))")
            }
        }
        throw syntaxError("unterminated string")
    }

    private mutating func hex4() throws -> UInt32 {
        guard position + 4 <= count else { throw syntaxError("short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = base[position]
            let digit: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw syntaxError("bad \\u escape")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private mutating func skipString() throws {
        position += 1
        while position < count {
            let c = base[position]
            if c == UInt8(ascii: "\"") {
                position += 1
                return
            }
            position += c == UInt8(ascii: "\\") ? 2 : 1
        }
        throw syntaxError("unterminated string")
    }

    // MARK: numbers

    private static let powersOfTen: [Double] = (0...22).map { e in
        var p = 1.0
        for _ in 0..<e { p *= 10 }
        return p
    }

    /// A number (or Python's `NaN` / `Infinity` / `-Infinity`) if one starts here, else `nil`
    /// with nothing consumed.
    mutating func readNumberIfPresent() throws -> Double? {
        guard let first = peek() else { return nil }
        let start = position
        var i = position
        var negative = false
        if first == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        if i < count, base[i] == UInt8(ascii: "N") || base[i] == UInt8(ascii: "I") {
            for (word, value) in [("NaN", Double.nan), ("Infinity", Double.infinity)] {
                let w = Array(word.utf8)
                if i + w.count <= count, (0..<w.count).allSatisfy({ base[i + $0] == w[$0] }) {
                    position = i + w.count
                    return negative ? -value : value
                }
            }
            return nil
        }
        guard i < count, base[i] >= UInt8(ascii: "0"), base[i] <= UInt8(ascii: "9") else {
            if negative { throw syntaxError("expected a digit after '-'") }
            return nil
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        // Integer part (JSON forbids leading zeros; accept them as Python's json does not, but harmlessly).
        while i < count, base[i] >= UInt8(ascii: "0"), base[i] <= UInt8(ascii: "9") {
            if digits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(base[i] - UInt8(ascii: "0"))
                if mantissa != 0 { digits += 1 }
            } else {
                exponent += 1
                digits += 1
            }
            i += 1
        }
        if i < count, base[i] == UInt8(ascii: ".") {
            i += 1
            guard i < count, base[i] >= UInt8(ascii: "0"), base[i] <= UInt8(ascii: "9") else {
                position = i
                throw syntaxError("expected a digit after '.'")
            }
            while i < count, base[i] >= UInt8(ascii: "0"), base[i] <= UInt8(ascii: "9") {
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(base[i] - UInt8(ascii: "0"))
                    if mantissa != 0 { digits += 1 }
                    exponent -= 1
                } else {
                    digits += 1
                }
                i += 1
            }
        }
        var hasExponent = false
        if i < count, base[i] == UInt8(ascii: "e") || base[i] == UInt8(ascii: "E") {
            hasExponent = true
            i += 1
            if i < count, base[i] == UInt8(ascii: "+") || base[i] == UInt8(ascii: "-") { i += 1 }
            guard i < count, base[i] >= UInt8(ascii: "0"), base[i] <= UInt8(ascii: "9") else {
                position = i
                throw syntaxError("expected a digit in the exponent")
            }
            while i < count, base[i] >= UInt8(ascii: "0"), base[i] <= UInt8(ascii: "9") { i += 1 }
        }
        position = i
        // Exact fast path: mantissa < 2⁵³ and 10^|e| exact in a double: one correctly rounded operation.
        if !hasExponent, digits <= 15, mantissa < (1 << 53), exponent >= -22, exponent <= 0 {
            let m = Double(mantissa)
            let value = exponent == 0 ? m : m / JSONScanner.powersOfTen[-exponent]
            return negative ? -value : value
        }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: i - start), as: UTF8.self)
        guard let value = Double(text) else { throw syntaxError("bad number \(text)") }
        return value
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// Whether these bytes spell `text` (ASCII keys).
    @inline(__always) func equals(_ text: StaticString) -> Bool {
        guard count == text.utf8CodeUnitCount else { return false }
        let t = text.utf8Start
        for i in 0..<count where self[i] != t[i] { return false }
        return true
    }

    var string: String { String(decoding: self, as: UTF8.self) }
}

/// Owns the decoded bytes of escaped keys so the buffers handed out stay valid.
private final class EscapedKeys {
    private var buffers: [UnsafeMutableBufferPointer<UInt8>] = []

    func keep(_ bytes: [UInt8]) -> UnsafeBufferPointer<UInt8> {
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, bytes.count))
        _ = buffer.initialize(from: bytes)
        buffers.append(buffer)
        return UnsafeBufferPointer(start: buffer.baseAddress, count: bytes.count)
    }

    deinit {
        for buffer in buffers { buffer.deallocate() }
    }
}
