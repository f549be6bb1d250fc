import Foundation

/// Runs a built lesson executable as a student's shell would, with no terminal on standard input,
/// and returns what it printed on each stream. One helper for every lesson test that looks at the
/// real process (exit status, one-line errors, terminal width), so they all run it the same way.
enum LessonProcess {
    static func run(
        _ lesson: String, _ arguments: [String], environment: [String: String] = [:]
    ) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = LessonRunTests.products.appendingPathComponent(lesson)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: outData, as: UTF8.self),
            String(decoding: errData, as: UTF8.self)
        )
    }
}
