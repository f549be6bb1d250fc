import FCOS
import Foundation

/// A ``Submission`` made of the child's recorded answers: each function returns, call after
/// call, what the child wrote for it, so the unchanged checks grade the answers exactly as they
/// would grade the functions themselves.
///
/// Answers are consumed per function in call order. A check stops calling a function once it
/// said "not attempted", and never skips a call otherwise, so the n-th call of a function here
/// is the n-th call the recorder saw.
final class AnswerReplay: @unchecked Sendable {
    private let lock = NSLock()
    private var queues: [String: [ChildAnswer]] = [:]
    private var positions: [String: Int] = [:]

    /// A call the child never answered: it crashed, hung or exited first. The check counts
    /// the case as failed without a sentence; the part's explanation says why the child stopped.
    struct Unanswered: Error {}

    /// An error the student's function threw, as the child described it.
    struct StudentError: Error, CustomStringConvertible {
        var description: String
    }

    init(calls: [ChildCall], answers: [ChildAnswer]) {
        for (call, answer) in zip(calls, answers) { queues[call.function, default: []].append(answer) }
    }

    private func next(_ function: String) throws -> AnswerValue {
        lock.lock()
        let position = positions[function, default: 0]
        positions[function] = position + 1
        let queue = queues[function] ?? []
        lock.unlock()
        guard position < queue.count else { throw Unanswered() }
        switch queue[position] {
        case .value(let value): return value
        case .notAttempted(let task): throw NotAttempted(task)
        case .error(let text): throw StudentError(description: text)
        }
    }

    /// The decoder already checked each value's type against its call.
    private func wrongType() -> Never { preconditionFailure("an answer of the wrong type passed decoding") }

    var submission: Submission {
        Submission(
            locations: { _, _, _ in
                guard case .points(let v) = try self.next("fpnLocations") else { self.wrongType() }
                return v
            },
            match: { _, _, _ in
                guard case .indices(let v) = try self.next("matchLocations") else { self.wrongType() }
                return v
            },
            deltas: { _, _, _ in
                guard case .ltrb(let v) = try self.next("deltas") else { self.wrongType() }
                return v
            },
            applyDeltas: { _, _, _ in
                guard case .box(let v) = try self.next("applyDeltas") else { self.wrongType() }
                return v
            },
            centerness: { _ in
                guard case .number(let v) = try self.next("centerness") else { self.wrongType() }
                return v
            },
            focalLoss: { _, _, _, _ in
                guard case .numbers(let v) = try self.next("sigmoidFocalLoss") else { self.wrongType() }
                return v
            },
            loss: { _, _ in
                guard case .lossTerms(let v) = try self.next("fcosLoss") else { self.wrongType() }
                return v
            },
            nms: { _, _, _ in
                guard case .indices(let v) = try self.next("nonMaximumSuppression") else { self.wrongType() }
                return v
            },
            inference: { _, _, _ in
                guard case .detections(let v) = try self.next("detections") else { self.wrongType() }
                return v
            })
    }
}
