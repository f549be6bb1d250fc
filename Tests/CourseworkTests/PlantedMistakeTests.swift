import Foundation
import Testing

@testable import Coursework

/// The plants of the demo class: each still matches the answer key it is written against, and
/// a class of 20 has the key, the starter and 18 different plants over every part.
@Suite("Planted mistakes")
struct PlantedMistakeTests {
    static let course = Course(preset: PlantedMistake.preset)

    @Test(
        "every plant's text is in the key of its part, and planting changes it",
        arguments: PlantedMistake.catalogue)
    func plantMatchesKey(plant: PlantedMistake) throws {
        let key = PartTemplate(part: plant.part, course: Self.course).source(solution: true)
        let planted = try #require(plant.apply(to: key), "\(plant.name) no longer matches the key's source")
        #expect(planted != key)
        #expect(plant.apply(to: "import HomeworkTypes\n") == nil)
    }

    @Test("plants are distinct, name mistakes the grader knows, and cover every part of the catalogue")
    func catalogue() {
        let names = PlantedMistake.catalogue.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(
            Set(PlantedMistake.catalogue.map(\.part))
                == Set(
                    Part.allCases.filter { part in
                        PlantedMistake.catalogue.contains { $0.part == part }
                    }))
        #expect(PlantedMistake.catalogue.count >= 18)
    }

    @Test("a class of 20: key, starter, then plants a part at a time; a small class still covers the parts")
    func students() throws {
        let demo = DemoClass(course: Self.course, toolkit: URL(fileURLWithPath: "/tmp"), size: 20)
        let students = demo.students
        #expect(students.count == 20)
        #expect(students[0] == DemoClass.Student(name: "01-answer-key", kind: .answerKey))
        #expect(students[1] == DemoClass.Student(name: "02-starter", kind: .starter))
        #expect(Set(students.map(\.name)).count == 20)
        let small = DemoClass(
            course: Self.course, toolkit: URL(fileURLWithPath: "/tmp"), size: 2 + Self.course.parts.count
        ).students
        let parts = small.compactMap { student -> Part? in
            if case .planted(let plant) = student.kind { return plant.part }
            return nil
        }
        #expect(parts == Self.course.parts)
        let only = DemoClass(
            course: Course(preset: "official", parts: [.nms]), toolkit: URL(fileURLWithPath: "/"))
        #expect(only.plants.allSatisfy { $0.part == .nms })
    }
}
