import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Ctrl-C (SIGINT), SIGTERM (what `timeout`, CI cancellation and `docker stop` send) and SIGHUP
/// (the terminal closed) while `inspect` or `compare --out` writes figures: the first one lets
/// the figure in progress finish and the gallery be written for what is done, then the run
/// stops with exit code 128 + the signal's number (130, 143, 129: the shell's convention, so the
/// caller sees what happened), leaving no half-written file or stale temporary behind. A second
/// signal ends the process at once.
///
/// The handler only stores the signal's number (all a signal handler may safely do); the loops
/// read it between images.
enum Interruption {
    nonisolated(unsafe) private static var received: sig_atomic_t = 0

    /// The signals handled this way.
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Installs the handler for every signal in ``signals``, and unblocks them: a process may
    /// inherit them blocked from its parent (a child started by Foundation's `Process` from a
    /// test runner did), and a blocked SIGTERM would wait, unseen, until the run had finished.
    /// Idempotent.
    static func install() {
        received = 0
        var set = sigset_t()
        sigemptyset(&set)
        for number in signals { sigaddset(&set, number) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        for number in signals {
            signal(number) { number in
                Interruption.received = number
                signal(number, SIG_DFL)
            }
        }
    }

    static var requested: Bool { received != 0 }

    /// 128 + the number of the signal received (130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP).
    static var exitCode: Int32 { 128 + received }
}
