/// The small XML reader behind ``VOCReader``: elements, their text and nothing else a Pascal VOC
/// annotation needs.
///
/// Why not Foundation's `XMLParser`: on Linux it is libxml2 behind a bridge that traps (SIGILL)
/// when an element or attribute name is not valid UTF-8 (the 11-byte `<a b\xff="1"/>`), it
/// expands internal entities (400 000 references to a 50 KB entity took 15 s), and a tree nested
/// 37 500 levels deep overflowed the stack when freed. VOC files are machine-written, four levels
/// deep, and never declare entities, so a reader that refuses all of that costs nothing.
///
/// What is accepted: an optional byte-order mark, an XML declaration, comments, processing
/// instructions, a `<!DOCTYPE>` without an internal subset (never fetched), elements with
/// attributes (checked, then dropped), character data with the five predefined entities and
/// character references, and CDATA sections. What is refused, with the line and column:
/// invalid UTF-8 anywhere, an internal DTD subset (entity declarations), any other entity
/// reference, nesting deeper than ``maximumDepth``, mismatched or unclosed tags, and content after
/// the root element. Work is one pass over the bytes, without recursion.
struct VOCXML {
    /// Deepest element nesting accepted; a VOC file needs four (`annotation/object/bndbox/xmin`).
    static let maximumDepth = 64

    private let bytes: [UInt8]
    private let file: String
    private var position = 0

    private init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    /// The root element of the document in `bytes`.
    static func parse(_ bytes: [UInt8], file: String) throws -> VOCElement {
        var reader = VOCXML(bytes: bytes, file: file)
        if let offset = firstInvalidUTF8(bytes) {
            reader.position = offset
            throw reader.error("invalid UTF-8 (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)))")
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.position = 3 }
        return try reader.document()
    }

    /// The offset of the first byte that is not part of well-formed UTF-8, or `nil`.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    // MARK: errors

    private func error(_ problem: String) -> InputError {
        let where_ = bytes.withUnsafeBufferPointer { TextPosition(of: position, in: $0) }
        return InputError(file: file, problem: "malformed XML at \(where_): \(problem)")
    }

    // MARK: scanning

    private var atEnd: Bool { position >= bytes.count }

    private func starts(with text: StaticString) -> Bool {
        let n = text.utf8CodeUnitCount
        guard position + n <= bytes.count else { return false }
        let t = text.utf8Start
        for i in 0..<n where bytes[position + i] != t[i] { return false }
        return true
    }

    private mutating func skipWhitespace() {
        while !atEnd, isWhitespace(bytes[position]) { position += 1 }
    }

    private func isWhitespace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

    /// Moves past the next `terminator`, or fails with `unterminated`.
    private mutating func skip(past terminator: StaticString, _ unterminated: String) throws {
        while !atEnd {
            if starts(with: terminator) {
                position += terminator.utf8CodeUnitCount
                return
            }
            position += 1
        }
        throw error(unterminated)
    }

    // MARK: structure

    private mutating func document() throws -> VOCElement {
        var root: VOCElement?
        var stack: [VOCElement] = []
        while true {
            if stack.isEmpty {
                skipWhitespace()
                if atEnd { break }
                guard bytes[position] == UInt8(ascii: "<") else {
                    throw error(
                        root == nil ? "text before the root element" : "content after the root element")
                }
            }
            if atEnd { throw error("the document ends inside <\(stack.last?.name ?? "")>") }
            if bytes[position] != UInt8(ascii: "<") {
                stack[stack.count - 1].text += try characterData()
                continue
            }
            if starts(with: "<!--") {
                position += 4
                try skip(past: "-->", "unterminated comment")
            } else if starts(with: "<?") {
                position += 2
                try skip(past: "?>", "unterminated processing instruction")
            } else if starts(with: "<![CDATA[") {
                guard let element = stack.last else { throw error("CDATA outside the root element") }
                position += 9
                let start = position
                try skip(past: "]]>", "unterminated CDATA section")
                element.text += String(decoding: bytes[start..<(position - 3)], as: UTF8.self)
            } else if starts(with: "<!DOCTYPE") {
                guard root == nil, stack.isEmpty else {
                    throw error("<!DOCTYPE> after the root element started")
                }
                try doctype()
            } else if starts(with: "</") {
                position += 2
                let name = try self.name()
                skipWhitespace()
                guard !atEnd, bytes[position] == UInt8(ascii: ">") else { throw error("'>' expected") }
                guard let open = stack.last else { throw error("</\(name)> closes nothing") }
                guard open.name == name else { throw error("</\(name)> does not close <\(open.name)>") }
                position += 1
                stack.removeLast()
            } else {
                guard root == nil || !stack.isEmpty else { throw error("content after the root element") }
                let tagStart = position
                position += 1
                let element = VOCElement(name: try name())
                let selfClosing = try attributes()
                if let parent = stack.last { parent.children.append(element) } else { root = element }
                if !selfClosing {
                    guard stack.count < Self.maximumDepth else {
                        position = tagStart
                        throw error("elements nested deeper than \(Self.maximumDepth) (the limit)")
                    }
                    stack.append(element)
                }
            }
        }
        guard let root else { throw error("empty document") }
        return root
    }

