import FCOS
import Foundation

/// What the answering child wrote for one call: a value, the not-attempted marker, or another
/// error its function threw. Only these three; anything else in the file makes the part fail.
enum ChildAnswer: Sendable {
    case value(AnswerValue)
    case notAttempted(String)
    case error(String)
}

/// An answer decoded into the type the call returns.
enum AnswerValue: Sendable {
    case points([Point])
    case indices([Int])
    case ltrb(LTRB)
    case box(Box)
    case number(Float)
    case numbers([Float])
    /// The loss part's `[classification, regression, centerness]`.
    case lossTerms(FCOSLossValue)
    case detections([Detection])
}

/// Reads the child's answers: one JSON object per line, `{"value": …}`,
/// `{"notAttempted": "…"}` or `{"error": "…"}`, in call order.
///
/// They are untrusted: at most ``limit`` bytes are read, every line must decode to the
/// type its call returns, and a problem becomes one sentence for the report. A last line cut
/// short (the child was killed while writing it) is not an answer, not a malformed one.
struct ChildAnswers {
    /// The most bytes of answers read; a child that writes more is stopped and its part fails.
    /// The largest honest answers (matching on every level of every scene) take about 2 MB.
    static let limit = 24 << 20

    var answers: [ChildAnswer] = []
    /// Why the file cannot be used, for the report.
    var problem: String?

    init(_ data: Data, overflowed: Bool, calls: [ChildCall]) {
        if overflowed || data.count > Self.limit {
            problem =
                "Your code's answers for this part exceed \(Self.limit >> 20) MB, far more than the inputs call "
                + "for, so none of them was graded."
            return
        }
        var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if let last = lines.last, last.isEmpty || data.last != UInt8(ascii: "\n") { lines.removeLast() }
        for (k, line) in lines.enumerated() {
            guard k < calls.count else {
                problem =
                    "Your code wrote more answers than there were calls (\(calls.count)), so none was graded."
                return
            }
            switch Self.decode(Data(line), for: calls[k]) {
            case .success(let answer): answers.append(answer)
            case .failure(let reason):
                problem =
                    "Answer \(k + 1) of this part (to \(calls[k].function)) could not be read: \(reason). None of "
                    + "the part's answers was graded."
                answers = []
                return
            }
        }
    }

    struct Malformed: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    static func decode(_ line: Data, for call: ChildCall) -> Result<ChildAnswer, Malformed> {
        guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any], object.count == 1,
            let (key, value) = object.first
        else { return .failure(Malformed("it is not one JSON object with one key")) }
        switch key {
        case "notAttempted", "error":
            guard let text = value as? String else { return .failure(Malformed("\(key) is not a string")) }
            let short = StudentText.line(text, limit: 400)
            return .success(key == "error" ? .error(short) : .notAttempted(short))
        case "value":
            return decodeValue(value, for: call).map(ChildAnswer.value)
        default:
            return .failure(Malformed("unknown key '\(StudentText.line(key, limit: 40))'"))
        }
    }

    static func decodeValue(_ value: Any, for call: ChildCall) -> Result<AnswerValue, Malformed> {
        do {
            switch call {
            case .locations:
                let pairs = try numbers(value, "a list of [x, y] pairs") { try floats($0, count: 2) }
                return .success(.points(pairs.map { Point(x: $0[0], y: $0[1]) }))
            case .match, .nms:
                return .success(.indices(try numbers(value, "a list of whole numbers") { try integer($0) }))
            case .deltas:
                let v = try floats(value, count: 4)
                return .success(.ltrb(LTRB(l: v[0], t: v[1], r: v[2], b: v[3])))
            case .applyDeltas:
                let v = try floats(value, count: 4)
                return .success(.box(Box(x0: v[0], y0: v[1], x1: v[2], y1: v[3])))
            case .centerness:
                return .success(.number(try float(value)))
            case .focalLoss:
                return .success(.numbers(try numbers(value, "a list of numbers") { try float($0) }))
            case .loss:
                let v = try floats(value, count: 3)
                return .success(
                    .lossTerms(FCOSLossValue(classification: v[0], regression: v[1], centerness: v[2])))
            case .inference(let levels, _, _):
                return .success(.detections(try detections(value, levels: levels)))
            }
        } catch let error as Malformed {
            return .failure(error)
        } catch {
            return .failure(Malformed("\(error)"))
        }
    }

    /// Detections as `[x0, y0, x1, y1, score, label]` rows. An honest answer has at most one
    /// detection per (location, class) pair of the input; more is refused before any row is
    /// read, so a child that returns millions costs nothing beyond the byte limit.
    static func detections(_ value: Any, levels: [DensePredictions]) throws -> [Detection] {
        guard let list = value as? [Any] else { throw Malformed("expected a list of detections") }
        let pairs = levels.reduce(0) { $0 + $1.classLogits.count }
        guard list.count <= pairs else {
            throw Malformed(
                "\(list.count) detections, more than the \(pairs) (location, class) pairs of the input")
        }
        return try list.map { row in
            guard let fields = row as? [Any], fields.count == 6 else {
                throw Malformed("expected each detection as [x0, y0, x1, y1, score, label]")
            }
            let v = try fields.prefix(5).map(float)
            let label = try integer(fields[5])
            return Detection(
                box: Box(x0: v[0], y0: v[1], x1: v[2], y1: v[3]), score: v[4], label: label, level: -1,
                locationIndex: -1)
        }
    }

    static func numbers<T>(_ value: Any, _ what: String, _ element: (Any) throws -> T) throws -> [T] {
        guard let list = value as? [Any] else { throw Malformed("expected \(what)") }
        return try list.map(element)
    }

    static func floats(_ value: Any, count: Int) throws -> [Float] {
        guard let list = value as? [Any], list.count == count else {
            throw Malformed("expected a list of \(count) numbers")
        }
        return try list.map(float)
    }

    /// A JSON number, or `"inf"`, `"-inf"`, `"nan"` for the values JSON cannot spell.
    static func float(_ value: Any) throws -> Float {
        if let text = value as? String {
            switch text {
            case "inf", "+inf": return .infinity
            case "-inf": return -.infinity
            case "nan", "-nan": return .nan
            default: throw Malformed("'\(text.prefix(20))' is not a number")
            }
        }
        guard let number = value as? NSNumber else { throw Malformed("expected a number") }
        return Float(number.doubleValue)
    }

    static func integer(_ value: Any) throws -> Int {
        guard let number = value as? NSNumber else { throw Malformed("expected a whole number") }
        let double = number.doubleValue
        guard double == double.rounded(), abs(double) < 1e15 else {
            throw Malformed("\(double) is not a whole number")
        }
        return Int(double)
    }
}
