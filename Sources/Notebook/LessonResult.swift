import Diagnostics

/// What happened when a lesson ran; ``Lesson/main(_:)`` turns it into an exit status, tests
/// inspect it directly.
public struct LessonResult {
    /// How far the lesson got.
    public enum Outcome: Equatable, Sendable {
        /// Every step was shown.
        case finished
        /// The student pressed `q` (or input ended) before the last step.
        case quit
        /// A step threw; ``LessonResult/failure`` says which and why.
        case failed
    }

    /// Whether the lesson finished, was quit, or failed.
    public var outcome: Outcome
    /// The reason the lesson stopped early, or nil when it did not fail.
    public var failure: LessonFailure?
    /// 1-based step numbers in the order they appeared on the terminal, back-steps included.
    public var shownSteps: [Int]
    /// Every figure file written, in lesson order.
    public var figurePaths: [String]
    /// The notebook page, if it could be written.
    public var notebookPath: String?
    /// The Jupyter notebook beside it (`<lesson id>.ipynb`), if it could be written.
    public var jupyterPath: String? = nil

    /// 0 when nothing failed, else the failure's status (README, "Exit codes").
    public var exitCode: Int32 { failure?.status.rawValue ?? ExitStatus.success.rawValue }
}

/// Why a lesson stopped early, as one line a student can act on.
public struct LessonFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based step that failed, or nil for problems before any step ran (e.g. `--step 12`).
    public var step: Int?
    /// One line saying what went wrong and what to do about it.
    public var message: String
    /// `ExitStatus/partial` for a step that failed after the earlier ones were written (the
    /// notebook page shows them); `ExitStatus/usageError` for an option refused before any step.
    public var status: ExitStatus

    /// A failure at `step` (nil before any step ran), by default a partial run's status.
    public init(step: Int?, message: String, status: ExitStatus = .partial) {
        self.step = step
        self.message = message
        self.status = status
    }

    /// The message, so printing the failure prints the one line.
    public var description: String { message }

    /// The first line of an error's description: multi-line dumps don't belong in a lesson.
    static func oneLine(_ error: any Error) -> String {
        let text = String(describing: error)
        let first = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? text
        return first.isEmpty ? "\(type(of: error))" : first
    }
}
