import Annotations
import ArgumentParser
import FCOS
import Foundation

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Best possible recall and ambiguity of FCOS targets over a data set, with and without FPN.",
        discussion: """
            Reads COCO instances JSON, a folder of Pascal VOC XML or a folder of YOLO labels (detected \
            from the path unless --format is given), puts every image through the preset's data path \
            (crowd boxes dropped, corners, clipping and resizing as the reference does) and counts, per \
            image: positives per level, ambiguous positives (two or more candidate boxes) and those \
            between different classes, and boxes with no positive location; then the same with one \
            stride-16 level and no size gate ("without FPN"). Bad records are skipped and listed at the \
            end, or stop the run with --strict.
            """
    )

    @Argument(help: "COCO .json file, or a folder of VOC .xml or YOLO .txt files.")
    var annotations: String

    @Option(help: "Annotation format: coco, voc or yolo (default: from the path).")
    var format: String?

    @Option(help: "YOLO: the image folder (default: 'labels' replaced by 'images' in the path).")
    var images: String?

    @Option(help: "YOLO or VOC: class names (names.yaml or one name per line).")
    var names: String?

    @Option(help: "Rule set to reproduce: \(Preset.names.joined(separator: ", ")).")
    var preset: String = "official"

    @Flag(help: "Print the statistics as JSON.")
    var json = false

    @Flag(help: "Stop at the first bad record instead of skipping it.")
    var strict = false

    @Option(help: "Resize: shorter side.")
    var minSize = 800

    @Option(help: "Resize: longest allowed longer side.")
    var maxSize = 1333

    @Option(help: "Threads to split the images over.")
    var workers = 2

    @Option(help: "Boxes without a positive to list in the text report (JSON lists all).")
    var limit = 15

    func validate() throws {
        if let problem = InputLimits.resizeProblem(minSize: minSize, maxSize: maxSize) {
            throw ValidationError(problem)
        }
        guard (1...1024).contains(workers) else { throw ValidationError("--workers must lie in 1…1024") }
        guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }
        if let format, DatasetFormat(rawValue: format) == nil {
            throw ValidationError("--format must be coco, voc or yolo")
        }
    }

    func run() throws {
        try reportingInputErrors {
            let chosen = try lookUpPreset(named: preset)
            let clock = ContinuousClock()
            let readStart = clock.now
            let read = try DatasetLoader.read(
                annotations, format: format.flatMap(DatasetFormat.init(rawValue:)), images: images,
                names: names,
                strict: strict)
            let readTime = clock.now - readStart
            let path = DataPath.forPreset(named: chosen.name, minSize: minSize, maxSize: maxSize)
            let bar = ProgressBar(label: "images")
            let statsStart = clock.now
            let stats = DatasetStatistics.compute(
                read.dataset, preset: chosen, dataPath: path, workers: workers,
                progress: { done, total in bar.update(done, of: total) })
            bar.finish()
            let timing = StatsTiming(
                read: readTime.seconds, statistics: (clock.now - statsStart).seconds, workers: workers)
            writeOut(
                json
                    ? StatsJSON.encode(stats, read: read, timing: timing)
                    : StatsReport.text(stats, read: read, timing: timing, limit: limit))
            reportSkipped(read)
        }
    }

    /// Skipped records go to stderr after the report, at most 20 lines and a count of the rest.
    func reportSkipped(_ read: ReadResult) {
        guard !read.problems.isEmpty else { return }
        var text =
            "fcos: skipped \(read.skippedBoxes) box\(read.skippedBoxes == 1 ? "" : "es") and \(read.skippedImages) image\(read.skippedImages == 1 ? "" : "s") with problems (--strict stops at the first):\n"
        for problem in read.problems.prefix(20) { text += "fcos: \(problem)\n" }
        if read.problems.count > 20 { text += "fcos: … and \(read.problems.count - 20) more\n" }
        FileHandle.standardError.write(Data(text.utf8))
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
