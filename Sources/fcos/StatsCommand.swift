import Annotations
import ArgumentParser
import FCOS
import Foundation

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract:
            "Best possible recall and ambiguity of FCOS or ATSS targets over a data set, with and without FPN.",
        discussion: """
            Reads COCO instances JSON, a folder of Pascal VOC XML or a folder of YOLO labels (detected \
            from the path unless --input-format is given), puts every image through the preset's data path \
            (crowd boxes dropped, corners, clipping and resizing as the reference does) and counts, per \
            image: positives per level, ambiguous positives (two or more candidate boxes) and those \
            between different classes, and boxes with no positive location; then the same with one \
            stride-16 level and no size gate ("without FPN"). Bad records are skipped and listed at the \
            end, or stop the run with --strict.
            """
    )

    @Argument(help: "COCO .json file, or a folder of VOC .xml or YOLO .txt files.")
    var annotations: String

    @Option(help: "YOLO: the image folder (default: 'labels' replaced by 'images' in the path).")
    var images: String?

    @Option(help: "Rule set to reproduce: \(MethodPreset.names.joined(separator: ", ")).")
    var preset: String = "official"

    @Flag(help: "Print the statistics as JSON.")
    var json = false

    @OptionGroup var data: AnnotationOptions

    /// The name `stats` used for the annotation format before `inspect` and `compare` took
    /// `--format` for the figure format; kept so old scripts still run, with a note on stderr.
    @Option(
        name: .customLong("format"),
        help: ArgumentHelp(
            "Deprecated: the old name of --input-format (still works).", valueName: "input-format"))
    var deprecatedFormat: String?

    @Option(help: "Threads to split the images over.")
    var workers = 2

    @Option(help: "Boxes without a positive to list in the text report (JSON lists all).")
    var limit = 15

    func validate() throws {
        guard (1...1024).contains(workers) else { throw ValidationError("--workers must lie in 1…1024") }
        guard limit >= 0 else { throw ValidationError("--limit must not be negative") }
        if let deprecatedFormat {
            guard DatasetFormat(rawValue: deprecatedFormat) != nil else {
                throw ValidationError("--format (now --input-format) must be coco, voc or yolo")
            }
            guard data.inputFormat == nil || data.inputFormat == deprecatedFormat else {
                throw ValidationError("--format is the old name of --input-format: give one of them")
            }
        }
    }

    /// `--input-format`, or the deprecated `--format`.
    var inputFormat: DatasetFormat? {
        data.datasetFormat ?? deprecatedFormat.flatMap(DatasetFormat.init(rawValue:))
    }

    func run() throws {
        try reportingInputErrors {
            let chosen = try lookUpMethodPreset(named: preset)
            if deprecatedFormat != nil {
                warnLine(
                    "note: --format is deprecated for stats; use --input-format (as inspect and compare do)")
            }
            try PathCheck.input(annotations, .fileOrFolder)
            if let images { try PathCheck.input(images, .folder, option: "--images") }
            if let names = data.names { try PathCheck.input(names, .file, option: "--names") }
            let clock = ContinuousClock()
            let readStart = clock.now
            let read = try DatasetLoader.read(
                annotations, format: inputFormat, images: images, names: data.names, strict: data.strict)
            let readTime = clock.now - readStart
            let path = chosen.dataPath(minSize: data.minSize, maxSize: data.maxSize)
            let bar = ProgressBar(label: "images")
            let statsStart = clock.now
            let stats = chosen.statistics(
                read.dataset, dataPath: path, workers: workers,
                progress: { done, total in bar.update(done, of: total) })
            bar.finish()
            let timing = StatsTiming(
                read: readTime.seconds, statistics: (clock.now - statsStart).seconds, workers: workers)
            writeOut(
                json
                    ? StatsJSON.encode(stats, read: read, timing: timing)
                    : StatsReport.text(stats, read: read, timing: timing, limit: limit, preset: chosen))
            reportSkipped(read)
            try finishPartial(if: !read.problems.isEmpty)
        }
    }

    /// Skipped records go to stderr after the report, at most 20 lines and a count of the rest.
    func reportSkipped(_ read: ReadResult) {
        guard !read.problems.isEmpty else { return }
        var text =
            "fcos: skipped \(read.skippedBoxes) box\(read.skippedBoxes == 1 ? "" : "es") and \(read.skippedImages) image\(read.skippedImages == 1 ? "" : "s") with problems (--strict stops at the first):\n"
        for problem in read.problems.prefix(20) { text += "fcos: \(problem)\n" }
        if read.problems.count > 20 { text += "fcos: … and \(read.problems.count - 20) more\n" }
        writeError(text)
    }
}

struct StatsTiming {
    var read: Double
    var statistics: Double
    var workers: Int
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
