import Foundation

/// What the answering child may see under bubblewrap: the system's programs and libraries, the
/// Swift runtime it links, its own program and this part's calls, and nothing else.
///
/// A read-only bind of `/` would let a submission read whatever the sandbox user can read:
/// other students' submissions, the instructor's `course.json`, an answer key made with
/// `--with-solutions`, the grader's work folders, `$HOME`, tokens in `/usr/local/etc`; and
/// encode it into its answers or its stderr, which the report quotes. So the root is an empty
/// read-only `tmpfs` with only these in it:
///
/// - `/usr` read-only, with `/usr/local` hidden under an empty folder (local installs and their
///   configuration are not the runtime), and `/bin`, `/sbin`, `/lib*` mirrored as they are on
///   the host (symbolic links into `/usr` on merged-`/usr` systems, read-only binds otherwise):
///   the dynamic loader, libc, libstdc++ and `prlimit`;
/// - the toolchain's `lib/swift/linux` (the Swift runtime and Foundation the program links by
///   its `RUNPATH`) and `libexec/swift/linux` (the backtracer that names the student's line in
///   a crash), read-only;
/// - the program at ``programPath`` and its calls at ``callsPath``, read-only;
/// - `/dev` (device nodes only: remounted read-only, since bubblewrap's `/dev` is an unbounded
///   `tmpfs` with a writable `/dev/shm`), `/proc` of its own PID namespace, and the bounded
///   scratch `tmpfs` at `/tmp`.
///
/// No `/etc` at all: the loader falls back to its built-in library path without
/// `ld.so.cache`, and the runtime needs no user database, time zone or resolver.
extension Sandbox {
    /// Where the child's program appears inside the sandbox.
    static let programPath = "/grader/answer"
    /// Where the part's calls file appears inside the sandbox.
    static let callsPath = "/grader/calls.jsonl"

    /// The top-level names of a Linux root that hold the loader and system libraries.
    static let systemRoots = ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"]

    /// bubblewrap's arguments that build the child's filesystem; `calls` is `nil` for the probe.
    func bubblewrapMounts(program: URL, calls: URL?) -> [String] {
        let manager = FileManager.default
        var arguments = ["--ro-bind", "/usr", "/usr"]
        if manager.fileExists(atPath: "/usr/local") {
            arguments += ["--tmpfs", "/usr/local"]
        }
        for root in Self.systemRoots {
            if let target = try? manager.destinationOfSymbolicLink(atPath: root) {
                arguments += ["--symlink", target, root]
            } else if manager.fileExists(atPath: root) {
                arguments += ["--ro-bind", root, root]
            }
        }
        for directory in runtime { arguments += ["--ro-bind", directory, directory] }
        arguments += ["--ro-bind", program.path, Self.programPath]
        if let calls { arguments += ["--ro-bind", calls.path, Self.callsPath] }
        arguments += [
            "--dev", "/dev", "--proc", "/proc", "--size", "\(limits.scratchBytes)", "--tmpfs", "/tmp",
        ]
        if manager.fileExists(atPath: "/usr/local") { arguments += ["--remount-ro", "/usr/local"] }
        return arguments + ["--remount-ro", "/dev", "--remount-ro", "/"]
    }

    /// The toolchain's runtime folders for the `swift` at `swift`: `usr/lib/swift/linux` and
    /// `usr/libexec/swift/linux` beside its `usr/bin`, where SwiftPM points the program's
    /// `RUNPATH` and the runtime looks for `swift-backtrace`. Those inside `/usr` (but not
    /// `/usr/local`) are already visible and are left out.
    static func runtimeDirectories(swift: URL) -> [String] {
        let usr = swift.resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
        return ["lib/swift/linux", "libexec/swift/linux"].map { usr.appendingPathComponent($0).path }.filter {
            var isDirectory: ObjCBool = false
            let inUsr = $0.hasPrefix("/usr/") && !$0.hasPrefix("/usr/local/")
            return !inUsr && FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }
    }
}
