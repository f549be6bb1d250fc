import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// SIGTERM and SIGHUP during `fcos inspect` are handled like Ctrl-C (issue 14): the figure in
/// progress is finished, the gallery written, no temporary file left, and the exit code is
/// 128 + the signal. Run on the built `fcos` in a child process, so the signal cannot disturb the
/// other tests in this process; skipped when the executable is not beside the test bundle.
@Suite("Signals during fcos inspect")
struct SignalTests {
    /// The `fcos` executable built with the tests (`swift build --build-tests` builds it).
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("fcos").path

    static var hasExecutable: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    @Test(
        "The first signal finishes the figure in progress and the gallery, then exits 128 + signal",
        .enabled(if: hasExecutable),
        arguments: [(SIGTERM, Int32(143)), (SIGHUP, Int32(129)), (SIGINT, Int32(130))] as [(Int32, Int32)])
    func stopsCleanly(signal: Int32, exitCode: Int32) throws {
        let f = try InspectFixture()
        let count = 30
        for i in 1...count { try f.addPhoto("scene-64x48.jpg", as: "\(i).jpg") }
        try f.writeCOCO(
            (1...count).map { (id: $0, file: "\($0).jpg", width: 64, height: 48, boxes: [[8, 8, 30, 20]]) })

        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = [
            "inspect", f.path("instances.json"), "--all", "--limit", "\(count)", "--out", f.path("out"),
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait for the first finished figure, then signal.
        let reader = output.fileHandleForReading
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("\n") {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            seen += chunk
        }
        kill(process.processIdentifier, signal)
        _ = reader.readDataToEndOfFile()
        process.waitUntilExit()

        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == exitCode)
        let written = f.files.filter { $0.hasPrefix("out/") }
        #expect(written.contains("out/index.html"))
        #expect(!written.contains { $0.contains(".tmp-") }, "\(written)")
        let figures = written.filter { $0.hasSuffix(".png") }
        #expect(!figures.isEmpty && figures.count < count, "stopped early: \(figures.count) figures")
    }
}
