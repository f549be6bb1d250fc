import Annotations
import FCOS
import Foundation
import Keypoints
import Testing

@testable import fcos

@Suite("fcos targets --preset centernet|cornernet and the keypoint losses")
struct KeypointCommandTests {
    static let boxes = [
        GroundTruth(box: Box(x0: 101, y0: 62, x1: 167, y1: 103), label: 2, name: "dog"),
        GroundTruth(box: Box(x0: 600, y0: 10, x1: 700, y1: 50), label: 0, name: "outside"),
    ]

    func writeScene(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kp-\(UUID().uuidString).json"
        )
        .path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("CenterNet JSON: output size, C × h × w heat maps, one object entry per box")
    func centerNetSchema() throws {
        let t = try CenterNetTargets(Self.boxes, inputWidth: 512, inputHeight: 512, classes: 3)
        let text = KeypointTargetsJSON.centerNet(t)
        let root = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(root["head"] as? String == "centernet")
        let output = try #require(root["output"] as? [String: Int])
        #expect(output == ["width": 128, "height": 128])
        let maps = try #require(root["heatmaps"] as? [[[Double]]])
        #expect(maps.count == 3 && maps[2].count == 128 && maps[2][0].count == 128)
        #expect(maps[2][20][33] == 1)
        #expect(Float(maps[2][20][34]) == t.heatmaps[2][34, 20])
        let objects = try #require(root["objects"] as? [Any])
        #expect(objects.count == 2)
        #expect(objects[1] is NSNull, "the box outside the image gets no target")
        let first = try #require(objects[0] as? [String: Any])
        #expect(first["radius"] as? Int == 3)
        #expect(first["center"] as? [Double] == [33.5, 20.625])
        #expect(first["center_int"] as? [Int] == [33, 20])
        #expect(first["wh"] as? [Double] == [16.5, 10.25])
        #expect(first["offset"] as? [Double] == [0.5, 0.625])
        #expect(first["index"] as? Int == 2593)
        #expect(first["box"] as? [Double] == [25.25, 15.5, 41.75, 25.75])
    }

    @Test("CornerNet JSON: two heat-map stacks and both corners per box")
    func cornerNetSchema() throws {
        let t = try CornerNetTargets(
            [GroundTruth(box: Box(x0: 100, y0: 50, x1: 300, y1: 250), label: 0)], inputWidth: 511,
            inputHeight: 511, classes: 1)
        let text = KeypointTargetsJSON.cornerNet(t)
        let root = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect((root["top_left_heatmaps"] as? [[[Double]]])?.count == 1)
        #expect((root["bottom_right_heatmaps"] as? [[[Double]]])?[0][62][75] == 1)
        let object = try #require((root["objects"] as? [[String: Any]])?.first)
        let tl = try #require(object["top_left"] as? [String: Any])
        #expect(tl["cell"] as? [Int] == [25, 12])
        #expect(tl["index"] as? Int == 12 * 128 + 25)
        #expect(object["radius"] as? Int == 11)
    }

    @Test("Classes come from num_classes, else the largest label + 1")
    func classCount() throws {
        let given = try SceneFile.decode(
            JSONValue.parse(
                Data(
                    #"{"image":{"width":64,"height":64},"num_classes":80,"boxes":[{"x0":0,"y0":0,"x1":8,"y1":8,"label":3}]}"#
                        .utf8),
                file: "s.json"))
        #expect(KeypointTargets.classCount(given) == 80)
        var implied = given
        implied.classCount = nil
        #expect(KeypointTargets.classCount(implied) == 4)
        #expect(throws: InputError.self) {
            try SceneFile.decode(
                JSONValue.parse(
                    Data(#"{"image":{"width":64,"height":64},"num_classes":0,"boxes":[]}"#.utf8),
                    file: "s.json"))
        }
    }

