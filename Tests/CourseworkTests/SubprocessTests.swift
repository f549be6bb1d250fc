import Foundation
import Testing

@testable import Coursework

/// The process runner the grader starts builds and children with: what it keeps of a flood,
/// and how it ends a child that outlives its time.
@Suite("Running untrusted processes")
struct SubprocessTests {
    static func shell(_ script: String, timeout: Double = 20) -> Subprocess {
        Subprocess(executable: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", script], timeout: timeout)
    }

    @Test("a flood of output costs a few kilobytes: stdout's head and stderr's tail are kept")
    func floodIsCapped() throws {
        var flood = Self.shell(
            "head -c 40000000 /dev/zero | tr '\\0' o; head -c 40000000 /dev/zero | tr '\\0' e >&2; echo END >&2"
        )
        flood.standardOutputLimit = 1000
        let outcome = try flood.run()
        #expect(outcome.succeeded)
        #expect(outcome.standardOutput.utf8.count == 1000 && outcome.standardOutputTruncated)
        #expect(outcome.standardError.utf8.count <= flood.standardErrorLimit)
        #expect(outcome.standardError.hasSuffix("END\n"))
    }

    @Test("stdout is discarded unless asked for; descriptor 3 carries answers up to a limit")
    func answersChannel() throws {
        var child = Self.shell("echo printed; echo answered >&3")
        child.answersLimit = 100
        let outcome = try child.run()
        #expect(outcome.standardOutput.isEmpty)
        #expect(String(decoding: outcome.answers, as: UTF8.self) == "answered\n")

        var greedy = Self.shell("while true; do echo 0123456789 >&3; done")
        greedy.answersLimit = 10_000
        let stopped = try greedy.run()
        #expect(stopped.answersOverflowed && stopped.answers.count <= 10_001)
        #expect(!stopped.timedOut, "stopped for its answers, not by the clock")
    }

    @Test("a child past its time is killed with everything it started")
    func timeoutKillsTheGroup() throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fcos-subprocess-\(UUID())")
        defer { try? FileManager.default.removeItem(at: marker) }
        let start = Date()
        let outcome = try Self.shell("(sleep 3; touch \(marker.path)) & sleep 30", timeout: 1).run()
        #expect(outcome.timedOut)
        #expect(Date().timeIntervalSince(start) < 10)
        Thread.sleep(forTimeInterval: 3.5)
        #expect(
            !FileManager.default.fileExists(atPath: marker.path), "the background job died with the group")
    }

    @Test("exit statuses and signals are told apart")
    func statuses() throws {
        let exited = try Self.shell("exit 3").run()
        #expect(exited.status == 3 && !exited.signalled)
        let killed = try Self.shell("kill -KILL $$").run()
        #expect(killed.signalled && killed.status == 9)
    }
}
