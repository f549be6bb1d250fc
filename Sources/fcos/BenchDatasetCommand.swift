import Annotations
import ArgumentParser
import FCOS
import Foundation

struct BenchDatasetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-dataset",
        abstract: "Time fcos stats on a generated COCO-train-sized data set (run a release build).",
        discussion: """
            Generates a seeded data set shaped like COCO 2017 train (118 000 images, 860 000 boxes; \
            see SyntheticDataset) in memory and times the statistics over it: wall time of each \
            phase and the peak resident memory (VmHWM from /proc/self/status). With --write PATH \
            the set is also written as COCO JSON, read back and measured again, so the JSON parsing \
            a real run pays is timed too; `fcos stats PATH` then times it as a separate process.
            """
    )

    @Option(help: "Images to generate.")
    var images = 118_000

    @Option(help: "Boxes to generate.")
    var boxes = 860_000

    @Option(help: "Seed for the generator.")
    var seed: UInt64 = 2017

    @Option(help: "Rule set: \(MethodPreset.names.joined(separator: ", ")).")
    var preset = "official"

    @Option(help: "Threads to split the images over.")
    var workers = 2

    @Option(help: "Also write the set as COCO JSON here, then read it back and time that too.")
    var write: String?

    @Flag(help: "Print the measurements as JSON.")
    var json = false

    func validate() throws {
        guard images > 0, boxes >= 0, workers > 0 else {
            throw ValidationError("--images and --workers must be positive, --boxes not negative")
        }
    }

    func run() throws {
        try reportingInputErrors {
            let chosen = try lookUpMethodPreset(named: preset)
            let path = chosen.dataPath()
            var rows: [(phase: String, seconds: Double)] = []
            let clock = ContinuousClock()
            func timed<T>(_ phase: String, _ body: () throws -> T) rethrows -> T {
                let start = clock.now
                let value = try body()
                rows.append((phase, (clock.now - start).seconds))
                return value
            }
            let dataset = timed("generate") {
                SyntheticDataset.make(images: images, boxes: boxes, seed: seed)
            }
            let bar = ProgressBar(label: "images")
            let stats = timed("statistics") {
                chosen.statistics(
                    dataset, dataPath: path, workers: workers,
                    progress: { done, total in bar.update(done, of: total) })
            }
            bar.finish()
            var fileSize: Int?
            if let write {
                try timed("write JSON") { try COCOWriter.write(dataset, to: write) }
                fileSize = (try? FileManager.default.attributesOfItem(atPath: write)[.size] as? Int) ?? nil
                let read = try timed("read JSON") { try COCOReader.read(write, strict: true) }
                let again = timed("statistics (from JSON)") {
                    chosen.statistics(read.dataset, dataPath: path, workers: workers)
                }
                guard again.withFPN == stats.withFPN, again.withoutFPN == stats.withoutFPN else {
                    throw InputError(file: write, problem: "statistics differ after the JSON round trip")
                }
            }
            let peak = peakMemoryBytes()
            writeOut(json ? jsonText(rows, stats, fileSize, peak) : text(rows, stats, fileSize, peak))
        }
    }

    func text(
        _ rows: [(phase: String, seconds: Double)], _ s: DatasetStatistics, _ fileSize: Int?, _ peak: Int?
    )
        -> String
    {
        var out = "Synthetic COCO-train-sized set: \(s.images) images, \(s.boxes) boxes (seed \(seed)), "
        out += "preset \(s.preset), \(workers) worker\(workers == 1 ? "" : "s")\n"
        for row in rows {
            out +=
                "  \(row.phase.padding(toLength: 24, withPad: " ", startingAt: 0)) \(StatsReport.fixed(row.seconds, 3).leftPad(8)) s\n"
        }
        if let fileSize, let write {
            out += "  JSON file: \(write), \(StatsReport.fixed(Double(fileSize) / 1e6, 1)) MB\n"
        }
        out +=
            "  peak memory (VmHWM): \(peak.map { "\(StatsReport.fixed(Double($0) / 1e6, 0)) MB" } ?? "unknown")\n"
        out += "  BPR \(StatsReport.percent(s.withFPN.bestPossibleRecall)) with FPN, "
        out += "\(StatsReport.percent(s.withoutFPN.bestPossibleRecall)) without; "
        out +=
            "ambiguous \(StatsReport.percent(s.withFPN.ambiguousShare)) / \(StatsReport.percent(s.withoutFPN.ambiguousShare))\n"
        return out
    }

    func jsonText(
        _ rows: [(phase: String, seconds: Double)], _ s: DatasetStatistics, _ fileSize: Int?, _ peak: Int?
    )
        -> String
    {
        var w = JSONWriter()
        w.raw(
            "{\"images\":\(s.images),\"boxes\":\(s.boxes),\"seed\":\(seed),\"workers\":\(workers),\"preset\":"
        )
        w.string(s.preset)
        w.raw(",\"seconds\":{")
        w.raw(rows.map { "\"\($0.phase)\":\(StatsJSON.decimal($0.seconds))" }.joined(separator: ","))
        w.raw(
            "},\"json_bytes\":\(fileSize.map(String.init) ?? "null"),\"peak_bytes\":\(peak.map(String.init) ?? "null")"
        )
        w.raw(",\"with_fpn\":")
        StatsJSON.summary(&w, s.withFPN)
        w.raw(",\"without_fpn\":")
        StatsJSON.summary(&w, s.withoutFPN)
        w.raw("}\n")
        return w.text
    }
}

/// The process's peak resident set size, from `VmHWM` in `/proc/self/status` (Linux only).
func peakMemoryBytes() -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        if fields.count >= 2, let kB = Int(fields[1]) { return kB * 1024 }
    }
    return nil
}
