import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a student's answering process is confined. The grader never trusts it to behave: it
/// gets inputs and a scratch folder, and everything else is limited from outside.
///
/// - ``bubblewrap``: `bwrap` gives the child its own PID, network, IPC and UTS namespaces (it
///   cannot see or signal the grader, nor reach the network), a read-only filesystem holding
///   only the system libraries, the Swift runtime, its program and its calls (it cannot read
///   other submissions, the course or an answer key; see `bubblewrapMounts`), a scratch
///   folder (a 16 MB `tmpfs` at `/tmp`), no capabilities, and `--die-with-parent`; inside, `prlimit`
///   sets the resource limits. Run as root, the grader first drops to `nobody` with `setpriv`,
///   since the kernel does not count root's processes against `RLIMIT_NPROC`.
/// - ``rlimits``: the same limits (and user) without namespaces, where bubblewrap is missing
///   or cannot start here; the report says so.
/// - ``none``: no confinement beyond the time limit and the capped output (`--sandbox none`).
public enum SandboxMode: String, Sendable, CaseIterable, Codable {
    /// Namespaces and a read-only filesystem via `bwrap`, plus resource limits; the default.
    case bubblewrap
    /// Resource limits and an unprivileged user only, where bubblewrap is unavailable.
    case rlimits
    /// No confinement beyond the time limit and capped output; for trusted code or debugging.
    case none
}

/// Resource limits of one answering process.
public struct SandboxLimits: Sendable, Codable, Equatable {
    /// Seconds of CPU time (`RLIMIT_CPU`); the wall-clock limit is the part's timeout.
    public var cpuSeconds: Int
    /// Bytes of address space (`RLIMIT_AS`).
    public var memoryBytes: Int
    /// Bytes any one file may reach (`RLIMIT_FSIZE`); bounds the answers file.
    public var fileBytes: Int
    /// Open file descriptors (`RLIMIT_NOFILE`).
    public var openFiles: Int
    /// Processes of the sandbox user (`RLIMIT_NPROC`): stops a fork bomb.
    public var processes: Int
    /// Size of the writable scratch folder, a `tmpfs` at `/tmp` under bubblewrap.
    public var scratchBytes: Int = 16 << 20

    /// Limits for a part with the given wall-clock timeout: CPU time just above it, fixed memory,
    /// file and process caps.
    public static func forTimeout(_ seconds: Double) -> SandboxLimits {
        SandboxLimits(
            cpuSeconds: Int(seconds.rounded(.up)) + 5, memoryBytes: 1 << 30, fileBytes: 32 << 20,
            openFiles: 64,
            processes: 64)
    }

    var prlimitArguments: [String] {
        [
            "--cpu=\(cpuSeconds)", "--as=\(memoryBytes)", "--fsize=\(fileBytes)", "--nofile=\(openFiles)",
            "--nproc=\(processes)",
        ]
    }
}

/// The sandbox actually in use, and why, for the report.
public struct Sandbox: Sendable {
    /// The confinement in effect, which may be weaker than the one asked for.
    public var mode: SandboxMode
    /// The resource limits applied inside it.
    public var limits: SandboxLimits
    /// A sentence for the report: what confines the child, or why less than asked for.
    public var note: String
    static let nobody: (uid: Int, gid: Int) = (65534, 65534)

    /// The toolchain's runtime folders bound into the sandbox (see ``runtimeDirectories(swift:)``).
    var runtime: [String] = []
    /// The seccomp filter bubblewrap loads (see `seccompProgram`), when there is one.
    var seccomp: URL?

    /// The command that runs `program` confined, with `calls` (the part's calls file) as its
    /// argument, or `--probe` without one. Under bubblewrap both appear at fixed paths in an
    /// otherwise empty filesystem (see `bubblewrapMounts`) and the scratch folder is a fresh
    /// bounded `tmpfs`; without namespaces `scratch` is the working folder.
    func command(_ program: URL, calls: URL?, scratch: URL) -> (URL, [String]) {
        let asNobody = Self.dropsToNobody ? Self.setpriv : []
        func prlimit(_ program: String, _ argument: String?) -> [String] {
            ["/usr/bin/prlimit"] + limits.prlimitArguments + ["--", program, argument ?? "--probe"]
        }
        switch mode {
        case .bubblewrap:
            // `sh` opens the filter on descriptor 4 for bubblewrap and gives way to it (`exec`).
            var command = seccomp.map { ["/bin/sh", "-c", "exec \"$@\" 4< \"$0\"", $0.path] } ?? []
            command += asNobody
            command += [
                Sandbox.bwrapPath, "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
            ]
            if seccomp != nil { command += ["--seccomp", "4"] }
            command += bubblewrapMounts(program: program, calls: calls)
            command += ["--chdir", "/tmp", "--setenv", "TMPDIR", "/tmp", "--setenv", "HOME", "/tmp", "--"]
            command += prlimit(Self.programPath, calls.map { _ in Self.callsPath })
            return (URL(fileURLWithPath: command[0]), Array(command.dropFirst()))
        case .rlimits:
            // `sh` stays as the child's parent (the command is not its last), so a child that
            // kills its parent kills `sh`, not the grader.
            // As `nobody`, the child cannot signal `sh` (root's), and the process limit binds.
            let shell =
                ["/bin/sh", "-c", "cd \"$1\" || exit 126; shift; \"$@\"; exit $?", "sh", scratch.path]
                + asNobody + prlimit(program.path, calls?.path)
            return (URL(fileURLWithPath: shell[0]), Array(shell.dropFirst()))
        case .none:
            let shell = ["/bin/sh", "-c", "\"$@\"; exit $?", "sh", program.path, calls?.path ?? "--probe"]
            return (URL(fileURLWithPath: shell[0]), Array(shell.dropFirst()))
        }
    }

