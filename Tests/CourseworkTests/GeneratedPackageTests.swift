import CourseworkFigures
import FCOS
import Foundation
import Testing

@testable import Coursework

#if canImport(Glibc)
    import Glibc
#endif

/// Real student packages, generated into temporary folders and graded as `fcos course grade`
/// grades them: the student's files built in the grader's clean package, each part answered by
/// a sandboxed child, the answers compared in this process.
///
/// Every grading of a run shares one scratch path, so the clean package's `HomeworkTypes` and
/// `answer` compile once and each further submission only recompiles `Homework`. The suite is
/// serialized because SwiftPM builds one package at a time in a scratch path. Timeouts are
/// short: the honest parts answer in well under a second. Set `FCOS_COURSEWORK_SCRATCH` to keep
/// the scratch path between runs.
@Suite("Generated packages build and grade", .serialized)
struct GeneratedPackageTests {
    static let toolkit = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let scratch: URL = {
        if let path = ProcessInfo.processInfo.environment["FCOS_COURSEWORK_SCRATCH"] {
            return URL(fileURLWithPath: path)
        }
        // A scratch path of this test process only, removed when it exits.
        atexit { try? FileManager.default.removeItem(at: GeneratedPackageTests.temporaryScratch) }
        return temporaryScratch
    }()

    static let temporaryScratch = FileManager.default.temporaryDirectory.appendingPathComponent(
        "fcos-coursework-tests-\(getpid())")

    static func generate(_ course: Course, solutions: Bool = false) throws -> TemporaryPackage {
        let package = try TemporaryPackage()
        try StarterPackage(course: course, toolkit: toolkit, withSolutions: solutions).write(to: package.url)
        return package
    }

    static func grading(_ package: borrowing TemporaryPackage, timeout: Double = 20) -> PackageGrading {
        var grading = PackageGrading(
            package: package.url, scratchPath: scratch.appendingPathComponent("grading"))
        grading.timeoutPerPart = timeout
        grading.hiddenSeed = 2026
        return grading
    }

    static func write(_ files: [(String, String)], into package: borrowing TemporaryPackage) throws {
        for (file, source) in files {
            try source.write(
                to: package.url.appendingPathComponent("Sources/Homework/\(file)"), atomically: true,
                encoding: .utf8)
        }
    }

