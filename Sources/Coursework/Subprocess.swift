import Foundation

/// Runs a program to completion with a time limit, its output captured in files rather than
/// pipes: a child that prints a lot can then never block on a full pipe while we wait for it.
struct Subprocess {
    struct Outcome {
        var status: Int32
        /// The child was killed by a signal (a Swift runtime trap is SIGILL or SIGTRAP).
        var signalled: Bool
        var timedOut: Bool
        var standardOutput: String
        var standardError: String
        var succeeded: Bool { !signalled && !timedOut && status == 0 }
    }

    var executable: URL
    var arguments: [String]
    var directory: URL?
    var environment: [String: String] = [:]
    var timeout: Double?

    func run() throws -> Outcome {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("fcos-subprocess-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()

        var timedOut = false
        let deadline = timeout.map { Date().addingTimeInterval($0) }
        while process.isRunning {
            if let deadline, Date() > deadline {
                timedOut = true
                process.terminate()
                let grace = Date().addingTimeInterval(2)
                while process.isRunning && Date() < grace { usleep(10_000) }
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                break
            }
            usleep(5_000)
        }
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
            timedOut: timedOut,
            standardOutput: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
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
