import Foundation

/// A seccomp filter that refuses System V shared memory and message queues to the child.
///
/// They are memory outside every limit `prlimit` can set: a segment made with `shmget` and
/// filled, then detached, no longer counts towards `RLIMIT_AS`, so a child with a 1 GB cap held
/// 2 GB this way in a second (and the kernel's default per-namespace limit is far above any
/// machine's memory); message queues add 16 KB each, up to 32 000 of them. The memory goes only
/// when the child's IPC namespace does, after its time limit, and graders of a class run many
/// children at once. Student code has no use for either, so `shmget` and `msgget` fail with
/// `EPERM`; so does every system call of another ABI (32-bit `int 0x80`, x32), which could
/// reach them by other numbers.
///
/// bubblewrap loads the filter from a descriptor (`--seccomp`), as classic BPF.
extension Sandbox {
    /// The filter's BPF program for this machine's architecture, or `nil` where the system call
    /// numbers are not known here (the child then runs without it).
    static var seccompProgram: [UInt8]? {
        #if arch(x86_64)
            // AUDIT_ARCH_X86_64; shmget 29, msgget 68.
            return seccompProgram(architecture: 0xC000_003E, denied: [29, 68])
        #elseif arch(arm64)
            // AUDIT_ARCH_AARCH64; shmget 194, msgget 186.
            return seccompProgram(architecture: 0xC000_00B7, denied: [194, 186])
        #else
            return nil
        #endif
    }

    /// `ld arch; jne → deny; ld nr; jge x32 → deny; jeq each denied → deny; ret allow; deny:
    /// ret errno(EPERM)`, as `struct sock_filter` records in the machine's (little) byte order.
    static func seccompProgram(architecture: UInt32, denied: [UInt32]) -> [UInt8] {
        let load: UInt16 = 0x20  // BPF_LD | BPF_W | BPF_ABS
        let jumpIfEqual: UInt16 = 0x15  // BPF_JMP | BPF_JEQ | BPF_K
        let jumpIfAtLeast: UInt16 = 0x35  // BPF_JMP | BPF_JGE | BPF_K
        let ret: UInt16 = 0x06  // BPF_RET | BPF_K
        let n = UInt8(denied.count)
        var program: [(UInt16, UInt8, UInt8, UInt32)] = [
            (load, 0, 0, 4),  // seccomp_data.arch
            (jumpIfEqual, 0, n + 3, architecture),
            (load, 0, 0, 0),  // seccomp_data.nr
            (jumpIfAtLeast, n + 1, 0, 0x4000_0000),  // __X32_SYSCALL_BIT
        ]
        for (i, number) in denied.enumerated() { program.append((jumpIfEqual, n - UInt8(i), 0, number)) }
        program.append((ret, 0, 0, 0x7FFF_0000))  // SECCOMP_RET_ALLOW
        program.append((ret, 0, 0, 0x0005_0000 | UInt32(EPERM)))  // SECCOMP_RET_ERRNO
        var bytes: [UInt8] = []
        for (code, jt, jf, k) in program {
            bytes += [UInt8(code & 0xFF), UInt8(code >> 8), jt, jf]
            bytes += (0..<4).map { UInt8((k >> (8 * $0)) & 0xFF) }
        }
        return bytes
    }

    /// Writes the filter into `folder` for ``command(_:calls:scratch:)``; `nil` without one.
    static func writeSeccompFilter(in folder: URL) throws -> URL? {
        guard let program = seccompProgram else { return nil }
        let url = folder.appendingPathComponent("seccomp.bpf")
        try Data(program).write(to: url)
        return url
    }
}
