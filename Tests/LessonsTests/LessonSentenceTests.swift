import Annotations
import FCOS
import Foundation
import Notebook
import Testing

/// Sentences the lessons once got wrong, checked against numbers these tests work out themselves
/// from the library (never read back from the lesson): a lesson that drifts from the maths fails.
@Suite("Lesson sentences say true things", .serialized)
struct LessonSentenceTests {
    /// The lesson's terminal output, lines joined with spaces so wrapping does not matter.
    static func output(_ lesson: String, _ arguments: [String] = []) throws -> String {
        let path = LessonRunTests.products.appendingPathComponent(lesson).path
        try #require(FileManager.default.isExecutableFile(atPath: path), "build the lessons first: \(path)")
        let out = LessonRunTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try LessonProcess.run(
            lesson, ["--no-pause", "--no-color", "--out", out.path] + arguments)
        #expect(result.status == 0)
        return result.out.split(separator: "\n").joined(separator: " ")
    }

    @Test("Lesson 3, step 2: locations past the padded image are not on the padding")
    func paddingCount() throws {
        let tennis = try SceneFile.read(LessonAssets.scenePath("tennis"))
        let rules = Preset.official.assignment
        let padded = rules.featureSize.paddedSize(imageWidth: tennis.width, imageHeight: tennis.height)
        var onPadding = 0
        var past = 0
        for map in rules.featureMaps(imageWidth: tennis.width, imageHeight: tennis.height) {
            for i in 0..<map.count {
                let p = map.location(at: i)
                guard p.x >= Float(tennis.width) || p.y >= Float(tennis.height) else { continue }
                if p.x >= Float(padded.width) || p.y >= Float(padded.height) {
                    past += 1
                } else {
                    onPadding += 1
                }
            }
        }
        #expect(past > 0, "the tennis scene has P6/P7 cells past its padded size")
        let text = try Self.output("lesson-03-matching", ["--step", "2"])
        #expect(text.contains("\(grouped(onPadding)) on the zero padding and \(grouped(past)) past it"))
        #expect(text.contains("padded \(padded.width) × \(padded.height) image"))
    }

    @Test("Lesson 3, step 8: every location on #0's centre column with t*, b* ≤ 64 has m = 64")
    func boundaryColumn() throws {
        let boundary = try SceneFile.read(LessonAssets.scenePath("boundary"))
        let box = boundary.groundTruths[0].box
        let p3 = Preset.torchvision.assignment.featureMaps(
            imageWidth: boundary.width, imageHeight: boundary.height)[0]
        var exactly: [Int] = []
        var lowestOther = Float.infinity
        for i in 0..<p3.count {
            let d = LTRB(from: p3.location(at: i), to: box)
            guard d.minimum > 0 else { continue }
            if d.maximum == 64 {
                exactly.append(Int(p3.location(at: i).y))
            } else {
                lowestOther = min(lowestOther, d.maximum)
            }
        }
        // By hand: x = 192 gives l* = r* = 64; y = 144…176 in steps of 8 keeps t*, b* in 32…64.
        #expect(exactly == [144, 152, 160, 168, 176])
        #expect(lowestOther == 72)
        let text = try Self.output("lesson-03-matching", ["--step", "8"])
        #expect(text.contains("(y 144, 152, 160, 168, 176) all have `m = 64`"))
        #expect(text.contains("the smallest `m` there is 72"))
        #expect(!text.contains("Every other location of #0 is farther from the centre and has `m > 64`"))
    }

    @Test("Lesson 4: pixel targets are decoded without any division", arguments: ["official", "torchvision"])
    func decodingBack(preset: String) throws {
        let units = try #require(Preset.named(preset)).assignment.regressionUnits
        let text = try Self.output("lesson-04-deltas", ["--preset", preset])
        switch units {
        case .pixels:
            #expect(text.contains("Pixel targets are never divided"))
            #expect(!text.contains("Dividing by a stride that is a power of two"))
        case .stride:
            #expect(text.contains("Dividing by a stride that is a power of two"))
        }
    }

    @Test("Lesson 5: the score threshold's place follows the preset", arguments: ["official", "torchvision"])
    func thresholdBeforeCenterness(preset: String) throws {
        let rules = try #require(Preset.named(preset)).postProcessing
        let text = try Self.output("lesson-05-centerness", ["--preset", preset])
        switch rules.thresholdScore {
        case .classProbability:
            #expect(text.contains("applies to `p` alone, before centerness"))
            #expect(!text.contains("fall below the score threshold"))
        case .product, .geometricMean:
            #expect(text.contains("applies to the combined score"))
        }
    }

    @Test("Lesson 3/4: center sampling and norm_on_bbox are one mmdetection configuration's")
    func mmdetectionConfiguration() throws {
        let three = try Self.output("lesson-03-matching", ["--step", "6"])
        #expect(three.contains("mmdetection's `center-normbbox-centeronreg-giou` configuration"))
        #expect(three.contains("default FCOS head has `center_sampling=False`"))
        let four = try Self.output("lesson-04-deltas")
        #expect(four.contains("default head has no `norm_on_bbox`"))
    }
}

extension LessonSentenceTests {
    @Test("Lesson 8: each box's m runs from max(w, h)/2 at its centre to max(w, h) at its sides")
    func mField() throws {
        let tennis = try SceneFile.read(LessonAssets.scenePath("tennis"))
        // Worked by hand for the ball (32 × 32): m = 16 at the centre, approaching 32 at the sides,
        // all inside P3's m ≤ 64; the racket (170 × 220): 110 … 220, across the 128 boundary.
        let ball = try #require(tennis.groundTruths.first { $0.name == "sports ball" }).box
        #expect(max(ball.width, ball.height) / 2 == 16)
        // Table cells are padded: collapse runs of spaces so a row reads "│ 16 │ 32 │".
        let text = try Self.output("lesson-08-training-targets", ["--step", "5"])
            .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        for truth in tennis.groundTruths {
            let side = max(truth.box.width, truth.box.height)
            #expect(text.contains("│ \(number(side / 2)) │ \(number(side)) │"), "\(truth.name ?? "")")
        }
        #expect(text.contains("│ P4, P5 │"), "the racket's m range crosses 128")
    }
}