    /// `<!DOCTYPE name SYSTEM "…">` is skipped; an internal subset (`[ … ]`) is where entities
    /// are declared, and VOC files never need one.
    private mutating func doctype() throws {
        var quote: UInt8?
        while !atEnd {
            let c = bytes[position]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                quote = c
            } else if c == UInt8(ascii: "[") {
                throw error("a <!DOCTYPE> with declarations (entities) is not accepted; VOC files need none")
            } else if c == UInt8(ascii: ">") {
                position += 1
                return
            }
            position += 1
        }
        throw error("unterminated <!DOCTYPE>")
    }

    private func isNameByte(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "-"),
            UInt8(ascii: "."), 0x80...0xFF:
            return true
        default: return false
        }
    }

    private mutating func name() throws -> String {
        let start = position
        while !atEnd, isNameByte(bytes[position]) { position += 1 }
        guard position > start else { throw error("a name expected, found \(found())") }
        let first = bytes[start]
        guard !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first), first != UInt8(ascii: "-"),
            first != UInt8(ascii: ".")
        else {
            position = start
            throw error("a name cannot start with '\(Character(Unicode.Scalar(first)))'")
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private func found() -> String {
        guard !atEnd else { return "the end of the file" }
        let c = bytes[position]
        if c >= 0x20 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return "byte 0x\(String(c, radix: 16, uppercase: true))"
    }

    /// Attributes up to the end of a start tag; `true` for `/>`.
    private mutating func attributes() throws -> Bool {
        var seen: Set<String> = []
        while true {
            let hadSpace = !atEnd && isWhitespace(bytes[position])
            skipWhitespace()
            guard !atEnd else { throw error("the document ends inside a tag") }
            if bytes[position] == UInt8(ascii: ">") {
                position += 1
                return false
            }
            if starts(with: "/>") {
                position += 2
                return true
            }
            guard hadSpace else { throw error("'>' expected, found \(found())") }
            let attribute = try name()
            guard seen.insert(attribute).inserted else { throw error("attribute \(attribute) given twice") }
            skipWhitespace()
            guard !atEnd, bytes[position] == UInt8(ascii: "=") else {
                throw error("'=' expected after \(attribute)")
            }
            position += 1
            skipWhitespace()
            guard !atEnd, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
                throw error("a quoted value expected for \(attribute)")
            }
            let quote = bytes[position]
            position += 1
            while true {
                guard !atEnd else { throw error("unterminated attribute value") }
                let c = bytes[position]
                if c == quote { break }
                if c == UInt8(ascii: "<") { throw error("'<' in an attribute value") }
                if c == UInt8(ascii: "&") {
                    _ = try reference()
                } else {
                    position += 1
                }
            }
            position += 1
        }
    }

    /// Text up to the next `<`, with references decoded.
    private mutating func characterData() throws -> String {
        var text: [UInt8] = []
        while !atEnd, bytes[position] != UInt8(ascii: "<") {
            if bytes[position] == UInt8(ascii: "&") {
                text += Array(String(try reference()).utf8)
            } else {
                text.append(bytes[position])
                position += 1
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// One of `&lt; &gt; &amp; &apos; &quot; &#N; &#xH;`; any other entity is undefined here.
    private mutating func reference() throws -> Character {
        let start = position
        position += 1
        while !atEnd, bytes[position] != UInt8(ascii: ";"), position - start < 12 { position += 1 }
        guard !atEnd, bytes[position] == UInt8(ascii: ";") else {
            position = start
            throw error("'&' must start an entity or character reference (write &amp;)")
        }
        let body = String(decoding: bytes[(start + 1)..<position], as: UTF8.self)
        position += 1
        switch body {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "apos": return "'"
        case "quot": return "\""
        default:
            if body.hasPrefix("#") {
                let digits = body.dropFirst()
                let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
                if let value, value != 0, let scalar = Unicode.Scalar(value) { return Character(scalar) }
                position = start
                throw error("bad character reference &\(body);")
            }
            position = start
            throw error("undefined entity &\(body); (VOC files use none but the five predefined ones)")
        }
    }
}
