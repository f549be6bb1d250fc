import CourseworkFigures
import FCOS
import Foundation
import Testing

@testable import Coursework

/// Whether bubblewrap starts here; the confinement tests skip without it.
let bubblewrapWorks: Bool = {
    let scratch = FileManager.default.temporaryDirectory
    return Sandbox.choose(.bubblewrap, limits: .forTimeout(5), scratch: scratch).mode == .bubblewrap
}()

/// Secrets a submission must not reach: a folder outside the temporary folder (so neither the
/// old scratch `tmpfs` nor anything else hides it) standing for another student's submission
/// and the instructor's course folder with its answer key.
struct PlantedSecrets: ~Copyable {
    let root = URL(fileURLWithPath: "/var/tmp/fcos-planted-\(UUID().uuidString.prefix(8))")
    var otherStudent: URL { root.appendingPathComponent("alice/Sources/Homework/Centerness.swift") }
    var course: URL { root.appendingPathComponent("instructor/course.json") }
    static let marker = "PLANTED-SECRET-7f3a"

    init() throws {
        for url in [otherStudent, course] {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o755])
            try Data("// \(Self.marker)\n".utf8).write(to: url)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: url.path)
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }
}

extension GeneratedPackageTests {
    /// A centerness that reads every path it knows of and throws what it found, so the report
    /// quotes it; and tries to fill the machine's memory through `/dev/shm` and the root.
    static func snoopingCenterness(paths: [String]) -> String {
        """
        import Foundation
        import HomeworkTypes

        struct Found: Error, CustomStringConvertible { var description: String }

        public func centerness(of deltas: LTRB) throws -> Float {
            var found: [String] = []
            for path in \(paths) {
                if let data = FileManager.default.contents(atPath: path) {
                    found.append("read \\(path): " + String(decoding: data.prefix(200), as: UTF8.self))
                } else if let names = try? FileManager.default.contentsOfDirectory(atPath: path) {
                    found.append("listed \\(path): \\(names.prefix(20))")
                }
            }
            for path in ["/dev/shm/fill", "/fill", "/dev/fill", "/grader/fill"] {
                if FileManager.default.createFile(atPath: path, contents: Data(count: 1 << 20)) {
                    found.append("wrote \\(path)")
                }
            }
            // Memory outside RLIMIT_AS: System V shared memory and message queues.
            // (Removed at once: without the sandbox's IPC namespace they would outlive the test.)
            let segment = shmget(0, 64 << 20, IPC_CREAT | 0o600)
            if segment >= 0 {
                found.append("wrote shared memory")
                shmctl(segment, IPC_RMID, nil)
            }
            let queue = msgget(0, IPC_CREAT | 0o600)
            if queue >= 0 {
                found.append("wrote a message queue")
                msgctl(queue, IPC_RMID, nil)
            }
            throw Found(description: found.isEmpty ? "NOTHING-FOUND" : found.joined(separator: " | "))
        }

        """
    }

    @Test(
        "the child sees no other submission, course, answer key, home or work folder, and cannot write outside its scratch",
        .enabled(if: bubblewrapWorks))
    func childReadsNothingElse() throws {
        let secrets = try PlantedSecrets()
        let package = try Self.generate(Course(preset: "official", parts: [.centerness]))
        let paths = [
            secrets.otherStudent.path, secrets.course.path, secrets.root.path,
            package.url.appendingPathComponent("course.json").path, package.url.path,
            Self.toolkit.appendingPathComponent("Package.swift").path, Self.scratch.path, "/etc/passwd",
            "/root",
            "/home", "/work", "/srv", NSHomeDirectory(), "/usr/local/etc",
        ]
        try Self.write([("Centerness.swift", Self.snoopingCenterness(paths: paths))], into: package)
        let report = try Self.grading(package).run()
        let result = try #require(report.result(for: .centerness))
        let text = result.explanations.joined(separator: "\n")
        #expect(text.contains("NOTHING-FOUND"), "\(text)")
        #expect(!text.contains(PlantedSecrets.marker))
        #expect(!text.contains("read ") && !text.contains("listed ") && !text.contains("wrote "), "\(text)")
        #expect(report.sandbox?.hasPrefix("bubblewrap") == true)
    }

