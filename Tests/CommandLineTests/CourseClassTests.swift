import ArgumentParser
import Coursework
import Diagnostics
import Foundation
import Testing

@testable import fcos

/// `fcos course init --points`, `demo-class` and `grade-all` as an instructor runs them: the
/// class folder of 20 generated submissions graded by one command, the summary naming every
/// planted mistake for its student.
@Suite("fcos course: points, demo class, grade-all", .serialized)
struct CourseClassTests {
    static let toolkit = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// Runs `arguments` in-process: the exit status, stdout and stderr.
    func run(_ arguments: [String]) -> (status: Int32, out: String, err: String) {
        let capture = Output.Capture()
        do {
            var command = try FCOSCommand.parseAsRoot(arguments)
            try Output.$sink.withValue(capture.sink) { try command.run() }
            return (0, capture.out, capture.err)
        } catch let exit as ExitCode {
            return (exit.rawValue, capture.out, capture.err)
        } catch let usage as UsageError {
            return (ExitStatus.usageError.rawValue, capture.out, capture.err + "fcos: \(usage)\n")
        } catch {
            return (FCOSCommand.exitCode(for: error).rawValue, capture.out, FCOSCommand.message(for: error))
        }
    }

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fcos-class-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test(
        "init --points: a bad table is one usage line, exit 64, nothing written",
        arguments: ["bogus=3", "deltas=10", "matching=0", "matching=5000", "1,2,3"])
    func badPoints(points: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("hw").path
        let result = run([
            "course", "init", target, "--parts", "locations,matching", "--points", points, "--toolkit",
            Self.toolkit,
        ])
        #expect(result.status == ExitStatus.usageError.rawValue)
        #expect(
            result.err.hasPrefix("fcos: --points: ") && result.err.filter { $0 == "\n" }.count == 1,
            "\(result.err)")
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test("init --points and --preset are recorded in course.json and the README")
    func pointsRecorded() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("hw")
        let result = run([
            "course", "init", target.path, "--parts", "matching,nms", "--points", "matching=60,nms=40",
            "--preset", "eecs498", "--toolkit", Self.toolkit,
        ])
        #expect(result.status == 0, "\(result.err)")
        let course = try PackageGrading.readCourse(target.appendingPathComponent("course.json"))
        #expect(
            course == Course(preset: "eecs498", parts: [.matching, .nms], points: [.matching: 60, .nms: 40]))
        #expect(course.maxScore == 100)
        #expect(result.out.contains("total 100 points"))
    }

    @Test("grade-all without the instructor's course is a usage error, not the students' own")
    func gradeAllNeedsCourse() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = run(["course", "grade-all", folder.path])
        #expect(result.status == ExitStatus.usageError.rawValue)
        #expect(result.err.contains("pass --course FILE"), "\(result.err)")
    }

    /// Under bubblewrap a student's code cannot see the class folder: a spy that answers right
    /// only when another student's package is out of its sight passes.
    @Test("grade-all hides the class folder from each student's code (bubblewrap)")
    func classFolderHidden() throws {
        // Outside /tmp, which the sandbox replaces anyway: in the checkout's own build folder.
        let folder = URL(fileURLWithPath: Self.toolkit).appendingPathComponent(".build/class-test-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let classFolder = folder.appendingPathComponent("class")
        let course = Course(preset: "official", parts: [.locations])
        for name in ["a-key", "b-spy"] {
            try StarterPackage(
                course: course, toolkit: URL(fileURLWithPath: Self.toolkit), withSolutions: true
            )
            .write(to: classFolder.appendingPathComponent(name))
        }
        let spy = classFolder.appendingPathComponent("b-spy/Sources/Homework/Locations.swift")
        let other = classFolder.appendingPathComponent("a-key/Package.swift").path
        let source = try String(contentsOf: spy, encoding: .utf8)
            .replacingOccurrences(of: "import HomeworkTypes", with: "import Foundation\nimport HomeworkTypes")
            .replacingOccurrences(
                of: "return points",
                with:
                    "if FileManager.default.fileExists(atPath: \"\(other)\") { return [] }\n    return points"
            )
        try #require(source.contains(other))
        try source.write(to: spy, atomically: true, encoding: .utf8)
        try JSONEncoder().encode(course).write(to: classFolder.appendingPathComponent("course.json"))

        let out = folder.appendingPathComponent("out")
        let graded = run([
            "course", "grade-all", classFolder.path, "--out", out.path, "--jobs", "2", "--timeout", "30",
        ])
        #expect(graded.status == 0, "\(graded.err)")
        let report = try GradeReport.decode(Data(contentsOf: out.appendingPathComponent("b-spy/report.json")))
        guard report.sandbox?.hasPrefix("bubblewrap") == true else { return }
        #expect(report.passed, "the spy saw \(other): \(report.parts.map(\.explanations))")
    }

    /// The whole class: demo-class writes 20 submissions, one grade-all grades them.
    @Test("a class of 20 (key, starter, 18 plants) grades in one command; the summary names each plant")
    func demoClass() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let classFolder = folder.appendingPathComponent("class")
        let out = folder.appendingPathComponent("out")
        let made = run(["course", "demo-class", classFolder.path, "--size", "20", "--toolkit", Self.toolkit])
        try #require(made.status == 0, "\(made.err)")
        try Data("not a submission".utf8).write(to: classFolder.appendingPathComponent("notes.txt"))

        let start = Date()
        let graded = run([
            "course", "grade-all", classFolder.path, "--out", out.path, "--seed", "2026", "--timeout", "30",
            "--gradescope",
        ])
        let seconds = Date().timeIntervalSince(start)
        print("grade-all of 20 submissions: \(String(format: "%.1f", seconds)) s")
        #expect(graded.status == 0, "\(graded.err)")
        #expect(graded.err.contains("skipping \(classFolder.path)/notes.txt: not a folder"))
        #expect(graded.err.contains("[20/20] "))

        let demo = DemoClass(
            course: Course(preset: PlantedMistake.preset), toolkit: URL(fileURLWithPath: Self.toolkit),
            size: 20)
        let csv = try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\r\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        let header = rows[0].map(String.init)
        #expect(header.prefix(3) == ["student", "total", "max"])
        #expect(header.suffix(3) == ["status", "mistakes", "seconds"])
        let table = Dictionary(
            uniqueKeysWithValues: rows.dropFirst().map { (String($0[0]), $0.map(String.init)) })
        #expect(table.count == 20)
        let html = try String(contentsOf: out.appendingPathComponent("summary.html"), encoding: .utf8)
        var timings: [Double] = []
        for student in demo.students {
            let row = try #require(table[student.name], "no row for \(student.name)")
            func column(_ name: String) -> String { row[header.firstIndex(of: name)!] }
            timings.append(Double(column("seconds")) ?? 0)
            #expect(column("status") == "graded")
            switch student.kind {
            case .answerKey:
                #expect(column("total") == column("max") && column("mistakes").isEmpty, "\(row)")
            case .starter:
                #expect(column("total") == "0", "\(row)")
            case .planted(let plant):
                let named = "\(plant.part.rawValue)/\(plant.mistakeID)"
                #expect(column("mistakes") == named, "\(student.name): \(row)")
                #expect(Int(column(plant.part.rawValue))! < plant.part.maxPoints)
                #expect(html.contains(named))
            }
            let own = out.appendingPathComponent(student.name)
            let report = try GradeReport.decode(Data(contentsOf: own.appendingPathComponent("report.json")))
            #expect(String(report.score) == column("total"))
            #expect(FileManager.default.fileExists(atPath: own.appendingPathComponent("report.html").path))
            let results =
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: own.appendingPathComponent("results.json"))) as? [String: Any]
            #expect(results?["score"] as? Double == Double(report.score))
        }
        #expect(html.contains("Named mistakes, most common first"))
        #expect(html.contains("<code>notes.txt</code>: not a folder"))
        timings.sort()
        print("grade-all per submission: median \(timings[timings.count / 2]) s, max \(timings.last!) s")

        // One student graded alone, as a Gradescope `run_autograder` would.
        let results = folder.appendingPathComponent("autograder/results/results.json")
        let single = run([
            "course", "grade", classFolder.appendingPathComponent("04-matching-max-area").path, "--course",
            classFolder.appendingPathComponent("course.json").path, "--seed", "2026", "--timeout", "30",
            "--gradescope", results.path,
        ])
        #expect(single.status == 1, "a failing part: \(single.err)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: results)) as? [String: Any])
        let tests = try #require(object["tests"] as? [[String: Any]])
        #expect(tests.count == Part.allCases.count)
        let matching = try #require(tests.first { ($0["name"] as? String)?.hasSuffix("(matching)") == true })
        #expect(matching["status"] as? String == "failed")
        #expect((matching["output"] as? String)?.contains("max-area instead of min-area") == true)
        #expect(object["score"] as? Double == tests.map { $0["score"] as? Double ?? 0 }.reduce(0, +))
    }
}
