import FCOS
import Foundation
import Testing

@testable import Coursework

/// Real student packages, generated into temporary folders and built with `swift build`.
///
/// Building one compiles the toolkit's `FCOS` and `Coursework` again (the generated package is a
/// different root package), so every package of a run shares one scratch path: the toolkit is
/// compiled once and each further package only compiles its own `Homework` module. The suite is
/// serialized because SwiftPM builds one package at a time in a scratch path. Set
/// `FCOS_COURSEWORK_SCRATCH` to keep the scratch path between runs.
@Suite("Generated packages build and grade", .serialized)
struct GeneratedPackageTests {
    static let toolkit = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let scratch: URL = {
        if let path = ProcessInfo.processInfo.environment["FCOS_COURSEWORK_SCRATCH"] {
            return URL(fileURLWithPath: path)
        }
        return FileManager.default.temporaryDirectory.appendingPathComponent(
            "fcos-coursework-tests-\(getpid())")
    }()

    static func generate(_ course: Course, solutions: Bool = false) throws -> TemporaryPackage {
        let package = try TemporaryPackage()
        try StarterPackage(course: course, toolkit: toolkit, withSolutions: solutions).write(to: package.url)
        return package
    }

    static func grade(_ package: borrowing TemporaryPackage) throws -> GradeReport {
        var grading = PackageGrading(package: package.url, scratchPath: scratch)
        grading.timeoutPerPart = 60
        return try grading.run()
    }

    static func swift(_ arguments: [String], in package: borrowing TemporaryPackage) throws
        -> Subprocess.Outcome
    {
        try Subprocess(
            executable: Subprocess.which("swift")!, arguments: arguments + ["--scratch-path", scratch.path],
            directory: package.url
        ).run()
    }

    @Test("the starter builds (grader and visualizer); every part is 'not attempted'; the grader fails")
    func starter() throws {
        let package = try Self.generate(Course(preset: "eecs498"))
        let build = try Self.swift(["build"], in: package)
        try #require(
            build.succeeded, "\(build.standardOutput.suffix(3_000))\(build.standardError.suffix(3_000))")

        let report = try Self.grade(package)
        #expect(report.parts.map(\.part) == Part.allCases)
        #expect(report.parts.allSatisfy { $0.status == .notAttempted })
        #expect(report.score == 0 && report.maxScore == 100)

        let bin = try Self.swift(["build", "--show-bin-path"], in: package).standardOutput
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let grade = try Subprocess(
            executable: URL(fileURLWithPath: bin).appendingPathComponent("grade"), arguments: [],
            directory: package.url
        ).run()
        #expect(grade.status == 1, "the grader must fail a starter")
        #expect(grade.standardOutput.contains("Score: 0/100"))

        let visualize = try Subprocess(
            executable: URL(fileURLWithPath: bin).appendingPathComponent("visualize"),
            arguments: ["--out", "v.png"],
            directory: package.url
        ).run()
        #expect(visualize.succeeded, "\(visualize.standardError)")
        #expect(FileManager.default.fileExists(atPath: package.url.appendingPathComponent("v.png").path))
    }

    @Test("--with-solutions passes every part")
    func solutions() throws {
        let package = try Self.generate(Course(preset: "torchvision"), solutions: true)
        let report = try Self.grade(package)
        for part in report.parts { #expect(part.status == .passed, "\(part.part): \(part.explanations)") }
        #expect(report.score == 100)
    }

    /// Official rules; matching with strict bounds, centerness without the square root, NMS with
    /// ≥, a crash in part 1 and `fatalError("TODO")` in part 3, written as a student would.
    @Test("seeded mistakes are named, a crash stays in its part, fatalError(\"TODO\") is not attempted")
    func mistakes() throws {
        let package = try Self.generate(Course(preset: "official"), solutions: true)
        for (file, source) in SeededMistakes.files {
            try source.write(
                to: package.url.appendingPathComponent("Sources/Homework/\(file)"), atomically: true,
                encoding: .utf8)
        }
        let report = try Self.grade(package)
        let status = Dictionary(uniqueKeysWithValues: report.parts.map { ($0.part, $0.status) })
        #expect(
            status == [
                .locations: .failed, .matching: .failed, .deltas: .notAttempted, .centerness: .failed,
                .focalLoss: .passed, .nms: .failed,
            ])
        let locations = try #require(report.result(for: .locations))
        #expect(locations.explanations.first?.contains("Your code crashed: Index out of range") == true)
        #expect(locations.explanations.first?.contains("Sources/Homework/Locations.swift:") == true)
        #expect(report.result(for: .matching)?.mistakes.map(\.id) == ["range-bounds"])
        #expect(report.result(for: .matching)?.evidence != nil)
        #expect(report.result(for: .centerness)?.mistakes.map(\.id) == ["no-sqrt"])
        #expect(report.result(for: .nms)?.mistakes.map(\.id) == ["greater-or-equal"])
        #expect(report.result(for: .nms)?.explanations.first?.contains("NMS with ≥ instead of >") == true)
        #expect(!report.passed)
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
            import Coursework
            import FCOS

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
            import Coursework
            import FCOS

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
            import Coursework
            import FCOS

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
            import Coursework
            import FCOS

            public func centerness(of d: LTRB) throws -> Float {
                guard min(d.l, d.t, d.r, d.b) > 0 else { return 0 }
                return min(d.l, d.r) / max(d.l, d.r) * (min(d.t, d.b) / max(d.t, d.b))
            }

            """
        ),
        (
            "NMS.swift",
            """
            import Coursework
            import FCOS

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
