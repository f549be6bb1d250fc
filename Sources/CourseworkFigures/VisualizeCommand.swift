import Coursework
import FCOS
import Figures
import Foundation

/// The homework's `visualize` executable (in its `grader` package): builds the student's code
/// the way the grader does, runs their matching on one of the example scenes in the sandbox,
/// and draws it next to the reference (``SubmissionComparison``).
///
/// ```
/// swift run --package-path grader visualize              # the first scene where you differ
/// swift run --package-path grader visualize --scene 5    # scene 5 (see --list)
/// swift run --package-path grader visualize --out mine.svg
/// ```
public enum VisualizeCommand {
    public static func main(
        course: Course, package: URL, arguments: [String] = Array(CommandLine.arguments.dropFirst())
    ) -> Never {
        do {
            try run(course: course, package: package, arguments: arguments)
            exit(0)
        } catch {
            FileHandle.standardError.write(Data("visualize: \(error)\n".utf8))
            exit(1)
        }
    }

    static let usage = "usage: visualize [--scene N] [--out FILE.png|.svg|.pdf] [--stacked] [--list]\n"

    static func run(course: Course, package: URL, arguments: [String]) throws {
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
                        "\(i + 1). \(scene.name) (\(scene.width)×\(scene.height), \(scene.boxes.count) "
                            + (scene.boxes.count == 1 ? "box)" : "boxes)")
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
        guard course.parts.contains(.matching) else {
            throw CourseworkError("this course has no matching part, so there is nothing to draw")
        }
        var grading = PackageGrading(
            package: package, scratchPath: package.appendingPathComponent(".build/fcos-self-check"))
        grading.timeoutPerPart = 60
        let built = try grading.build(course)
        guard let program = built.prepared else {
            throw CourseworkError(
                built.failures.first?.explanations.joined(separator: "\n") ?? "the build failed")
        }
        let matcher = course.preset.matcher
        func differs(_ scene: CourseScene, _ mine: [[Int]]) -> Bool {
            let reference = matcher.assign(
                scene.groundTruths, imageWidth: scene.width, imageHeight: scene.height)
            return zip(reference.levels, mine).contains { $0.matched.map(Int.init) != $1 }
        }
        func answers(_ scene: CourseScene) throws -> [[Int]] {
            switch program.matching(scene, course: course) {
            case .success(let levels): return levels
            case .failure(let error): throw error
            }
        }
        var chosen: (CourseScene, [[Int]])?
        var stopped: Error?
        do {
            if let sceneNumber {
                let scene = scenes[sceneNumber - 1]
                chosen = (scene, try answers(scene))
            } else {
                for scene in scenes {
                    let mine = try answers(scene)
                    if differs(scene, mine) {
                        chosen = (scene, mine)
                        break
                    }
                }
                // With no difference anywhere, the nested-boxes scene shows the most rules at work.
                if chosen == nil { chosen = (scenes[4], try answers(scenes[4])) }
            }
        } catch {
            stopped = error
        }
        if let stopped {
            // Nothing of the student's to draw: show what the reference does, as a target.
            let scene = scenes[(sceneNumber ?? 5) - 1]
            var panels = LevelPanels(
                preset: course.preset, groundTruths: scene.groundTruths, imageWidth: scene.width,
                imageHeight: scene.height)
            panels.title = "The reference's matching: \(scene.name)"
            panels.subtitle = "\(String(describing: stopped).prefix(120)); this is what it should give"
            try panels.write(toPath: out)
            print("Wrote \(out): the reference only (\(stopped))")
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
