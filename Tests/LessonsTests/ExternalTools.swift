import Foundation
import Testing

/// Optional tools some tests use when the machine has them: Python's `nbformat` (the reference
/// notebook validator) and headless Chromium. Tests that need one skip cleanly without it.
enum ExternalTools {
    /// Runs `executable` with `arguments`; nil when it cannot be started.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval = 120) -> (
        status: Int32, output: String
    )? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        process.standardInput = FileHandle.nullDevice
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let timer = DispatchWorkItem { process.terminate() }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        timer.cancel()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A Python that can import `nbformat`: the one on `PATH` (often a pyenv or venv Python), else
    /// the system's, where Debian's `python3-nbformat` (installed by `.ci/install-system-deps`) lives.
    static let nbformatPython: String? = ["python3", "/usr/bin/python3"].first { python in
        run(python, ["-c", "import nbformat"])?.status == 0
    }

    static var hasNbformat: Bool { nbformatPython != nil }

    /// The Chromium binary, if one is installed under a usual name.
    static let chromium: String? = ["chromium", "chromium-browser", "google-chrome"].first { name in
        run("which", [name])?.status == 0
    }

    /// Validates `notebook` with `nbformat` against the 4.5 schema when Python has it.
    static func validateNotebook(_ notebook: URL) throws {
        guard let python = nbformatPython else { return }
        let script = """
            import sys, nbformat
            nb = nbformat.read(sys.argv[1], as_version=4)
            nbformat.validate(nb)
            assert (nb.nbformat, nb.nbformat_minor) == (4, 5), (nb.nbformat, nb.nbformat_minor)
            print("ok", len(nb.cells))
            """
        let result = try #require(run(python, ["-c", script, notebook.path]))
        #expect(
            result.status == 0 && result.output.hasPrefix("ok"),
            "nbformat rejects \(notebook.lastPathComponent)")
    }

    /// The page's DOM after Chromium has loaded it and run its scripts for `budget` ms of virtual
    /// time (so the result does not depend on the machine's speed).
    static func dumpDOM(_ page: URL, budget: Int = 10_000) -> String? {
        guard let chromium else { return nil }
        return run(
            chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--window-size=1400,1000",
                "--virtual-time-budget=\(budget)", "--dump-dom", page.absoluteString,
            ])?.output
    }
}
