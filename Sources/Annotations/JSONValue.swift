import Foundation

/// Typed access to parsed JSON that reports *where* a value is missing or malformed, so every
/// error can name the file and the record (`boxes[3].x1`), which Codable's messages do not.
public struct JSONValue {
    public let value: Any
    public let path: String
    public let file: String

    /// Parses `data` read from `file`.
    public static func parse(_ data: Data, file: String) throws -> JSONValue {
        do {
            let value = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return JSONValue(value: value, path: "", file: file)
        } catch {
            let reason =
                (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "not valid JSON"
            throw InputError(file: file, problem: "malformed JSON (\(reason))")
        }
    }

    /// Reads and parses the file at `path`, or standard input for `-`.
    public static func read(_ path: String) throws -> JSONValue {
        let name = path == "-" ? "<stdin>" : path
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw InputError(file: name, problem: "cannot read the file")
            }
            data = contents
        }
        return try parse(data, file: name)
    }

    public func error(_ problem: String) -> InputError {
        InputError(file: file, record: path.isEmpty ? nil : path, problem: problem)
    }

    func child(_ value: Any, _ component: String) -> JSONValue {
        JSONValue(
            value: value,
            path: path.isEmpty ? component : "\(path)\(component.hasPrefix("[") ? "" : ".")\(component)",
            file: file)
    }

    public func has(_ key: String) -> Bool {
        guard let object = value as? [String: Any], let v = object[key] else { return false }
        return !(v is NSNull)
    }

    public subscript(key: String) -> JSONValue {
        get throws {
            guard let object = value as? [String: Any] else { throw error("expected an object") }
            guard let v = object[key], !(v is NSNull) else {
                throw child(NSNull(), key).error("missing field")
            }
            return child(v, key)
        }
    }

    public func array() throws -> [JSONValue] {
        guard let items = value as? [Any] else { throw error("expected an array") }
        return items.enumerated().map { child($0.element, "[\($0.offset)]") }
    }

    /// A finite number; NaN and infinities (which some writers emit as strings) are errors.
    public func number() throws -> Double {
        guard let n = value as? NSNumber, !isBoolean(n) else {
            throw error("expected a number, found \(describe(value))")
        }
        let d = n.doubleValue
        guard d.isFinite else { throw error("expected a finite number, found \(d)") }
        return d
    }

    public func float() throws -> Float {
        let d = try number()
        let f = Float(d)
        guard f.isFinite else { throw error("\(d) is too large for float32") }
        return f
    }

    public func integer() throws -> Int {
        let d = try number()
        guard d.rounded() == d, abs(d) < 1e15 else { throw error("expected a whole number, found \(d)") }
        return Int(d)
    }

    public func string() throws -> String {
        guard let s = value as? String else { throw error("expected a string, found \(describe(value))") }
        return s
    }

    public func bool() throws -> Bool {
        guard let n = value as? NSNumber, isBoolean(n) else {
            throw error("expected true or false, found \(describe(value))")
        }
        return n.boolValue
    }

    public func floats() throws -> [Float] { try array().map { try $0.float() } }

    private func describe(_ v: Any) -> String {
        switch v {
        case is String: return "a string"
        case is [Any]: return "an array"
        case is [String: Any]: return "an object"
        case is NSNull: return "null"
        case let n as NSNumber where isBoolean(n): return "a boolean"
        default: return "\(v)"
        }
    }

    /// JSONSerialization gives booleans as `NSNumber` too; their class tells them apart.
    private func isBoolean(_ n: NSNumber) -> Bool {
        #if canImport(Darwin)
            return CFGetTypeID(n) == CFBooleanGetTypeID()
        #else
            return String(describing: type(of: n)).contains("Boolean")
        #endif
    }
}
