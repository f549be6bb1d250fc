/// The exit statuses of every command in the toolkit (`fcos` and the lessons), one table for all,
/// documented in the README under "Exit codes".
///
/// 64 for usage errors is what swift-argument-parser already returns for a bad option (BSD's
/// `EX_USAGE`, sysexits.h), so the toolkit's own checks of arguments use it too; 130 is what a
/// shell reports for a process ended by Ctrl-C (128 + SIGINT).
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Everything asked for was done.
    case success = 0
    /// The run finished or stopped partway with something left out: records or photos skipped
    /// (each named on stderr and in the page), or a lesson step that failed after the earlier
    /// ones were written. What was written is complete for what it covers.
    case partial = 1
    /// An input file is missing, is a folder where a file was expected (or the reverse), cannot
    /// be parsed, or has a bad record under `--strict`. Paths are checked before any work, so
    /// then nothing is written; `--strict` stops at the first bad record or photo, keeping the
    /// (complete) figures drawn before it but writing no index.
    case inputError = 2
    /// An option or argument is wrong: unknown option or value, a bad combination, `--out`
    /// naming an existing file, `--image` matching nothing, `--step` past the end. Checked
    /// before any work, so nothing is written.
    case usageError = 64
    /// Ctrl-C: the figure in progress and the index for what was done are written first.
    case interrupted = 130

    /// The table in one line, for `--help`: `Exit status: 0 done, 1 partial result, …`.
    public static var summary: String {
        "Exit status: "
            + allCases.map { status -> String in
                switch status {
                case .success: return "0 done"
                case .partial: return "1 partial result (what was left out is named on stderr)"
                case .inputError: return "2 input error"
                case .usageError: return "64 usage error"
                case .interrupted: return "130 interrupted"
                }
            }.joined(separator: ", ") + "."
    }
}
