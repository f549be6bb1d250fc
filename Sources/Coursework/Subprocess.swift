import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a program with a time limit, in a new session, and keeps only bounded parts of what it
/// prints: the first `standardOutputLimit` bytes of stdout (compiler errors come first) and the
/// last `standardErrorLimit` bytes of stderr (a crash report comes last). A child that prints
/// without end therefore costs this process a few kilobytes, not gigabytes, and never fills a
/// disk: nothing it prints is written to a file.
///
/// The child leads its own process group (`POSIX_SPAWN_SETSID`), so everything it started is
/// killed with it at the end, and it cannot signal this process by `kill(getppid(), …)` unless
/// it is this process's direct child (the sandbox puts another process in between).
struct Subprocess {
    struct Outcome: Sendable {
        /// The exit status, or the signal number when `signalled`.
        var status: Int32
        var signalled: Bool
        var timedOut: Bool
        var standardOutput: String
        var standardError: String
        /// More stdout was printed than kept.
        var standardOutputTruncated = false
        /// What the child wrote to descriptor 3, when ``Subprocess/answersLimit`` asks for it.
        var answers = Data()
        /// The child wrote more than `answersLimit` bytes to descriptor 3 and was stopped.
        var answersOverflowed = false
        var succeeded: Bool { !signalled && !timedOut && status == 0 }
    }

    var executable: URL
    var arguments: [String]
    /// The whole environment of the child (not merged with this process's: a student's code
    /// sees only what the grader hands it).
    var environment: [String: String]
    var timeout: Double?
    /// Bytes of stdout kept from the start; 0 sends stdout to `/dev/null`.
    var standardOutputLimit = 0
    /// Bytes of stderr kept from the end.
    var standardErrorLimit = 8 * 1024
    /// When set, descriptor 3 of the child is a pipe read up to this many bytes: the channel
    /// for a student's answers, apart from stdout, which their `print` calls use. A child that
    /// writes more is killed.
    var answersLimit: Int?

    init(
        executable: URL, arguments: [String], environment: [String: String] = Subprocess.minimalEnvironment,
        timeout: Double? = nil
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.timeout = timeout
    }

    /// `PATH` and `HOME` of this process, and a C locale: enough for `swift build`.
    static var minimalEnvironment: [String: String] {
        let mine = ProcessInfo.processInfo.environment
        var environment = ["LANG": "C.UTF-8"]
        for key in ["PATH", "HOME", "TMPDIR"] { environment[key] = mine[key] }
        return environment
    }

    /// Held while pipes are made and while a child is spawned: a pipe's ends are inheritable
    /// between `pipe` and `fcntl`, and no other thread may spawn in that window.
    static let spawnLock = NSLock()

    /// A pipe whose two ends are closed on `exec`; `false` when it cannot be made.
    static func closeOnExecPipe(_ ends: inout [Int32]) -> Bool {
        spawnLock.withLock {
            guard pipe(&ends) == 0 else { return false }
            return ends.allSatisfy { fcntl($0, F_SETFD, FD_CLOEXEC) == 0 }
        }
    }

