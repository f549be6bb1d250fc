import FCOS
import Foundation

/// The JSON inputs of `fcos nms` and `fcos loss`: an object whose fields are numbers or nested
/// arrays of numbers, read straight from the bytes by `JSONScanner` into flat `[Double]`
/// arrays with their shapes. A million boxes parse in a fraction of a second (through
/// `JSONSerialization` they took 11 s and 866 MB, every number boxed).
///
/// Only the fields asked for are read; the others are skipped without being built. Errors name
/// the element: `scores[3]: expected a finite number, found NaN`,
/// `logits[1]: ragged array: expected shape [2], found [1]`.
public struct NumericJSON: Sendable {
    /// The file the numbers came from, for messages.
    public let file: String
    private var fields: [String: NumericArray] = [:]

    /// Reads the file at `path` (standard input for `-`), keeping the fields named in `keys`.
    public static func read(_ path: String, keys: Set<String>) throws -> NumericJSON {
        let (data, name) = try readInput(path)
        return try parse(data, file: name, keys: keys)
    }

    /// Parses numeric JSON already in memory, keeping only the fields in `keys`.
    public static func parse(_ data: Data, file: String, keys: Set<String>) throws -> NumericJSON {
        var json = NumericJSON(file: file)
        try JSONScanner.scan(data, file: file) { scanner in
            guard scanner.peek() == UInt8(ascii: "{") else {
                throw InputError(file: file, problem: "expected a JSON object {…}")
            }
            try scanner.readObject { scanner, rawKey in
                let key = rawKey.string
                guard keys.contains(key) else { return try scanner.skipValue() }
                var array = NumericArray(name: key, file: file)
                var indices: [Int] = []
                array.shape = try scanner.readNumbers(into: &array, indices: &indices)
                json.fields[key] = array
            }
        }
        return json
    }

    private init(file: String) { self.file = file }

    /// Whether the field is present (`null` counts as absent).
    public func has(_ key: String) -> Bool { fields[key] != nil }

    /// The field named `key`; throws a `missing field` error naming it when it is absent.
    public subscript(key: String) -> NumericArray {
        get throws {
            guard let field = fields[key] else {
                throw InputError(file: file, record: key, problem: "missing field")
            }
            return field
        }
    }
}

/// One field: a number (shape `[]`) or a rectangular nested array, flattened row-major.
public struct NumericArray: Sendable {
    /// The field's name, for messages.
    public let name: String
    /// The file the field came from, for messages.
    public let file: String
    /// The numbers in row-major order.
    public var values: [Double] = []
    /// The size of each dimension (`[]` for a single number).
    public var shape: [Int] = []

    init(name: String, file: String) {
        self.name = name
        self.file = file
    }

    /// An error naming the file, the field and, when given, the element's indices.
    public func error(_ problem: String, at indices: [Int] = []) -> InputError {
        InputError(file: file, record: name + indices.map { "[\($0)]" }.joined(), problem: problem)
    }

    /// All values as float32, in row-major order, with the shape.
    public func tensor() throws -> (values: [Float], shape: [Int]) {
        var floats = [Float](repeating: 0, count: values.count)
        for (i, d) in values.enumerated() {
            let f = Float(d)
            guard f.isFinite else { throw error("\(d) is too large for float32", at: position(of: i)) }
            floats[i] = f
        }
        return (floats, shape)
    }

    /// A one-dimensional array of float32 values.
    public func floats() throws -> [Float] {
        guard shape.count == 1 else { throw error("expected an array of numbers, found shape \(shape)") }
        return try tensor().values
    }

    /// A one-dimensional array of whole numbers.
    public func integers() throws -> [Int] {
        guard shape.count == 1 else {
            throw error("expected an array of whole numbers, found shape \(shape)")
        }
        return try values.enumerated().map { i, d in
            guard d.rounded() == d, abs(d) < 1e15 else {
                throw error("expected a whole number, found \(d)", at: [i])
            }
            return Int(d)
        }
    }

    /// Rows of four numbers, each within ±``InputLimits/coordinate``.
    public func quadruples(_ layout: String) throws -> [(Float, Float, Float, Float)] {
        guard shape == [0] || (shape.count == 2 && shape[1] == 4) else {
            let found = shape.count == 2 ? "rows of \(shape[1]) numbers" : "shape \(shape)"
            throw error("expected [\(layout)] rows, found \(found)")
        }
        var rows: [(Float, Float, Float, Float)] = []
        rows.reserveCapacity(values.count / 4)
        for r in 0..<(values.count / 4) {
            for c in 0..<4 where abs(values[4 * r + c]) > InputLimits.coordinate {
                throw error(
                    "\(values[4 * r + c]) is beyond ±1e18, the limit that keeps areas finite in float32",
                    at: [r, c])
            }
            rows.append(
                (
                    Float(values[4 * r]), Float(values[4 * r + 1]), Float(values[4 * r + 2]),
                    Float(values[4 * r + 3])
                ))
        }
        return rows
    }

    /// `[x0, y0, x1, y1]` rows with `x1 ≥ x0` and `y1 ≥ y0`.
    public func boxes() throws -> [Box] {
        try quadruples("x0, y0, x1, y1").enumerated().map { r, c in
            guard c.2 >= c.0, c.3 >= c.1 else {
                throw error("x1 < x0 or y1 < y0 in [\(c.0), \(c.1), \(c.2), \(c.3)]", at: [r])
            }
            return Box(x0: c.0, y0: c.1, x1: c.2, y1: c.3)
        }
    }

    /// `[l, t, r, b]` rows.
    public func distances() throws -> [LTRB] {
        try quadruples("l, t, r, b").map { LTRB(l: $0.0, t: $0.1, r: $0.2, b: $0.3) }
    }

    /// The indices of the `i`-th value in row-major order.
    func position(of i: Int) -> [Int] {
        var rest = i
        var indices = [Int](repeating: 0, count: shape.count)
        for d in shape.indices.reversed() where shape[d] > 0 {
            indices[d] = rest % shape[d]
            rest /= shape[d]
        }
        return indices
    }
}

extension JSONScanner {
    /// A number or a nested array of numbers appended to `array.values`; returns its shape.
    /// `indices` is the path to the current element, for messages.
    mutating func readNumbers(into array: inout NumericArray, indices: inout [Int]) throws -> [Int] {
        guard peek() == UInt8(ascii: "[") else {
            guard let d = try readNumberIfPresent() else {
                throw array.error(
                    "expected a number or an array of numbers, found \(try readValue().kind)", at: indices)
            }
            guard d.isFinite else {
                throw array.error("expected a finite number, found \(d.isNaN ? "NaN" : "\(d)")", at: indices)
            }
            guard array.values.count < InputLimits.arrayLength else {
                throw array.error("more than \(InputLimits.arrayLength) numbers (the limit)")
            }
            array.values.append(d)
            return []
        }
        var inner: [Int]?
        var count = 0
        indices.append(0)
        try readArray { scanner, index in
            indices[indices.count - 1] = index
            let shape = try scanner.readNumbers(into: &array, indices: &indices)
            if let inner, inner != shape {
                throw array.error("ragged array: expected shape \(inner), found \(shape)", at: indices)
            }
            inner = shape
            count += 1
        }
        indices.removeLast()
        return [count] + (inner ?? [])
    }
}
