import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a lesson talks to the student: an output sink, an input source, and what the terminal
/// can do. Injectable so tests can run a lesson against a string and a scripted list of inputs.
public struct Console {
    /// Visible columns prose wraps at.
    public var width: Int
    /// Whether ANSI colour may be used; `--no-color` can still turn it off.
    public var supportsColor: Bool
    /// Whether someone can answer the prompt between steps; otherwise the lesson runs straight
    /// through.
    public var isInteractive: Bool
    /// Where the lesson's text goes; standard output in a real run, a string in tests.
    public var write: (String) -> Void
    /// One line of input without its newline, or nil at end of input.
    public var readLine: () -> String?
    /// One key press without waiting for Enter (see `RawTerminal`), when the terminal allows
    /// it; nil means input comes a line at a time and the prompt says "b+Enter".
    public var readKey: (() -> String?)?

    /// A console over the given sink and sources; tests pass closures over strings.
    public init(
        width: Int,
        supportsColor: Bool,
        isInteractive: Bool,
        write: @escaping (String) -> Void,
        readLine: @escaping () -> String? = { nil },
        readKey: (() -> String?)? = nil
    ) {
        self.width = width
        self.supportsColor = supportsColor
        self.isInteractive = isInteractive
        self.write = write
        self.readLine = readLine
        self.readKey = readKey
    }

    /// The process's own terminal. Colour follows https://no-color.org: on for a terminal
    /// unless `NO_COLOR` is set to a non-empty value.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> Console
    {
        let outputIsTerminal = isatty(STDOUT_FILENO) == 1
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let readKey: (() -> String?)? = RawTerminal.isAvailable ? { RawTerminal.readKey() } : nil
        return Console(
            width: terminalWidth(environment: environment),
            supportsColor: outputIsTerminal && !noColor,
            isInteractive: isatty(STDIN_FILENO) == 1,
            write: { FileHandle.standardOutput.write(Data($0.utf8)) },
            readLine: { Swift.readLine(strippingNewline: true) },
            readKey: readKey
        )
    }

    /// Used when the terminal does not say, e.g. when output goes to a file.
    public static let defaultWidth = 100

    /// Prose longer than this per line is tiring to read, however wide the window.
    public static let maximumWidth = 100

    /// The width of the terminal on stdout (TIOCGWINSZ), else `COLUMNS` (as shells and `ls` use
    /// it when output is piped, e.g. `COLUMNS=80 swift run lesson-03-matching --no-pause | less`),
    /// else ``defaultWidth``; capped at ``maximumWidth``.
    static func terminalWidth(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        var size = winsize()
        #if canImport(Glibc)
            let request = UInt(TIOCGWINSZ)
        #else
            let request = TIOCGWINSZ
        #endif
        if ioctl(STDOUT_FILENO, request, &size) == 0, size.ws_col > 0 {
            return clampedWidth(Int(size.ws_col))
        }
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 {
            return clampedWidth(columns)
        }
        return defaultWidth
    }

    /// Very narrow terminals still get 40 columns so tables and prompts stay legible.
    static func clampedWidth(_ columns: Int) -> Int {
        min(maximumWidth, max(40, columns))
    }
}
