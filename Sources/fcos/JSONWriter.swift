/// A minimal streaming JSON writer for large numeric outputs: `fcos targets --json` writes about
/// 20 000 locations × 4 arrays, which `JSONSerialization` builds far more slowly through
/// `NSNumber` boxing.
///
/// With a `sink`, the text is handed over in pieces of about ``flushSize`` bytes as arrays are
/// written, so a large output (a 20 000 × 20 000 scene's targets are about 600 MB of JSON) never
/// sits in memory whole; ``finish()`` hands over the rest.
struct JSONWriter {
    private(set) var text = ""
    private let sink: ((String) -> Void)?
    static let flushSize = 1 << 20

    init(capacity: Int = 1 << 16, sink: ((String) -> Void)? = nil) {
        self.sink = sink
        text.reserveCapacity(sink == nil ? capacity : Self.flushSize + 4096)
    }

    /// Hands the text written so far to the sink (no-op without one).
    mutating func finish() {
        guard let sink, !text.isEmpty else { return }
        sink(text)
        text.removeAll(keepingCapacity: true)
    }

    mutating func raw(_ s: String) { text += s }

    mutating func string(_ s: String) {
        text += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }

    /// The shortest text that reads back as the same float32; whole numbers without `.0`;
    /// non-finite values (JSON has none) as `null`.
    mutating func number(_ f: Float) {
        guard f.isFinite else { return text += "null" }
        if f == f.rounded(), abs(f) < 1e7 {
            text += String(Int(f))
        } else {
            text += f.description
        }
    }

    mutating func number(_ i: Int) { text += String(i) }

    mutating func key(_ k: String) {
        string(k)
        text += ":"
    }

    mutating func array<S: Sequence>(_ items: S, _ write: (inout JSONWriter, S.Element) -> Void) {
        text += "["
        var first = true
        for item in items {
            if !first { text += "," }
            first = false
            write(&self, item)
            if sink != nil, text.utf8.count >= Self.flushSize { finish() }
        }
        text += "]"
    }

    mutating func numbers(_ values: [Float]) { array(values) { $0.number($1) } }
}
