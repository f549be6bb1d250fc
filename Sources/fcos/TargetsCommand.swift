import Annotations
import ArgumentParser
import FCOS
import GFL
import Keypoints

struct TargetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets",
        abstract: "Assign FCOS, ATSS or GFL training targets for a scene and summarise them per FPN level.",
        discussion: """
            The scene is JSON: {"image": {"width": W, "height": H}, "boxes": [{"x0", "y0", "x1", "y1", \
            "label", "name"}, ...]} in the network's input pixels. With --json the full per-level \
            targets are printed (schema in the README); the ATSS presets (atss, atss-mmdet, gfl) add each \
            box's candidates, IoU threshold and verdicts under "gts".
            """
    )

    @Option(help: "Scene JSON file (image size and boxes), or - for standard input.")
    var scene: String

    @Option(
        help: """
            Rule set to reproduce: \(MethodPreset.names.joined(separator: ", ")); or a keypoint head: \
            \(KeypointHead.allCases.map(\.rawValue).joined(separator: ", ")).
            """)
    var preset: String = "official"

    @Flag(help: "Print the full per-level targets as JSON instead of a summary.")
    var json = false

    @Flag(
        help: "torchvision only: space P6/P7 locations by padded size ÷ feature size, as its pipeline does.")
    var derivedGridSpacing = false

    @Option(
        name: .customLong("k"),
        help: "ATSS presets: candidates per level (default 9; the paper's Table 4 sweeps 3…19).")
    var k: Int?

    func validate() throws {
        if let k, !(1...1000).contains(k) { throw ValidationError("--k must be 1…1000") }
    }

    func run() throws {
        try reportingInputErrors {
            try PathCheck.input(self.scene, .file, option: "--scene")
            if let head = KeypointHead(rawValue: preset) {
                guard !derivedGridSpacing, k == nil else {
                    throw InputError(
                        file: derivedGridSpacing ? "--derived-grid-spacing" : "--k",
                        problem: "does not apply to the keypoint heads")
                }
                return try KeypointTargets.run(head, scenePath: self.scene, json: json)
            }
            var chosen = try lookUpMethodPreset(named: preset)
            if derivedGridSpacing, chosen.name != Preset.torchvision.name {
                throw InputError(
                    file: "--derived-grid-spacing", problem: "applies to the torchvision preset only")
            }
            if let k {
                switch chosen {
                case .fcos:
                    throw InputError(
                        file: "--k", problem: "applies to the ATSS presets (atss, atss-mmdet, gfl) only")
                case .atss(var atss):
                    atss.rules.candidatesPerLevel = k
                    chosen = .atss(atss)
                case .gfl(var gfl):
                    gfl.assignment.candidatesPerLevel = k
                    chosen = .gfl(gfl)
                }
            }
            let scene = try SceneFile.read(self.scene)
            let (gts, width, height) = (scene.groundTruths, scene.width, scene.height)
            switch chosen {
            case .fcos(var fcos):
                fcos.assignment.derivedGridSpacing = derivedGridSpacing
                let a = fcos.matcher.assign(gts, imageWidth: width, imageHeight: height)
                if json {
                    TargetsJSON.write(a, preset: fcos.name, to: writeOut)
                } else {
                    writeOut(TargetsSummary.text(a, preset: fcos))
                }
            case .atss(let atss):
                let a = atss.assigner.assign(gts, imageWidth: width, imageHeight: height)
                writeOut(
                    json
                        ? ATSSTargetsJSON.encode(a, preset: atss.name)
                        : ATSSTargetsSummary.text(a, preset: chosen))
            case .gfl(let gfl):
                let a = gfl.assigner.assign(gts, imageWidth: width, imageHeight: height)
                writeOut(
                    json
                        ? ATSSTargetsJSON.encode(
                            a, preset: gfl.name, gfl: GFLTargets(a, maximum: gfl.maximum))
                        : ATSSTargetsSummary.text(a, preset: chosen))
            }
        }
    }
}