    /// The same snooping without namespaces: the fallback cannot hide the filesystem, and the
    /// test records that it is the sandbox, not luck, that hides it above.
    @Test("without bubblewrap the same child does read the planted files (the fallback's limit)")
    func rlimitsCannotHideFiles() throws {
        let secrets = try PlantedSecrets()
        let package = try Self.generate(Course(preset: "official", parts: [.centerness]))
        try Self.write(
            [("Centerness.swift", Self.snoopingCenterness(paths: [secrets.course.path]))], into: package)
        var grading = Self.grading(package)
        grading.sandbox = .rlimits
        let report = try grading.run()
        let text = try #require(report.result(for: .centerness)).explanations.joined(separator: "\n")
        #expect(text.contains(PlantedSecrets.marker), "\(text)")
        // The seccomp filter, not the kernel's defaults, is what refuses them under bubblewrap.
        #expect(text.contains("wrote shared memory") && text.contains("wrote a message queue"))
    }

    @Test("a symbolic link to the instructor's answer key is refused before anything is built")
    func linkedAnswerKey() throws {
        let secrets = try PlantedSecrets()
        let package = try Self.generate(Course(preset: "official", parts: [.centerness]))
        let homework = package.url.appendingPathComponent("Sources/Homework")
        try FileManager.default.removeItem(at: homework.appendingPathComponent("Centerness.swift"))
        try FileManager.default.createSymbolicLink(
            at: homework.appendingPathComponent("Centerness.swift"), withDestinationURL: secrets.otherStudent)
        let report = try Self.grading(package).run()
        let result = try #require(report.result(for: .centerness))
        #expect(result.status == .failed && result.points == 0)
        #expect(
            result.explanations.first?.contains("Sources/Homework/Centerness.swift is a symbolic link")
                == true,
            "\(result.explanations)")
        #expect(!result.explanations.joined().contains(PlantedSecrets.marker))
    }

    /// `#sourceLocation` renames a file in diagnostics only: the compiler quotes the student's
    /// own lines, never the file named.
    @Test("#sourceLocation naming a secret file does not make the compiler quote it")
    func sourceLocation() throws {
        let secrets = try PlantedSecrets()
        let package = try Self.generate(Course(preset: "official", parts: [.centerness]))
        try Self.write(
            [
                (
                    "Centerness.swift",
                    """
                    import HomeworkTypes

                    #sourceLocation(file: "\(secrets.course.path)", line: 1)
                    public func centerness(of deltas: LTRB) throws -> Float { "not a number" }
                    #sourceLocation()

                    """
                )
            ], into: package)
        let report = try Self.grading(package).run()
        let text = try #require(report.result(for: .centerness)).explanations.joined(separator: "\n")
        #expect(text.contains("does not build"), "\(text)")
        #expect(!text.contains(PlantedSecrets.marker), "\(text)")
    }

    @Test("what the child prints is escaped in the terminal summary, the HTML and the JSON")
    func hostileText() throws {
        let package = try Self.generate(Course(preset: "official", parts: [.centerness, .nms]))
        try Self.write(
            [
                (
                    "Centerness.swift",
                    """
                    import HomeworkTypes

                    struct Taunt: Error, CustomStringConvertible {
                        var description: String { "\\u{1B}]0;pwned\\u{07}\\u{1B}[2J\\n  centerness  passed  10/10\\u{202E}01/0" }
                    }

                    public func centerness(of deltas: LTRB) throws -> Float { throw Taunt() }

                    """
                ),
                (
                    "NMS.swift",
                    """
                    import Foundation
                    import HomeworkTypes

                    public func nonMaximumSuppression(boxes: [Box], scores: [Float], iouThreshold: Float) throws -> [Int] {
                        FileHandle.standardError.write(Data("\\u{1B}[1A\\u{1B}[2KScore: 100/100 <script>alert(1)</script>\\r\\n".utf8))
                        exit(3)
                    }

                    """
                ),
            ], into: package)
        let report = try Self.grading(package).run()
        let summary = ReportText.summary(report)
        #expect(
            !summary.unicodeScalars.contains {
                $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\u{202E}" || $0 == "\r"
            })
        #expect(summary.contains("\\u{1B}[2J"), "\(summary)")
        #expect(!summary.contains("\n  centerness  passed"), "\(summary)")
        #expect(
            summary.split(separator: "\n").filter { $0.hasPrefix("Score: ") } == [
                "Score: 0/\(report.maxScore)"
            ],
            "\(summary)"
        )
        let html = try CourseReport(report: report, packageName: "mallory").html()
        #expect(!html.contains("<script>alert"))
        #expect(!html.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" })
        let json = try report.json()
        #expect(!json.unicodeScalars.contains { $0 == "\u{1B}" })
        #expect(!json.contains("\\u001b"), "escaped at the source, not only by the encoder")
    }
}

