import Diagnostics
import Foundation

extension Lesson {
    /// The whole of a lesson executable's job: parse the common options (unless given), run,
    /// print a failure as one `lesson-…: problem` line on stderr, and exit with its status.
    ///
    /// Pass `options` when the lesson needed them to build its steps, e.g. to pick a preset:
    /// ```swift
    /// let options = LessonOptions.parseOrExit()
    /// let rules = options.preset(from: ["official": .official, "torchvision": .torchvision])
    /// Lesson(id: "lesson-03-matching", title: "Matching") { … }.main(options)
    /// ```
    public func main(_ options: LessonOptions? = nil) -> Never {
        let options = options ?? LessonOptions.parseOrExit()
        let result = run(options)
        if let failure = result.failure {
            reportProblem(failure.message, program: LessonCommandLine.programName)
        }
        exit(result.exitCode)
    }
}
