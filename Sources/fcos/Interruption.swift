import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Ctrl-C while `inspect` or `compare --out` writes figures: the first one lets the figure in
/// progress finish and the gallery be written for what is done, then the run stops, so no
/// half-written file or stale temporary is left behind; a second Ctrl-C ends the process at once.
///
/// The handler only stores a flag (all a signal handler may safely do); the loops read it
/// between images.
enum Interruption {
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0

    /// Installs the handler; idempotent.
    static func install() {
        flag = 0
        signal(SIGINT) { _ in
            Interruption.flag = 1
            signal(SIGINT, SIG_DFL)
        }
    }

    static var requested: Bool { flag != 0 }
}
