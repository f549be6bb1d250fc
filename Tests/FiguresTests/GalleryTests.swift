import FCOS
import Figures
import Foundation
import Testing

/// Writes every figure kind for both scenes as PNG when `FIGURES_GALLERY_DIR` is set, for a person
/// to look at; otherwise it does nothing.
@Suite struct GalleryTests {
    static let directory = ProcessInfo.processInfo.environment["FIGURES_GALLERY_DIR"]

    @Test(.enabled(if: directory != nil)) func writeGallery() throws {
        let out = Self.directory!
        try LinePlot.focalLoss().write(toPath: "\(out)/focal-loss.png")
        for name in ["tennis", "street"] {
            try Fixtures.nms(name).write(toPath: "\(out)/\(name)-nms.png")
            try Fixtures.nms(name).frame(step: 1).write(toPath: "\(out)/\(name)-nms-step2.png")
        }
        let speck = [
            GroundTruth(box: Box(x0: 100, y0: 100, x1: 300, y1: 260), name: "cat"),
            GroundTruth(box: Box(x0: 8.5, y0: 8.5, x1: 11.5, y1: 11.5), name: "speck"),
        ]
        var warned = LevelPanels(preset: .official, groundTruths: speck, imageWidth: 320, imageHeight: 320)
        warned.panelWidth = 300
        try warned.write(toPath: "\(out)/warning-levels.png")
        var warnedScene = SceneView(imageWidth: 320, imageHeight: 320, groundTruths: speck)
        warnedScene.warnings = Set(warned.assignment.groundTruthsWithoutPositives)
        warnedScene.width = 480
        try warnedScene.write(toPath: "\(out)/warning-scene.png")
        if let small = try? Fixtures.scene("small-objects") {
            var panels = LevelPanels(
                preset: .officialImprv, groundTruths: small.groundTruths, imageWidth: small.width,
                imageHeight: small.height)
            panels.sceneName = "small objects"
            try panels.write(toPath: "\(out)/small-objects-levels.png")
            var view = SceneView(
                imageWidth: small.width, imageHeight: small.height, groundTruths: small.groundTruths)
            view.warnings = Set(panels.assignment.groundTruthsWithoutPositives)
            try view.write(toPath: "\(out)/small-objects-scene.png")
        }
        for name in ["tennis", "street"] {
            let scene = try Fixtures.scene(name)
            try Fixtures.panels(name).write(toPath: "\(out)/\(name)-levels.png")
            try Fixtures.panels(name).write(toPath: "\(out)/\(name)-levels.svg")
            try Fixtures.panels(name).write(toPath: "\(out)/\(name)-levels.pdf")
            try Fixtures.panels(name, preset: .officialImprv).write(toPath: "\(out)/\(name)-levels-imprv.png")
            try Fixtures.panels(name, preset: .eecs498).write(toPath: "\(out)/\(name)-levels-eecs498.png")
            var view = SceneView(
                imageWidth: scene.width, imageHeight: scene.height, groundTruths: scene.groundTruths,
                backdrop: .named(name))
            view.title = "\(name): \(scene.groundTruths.count) ground-truth boxes"
            try view.write(toPath: "\(out)/\(name)-scene.png")
            try Illustration.writePNG(named: name, to: "\(out)/\(name)-illustration.png")
            var compare = DisagreementPanels(
                first: .official, second: .torchvision, groundTruths: scene.groundTruths,
                imageWidth: scene.width,
                imageHeight: scene.height, backdrop: .named(name))
            compare.sceneName = name
            try compare.write(toPath: "\(out)/\(name)-compare.png")
            var zoomed = try Fixtures.panels(name)
            zoomed.levels = [0, 1]
            zoomed.viewport =
                name == "tennis"
                ? Box(x0: 540, y0: 80, x1: 860, y1: 400) : Box(x0: 560, y0: 40, x1: 1240, y1: 420)
            try zoomed.write(toPath: "\(out)/\(name)-levels-zoomed.png")
            let levels = ["P3", "P4", "P5", "P6", "P7"]
            var bars = BarChart(
                categories: levels,
                groups: [Preset.official, .officialImprv, .torchvision].map { preset in
                    let a = preset.matcher.assign(
                        scene.groundTruths, imageWidth: scene.width, imageHeight: scene.height)
                    return .init(name: preset.name, values: a.levels.map { Double($0.positiveCount) })
                }, title: "\(name): positives per level under three presets", yLabel: "positive locations")
            bars.subtitle =
                "center sampling (official-imprv, torchvision) keeps only locations near each box's center"
            try bars.write(toPath: "\(out)/\(name)-positives-per-level.png")
            let assignment = Preset.official.matcher.assign(
                scene.groundTruths, imageWidth: scene.width, imageHeight: scene.height, explain: true)
            var heat = CenternessHeatMap(
                assignment: assignment, presetName: "official", backdrop: .named(name))
            heat.sceneName = name
            try heat.write(toPath: "\(out)/\(name)-centerness.png")
            // A zoom on a positive of P4 and on a location the size gate rejects.
            let p4 = assignment.levels[1]
            if let positive = p4.matched.firstIndex(where: { $0 >= 0 }) {
                try LocationZoom(assignment: assignment, level: 1, location: positive, backdrop: .named(name))
                    .write(toPath: "\(out)/\(name)-zoom-positive.png")
            }
            let rejected = assignment.explanation!.levels[1].first { $0.winner == nil }!
            try LocationZoom(
                assignment: assignment, level: 1, location: rejected.index, backdrop: .named(name)
            )
            .write(toPath: "\(out)/\(name)-zoom-rejected.png")
        }
    }
}
