import FCOS
import Foundation

/// One call of a student's function, as the grader hands it to the answering child: the
/// function's name and its arguments, in the JSON the generated `answer` program reads.
///
/// The calls of a part are found by running the part's check once with a ``CallRecorder``
/// standing in for the student: the check asks for exactly the calls it will compare, in the
/// order it compares them, so the child answers the same questions the reference is asked.
enum ChildCall: Sendable, Equatable {
    case locations(width: Int, height: Int, stride: Int)
    case match(locations: [Point], level: FeatureLevel, boxes: [Box])
    case deltas(location: Point, box: Box, stride: Int)
    case applyDeltas(deltas: LTRB, location: Point, stride: Int)
    case centerness(deltas: LTRB)
    case focalLoss(logits: [Float], targets: [Float], alpha: Float, gamma: Float)
    case nms(boxes: [Box], scores: [Float], iouThreshold: Float)
    case loss(LossQuestion)
    case inference(levels: [DensePredictions], imageWidth: Int, imageHeight: Int)

    /// The student's function, as explanations name it.
    var function: String {
        switch self {
        case .locations: return "fpnLocations"
        case .match: return "matchLocations"
        case .deltas: return "deltas"
        case .applyDeltas: return "applyDeltas"
        case .centerness: return "centerness"
        case .focalLoss: return "sigmoidFocalLoss"
        case .nms: return "nonMaximumSuppression"
        case .loss: return "fcosLoss"
        case .inference: return "detections"
        }
    }

    /// The call as one JSON object (numbers as Swift prints them, which read back exactly;
    /// infinities, such as an open-ended top level's range, as the strings `"inf"`, `"-inf"`).
    var json: String {
        func n(_ x: Float) -> String { x.isFinite ? "\(x)" : "\"\(x)\"" }
        func list(_ xs: [Float]) -> String { "[" + xs.map(n).joined(separator: ",") + "]" }
        func point(_ p: Point) -> String { "[\(n(p.x)),\(n(p.y))]" }
        func box(_ b: Box) -> String { list([b.x0, b.y0, b.x1, b.y1]) }
        let head = "{\"function\":\"\(function)\""
        switch self {
        case .locations(let w, let h, let s):
            return head + ",\"width\":\(w),\"height\":\(h),\"stride\":\(s)}"
        case .match(let locations, let level, let boxes):
            return head + ",\"locations\":[" + locations.map(point).joined(separator: ",") + "],\"level\":"
                + "{\"name\":\"\(level.name)\",\"stride\":\(level.stride),\"lower\":\(n(level.sizeRange.lower)),"
                + "\"upper\":\(n(level.sizeRange.upper))},\"boxes\":[" + boxes.map(box).joined(separator: ",")
                + "]}"
        case .deltas(let p, let b, let s):
            return head + ",\"location\":\(point(p)),\"box\":\(box(b)),\"stride\":\(s)}"
        case .applyDeltas(let d, let p, let s):
            return head + ",\"deltas\":\(list(d.array)),\"location\":\(point(p)),\"stride\":\(s)}"
        case .centerness(let d):
            return head + ",\"deltas\":\(list(d.array))}"
        case .focalLoss(let logits, let targets, let alpha, let gamma):
            return head + ",\"logits\":\(list(logits)),\"targets\":\(list(targets)),\"alpha\":\(n(alpha)),"
                + "\"gamma\":\(n(gamma))}"
        case .nms(let boxes, let scores, let t):
            return head + ",\"boxes\":[" + boxes.map(box).joined(separator: ",")
                + "],\"scores\":\(list(scores)),"
                + "\"iouThreshold\":\(n(t))}"
        case .loss(let q):
            let x = q.inputs
            func ints(_ xs: [Int]) -> String { "[" + xs.map(String.init).joined(separator: ",") + "]" }
            return head + ",\"classLogits\":\(list(x.classLogits)),\"classCount\":\(x.classCount),"
                + "\"regression\":\(list(x.regression.flatMap(\.array))),"
                + "\"centernessLogits\":\(list(x.centernessLogits)),\"classTargets\":\(ints(x.classTargets)),"
                + "\"regressionTargets\":\(list(x.regressionTargets.flatMap(\.array))),\"boxes\":["
                + (x.targetBoxes ?? []).map(box).joined(separator: ",") + "],\"locations\":["
                + x.locations.map(point).joined(separator: ",")
                + "],\"strides\":\(ints(x.strides.map { Int($0) })),"
                + "\"boxCount\":\(q.boxCount)}"
        case .inference(let levels, let w, let h):
            // Class logits as one row of C per location, as the student's `LevelOutputs` holds them.
            func level(_ level: DensePredictions) -> String {
                let c = level.classCount
                let rows = level.locations.indices.map { i in
                    list(Array(level.classLogits[(i * c)..<((i + 1) * c)]))
                }
                return "{\"locations\":[" + level.locations.map(point).joined(separator: ",")
                    + "],\"stride\":"
                    + "\(Int(level.stride)),\"classLogits\":[" + rows.joined(separator: ",")
                    + "],\"boxRegression\":["
                    + level.regression.map { list($0.array) }.joined(separator: ",")
                    + "],\"centernessLogits\":"
                    + list(level.centernessLogits) + "}"
            }
            return head + ",\"levels\":[" + levels.map(level).joined(separator: ",")
                + "],\"imageWidth\":\(w),"
                + "\"imageHeight\":\(h)}"
        }
    }

    /// The input file: one call per line.
    static func input(_ calls: [ChildCall]) -> String {
        calls.map(\.json).joined(separator: "\n") + "\n"
    }
}

/// Stands in for a student while a check runs, to learn which calls the check makes. Every
/// call is written down and answered with an error, so the check moves on to the next case.
final class CallRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [ChildCall] = []

    struct Recording: Error {}

    func record(_ call: ChildCall) throws -> Never {
        lock.lock()
        recorded.append(call)
        lock.unlock()
        throw Recording()
    }

    var calls: [ChildCall] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    var submission: Submission {
        Submission(
            locations: { try self.record(.locations(width: $0, height: $1, stride: $2)) },
            match: { try self.record(.match(locations: $0, level: $1, boxes: $2)) },
            deltas: { try self.record(.deltas(location: $0, box: $1, stride: $2)) },
            applyDeltas: { try self.record(.applyDeltas(deltas: $0, location: $1, stride: $2)) },
            centerness: { try self.record(.centerness(deltas: $0)) },
            focalLoss: { try self.record(.focalLoss(logits: $0, targets: $1, alpha: $2, gamma: $3)) },
            loss: { try self.record(.loss(LossQuestion(inputs: $0, boxCount: $1))) },
            nms: { try self.record(.nms(boxes: $0, scores: $1, iouThreshold: $2)) },
            inference: { try self.record(.inference(levels: $0, imageWidth: $1, imageHeight: $2)) })
    }

    /// The calls `part`'s check makes, in order.
    static func calls(for part: Part, course: Course, hiddenSeed: UInt64?) -> [ChildCall] {
        let recorder = CallRecorder()
        _ = Grader(course: course, submission: recorder.submission, hiddenSeed: hiddenSeed).grade(part)
        return recorder.calls
    }
}
