import Foundation

/// A class folder of generated submissions, for an instructor to try `fcos course grade-all`
/// before students hand anything in: the answer key, the starter, and answer keys with one
/// ``PlantedMistake`` each, every one a complete student package, plus the instructor's
/// `course.json` beside them.
public struct DemoClass: Sendable {
    /// The course the submissions are written for.
    public var course: Course
    /// The toolkit checkout the packages' `grader/` depends on.
    public var toolkit: URL
    /// How many submissions: the key, the starter and `size − 2` plants.
    public var size: Int

    /// What a generated submission is, and so what its grade must be.
    public enum Kind: Sendable, Equatable {
        /// Full marks.
        case answerKey
        /// Every part not attempted, 0 points.
        case starter
        /// The key with one mistake, which the grader must name for its part.
        case planted(PlantedMistake)
    }

    /// One generated submission.
    public struct Student: Sendable, Equatable {
        /// The folder's name, which names the student in the summary.
        public var name: String
        /// What was generated.
        public var kind: Kind
    }

    /// A class of `size` submissions for `course`.
    public init(course: Course, toolkit: URL, size: Int = 20) {
        self.course = course
        self.toolkit = toolkit
        self.size = size
    }

    /// The plants usable in this course: their part is in it and their text is in its key,
    /// taken one part after another (a plant of each part before a second of any), so a small
    /// class still covers every part.
    public var plants: [PlantedMistake] {
        var byPart: [[PlantedMistake]] = course.parts.map { part in
            let key = PartTemplate(part: part, course: course).source(solution: true)
            return PlantedMistake.catalogue.filter { $0.part == part && $0.apply(to: key) != nil }
        }
        var ordered: [PlantedMistake] = []
        while byPart.contains(where: { !$0.isEmpty }) {
            for k in byPart.indices where !byPart[k].isEmpty { ordered.append(byPart[k].removeFirst()) }
        }
        return ordered
    }

    /// The largest class this course's plants allow.
    public var maximumSize: Int { 2 + plants.count }

    /// The students, named `01-answer-key`, `02-starter`, `03-<part>-<mistake>`, ….
    public var students: [Student] {
        let kinds = [Kind.answerKey, .starter] + plants.map { Kind.planted($0) }
        return kinds.prefix(max(0, size)).enumerated().map { index, kind in
            let label: String
            switch kind {
            case .answerKey: label = "answer-key"
            case .starter: label = "starter"
            case .planted(let plant): label = plant.name
            }
            return Student(name: String(format: "%02d-", index + 1) + label, kind: kind)
        }
    }

    /// Writes `course.json` and every submission into `directory`, which must be empty or
    /// missing unless `overwrite` (then the submissions' files are replaced); returns the
    /// students written.
    @discardableResult
    public func write(to directory: URL, overwrite: Bool = false) throws -> [Student] {
        guard (1...maximumSize).contains(size) else {
            throw CourseworkError(
                "a class of \(size) needs more plants than this course has; choose 1 to \(maximumSize)")
        }
        let manager = FileManager.default
        if !overwrite, let existing = try? manager.contentsOfDirectory(atPath: directory.path),
            !existing.isEmpty
        {
            throw CourseworkError("\(directory.path) is not empty; choose a new directory (or pass --force)")
        }
        try manager.createDirectory(at: directory, withIntermediateDirectories: true)
        let students = self.students
        for student in students {
            let folder = directory.appendingPathComponent(student.name, isDirectory: true)
            let solutions = student.kind != .starter
            try StarterPackage(course: course, toolkit: toolkit, withSolutions: solutions).write(
                to: folder, overwrite: overwrite)
            guard case .planted(let plant) = student.kind else { continue }
            let file = folder.appendingPathComponent("Sources/Homework/\(plant.part.fileName)")
            let key = try String(contentsOf: file, encoding: .utf8)
            guard let planted = plant.apply(to: key) else {
                throw CourseworkError("the plant \(plant.name) no longer matches the answer key")
            }
            try planted.write(to: file, atomically: true, encoding: .utf8)
        }
        try StarterPackage(course: course, toolkit: toolkit).courseJSON.write(
            to: directory.appendingPathComponent("course.json"), atomically: true, encoding: .utf8)
        return students
    }
}
