import Foundation

/// Typed access to parsed JSON that reports *where* a value is missing or malformed, so every
/// error can name the file and the record (`boxes[3].x1`), which Codable's messages do not.
public struct JSONValue {
    /// The JSON value itself.
    public let node: JSONNode
    /// Where the value sits in its document (`boxes[3].x1`), for messages.
    public let path: String
    /// The file the document came from, for messages.
    public let file: String

    /// Parses `data` read from `file` with `JSONScanner` (errors at `line:column`).
    public static func parse(_ data: Data, file: String) throws -> JSONValue {
        let node = try JSONScanner.scan(data, file: file) { try $0.readNode() }
        return JSONValue(node: node, path: "", file: file)
    }

    /// Reads and parses the file at `path`, or standard input for `-`.
    public static func read(_ path: String) throws -> JSONValue {
        let (data, name) = try readInput(path)
        return try parse(data, file: name)
    }

    /// An error naming this value's file and record, for checks the caller makes.
    public func error(_ problem: String) -> InputError {
        InputError(file: file, record: path.isEmpty ? nil : path, problem: problem)
    }

    func child(_ node: JSONNode, _ component: String) -> JSONValue {
        JSONValue(
            node: node,
            path: path.isEmpty ? component : "\(path)\(component.hasPrefix("[") ? "" : ".")\(component)",
            file: file)
    }

    /// Whether this object has `key`, for optional fields.
    public func has(_ key: String) -> Bool {
        guard case .object(let object) = node, let v = object[key] else { return false }
        if case .null = v { return false }
        return true
    }

    /// The value at `key`, which remembers its path so a later error can name it.
    public subscript(key: String) -> JSONValue {
        get throws {
            guard case .object(let object) = node else { throw error("expected an object") }
            guard let v = object[key], has(key) else { throw child(.null, key).error("missing field") }
            return child(v, key)
        }
    }

    /// The elements of an array, each with its index in its path; an error if not an array.
    public func array() throws -> [JSONValue] {
        guard case .array(let items) = node else { throw error("expected an array") }
        return items.enumerated().map { child($0.element, "[\($0.offset)]") }
    }

    /// A finite number; NaN and infinities (Python writes them as bare tokens) are errors.
    public func number() throws -> Double {
        guard case .number(let d) = node else { throw error("expected a number, found \(node.kind)") }
        guard d.isFinite else { throw error("expected a finite number, found \(d)") }
        return d
    }

    /// A finite number that fits in a float32; an error otherwise.
    public func float() throws -> Float {
        let d = try number()
        let f = Float(d)
        guard f.isFinite else { throw error("\(d) is too large for float32") }
        return f
    }

    /// A whole number; an error for fractions or non-numbers.
    public func integer() throws -> Int {
        let d = try number()
        guard d.rounded() == d, abs(d) < 1e15 else { throw error("expected a whole number, found \(d)") }
        return Int(d)
    }

    /// A string; an error otherwise.
    public func string() throws -> String {
        guard case .string(let s) = node else { throw error("expected a string, found \(node.kind)") }
        return s
    }

    /// A boolean; an error otherwise.
    public func bool() throws -> Bool {
        guard case .bool(let b) = node else { throw error("expected true or false, found \(node.kind)") }
        return b
    }

    /// An array of float32 numbers, each checked as by ``float()``.
    public func floats() throws -> [Float] { try array().map { try $0.float() } }
}
