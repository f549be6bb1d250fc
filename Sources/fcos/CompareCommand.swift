import Annotations
import ArgumentParser
import Canvas
import Diagnostics
import FCOS
import Figures
import Foundation
import Photos

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Where two presets (FCOS, ATSS or GFL) assign targets differently over a data set.",
        discussion: """
            Puts every image through each preset's own data path (or one shared path with --data-path, to \
            isolate the matching rules) and matcher, and reports: cells with a different target per level \
            (compared by grid position), positives per box size, and the boxes that gain or lose positives, \
            ranked with those that have positives under only one preset first. With --out, draws the \
            disagreement panels of the --limit images with the most differing cells over their photos and \
            of the first --limit boxes with positives under only one preset (zoomed on the box), plus an \
            index.html (figures linked relatively).
            """
    )

    @Argument(help: "COCO .json file, or a folder of VOC .xml or YOLO .txt files.")
    var annotations: String

    @Option(
        name: .customLong("preset"),
        help:
            "The two rule sets, e.g. --preset official --preset atss (any of \(MethodPreset.names.joined(separator: ", ")))."
    )
    var presets: [String] = []

    @Option(help: "Folder for the figures and index.html (none are drawn without it).")
    var out: String?

    @Option(help: "Figures of each kind to draw, and images to list (most differing cells first).")
    var limit = 5

    @Option(help: "Boxes to list in the text report and the page (--json lists all).")
    var boxes = 20

    @Flag(help: "Print the comparison as JSON.")
    var json = false

    @Option(
        help: "Use this reference's data path for both presets: official, torchvision, detectron2 or mmdet.")
    var dataPath: String?

    @Option(help: "The photo folder (default: beside the annotations, then its images/ folder).")
    var images: String?

    @Option(help: "Figure format: png, svg or pdf.")
    var format: FileFormat = .png

    @OptionGroup var data: AnnotationOptions

    func validate() throws {
        guard presets.count == 2 else {
            throw ValidationError("give exactly two presets: --preset A --preset B")
        }
        guard limit >= 0, boxes >= 0 else {
            throw ValidationError("--limit and --boxes must not be negative")
        }
        if let dataPath, DataPath.Rule(rawValue: dataPath) == nil {
            throw ValidationError(
                "--data-path must be one of \(DataPath.Rule.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        if let out { try PathCheck.outputFolder(out) }
    }

    func path(for preset: MethodPreset) -> DataPath {
        if let rule = dataPath.flatMap(DataPath.Rule.init(rawValue:)) {
            return DataPath(rule: rule, minSize: data.minSize, maxSize: data.maxSize)
        }
        return preset.dataPath(minSize: data.minSize, maxSize: data.maxSize)
    }

    func run() throws {
        try reportingInputErrors {
            let a = try lookUpMethodPreset(named: presets[0])
            let b = try lookUpMethodPreset(named: presets[1])
            try PathCheck.input(annotations, .fileOrFolder)
            if let images { try PathCheck.input(images, .folder, option: "--images") }
            if let names = data.names { try PathCheck.input(names, .file, option: "--names") }
            let format =
                try data.datasetFormat
                ?? DatasetLoader.detectFormat(annotations)
            let read = try DatasetLoader.read(
                annotations, format: format, images: images, names: data.names, strict: data.strict)
            let bar = ProgressBar(label: "images")
            let comparison = PresetComparison.compute(
                read.dataset, first: a, second: b, firstPath: path(for: a), secondPath: path(for: b),
                progress: { bar.update($0, of: $1) })
            bar.finish()
            var figures: [String] = []
            var skippedFigures = 0
            if let out {
                Interruption.install()
                let drawer = DisagreementGallery(
                    comparison: comparison, dataset: read.dataset,
                    locator: PhotoLocator(annotations: annotations, format: format, images: images),
                    outDirectory: out,
                    format: self.format, strict: data.strict, limit: limit, boxes: boxes, source: annotations)
                let outcome = try drawer.run(failed: warn)
                figures = outcome.figures
                skippedFigures = outcome.problems.count
                if !outcome.problems.isEmpty {
                    warnLine(
                        "skipped \(Prose.count(outcome.problems.count, "figure")) with a missing or unreadable photo "
                            + "(listed above and in index.html; --strict stops at the first)")
                }
            }
            writeOut(
                json
                    ? CompareJSON.encode(comparison, figures: figures)
                    : CompareReport.text(comparison, limit: boxes, images: limit, annotations: annotations)
                        + (out.map {
                            "\nwrote \(Prose.count(figures.count, "figure")) and index.html to \($0) (figures linked relatively)\n"
                        } ?? ""))
            reportSkippedRecords(read)
            if Interruption.requested { throw ExitCode(Interruption.exitCode) }
            try finishPartial(if: skippedFigures > 0 || !read.problems.isEmpty)
        }
    }
}
