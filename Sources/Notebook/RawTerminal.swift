#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Single-key input at the prompt between steps: the terminal leaves canonical mode (no Enter
/// needed) and stops echoing only while a key is awaited, and is put back as soon as the key
/// arrives, so a lesson that ends or crashes while computing never leaves the shell raw.
///
/// Ctrl-C still works (signals stay on): the handler installed for the wait restores the saved
/// mode, then re-raises the signal with its default action, so the shell sees an ordinary
/// interrupted process and a sane terminal.
enum RawTerminal {
    nonisolated(unsafe) private static var saved = termios()

    /// Whether standard input is a terminal whose mode can be read (and so changed).
    static var isAvailable: Bool {
        var mode = termios()
        return isatty(STDIN_FILENO) == 1 && tcgetattr(STDIN_FILENO, &mode) == 0
    }

    /// One key: `""` for Enter, `"→"`/`"←"` for the arrow keys, the character otherwise; nil at
    /// end of input (Ctrl-D or a closed terminal).
    static func readKey() -> String? {
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { return Swift.readLine() }
        saved = original
        var raw = original
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        let signals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
        let previous = signals.map { signal($0, restoreAndReraise) }
        defer {
            tcsetattr(STDIN_FILENO, TCSANOW, &saved)
            for (sig, handler) in zip(signals, previous) { signal(sig, handler) }
        }
        guard tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0 else { return Swift.readLine() }
        return key()
    }

    /// Reads and decodes one key press from the raw terminal.
    private static func key() -> String? {
        guard let first = byte(), first != 0x04 else { return nil }
        switch first {
        case 0x0A, 0x0D: return ""
        case 0x1B:
            // An arrow key is ESC [ C or ESC [ D, arriving together; a lone ESC is just ESC.
            guard byte(waitingMilliseconds: 30) == UInt8(ascii: "[") else { return "\u{1B}" }
            switch byte(waitingMilliseconds: 30) {
            case UInt8(ascii: "C"): return "→"
            case UInt8(ascii: "D"): return "←"
            default: return "\u{1B}"
            }
        default:
            var bytes = [first]
            // The rest of a UTF-8 sequence, so a non-ASCII key reads as one (unknown) key.
            while let next = byte(waitingMilliseconds: 5), next & 0xC0 == 0x80 { bytes.append(next) }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// One byte from standard input, or nil at end of input or when none arrives in time.
    private static func byte(waitingMilliseconds wait: Int32? = nil) -> UInt8? {
        if let wait {
            var request = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            guard poll(&request, 1, wait) == 1 else { return nil }
        }
        var value: UInt8 = 0
        return read(STDIN_FILENO, &value, 1) == 1 ? value : nil
    }
}

/// Puts the terminal back and lets the signal do what it would have done.
private func restoreAndReraise(_ sig: Int32) {
    RawTerminal.restoreSavedMode()
    signal(sig, SIG_DFL)
    raise(sig)
}

extension RawTerminal {
    /// Async-signal-safe: `tcsetattr` only.
    fileprivate static func restoreSavedMode() {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved)
    }
}
