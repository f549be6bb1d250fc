import Annotations
import ArgumentParser
import FCOS

struct TargetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets",
        abstract: "Assign FCOS training targets for a scene and summarise them per FPN level.",
        discussion: """
            The scene is JSON: {"image": {"width": W, "height": H}, "boxes": [{"x0", "y0", "x1", "y1", \
            "label", "name"}, ...]} in the network's input pixels. With --json the full per-level \
            targets are printed (schema in the README).
            """
    )

    @Option(help: "Scene JSON file (image size and boxes), or - for standard input.")
    var scene: String

    @Option(help: "Rule set to reproduce: \(Preset.names.joined(separator: ", ")).")
    var preset: String = "official"

    @Flag(help: "Print the full per-level targets as JSON instead of a summary.")
    var json = false

    @Flag(
        help: "torchvision only: space P6/P7 locations by padded size ÷ feature size, as its pipeline does.")
    var derivedGridSpacing = false

    func run() throws {
        try reportingInputErrors {
            var chosen = try lookUpPreset(named: preset)
            if derivedGridSpacing {
                guard chosen.name == "torchvision" else {
                    throw InputError(
                        file: "--derived-grid-spacing", problem: "applies to the torchvision preset only")
                }
                chosen.assignment.derivedGridSpacing = true
            }
            let scene = try SceneFile.read(self.scene)
            let assignment = chosen.matcher.assign(
                scene.groundTruths, imageWidth: scene.width, imageHeight: scene.height)
            if json {
                TargetsJSON.write(assignment, preset: chosen.name, to: writeOut)
            } else {
                writeOut(TargetsSummary.text(assignment, preset: chosen))
            }
        }
    }
}
