import Annotations
import ArgumentParser
import Coursework
import Diagnostics
import FCOS
import Foundation

/// `fcos course demo-class DIR`: a class folder to try `grade-all` on before students submit.
struct CourseDemoClassCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-class",
        abstract:
            "Write a class folder of generated submissions (key, starter, planted mistakes) to try grade-all.",
        discussion: """
            Writes DIR/course.json (the instructor's course) and one student package per submission: \
            01-answer-key (full marks), 02-starter (0, not attempted), then the answer key with one named \
            mistake planted in one part's source, named after it (03-locations-wrong-location-offset, …), \
            a plant of each part before a second of any. Then: fcos course grade-all DIR --out report. \
            Every plant applies to preset \(PlantedMistake.preset); other presets write some rules \
            differently, and their classes are smaller.
            """
    )

    @Argument(help: "The class folder to create (must be empty or missing).")
    var directory: String

    @Option(help: "How many submissions (at most 2 + the plants that fit the course).")
    var size: Int = 20

    @Option(help: "Comma-separated parts: \(Part.allCases.map(\.rawValue).joined(separator: ",")).")
    var parts: String = Part.allCases.map(\.rawValue).joined(separator: ",")

    @Option(help: "Rule set whose answers are correct: \(Preset.names.joined(separator: ", ")).")
    var preset: String = PlantedMistake.preset

    @Option(help: "The toolkit checkout to depend on (default: the one this fcos was built from).")
    var toolkit: String?

    @Flag(help: "Write into a folder that is not empty, replacing the submissions' files.")
    var force = false

    func run() throws {
        try reportingInputErrors {
            let chosen = try lookUpPreset(named: preset)
            let selected = try parseParts(parts)
            let demo = DemoClass(
                course: Course(preset: chosen.name, parts: selected), toolkit: try resolveToolkit(toolkit),
                size: size)
            guard (1...demo.maximumSize).contains(size) else {
                throw UsageError("--size: choose 1 to \(demo.maximumSize) for this course, not \(size)")
            }
            let students: [DemoClass.Student]
            do {
                students = try demo.write(to: URL(fileURLWithPath: directory), overwrite: force)
            } catch let error as CourseworkError {
                throw InputError(file: directory, problem: error.description)
            }
            var lines = ["Wrote \(students.count) submissions and course.json to \(directory):"]
            for student in students {
                switch student.kind {
                case .answerKey: lines.append("  \(student.name): the answer key (full marks)")
                case .starter: lines.append("  \(student.name): the starter (0, not attempted)")
                case .planted(let plant):
                    lines.append(
                        "  \(student.name): the key with \(plant.mistakeID) planted in \(plant.part.rawValue)"
                    )
                }
            }
            lines.append("Grade them: fcos course grade-all \(directory) --out fcos-output/class-report")
            writeOut(lines.joined(separator: "\n") + "\n")
        }
    }
}