    /// Root's processes escape `RLIMIT_NPROC`, so a grader run as root runs children as `nobody`.
    static var dropsToNobody: Bool {
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
    }

    static let setpriv = [
        "/usr/bin/setpriv", "--reuid=\(nobody.uid)", "--regid=\(nobody.gid)", "--clear-groups", "--",
    ]

    static var bwrapPath: String {
        ["/usr/bin/bwrap", "/usr/local/bin/bwrap", "/bin/bwrap"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        } ?? "/usr/bin/bwrap"
    }

    /// The strongest sandbox that works here, up to `requested`: tries to start `/bin/true`
    /// (and, when given, the program to be graded with `--probe`) in it, so a missing `bwrap`,
    /// a kernel without user namespaces or a scratch folder the sandbox user cannot reach all
    /// fall back to rlimits with a sentence saying why.
    public static func choose(
        _ requested: SandboxMode, limits: SandboxLimits, probe program: URL? = nil, runtime: [String] = [],
        seccomp: URL? = nil, scratch: URL
    ) -> Sandbox {
        let description =
            "bubblewrap: own PID, network, IPC and UTS namespaces, a filesystem of only the system "
            + "libraries, the Swift runtime and its own program and calls (read-only) and a "
            + "\(limits.scratchBytes >> 20) MB scratch folder, no capabilities, killed with the grader"
            + (dropsToNobody ? ", run as user nobody" : "")
            + (seccomp != nil ? ", no System V shared memory or message queues" : "") + "; "
            + limitsText(limits)
        // The kernel never applies RLIMIT_NPROC to root, so without the sandbox's user switch a
        // fork bomb is stopped only by the time limit.
        let rlimitsOnly =
            "rlimits only (" + limitsText(limits)
            + (dropsToNobody ? ", run as user nobody" : "")
            + (getuid() == 0 && !dropsToNobody
                ? "; the process limit does not bind root, the grader's user" : "") + ")"
        switch requested {
        case .none:
            return Sandbox(
                mode: .none, limits: limits,
                note:
                    "no sandbox (--sandbox none): only the time limit and the capped output protect the grader"
            )
        case .rlimits:
            return Sandbox(
                mode: .rlimits, limits: limits, note: rlimitsOnly + ", as asked with --sandbox rlimits")
        case .bubblewrap:
            guard FileManager.default.isExecutableFile(atPath: bwrapPath) else {
                return Sandbox(
                    mode: .rlimits, limits: limits,
                    note: "bubblewrap is not installed (Debian package `bubblewrap`), so " + rlimitsOnly
                        + "; the child shares the grader's PID and network namespaces and filesystem")
            }
            let candidate = Sandbox(
                mode: .bubblewrap, limits: limits, note: description, runtime: runtime, seccomp: seccomp)
            let target = program ?? URL(fileURLWithPath: "/bin/true")
            let (executable, arguments) = candidate.command(target, calls: nil, scratch: scratch)
            let outcome = try? Subprocess(executable: executable, arguments: arguments, timeout: 30).run()
            if let outcome, outcome.succeeded { return candidate }
            // A kernel without seccomp still gets the namespaces; the note then omits the filter.
            if seccomp != nil {
                let without = choose(
                    requested, limits: limits, probe: program, runtime: runtime, scratch: scratch)
                if without.mode == .bubblewrap { return without }
            }
            let why =
                outcome.map {
                    $0.standardError.split(separator: "\n").last.map(String.init) ?? "status \($0.status)"
                }
                ?? "it could not be started"
            return Sandbox(
                mode: .rlimits, limits: limits,
                note: "bubblewrap cannot start here (\(why.trimmingCharacters(in: .whitespaces))), so "
                    + rlimitsOnly
                    + "; the child shares the grader's PID and network namespaces and filesystem")
        }
    }

    static func limitsText(_ limits: SandboxLimits) -> String {
        "limits: \(limits.cpuSeconds) s CPU, \(limits.memoryBytes >> 20) MB memory, files up to "
            + "\(limits.fileBytes >> 20) MB, \(limits.openFiles) open files, \(limits.processes) processes"
    }
}