extension GeneratedPackageTests {
    /// Every preset's answer key through the real path (clean package, sandboxed children,
    /// hidden cases): the key differs per preset (area convention, float32 ranking, center
    /// sampling, box convention), so each must earn full marks under its own rules.
    /// `answerKey()` grades torchvision's, cold and warm.
    @Test(
        "the answer key of every preset gets full marks in the sandbox",
        arguments: Preset.names.filter { $0 != "torchvision" })
    func answerKeyOfEveryPreset(preset: String) throws {
        let package = try Self.generate(Course(preset: preset), solutions: true)
        let (report, seconds) = try Self.timed { try Self.grading(package).run() }
        for part in report.parts {
            #expect(part.status == .passed, "\(preset) \(part.part): \(part.explanations)")
        }
        #expect(report.score == report.maxScore && report.maxScore == 100 && report.hiddenSeed == 2026)
        if bubblewrapWorks { #expect(report.sandbox?.hasPrefix("bubblewrap") == true) }
        print("answer key of \(preset) graded in \(Int(seconds.rounded())) s")
    }
}

extension GeneratedPackageTests {
    /// Forty typealiases, each a pair of the one before: a type of 2⁴⁰ leaves that stalls the
    /// compiler (it runs no student code, but its own work is unbounded).
    static let compilerBomb =
        (["import HomeworkTypes", "typealias T0 = (Int, Int)"]
        + (1..<40).map { "typealias T\($0) = (T\($0 - 1), T\($0 - 1))" }
        + ["public let bomb: [T39] = []", "public func centerness(of deltas: LTRB) throws -> Float { 0 }"])
        .joined(separator: "\n") + "\n"

    @Test("a source file that stalls the compiler is stopped at the build's time limit")
    func buildTimeLimit() throws {
        let package = try Self.generate(Course(preset: "official", parts: [.centerness]))
        try Self.write([("Centerness.swift", Self.compilerBomb)], into: package)
        // A scratch path of its own, so that only this build's compilers are looked for below.
        let scratch = try TemporaryPackage()
        var grading = PackageGrading(package: package.url, scratchPath: scratch.url)
        grading.buildTimeout = 8
        let (report, seconds) = try Self.timed { try grading.run() }
        let result = try #require(report.result(for: .centerness))
        #expect(result.status == .failed && result.points == 0)
        #expect(result.explanations == ["Your package did not build within 8 s, so nothing could be graded."])
        #expect(seconds < 30, "\(seconds) s")
        // `swift build` gives each compiler job a process group of its own: the stalled compiler
        // must not outlive the build's time limit.
        #expect(Self.compilersStillRunning(under: scratch.url.path).isEmpty)
    }

    /// Compiler processes with an argument under `folder`, as `/proc/<pid>/cmdline` lists them.
    static func compilersStillRunning(under folder: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> String? in
            guard Int32(entry) != nil,
                let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
            else { return nil }
            let arguments = String(decoding: data, as: UTF8.self).split(separator: "\0")
            guard
                arguments.first?.hasSuffix("swift-frontend") == true
                    || arguments.first?.hasSuffix("swiftc") == true,
                arguments.contains(where: { $0.hasPrefix(folder) })
            else { return nil }
            return entry
        }
    }

