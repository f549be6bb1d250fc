import Annotations
import Foundation

/// Where the commands' text goes: the process's standard output and error, or, for one task, a
/// pair of closures. Tests bind ``sink`` around `run()` so a command's report is checked instead
/// of leaking into the test log, and parallel tests do not see each other's text.
enum Output {
    struct Sink: Sendable {
        var out: @Sendable (String) -> Void
        var err: @Sendable (String) -> Void
    }

    @TaskLocal static var sink: Sink?

    /// Runs `body` with its standard output and error collected instead of written, and returns
    /// both texts, e.g. `let (_, err) = try Output.capturing { try command.run() }`.
    static func capturing(_ body: () throws -> Void) rethrows -> (out: String, err: String) {
        let capture = Capture()
        try $sink.withValue(capture.sink, operation: body)
        return (capture.out, capture.err)
    }

    /// Text written through a ``Sink``, from any thread; still readable when the body threw.
    final class Capture: @unchecked Sendable {
        private let lock = NSLock()
        private var outText = ""
        private var errText = ""

        var out: String { lock.withLock { outText } }
        var err: String { lock.withLock { errText } }

        var sink: Sink {
            Sink(
                out: { text in self.lock.withLock { self.outText += text } },
                err: { text in self.lock.withLock { self.errText += text } })
        }
    }
}

/// Writes `text` to standard output in one piece.
func writeOut(_ text: String) {
    if let sink = Output.sink { return sink.out(text) }
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// Writes `text` to standard error in one piece.
func writeError(_ text: String) {
    if let sink = Output.sink { return sink.err(text) }
    FileHandle.standardError.write(Data(text.utf8))
}

/// One problem on stderr, as `fcos: file: record: problem`.
func warn(_ problem: InputError) { warnLine(problem.description) }

/// One line on stderr in the toolkit's style, `fcos: text`.
func warnLine(_ text: String) { writeError("fcos: \(text)\n") }