    /// Seconds since the start of `body`.
    static func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = Date()
        let value = try body()
        return (value, Date().timeIntervalSince(start))
    }

    @Test("the starter builds on its own; every part is 'not attempted'; hidden cases are graded")
    func starter() throws {
        let course = Course(preset: "eecs498")
        let package = try Self.generate(course)
        // The root package has no dependency: it builds without the toolkit.
        var build = Subprocess(
            executable: Subprocess.which("swift")!,
            arguments: [
                "build", "--package-path", package.url.path, "--scratch-path",
                Self.scratch.appendingPathComponent("starter").path,
            ],
            timeout: 600)
        build.standardOutputLimit = 64 << 10
        let built = try build.run()
        try #require(built.succeeded, "\(built.standardOutput.suffix(3_000))\(built.standardError)")
        #expect(!built.standardOutput.contains("Compiling FCOS"))

        let report = try Self.grading(package).run()
        #expect(report.parts.map(\.part) == Part.allCases)
        #expect(report.parts.allSatisfy { $0.status == .notAttempted }, "\(report.parts.map(\.explanations))")
        #expect(report.score == 0 && report.maxScore == course.maxScore)
        #expect(report.hiddenSeed == 2026)
        #expect(report.sandbox != nil)
        let matching = try #require(report.result(for: .matching))
        let examples = CourseScene.matchingCases(rules: Preset.eecs498.assignment, seed: Course.defaultSeed)
        #expect(matching.cases > examples.count * 5, "hidden scenes are graded after the examples")
    }

    @Test("importing the toolkit does not compile, and the report says why")
    func toolkitImport() throws {
        let package = try Self.generate(Course(preset: "official", parts: [.centerness]))
        try Self.write(
            [
                (
                    "Centerness.swift",
                    """
                    import FCOS
                    import HomeworkTypes

                    public func centerness(of deltas: HomeworkTypes.LTRB) throws -> Float {
                        Centerness.value(FCOS.LTRB(l: deltas.l, t: deltas.t, r: deltas.r, b: deltas.b))
                    }

                    """
                )
            ], into: package)
        let report = try Self.grading(package).run()
        let result = try #require(report.result(for: .centerness))
        #expect(result.status == .failed && result.points == 0)
        #expect(
            result.explanations.contains { $0.contains("no such module 'FCOS'") }, "\(result.explanations)")
        #expect(result.explanations.last?.contains("write the computations yourself") == true)
    }

    /// The answer key under a float32-ranking preset, with hidden cases: full marks. Graded
    /// twice, to measure a cold and a warm grading (the second rebuilds nothing).
    @Test("the answer key gets full marks, hidden cases included")
    func answerKey() throws {
        let package = try Self.generate(Course(preset: "torchvision"), solutions: true)
        for source in try FileManager.default.contentsOfDirectory(
            atPath: package.url.appendingPathComponent("Sources/Homework").path)
        {
            let text = try String(
                contentsOf: package.url.appendingPathComponent("Sources/Homework/\(source)"), encoding: .utf8)
            #expect(!text.contains("import FCOS") && !text.contains("import Coursework"), "\(source)")
        }
        let (report, cold) = try Self.timed { try Self.grading(package).run() }
        for part in report.parts { #expect(part.status == .passed, "\(part.part): \(part.explanations)") }
        #expect(report.score == report.maxScore)
        let (again, warm) = try Self.timed { try Self.grading(package).run() }
        #expect(again.score == again.maxScore)
        print("answer key graded in \(Int(cold)) s cold, \(Int(warm)) s warm")
    }

    /// Official rules; matching with strict bounds, centerness without the square root, NMS with
    /// ≥, a crash in part 1 and `fatalError("TODO")` in part 3, written as a student would.
    @Test("seeded mistakes are named, a crash stays in its part, fatalError(\"TODO\") is not attempted")
    func mistakes() throws {
        let package = try Self.generate(Course(preset: "official"), solutions: true)
        try Self.write(SeededMistakes.files, into: package)
        let report = try Self.grading(package).run()
        let status = Dictionary(uniqueKeysWithValues: report.parts.map { ($0.part, $0.status) })
        #expect(
            status == [
                .locations: .failed, .matching: .failed, .deltas: .notAttempted, .centerness: .failed,
                .focalLoss: .passed, .loss: .passed, .nms: .failed, .inference: .passed,
            ])
        let locations = try #require(report.result(for: .locations))
        #expect(locations.explanations.first?.contains("Your code crashed: Index out of range") == true)
        #expect(locations.explanations.first?.contains("Sources/Homework/Locations.swift:") == true)
        #expect(locations.explanations.first?.contains("it was running `fpnLocations` (call 1 of") == true)
        #expect(report.result(for: .matching)?.mistakes.map(\.id) == ["range-bounds"])
        #expect(report.result(for: .matching)?.evidence != nil)
        #expect(report.result(for: .centerness)?.mistakes.map(\.id) == ["no-sqrt"])
        #expect(report.result(for: .nms)?.mistakes.map(\.id) == ["greater-or-equal"])
        #expect(report.result(for: .nms)?.explanations.first?.contains("NMS with ≥ instead of >") == true)
        #expect(!report.passed)
    }

    /// The issue's check: a part that forges results, one that floods its output, one that
    /// kills its parent (and three more attacks) grade to 0, every part reported, within
    /// parts × timeout plus the build, the whole grading under 1 GB, no temporary file left.
    @Test("a hostile submission grades to 0 with every part explained")
    func hostile() throws {
        let package = try Self.generate(Course(preset: "official"))
        try Self.write(HostileSubmission.files, into: package)
        let timeout = 4.0
        let folder = try TemporaryPackage()
        // Its own temporary parent: other gradings (tests running beside this one, other
        // processes) use the shared one, and their folders are not this grading's leaks.
        let temporary = try TemporaryPackage()
        let (report, seconds) = try Self.timed { () throws -> GradeReport in
            var grading = Self.grading(package, timeout: timeout)
            grading.temporaryParent = temporary.url
            let report = try grading.run()
            try CourseReport(report: report, packageName: "hostile").write(toDirectory: folder.url.path)
            return report
        }
        #expect(report.score == 0)
        #expect(report.parts.map(\.part) == Part.allCases)
        #expect(
            report.parts.allSatisfy { $0.status == .failed && $0.points == 0 && !$0.explanations.isEmpty })
        func first(_ part: Part) -> String { report.result(for: part)?.explanations.first ?? "" }
        #expect(first(.locations).contains("could not be read"), "\(first(.locations))")
        #expect(first(.matching).contains("did not finish within 4 s; it was running `matchLocations`"))
        #expect(first(.deltas).contains("did not finish within 4 s; it was running `deltas`"))
        #expect(first(.centerness).contains("did not finish within 4 s"))
        #expect(first(.focalLoss).contains("Your code crashed"), "\(first(.focalLoss))")
        #expect(first(.loss).contains("more answers than there were calls"), "\(first(.loss))")
        #expect(first(.nms).contains("exited with status 0 before answering"), "\(first(.nms))")
        // A million rows take a debug-built child a while to print: cut off by the size limit or,
        // on a loaded machine, by the time limit.
        #expect(
            first(.inference).contains("exceed 24 MB")
                || first(.inference).contains("did not finish within 4 s"),
            "\(first(.inference))")
        let json = try String(contentsOf: folder.url.appendingPathComponent("report.json"), encoding: .utf8)
        #expect(!json.contains("\"points\" : 95"))
        // The build of a cached scratch path takes seconds; allow a cold one two minutes.
        #expect(seconds < Double(Part.allCases.count) * timeout + 120, "graded in \(seconds) s")
        #if canImport(Glibc)
            // The largest process the grading started (the compiler, a child, the memory hoarder).
            var usage = rusage()
            getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
            #expect(usage.ru_maxrss < 1 << 20, "largest child \(usage.ru_maxrss) KB")
        #endif
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.url.path).isEmpty)
    }

    /// Without namespaces (where bubblewrap cannot start, or asked for), the forging part and the
    /// part that kills its parent still grade to 0 and the report says which sandbox was used.
    @Test("rlimits only: a forged result and a killed parent still grade to 0")
    func hostileUnderRlimits() throws {
        let package = try Self.generate(Course(preset: "mmdet", parts: [.locations, .deltas, .nms]))
        try Self.write(HostileSubmission.files, into: package)
        var grading = Self.grading(package, timeout: 3)
        grading.sandbox = .rlimits
        let report = try grading.run()
        // 10 + 10 + 10 points.
        #expect(report.score == 0 && report.maxScore == 30)
        #expect(report.sandbox?.hasPrefix("rlimits only") == true, "\(report.sandbox ?? "")")
        #expect(report.result(for: .locations)?.explanations.first?.contains("could not be read") == true)
        #expect(
            report.result(for: .deltas)?.explanations.first?.contains("did not finish within 3 s") == true)
        #expect(report.result(for: .nms)?.explanations.first?.contains("exited with status 0") == true)
    }
}