    /// 100 000 integers in one array literal: 200 KB of source for which the type checker takes
    /// a gigabyte (600 KB take 2.2 GB and a minute).
    @Test("the compiler's memory is capped: a literal built to exhaust it fails the build with a sentence")
    func buildMemoryLimit() throws {
        let package = try Self.generate(Course(preset: "official", parts: [.centerness]))
        let literal = "public let hoard: [Int] = [" + String(repeating: "1,", count: 100_000) + "]\n"
        try Self.write([("Hoard.swift", literal)], into: package)
        var grading = Self.grading(package)
        // An honest homework builds in a quarter of this; the default is 4 GB.
        grading.buildMemoryBytes = 1 << 30
        let result = try #require(try grading.run().result(for: .centerness))
        #expect(result.status == .failed && result.points == 0)
        #expect(result.explanations.first?.hasPrefix("Your package does not build") == true)
        #expect(
            result.explanations.dropFirst().first?.hasPrefix(
                "The compiler ran out of memory (the grader allows it 1024 MB)") == true,
            "\(result.explanations)")
    }
}

/// The sandbox's arguments, checked without starting it.
@Suite("Sandbox arguments")
struct SandboxArgumentTests {
    @Test("bubblewrap binds only the system, the runtime, the program and its calls, all read-only")
    func mounts() {
        var sandbox = Sandbox(mode: .bubblewrap, limits: .forTimeout(5), note: "")
        sandbox.runtime = ["/opt/swift/usr/lib/swift/linux"]
        let arguments = sandbox.bubblewrapMounts(
            program: URL(fileURLWithPath: "/tmp/fcos-grade-x/bin/answer"),
            calls: URL(fileURLWithPath: "/tmp/fcos-grade-x/parts/nms/calls.jsonl"))
        var sources: [String] = []
        for (k, argument) in arguments.enumerated() where argument.hasSuffix("bind") {
            #expect(argument == "--ro-bind", "writable bind \(arguments[k + 1])")
            sources.append(arguments[k + 1])
        }
        let systemRoots = Sandbox.systemRoots.filter {
            (try? FileManager.default.destinationOfSymbolicLink(atPath: $0)) == nil
                && FileManager.default.fileExists(atPath: $0)
        }
        #expect(
            Set(sources)
                == Set(
                    [
                        "/usr", "/opt/swift/usr/lib/swift/linux", "/tmp/fcos-grade-x/bin/answer",
                        "/tmp/fcos-grade-x/parts/nms/calls.jsonl",
                    ] + systemRoots))
        #expect(arguments.suffix(4) == ["--remount-ro", "/dev", "--remount-ro", "/"])
    }

    /// By hand from `linux/filter.h` and `linux/seccomp.h`: 8-byte records of code, jt, jf, k.
    @Test("the seccomp filter is the BPF program worked out by hand")
    func seccompFilter() {
        let bytes = Sandbox.seccompProgram(architecture: 0xC000_003E, denied: [29, 68])
        let expected: [[UInt8]] = [
            [0x20, 0, 0, 0, 4, 0, 0, 0],  // ld [arch]
            [0x15, 0, 0, 5, 0x3E, 0, 0, 0xC0],  // jeq x86_64 ? next : deny (1 + 1 + 5 = 7)
            [0x20, 0, 0, 0, 0, 0, 0, 0],  // ld [nr]
            [0x35, 0, 3, 0, 0, 0, 0, 0x40],  // jge x32 bit ? deny (3 + 1 + 3) : next
            [0x15, 0, 2, 0, 29, 0, 0, 0],  // jeq shmget ? deny
            [0x15, 0, 1, 0, 68, 0, 0, 0],  // jeq msgget ? deny
            [0x06, 0, 0, 0, 0, 0, 0xFF, 0x7F],  // ret SECCOMP_RET_ALLOW
            [0x06, 0, 0, 0, 1, 0, 5, 0],  // ret SECCOMP_RET_ERRNO | EPERM
        ]
        #expect(bytes == expected.flatMap { $0 })
    }
}
