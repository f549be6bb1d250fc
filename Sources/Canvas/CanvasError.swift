import CCairo
import Foundation

/// Everything that can go wrong while drawing or writing a figure.
///
/// Cairo never aborts: it records a status on the object and silently ignores later calls. Turning
/// that status into a thrown error at the few points where we check it (creating a surface or
/// context, finishing a drawing, writing a file) means a broken figure fails loudly with a message
/// that names the file, instead of leaving a blank or missing picture behind.
public enum CanvasError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Cairo reported `status` (Cairo's own wording, such as "file not found") during `operation`.
    case cairo(status: String, operation: String)
    /// A system call failed with `errno` during `operation`.
    case io(errno: Int32, operation: String)
    /// The caller passed something that cannot be drawn, such as a pixel buffer of the wrong size.
    case invalidArgument(String)

    /// One line naming the operation and what failed, for the command line's error message.
    public var description: String {
        switch self {
        case .cairo(let status, let operation):
            return "Cairo error “\(status)” \(operation)"
        case .io(let code, let operation):
            return "\(String(cString: strerror(code))) (errno \(code)) \(operation)"
        case .invalidArgument(let message):
            return "Invalid argument: \(message)"
        }
    }

    /// Throws when `status` is not `CAIRO_STATUS_SUCCESS`.
    static func check(_ status: cairo_status_t, _ operation: @autoclosure () -> String) throws {
        guard status != CAIRO_STATUS_SUCCESS else { return }
        throw CanvasError.cairo(
            status: String(cString: cairo_status_to_string(status)), operation: operation())
    }
}

extension CanvasError: LocalizedError {
    /// The same one-line message, for Foundation APIs that show `localizedDescription`.
    public var errorDescription: String? { description }
}