/// A fresh directory per package, removed afterwards.
struct TemporaryPackage: ~Copyable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("fcos-homework-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Student files with mistakes, for the official preset.
enum SeededMistakes {
    static let files: [(String, String)] = [
        (
            "Locations.swift",
            """
            import HomeworkTypes

            public func fpnLocations(width: Int, height: Int, stride: Int) throws -> [Point] {
                var points: [Point] = []
                for i in 0...height { points.append(points[i]) }
                return points
            }

            """
        ),
        (
            "Matching.swift",
            """
            import HomeworkTypes

            public func matchLocations(_ locations: [Point], level: FeatureLevel, boxes: [Box]) throws -> [Int] {
                locations.map { p in
                    var best = -1
                    var bestArea = Float.infinity
                    for (g, box) in boxes.enumerated() {
                        let l = p.x - box.x0, t = p.y - box.y0, r = box.x1 - p.x, b = box.y1 - p.y
                        guard min(l, t, r, b) > 0 else { continue }
                        let m = max(l, t, r, b)
                        guard m > level.sizeRange.lower && m < level.sizeRange.upper else { continue }
                        let area = (box.x1 - box.x0 + 1) * (box.y1 - box.y0 + 1)
                        if area < bestArea {
                            best = g
                            bestArea = area
                        }
                    }
                    return best
                }
            }

            """
        ),
        (
            "Deltas.swift",
            """
            import HomeworkTypes

            public func deltas(from location: Point, to box: Box, stride: Int) throws -> LTRB {
                fatalError("TODO: deltas")
            }

            public func applyDeltas(_ deltas: LTRB, at location: Point, stride: Int) throws -> Box {
                fatalError("TODO: applyDeltas")
            }

            """
        ),
        (
            "Centerness.swift",
            """
            import HomeworkTypes

            public func centerness(of d: LTRB) throws -> Float {
                guard min(d.l, d.t, d.r, d.b) > 0 else { return 0 }
                return min(d.l, d.r) / max(d.l, d.r) * (min(d.t, d.b) / max(d.t, d.b))
            }

            """
        ),
        (
            "NMS.swift",
            """
            import HomeworkTypes

            public func nonMaximumSuppression(boxes: [Box], scores: [Float], iouThreshold: Float) throws -> [Int] {
                let order = boxes.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
                var kept: [Int] = []
                for i in order {
                    let a = boxes[i]
                    let suppressed = kept.contains { k in
                        let b = boxes[k]
                        let w = max(0, min(a.x1, b.x1) - max(a.x0, b.x0) + 1)
                        let h = max(0, min(a.y1, b.y1) - max(a.y0, b.y0) + 1)
                        let inter = w * h
                        let areaA = (a.x1 - a.x0 + 1) * (a.y1 - a.y0 + 1)
                        let areaB = (b.x1 - b.x0 + 1) * (b.y1 - b.y0 + 1)
                        return inter / (areaA + areaB - inter) >= iouThreshold
                    }
                    if !suppressed { kept.append(i) }
                }
                return kept
            }

            """
        ),
    ]
}