    func run() throws -> Outcome {
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        var answersPipe: [Int32] = [-1, -1]
        // Close-on-exec, so a child started at the same time by another thread (`grade-all`
        // grades several submissions at once) never inherits this child's pipes: it could
        // otherwise write into another student's answers, or keep their pipe open past its end.
        // `posix_spawn`'s dup2 gives the child its own copies without the flag.
        guard Self.closeOnExecPipe(&outPipe), Self.closeOnExecPipe(&errPipe),
            answersLimit == nil || Self.closeOnExecPipe(&answersPipe)
        else {
            throw CourseworkError("cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if standardOutputLimit > 0 {
            posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        if answersLimit != nil { posix_spawn_file_actions_adddup2(&actions, answersPipe[1], 3) }
        // The pipes' own descriptors are closed in the child, except one that was just replaced
        // by the answers channel at 3 (a pipe end may have been given the number 3 here).
        for fd in outPipe + errPipe + answersPipe where fd > 3 || (fd == 3 && answersLimit == nil) {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Subprocess.newSession)

        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = Self.spawnLock.withLock {
            posix_spawn(&pid, executable.path, &actions, &attributes, argv, envp)
        }
        for fd in [outPipe[1], errPipe[1], answersPipe[1]] where fd >= 0 { close(fd) }
        defer {
            for fd in [outPipe[0], errPipe[0], answersPipe[0]] where fd >= 0 { close(fd) }
        }
        guard spawned == 0 else {
            throw CourseworkError("cannot start \(executable.path): \(String(cString: strerror(spawned)))")
        }
        return wait(pid: pid, out: outPipe[0], err: errPipe[0], answersFD: answersPipe[0])
    }

    /// Kills every process left in the child's session. Killing its process group is not enough:
    /// `swift build` starts each `swiftc` in a process group of its own, so a build stopped at its
    /// time limit left the compiler of a hostile file (a type-checking bomb) running for hours.
    /// The child leads the session (`POSIX_SPAWN_SETSID`), so its pid is the session's id.
    static func killSession(_ session: pid_t) {
        for _ in 0..<8 {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return }
            var found = false
            for entry in entries {
                guard let pid = pid_t(entry), pid > 1, getsid(pid) == session else { continue }
                kill(pid, SIGKILL)
                found = true
            }
            if !found { return }
            usleep(5_000)
        }
    }

    /// Reads both pipes and reaps the child in one loop; kills the whole process group at the
    /// deadline and, in any case, once the child has exited (its leftovers go with it).
    private func wait(pid: pid_t, out: Int32, err: Int32, answersFD: Int32) -> Outcome {
        var answers = [UInt8]()
        var answersOverflowed = false
        var head = [UInt8]()
        var tail = [UInt8]()
        var outTruncated = false
        var open = [out: true, err: true]
        if answersFD >= 0 { open[answersFD] = true }
        var status: Int32 = 0
        var exited = false
        var timedOut = false
        var exitTime: Date?
        let deadline = timeout.map { Date().addingTimeInterval($0) }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            var fds = open.filter(\.value).map { pollfd(fd: $0.key, events: Int16(POLLIN), revents: 0) }
            if !fds.isEmpty { _ = poll(&fds, nfds_t(fds.count), 20) } else { usleep(20_000) }
            for entry in fds where entry.revents != 0 {
                let n = read(entry.fd, &buffer, buffer.count)
                if n <= 0 {
                    open[entry.fd] = false
                    continue
                }
                if entry.fd == answersFD {
                    let limit = answersLimit ?? 0
                    answers += buffer[0..<min(n, max(0, limit + 1 - answers.count))]
                    if answers.count > limit, !answersOverflowed {
                        answersOverflowed = true
                        open[answersFD] = false
                        kill(-pid, SIGKILL)
                    }
                } else if entry.fd == out {
                    let room = max(0, standardOutputLimit - head.count)
                    head += buffer[0..<min(n, room)]
                    if n > room { outTruncated = true }
                } else {
                    tail += buffer[0..<n]
                    if tail.count > 2 * standardErrorLimit {
                        tail.removeFirst(tail.count - standardErrorLimit)
                    }
                }
            }
            if !exited {
                var raw: Int32 = 0
                if waitpid(pid, &raw, WNOHANG) == pid {
                    exited = true
                    status = raw
                    exitTime = Date()
                    kill(-pid, SIGKILL)
                    Self.killSession(pid)
                }
            }
            if !exited, let deadline, Date() > deadline {
                timedOut = true
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
                Self.killSession(pid)
            }
            let drained = !open.values.contains(true)
            // A grandchild that escaped the group may hold a pipe open; stop listening soon after.
            if exited, drained || Date().timeIntervalSince(exitTime!) > 1 { break }
        }
        if tail.count > standardErrorLimit { tail.removeFirst(tail.count - standardErrorLimit) }
        let signalled = (status & 0x7f) != 0 && (status & 0x7f) != 0x7f
        return Outcome(
            status: signalled ? status & 0x7f : (status >> 8) & 0xff, signalled: signalled,
            timedOut: timedOut,
            standardOutput: String(decoding: head, as: UTF8.self),
            standardError: String(decoding: tail, as: UTF8.self), standardOutputTruncated: outTruncated,
            answers: Data(answers), answersOverflowed: answersOverflowed)
    }

    /// `POSIX_SPAWN_SETSID`, which Swift's Glibc module does not export (glibc guards it with
    /// `_GNU_SOURCE`; its value there is 0x80).
    static var newSession: Int16 {
        #if canImport(Glibc)
            return 0x80
        #else
            return Int16(POSIX_SPAWN_SETSID)
        #endif
    }

    /// `name` found on `PATH`, for `swift`.
    static func which(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