    @Test("A label outside 0..<C is one line naming the file and the box")
    func badLabel() throws {
        let path = try writeScene(
            #"{"image":{"width":64,"height":64},"num_classes":2,"boxes":[{"x0":0,"y0":0,"x1":8,"y1":8,"label":2}]}"#
        )
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            try KeypointTargets.run(.centerNet, scenePath: path, json: false)
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect(
                "\(error)"
                    == "\(path): boxes[0]: label 2 is outside 0..<2 (num_classes is 2); heat maps are indexed by label"
            )
        }
    }

    @Test("A negative label without num_classes is one line, not a crash")
    func negativeLabel() throws {
        let path = try writeScene(
            #"{"image":{"width":64,"height":64},"boxes":[{"x0":0,"y0":0,"x1":8,"y1":8,"label":-3}]}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        for head in KeypointHead.allCases {
            do {
                try KeypointTargets.run(head, scenePath: path, json: true)
                Issue.record("expected an error")
            } catch let error as InputError {
                #expect(
                    "\(error)"
                        == "\(path): boxes[0]: label -3 is negative; heat maps are indexed by label from 0")
            }
        }
    }

    @Test("An input too small for one output cell is an error; a non-multiple of 4 is explained")
    func sizes() throws {
        let tiny = try writeScene(#"{"image":{"width":3,"height":64},"boxes":[]}"#)
        defer { try? FileManager.default.removeItem(atPath: tiny) }
        #expect(throws: InputError.self) { try KeypointTargets.run(.centerNet, scenePath: tiny, json: false) }
        let scene = Scene(width: 1066, height: 801, groundTruths: [])
        let t = try CenterNetTargets([], inputWidth: 1066, inputHeight: 801, classes: 0)
        let text = KeypointTargetsSummary.centerNet(t, scene: scene)
        #expect(text.contains("Input 1066×801 → output 266×200"))
        #expect(text.contains("integer division by 4; boxes are scaled by 266/1066"))
        let square = KeypointTargetsSummary.centerNet(
            try CenterNetTargets([], inputWidth: 512, inputHeight: 512, classes: 0),
            scene: Scene(width: 512, height: 512, groundTruths: []))
        #expect(!square.contains("Note:"))
    }

    @Test("Skipped boxes say why")
    func skipped() throws {
        let t = try CenterNetTargets(
            Self.boxes + [GroundTruth(box: Box(x0: 10, y0: 10, x1: 10, y1: 40), label: 1)], inputWidth: 512,
            inputHeight: 512, classes: 3)
        let text = KeypointTargetsSummary.centerNet(
            t,
            scene: Scene(
                width: 512, height: 512,
                groundTruths: Self.boxes + [GroundTruth(box: Box(x0: 10, y0: 10, x1: 10, y1: 40), label: 1)]))
        #expect(text.contains("skipped: outside the map after clipping"))
        #expect(text.contains("skipped: zero width or height"))
        #expect(text.contains("1 cell at exactly 1"))
    }

    @Test("fcos loss keypoint-focal reads logits or probs and checks shapes and ranges")
    func keypointFocal() throws {
        func loss(_ text: String) throws -> PenaltyReducedFocalLoss.Result {
            try KeypointFocalLossCommand.loss(
                of: NumericJSON.parse(Data(text.utf8), file: "in.json", keys: KeypointFocalLossCommand.keys))
        }
        let r = try loss(#"{"probs": [[0.9, 0.2], [0.1, 0.5]], "targets": [[1, 0.5], [0, 0]]}"#)
        #expect(r.positiveCount == 1)
        #expect(
            r == PenaltyReducedFocalLoss.loss(probabilities: [0.9, 0.2, 0.1, 0.5], targets: [1, 0.5, 0, 0]))
        let logits = try loss(#"{"logits": [0], "targets": [1]}"#)
        #expect(logits == PenaltyReducedFocalLoss.loss(probabilities: [0.5], targets: [1]))
        for bad in [
            #"{"probs": [0.5], "logits": [0], "targets": [1]}"#, #"{"probs": [1.5], "targets": [1]}"#,
            #"{"probs": [0.5, 0.5], "targets": [1]}"#, #"{"probs": [0.5], "targets": [-1]}"#,
            #"{"targets": [1]}"#,
        ] {
            #expect(throws: InputError.self, "\(bad)") { try loss(bad) }
        }
    }

    @Test("The command dispatches keypoint heads before the FCOS presets")
    func dispatch() throws {
        #expect(KeypointHead(rawValue: "centernet") == .centerNet)
        #expect(KeypointHead(rawValue: "official") == nil)
        let command = try TargetsCommand.parse(["--scene", "x.json", "--preset", "cornernet"])
        #expect(command.preset == "cornernet")
    }
}
