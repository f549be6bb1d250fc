import Foundation
import Testing

@testable import Coursework

/// The instructor's points: parsed from `--points`, recorded in course.json, and used by every
/// grading path, partial credit included.
@Suite("Course points")
struct CoursePointsTests {
    static let parts: [Part] = [.locations, .matching, .nms]

    @Test("part=points pairs set the named parts; the others keep their default")
    func pairs() throws {
        let points = try Course.parsePoints("matching=40, nms=7", parts: Self.parts).get()
        #expect(points == [.matching: 40, .nms: 7])
        let course = Course(preset: "official", parts: Self.parts, points: points)
        #expect(course.points(for: .locations) == Part.locations.maxPoints)
        #expect(course.maxScore == Part.locations.maxPoints + 47)
    }

    @Test("a list gives one number per chosen part, in course order whatever the --parts order")
    func list() throws {
        let points = try Course.parsePoints("5,50,45", parts: [.nms, .locations, .matching]).get()
        #expect(points == [.locations: 5, .matching: 50, .nms: 45])
    }

    @Test(
        "bad points are one line naming the problem",
        arguments: [
            ("bogus=3", "unknown part 'bogus'"),
            ("deltas=10", "'deltas', which is not one of the course's parts"),
            ("matching=0", "1 to 1000 points, not 0"),
            ("matching=-5", "not -5"),
            ("matching=100000", "not 100000"),
            ("matching=ten", "'ten' for 'matching' is not a whole number"),
            ("matching=1,matching=2", "'matching' is given twice"),
            ("10,20", "2 numbers for 3 parts"),
            ("matching", "one number per part"),
            ("", "give part=points pairs"),
            ("matching=4,,nms=3", "give part=points pairs"),
        ])
    func rejected(text: String, problem: String) {
        switch Course.parsePoints(text, parts: Self.parts) {
        case .success(let points): Issue.record("accepted \(points)")
        case .failure(let error):
            #expect(error.description.contains(problem), "\(error.description)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("course.json records the points; one without them (older kits) keeps the default table")
    func courseJSON() throws {
        let course = Course(preset: "eecs498", parts: Self.parts, points: [.matching: 40])
        let data = try JSONEncoder().encode(course)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["points"] as? [String: Int] == ["matching": 40])
        #expect(try JSONDecoder().decode(Course.self, from: data) == course)

        let old = Data(#"{"preset":"official","parts":["locations","nms"],"seed":2019}"#.utf8)
        let decoded = try JSONDecoder().decode(Course.self, from: old)
        #expect(decoded.points == nil)
        #expect(decoded.maxScore == Part.locations.maxPoints + Part.nms.maxPoints)
        #expect(!String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self).contains("points"))
    }

    @Test("a course.json with bad points is refused when read, naming the file")
    func badCourseJSON() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("points-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (json, problem) in [
            (#"{"preset":"official","parts":["nms"],"seed":1,"points":{"nms":0}}"#, "not 0"),
            (#"{"preset":"official","parts":["nms"],"seed":1,"points":{"matching":5}}"#, "not one of the"),
            (#"{"preset":"official","parts":["nms"],"seed":1,"points":{"bogus":5}}"#, "unknown part 'bogus'"),
        ] {
            let file = folder.appendingPathComponent("course.json")
            try Data(json.utf8).write(to: file)
            #expect {
                try PackageGrading.readCourse(file)
            } throws: { error in
                "\(error)".contains(problem) && "\(error)".contains(file.path)
            }
        }
    }

    @Test("grading scores every part out of the course's points: passed, not attempted, partial credit")
    func gradingUsesCoursePoints() throws {
        // Every part a different number, matching 41; written over Part.allCases so new parts join in.
        var chosen = Dictionary(uniqueKeysWithValues: Part.allCases.enumerated().map { ($1, 3 + 2 * $0) })
        chosen[.matching] = 41
        let course = Course(preset: "official", points: chosen)
        let right = Grader(
            course: course,
            submission: HandWrittenStudent(rules: course.rules, postProcessing: course.preset.postProcessing)
                .submission
        ).gradeAll()
        #expect(right.parts.map(\.maxPoints) == course.parts.map { chosen[$0]! })
        #expect(right.parts.allSatisfy { $0.points == $0.maxPoints })
        #expect(right.score == chosen.values.reduce(0, +) && right.maxScore == right.score)

        let starter = Grader(course: course, submission: GraderTests.starter).gradeAll()
        #expect(starter.score == 0 && starter.maxScore == right.maxScore)
        #expect(starter.parts.map(\.maxPoints) == course.parts.map { chosen[$0]! })

        // A failing part: the same share of its families as the default table gives, out of 41.
        let flawed = HandWrittenStudent(rules: course.rules, flaws: [.maxArea]).submission
        let scaled = Grader(course: course, submission: flawed).grade(.matching)
        let plain = Grader(course: Course(preset: "official"), submission: flawed).grade(.matching)
        #expect(scaled.status == .failed && scaled.maxPoints == 41)
        #expect(scaled.points == Grading.partialPoints(maxPoints: 41, families: plain.families))
        #expect(
            plain.points
                == Grading.partialPoints(maxPoints: Part.matching.maxPoints, families: plain.families))
        #expect(scaled.points > 0 && scaled.points <= 20)
        #expect(scaled.mistakes == plain.mistakes)
    }

    @Test("the default points are Part.maxPoints, for every part there is")
    func defaults() {
        let course = Course(preset: "official")
        for part in Part.allCases { #expect(course.points(for: part) == part.maxPoints) }
        #expect(course.maxScore == Part.allCases.map(\.maxPoints).reduce(0, +))
    }

    @Test("the grader package's compiled-in course carries the points")
    func courseLiteral() {
        let package = StarterPackage(
            course: Course(preset: "official", parts: [.matching, .nms], points: [.nms: 12]),
            toolkit: URL(fileURLWithPath: "/tmp"))
        #expect(package.courseLiteral.hasSuffix("seed: 2019, points: [.nms: 12])"))
        #expect(package.courseJSON.contains(#""nms" : 12"#))
        let readme = StudentReadme(course: package.course, withSolutions: false).text
        #expect(readme.contains("| `Sources/Homework/NMS.swift` | \(Part.nms.title) | 12 |"))
    }
}
