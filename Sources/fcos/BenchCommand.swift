import ArgumentParser
import FCOS
import GFL

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract:
            "Time FCOS, ATSS and GFL target assignment, NMS and focal loss on seeded random inputs (run a release build).",
        discussion: """
            Boxes: x0, y0 uniform in the image, sides uniform in [8, 200] px; NMS boxes likewise in a \
            1000×1000 square with uniform scores. Each figure is the median of --runs timed calls, \
            single-threaded, explanations off.
            """
    )

    @Flag(help: "Print the medians as JSON.")
    var json = false

    @Option(help: "Timed calls per measurement (the median is reported).")
    var runs = 51

    @Option(help: "Seed for the random inputs.")
    var seed: UInt64 = 2019

    func validate() throws {
        guard runs > 0 else { throw ValidationError("--runs must be positive") }
    }

    func run() throws {
        var rng = BenchRandom(seed: seed)
        var targetRows: [(preset: String, boxes: Int, ms: Double)] = []
        for preset in MethodPreset.all {
            for count in [10, 100, 500] {
                let boxes = (0..<count).map { _ in rng.box(width: 1333, height: 800) }
                let ms = median(runs) { blackHole(Self.assign(preset, boxes)) }
                targetRows.append((preset.name, count, ms))
            }
        }
        let nmsBoxes = (0..<5_000).map { _ in rng.box(width: 1000, height: 1000).box }
        let nmsScores = (0..<5_000).map { _ in Float.random(in: 0..<1, using: &rng) }
        let nmsMs = median(runs) {
            blackHole(NMS.greedy(boxes: nmsBoxes, scores: nmsScores, iouThreshold: 0.5).count)
        }
        let (rows, classes) = (20_000, 80)
        let logits = (0..<(rows * classes)).map { _ in Float.random(in: -6...2, using: &rng) }
        var targets = [Float](repeating: 0, count: rows * classes)
        for r in stride(from: 0, to: rows, by: 10) {
            targets[r * classes + Int.random(in: 0..<classes, using: &rng)] = 1
        }
        let focalMs = median(runs) { blackHole(FocalLoss.sum(logits: logits, targets: targets)) }

        if json {
            var w = JSONWriter()
            w.raw("{\"targets\":")
            w.array(targetRows) { w, row in
                w.raw("{\"preset\":")
                w.string(row.preset)
                w.raw(",\"boxes\":\(row.boxes),\"median_ms\":\(rounded(row.ms))}")
            }
            w.raw(",\"nms\":[{\"boxes\":5000,\"median_ms\":\(rounded(nmsMs))}]")
            w.raw(
                ",\"focal_loss\":[{\"rows\":\(rows),\"classes\":\(classes),\"median_ms\":\(rounded(focalMs))}]"
            )
            w.raw("}\n")
            writeOut(w.text)
        } else {
            var out = "Target assignment, 1333×800, explanations off (median of \(runs))\n"
            for row in targetRows {
                let name = row.preset.padding(toLength: 15, withPad: " ", startingAt: 0)
                out +=
                    "  \(name) \(String(row.boxes).leftPad(4)) boxes  \(String(rounded(row.ms)).leftPad(9)) ms\n"
            }
            out += "Greedy NMS, 5000 boxes, IoU > 0.5            \(String(rounded(nmsMs)).leftPad(9)) ms\n"
            out +=
                "Focal loss (sum), \(rows) × \(classes) logits    \(String(rounded(focalMs)).leftPad(9)) ms\n"
            writeOut(out)
        }
    }
}

extension BenchCommand {
    /// One preset's full target computation on a 1333×800 input: FCOS's fast matcher; ATSS with
    /// its per-box explanations (always kept); GFL's assignment plus its distance targets.
    static func assign(_ preset: MethodPreset, _ boxes: [GroundTruth]) -> Int {
        switch preset {
        case .fcos(let p): return p.matcher.assign(boxes, imageWidth: 1333, imageHeight: 800).positiveCount
        case .atss(let p): return p.assigner.assign(boxes, imageWidth: 1333, imageHeight: 800).positiveCount
        case .gfl(let p):
            let a = p.assigner.assign(boxes, imageWidth: 1333, imageHeight: 800)
            return GFLTargets(a, maximum: p.maximum).distances.count + a.positiveCount
        }
    }
}

/// The median wall time of `runs` calls, in milliseconds.
func median(_ runs: Int, _ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    body()
    var times: [Double] = []
    for _ in 0..<runs {
        let d = clock.measure(body)
        times.append(Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15)
    }
    times.sort()
    return times[times.count / 2]
}

func rounded(_ ms: Double) -> Double { (ms * 10_000).rounded() / 10_000 }

@inline(never) func blackHole<T>(_ value: T) { _ = value }

/// SplitMix64: small, seeded and the same on every platform, so benchmark inputs repeat.
struct BenchRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func box(width: Float, height: Float) -> GroundTruth {
        let x0 = Float.random(in: 0..<width, using: &self)
        let y0 = Float.random(in: 0..<height, using: &self)
        let w = Float.random(in: 8...200, using: &self)
        let h = Float.random(in: 8...200, using: &self)
        return GroundTruth(
            box: Box(x0: x0, y0: y0, x1: x0 + w, y1: y0 + h), label: Int.random(in: 0..<80, using: &self))
    }
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
