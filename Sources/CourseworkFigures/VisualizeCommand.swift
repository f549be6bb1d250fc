import Coursework
import FCOS
import Figures
import Foundation

/// The student package's `visualize` executable: runs the student's matching on one of the
/// grader's scenes and draws it next to the reference (``SubmissionComparison``).
///
/// ```
/// swift run visualize                   # the first scene where you differ, else scene 1
/// swift run visualize --scene 5         # scene 5 of the grader's list (see --list)
/// swift run visualize --out mine.svg    # PNG, SVG or PDF by extension
/// ```
public enum VisualizeCommand {
    public static func main(
        course: Course, submission: Submission, arguments: [String] = Array(CommandLine.arguments.dropFirst())
    ) -> Never {
        do {
            try run(course: course, submission: submission, arguments: arguments)
            exit(0)
        } catch {
            FileHandle.standardError.write(Data("visualize: \(error)\n".utf8))
            exit(1)
        }
    }

    static let usage = "usage: visualize [--scene N] [--out FILE.png|.svg|.pdf] [--stacked] [--list]\n"

    static func run(course: Course, submission: Submission, arguments: [String]) throws {
        var sceneNumber: Int?
        var out = "visualize.png"
        var stacked = false
        var rest = arguments[...]
        let scenes = CourseScene.matchingCases(rules: course.rules, seed: course.seed)
        while let argument = rest.popFirst() {
            switch argument {
            case "--scene":
                guard let text = rest.popFirst(), let n = Int(text), (1...scenes.count).contains(n) else {
                    throw CourseworkError("--scene needs a number from 1 to \(scenes.count)")
                }
                sceneNumber = n
            case "--out":
                guard let path = rest.popFirst() else { throw CourseworkError("--out needs a file name") }
                out = path
            case "--stacked": stacked = true
            case "--list":
                for (i, scene) in scenes.enumerated() {
                    print(
                        "\(i + 1). \(scene.name) (\(scene.width)×\(scene.height), \(scene.boxes.count) boxes)"
                    )
                }
                return
            case "-h", "--help":
                print(usage, terminator: "")
                return
            default:
                throw CourseworkError("unknown argument '\(argument)'\n\(usage)")
            }
        }
        guard let match = submission.match else {
            throw CourseworkError("this course has no matching part, so there is nothing to draw")
        }
        let matcher = course.preset.matcher
        func studentMatching(_ scene: CourseScene) throws -> [[Int]] {
            try course.rules.featureMaps(imageWidth: scene.width, imageHeight: scene.height).map {
                try match($0.locations, $0.level, scene.boxes)
            }
        }
        func differs(_ scene: CourseScene, _ mine: [[Int]]) -> Bool {
            let reference = matcher.assign(
                scene.groundTruths, imageWidth: scene.width, imageHeight: scene.height)
            return zip(reference.levels, mine).contains { $0.matched.map(Int.init) != $1 }
        }
        var chosen: (CourseScene, [[Int]])?
        do {
            if let sceneNumber {
                let scene = scenes[sceneNumber - 1]
                chosen = (scene, try studentMatching(scene))
            } else {
                // With no difference anywhere, the nested-boxes scene shows the most rules at work.
                let fallback = scenes[4]
                chosen = (fallback, try studentMatching(fallback))
                for scene in scenes {
                    let mine = try studentMatching(scene)
                    if differs(scene, mine) {
                        chosen = (scene, mine)
                        break
                    }
                }
            }
        } catch let marker as NotAttempted {
            // Nothing of the student's to draw yet: show what the reference does, as a target.
            let scene = scenes[(sceneNumber ?? 4) - 1]
            var panels = LevelPanels(
                preset: course.preset, groundTruths: scene.groundTruths, imageWidth: scene.width,
                imageHeight: scene.height)
            panels.title = "The reference's matching: \(scene.name)"
            panels.subtitle =
                "matchLocations is not attempted yet (\(marker.task)); this is what it should give"
            try panels.write(toPath: out)
            print("Wrote \(out): the reference only, since matchLocations is not attempted yet")
            return
        }
        guard let (scene, mine) = chosen else { throw CourseworkError("no scenes") }
        let figure = SubmissionComparison(course: course, scene: scene, studentMatched: mine)
        if stacked { try figure.write(toPath: out) } else { try figure.overlay.write(toPath: out) }
        let rings = figure.differing.reduce(0) { $0 + $1.count }
        print(
            "Wrote \(out): \(scene.name), \(rings == 0 ? "no differences" : "\(rings) differing locations ringed")"
        )
    }
}
