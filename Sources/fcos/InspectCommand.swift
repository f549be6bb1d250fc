import Annotations
import ArgumentParser
import Canvas
import Diagnostics
import FCOS
import Foundation

extension FileFormat: ExpressibleByArgument {}

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Draw where FCOS or ATSS puts its positives on real photos, and say why a box got none.",
        discussion: """
            For each chosen image: loads the photo (JPEG or PNG), puts the boxes through the preset's data \
            path (crowd dropped, corners, clipping, resize to shorter side 800 / longer ≤ 1333), runs the \
            matcher with explanations and draws one panel per FPN level over the resized photo. Boxes with \
            no positive on any level are flagged (⚠) with the reason: no location inside, outside the \
            center region, all rejected by the size gate, or lost every candidate to a smaller box. With an \
            ATSS preset (atss, atss-mmdet, gfl) each level's panel shows the positive anchors tinted by their \
            IoU, and each box without a positive gets a figure of its candidates, level by level, with ATSS's \
            reason: no candidate centre inside the box, every IoU below the threshold, a single candidate \
            (undefined deviation), or every anchor lost to a box with a higher IoU. Writes \
            one figure per image and an index.html gallery (figures linked relatively) with the per-image \
            tables. A scene JSON (as `fcos targets` reads) is accepted too, drawn over its illustration. \
            A missing or corrupt photo is reported on stderr and skipped (exit status 1); --strict stops at the \
            first. Re-running into the same --out folder replaces what the last run wrote there: figures it \
            wrote that the new index.html does not list are removed (the list is kept in .fcos-written); \
            other files are left alone.
            """
    )

    @Argument(help: "COCO .json, a folder of VOC .xml or YOLO .txt files, or a scene .json.")
    var annotations: String

    @Option(help: "The photo folder (default: beside the annotations, then its images/ folder).")
    var images: String?

    @Option(
        parsing: .upToNextOption,
        help: "Images to draw, by id or file name (repeatable, or several after one --image).")
    var image: [String] = []

    @Flag(help: "Draw the images in the file's order, up to --limit (20 unless given).")
    var all = false

    @Option(help: "At most this many images.")
    var limit: Int?

    /// `--all` alone stops at 20 images: each figure over a photo is about 1 MB, and a whole data
    /// set drawn by accident fills a disk long before anyone looks at it.
    static let defaultAllLimit = 20

    @Option(help: "Rule set to reproduce: \(MethodPreset.names.joined(separator: ", ")).")
    var preset: String = "official"

    @Option(help: "Folder for the figures and index.html (created if missing).")
    var out: String

    @Option(help: "Figure format: png, svg or pdf.")
    var format: FileFormat = .png

    @Option(help: "Width of one level's panel, in pixels (the figure grows with it).")
    var panelWidth: Double = 440

    @OptionGroup var data: AnnotationOptions

    func validate() throws {
        if let limit, limit <= 0 { throw ValidationError("--limit must be positive") }
        guard (120...2000).contains(panelWidth) else {
            throw ValidationError("--panel-width must be 120…2000")
        }
        try PathCheck.outputFolder(out)
    }

    func run() throws {
        try reportingInputErrors {
            let chosen = try lookUpMethodPreset(named: preset)
            try PathCheck.input(annotations, .fileOrFolder)
            if let images { try PathCheck.input(images, .folder, option: "--images") }
            if let names = data.names { try PathCheck.input(names, .file, option: "--names") }
            let input = try InspectInput.read(
                annotations, format: data.datasetFormat, images: images,
                names: data.names, strict: data.strict)
            var subjects: [InspectSubject] = []
            var earlier: [InputError] = []
            switch input {
            case .scene(let scene):
                subjects = [.scene(scene, path: annotations)]
            case .dataset(let read, let locator):
                guard all || !image.isEmpty else {
                    throw UsageError(
                        "\(annotations): choose images with --image ID|FILE … or --all "
                            + "(\(Prose.count(read.dataset.images.count, "image")) here)")
                }
                let cap = limit ?? (all ? Self.defaultAllLimit : nil)
                if all, limit == nil, read.dataset.images.count > Self.defaultAllLimit {
                    warnLine(
                        "drawing the first \(Self.defaultAllLimit) of \(read.dataset.images.count) images (--limit N for more)"
                    )
                }
                let selection = ImageSelection(names: image, all: all, limit: cap).select(from: read.dataset)
                guard selection.problems.isEmpty else {
                    // A mistyped id is a usage error, found before anything is drawn.
                    for problem in selection.problems { warn(problem) }
                    throw ExitCode(ExitStatus.usageError.rawValue)
                }
                earlier = read.problems
                subjects = selection.images.map { .annotated($0, locator: locator) }
            }
            Interruption.install()
            let bar = ProgressBar(label: "images")
            var done = 0
            let inspector = Inspector(
                preset: chosen,
                dataPath: chosen.dataPath(minSize: data.minSize, maxSize: data.maxSize),
                outDirectory: out, format: format, panelWidth: panelWidth, strict: data.strict,
                inspected: { inspection in
                    bar.finish()
                    writeOut(inspection.text + "\n")
                    done += 1
                    bar.update(done, of: subjects.count)
                },
                failed: { problem in
                    bar.finish()
                    warn(problem)
                    done += 1
                    bar.update(done, of: subjects.count)
                })
            let outcome = try inspector.run(subjects, earlier: earlier, source: annotations)
            bar.finish()
            let figures = outcome.inspections.count
            let zooms = outcome.inspections.reduce(0) { $0 + $1.zooms.count }
            let extraFigure: String
            switch chosen {
            case .fcos: extraFigure = "zoom"
            case .atss, .gfl: extraFigure = "candidates figure"
            }
            writeOut(
                "wrote \(Prose.count(figures, "figure"))"
                    + (zooms > 0
                        ? " (and \(Prose.count(zooms, extraFigure)) on boxes without positives)" : "")
                    + " and index.html to \(out) (figures linked relatively)\n")
            if case .dataset(let read, _) = input { reportSkippedRecords(read) }
            let skipped = outcome.problems.count - earlier.count
            if skipped > 0 || !earlier.isEmpty {
                warnLine(
                    "skipped \(Prose.count(skipped, "image")) with a missing or unreadable photo"
                        + (earlier.isEmpty
                            ? ""
                            : " and \(Prose.count(earlier.count, "bad record"))")
                        + " (listed above and in index.html; --strict stops at the first)")
            }
            if Interruption.requested { throw ExitCode(Interruption.exitCode) }
            try finishPartial(if: skipped > 0 || !earlier.isEmpty)
        }
    }
}

/// Annotation records the reader skipped: a count and at most 20 lines, as `fcos stats` does.
func reportSkippedRecords(_ read: ReadResult) {
    guard !read.problems.isEmpty else { return }
    warnLine(
        "the annotations had \(Prose.count(read.problems.count, "bad record")) (\(read.skippedBoxes) boxes and "
            + "\(read.skippedImages) images left out):")
    for problem in read.problems.prefix(20) { warn(problem) }
    if read.problems.count > 20 { warnLine("… and \(read.problems.count - 20) more") }
}
