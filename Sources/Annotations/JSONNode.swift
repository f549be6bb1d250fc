/// A JSON document as a tree, for the small inputs that are read whole (scene files): built by
/// `JSONScanner`, so syntax errors say `line:column` and a trailing comma is refused the same
/// way as in a COCO file. Large numeric inputs do not come through here (see ``NumericJSON``).
public enum JSONNode: Sendable {
    /// A JSON number.
    case number(Double)
    /// A JSON string.
    case string(String)
    /// A JSON `true` or `false`.
    case bool(Bool)
    /// JSON `null`.
    case null
    /// A JSON array in order.
    case array([JSONNode])
    /// Keys in any order; a repeated key keeps its last value, as Python's `json` does.
    case object([String: JSONNode])

    /// What a message calls this kind of value.
    var kind: String {
        switch self {
        case .number(let d): return d.isFinite ? "a number" : d.isNaN ? "NaN" : "\(d)"
        case .string: return "a string"
        case .bool: return "a boolean"
        case .null: return "null"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

extension JSONScanner {
    /// The next value as a tree.
    mutating func readNode() throws -> JSONNode {
        switch peek() {
        case UInt8(ascii: "{"):
            var object: [String: JSONNode] = [:]
            try readObject { scanner, key in object[key.string] = try scanner.readNode() }
            return .object(object)
        case UInt8(ascii: "["):
            var items: [JSONNode] = []
            try readArray { scanner, index in
                guard index < InputLimits.arrayLength else {
                    throw scanner.syntaxError(
                        "more than \(InputLimits.arrayLength) items in one array (the limit)")
                }
                items.append(try scanner.readNode())
            }
            return .array(items)
        default:
            switch try readValue() {
            case .number(let d): return .number(d)
            case .string(let s): return .string(s)
            case .bool(let b): return .bool(b)
            case .null: return .null
            case .numbers, .other: preconditionFailure("arrays and objects are read above")
            }
        }
    }
}
