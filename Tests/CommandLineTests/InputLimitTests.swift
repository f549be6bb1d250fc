import Annotations
import ArgumentParser
import FCOS
import Foundation
import Testing

@testable import fcos

/// The command-line cases of issue 14: options that overflowed, NMS inputs whose float32 areas
/// overflowed, big honest inputs read by the byte scanner, and the streamed `targets --json`.
@Suite("Input limits of the commands")
struct InputLimitTests {
    func problem(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test("stats and inspect refuse resize sizes beyond the limit instead of trapping or exhausting memory")
    func resizeOptions() {
        let file = "instances.json"
        for sizes in [["100000000000000000", "9223372036854775807"], ["100000", "200000"]] {
            #expect(throws: (any Error).self) {
                try StatsCommand.parse([file, "--min-size", sizes[0], "--max-size", sizes[1]])
            }
            #expect(throws: (any Error).self) {
                try InspectCommand.parse([file, "--min-size", sizes[0], "--max-size", sizes[1], "--all"])
            }
        }
        #expect(throws: (any Error).self) {
            try StatsCommand.parse([file, "--workers", "9223372036854775807"])
        }
        #expect(throws: (any Error).self) { try StatsCommand.parse([file, "--limit=-1"]) }
        #expect((try? StatsCommand.parse([file, "--min-size", "16384", "--max-size", "16384"])) != nil)
    }

    @Test("NMS on two identical boxes [0, 0, 2e19, 2e19]: a clear error, not a silent NaN IoU")
    func floatOverflow() {
        let text = "{\"boxes\": [[0, 0, 2e19, 2e19], [0, 0, 2e19, 2e19]], \"scores\": [1, 1]}"
        #expect(
            problem { _ = try NMSInput.decode(Data(text.utf8), file: "in.json", needsLabels: false) }
                == "in.json: boxes[0][2]: 2e+19 is beyond ±1e18, the limit that keeps areas finite in float32"
        )
        // Within the limit every area is finite and identical boxes suppress each other.
        let big = "{\"boxes\": [[0, 0, 1e18, 1e18], [0, 0, 1e18, 1e18]], \"scores\": [1, 0.5]}"
        let input = try? NMSInput.decode(Data(big.utf8), file: "in.json", needsLabels: false)
        #expect(input.map { NMS.greedy(boxes: $0.boxes, scores: $0.scores, iouThreshold: 0.5) } == [0])
        // The loss inputs have the same limit.
        let pairs = "{\"boxes1\": [[-1e19, 0, 1, 1]], \"boxes2\": [[0, 0, 1, 1]]}"
        #expect(
            problem { _ = try LossInput.boxPairs(LossInput.parse(Data(pairs.utf8), file: "l.json")) }
                .hasPrefix("l.json: boxes1[0][0]: -1e+19 is beyond ±1e18"))
    }

    @Test("nms and loss inputs: errors name the element, as before")
    func messages() {
        func nms(_ text: String, labels: Bool = false) -> String {
            problem { _ = try NMSInput.decode(Data(text.utf8), file: "in.json", needsLabels: labels) }
        }
        #expect(
            nms("{\"boxes\": [[0, 0, 1, 1]], \"scores\": [NaN]}")
                == "in.json: scores[0]: expected a finite number, found NaN")
        #expect(
            nms("{\"boxes\": [[0, 0, 1, 1]], \"scores\": [1, 2]}")
                == "in.json: scores: has 2 scores for 1 boxes")
        #expect(
            nms("{\"boxes\": [[0, 0, 1, 1]], \"scores\": [1]}", labels: true)
                == "in.json: labels: missing field")
        #expect(
            nms("{\"boxes\": [[0, 0, 1, 1]], \"scores\": [\"a\"]}").hasPrefix(
                "in.json: scores[0]: expected a number"))
        #expect(
            nms("{\"boxes\": [[0, 0, 1]], \"scores\": [1]}")
                == "in.json: boxes: expected [x0, y0, x1, y1] rows, found rows of 3 numbers")
        #expect(
            nms("{\"boxes\": [[5, 0, 1, 1]], \"scores\": [1]}")
                == "in.json: boxes[0]: x1 < x0 or y1 < y0 in [5.0, 0.0, 1.0, 1.0]")
        #expect(nms("{\"boxes\": [], \"scores\": [], \"extra\": {\"x\": [\"skipped\"]}}") == "no error")
        #expect(nms("{\"boxes\": [[0, 0, 1, 1],], \"scores\": [1]}").contains("trailing comma before ']'"))
        #expect(nms("[]") == "in.json: expected a JSON object {…}")
        let logits = "{\"logits\": [[1, 2], [3, 4]], \"targets\": [1, 0, 1, 0]}"
        #expect(
            problem { _ = try LossInput.elementwise(LossInput.parse(Data(logits.utf8), file: "l.json")) }
                == "l.json: targets: has shape [4], logits have [2, 2]")
        let scalar = try? LossInput.elementwise(
            LossInput.parse(Data("{\"logits\": 2.5, \"targets\": 1}".utf8), file: "l.json"))
        #expect(scalar?.shape == [] && scalar?.logits == [2.5])
    }

    @Test("200 000 boxes parse through the byte scanner (10⁶ took 11 s and 866 MB via JSONSerialization)")
    func manyBoxes() throws {
        var text = "{\"boxes\": ["
        text.reserveCapacity(8_000_000)
        let n = 200_000
        for i in 0..<n {
            let x = Double(i % 1000)
            text += "[\(x), \(x + 0.5), \(x + 10.25), \(x + 20)]" + (i + 1 < n ? "," : "")
        }
        text += "], \"scores\": ["
        for i in 0..<n { text += "0.\(i % 997)" + (i + 1 < n ? "," : "") }
        text += "]}"
        let input = try NMSInput.decode(Data(text.utf8), file: "big.json", needsLabels: false)
        #expect(input.boxes.count == n && input.scores.count == n)
        #expect(input.boxes[199_999] == Box(x0: 999, y0: 999.5, x1: 1009.25, y1: 1019))
        #expect(input.scores[996] == 0.996)
    }

    @Test("targets --json streams in pieces that join to the same text")
    func streamed() {
        let boxes = (0..<40).map { i in
            GroundTruth(box: Box(x0: Float(i * 20), y0: 10, x1: Float(i * 20 + 90), y1: 300), label: i)
        }
        let a = Preset.official.matcher.assign(boxes, imageWidth: 4000, imageHeight: 3000)
        var pieces: [String] = []
        TargetsJSON.write(a, preset: "official") { pieces.append($0) }
        #expect(pieces.count > 1)
        #expect(pieces.dropLast().allSatisfy { $0.utf8.count >= JSONWriter.flushSize })
        #expect(pieces.allSatisfy { $0.utf8.count < JSONWriter.flushSize + 65_536 })
        #expect(pieces.joined() == TargetsJSON.encode(a, preset: "official"))
        #expect((try? JSONSerialization.jsonObject(with: Data(pieces.joined().utf8))) != nil)
    }
}
