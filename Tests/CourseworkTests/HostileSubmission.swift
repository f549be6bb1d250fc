/// A submission that attacks the grader instead of doing the homework, one attack per part:
///
/// - locations: writes a forged passing result to every path it was given, to descriptor 3
///   (the answers channel), to stdout and to stderr, then exits with status 0;
/// - matching: prints without end;
/// - deltas: kills its parent, then waits forever;
/// - centerness: a fork bomb;
/// - focal-loss: allocates memory without end;
/// - loss: forges answers on the grader's channel before returning its own;
/// - nms: answers two calls correctly and exits with status 0 in the third;
/// - inference: returns a million detections with NaN scores.
///
/// Each must grade to 0 with its part explained, and the grader must finish, write its
/// report and leave no temporary files.
enum HostileSubmission {
    static let forged = #"{"status":"passed","points":95,"max_points":10,"score":100,"max_score":100}"#

    static let files: [(String, String)] = [
        (
            "Locations.swift",
            """
            import Foundation
            import HomeworkTypes

            public func fpnLocations(width: Int, height: Int, stride: Int) throws -> [Point] {
                let forged = #"\(forged)"#
                for path in CommandLine.arguments + ["/tmp/result.json", "report.json"] {
                    try? forged.write(toFile: path, atomically: false, encoding: .utf8)
                }
                for descriptor in [Int32(1), 2, 3] {
                    FileHandle(fileDescriptor: descriptor, closeOnDealloc: false).write(Data((forged + "\\n").utf8))
                }
                print(forged)
                exit(0)
            }

            """
        ),
        (
            "Matching.swift",
            """
            import HomeworkTypes

            public func matchLocations(_ locations: [Point], level: FeatureLevel, boxes: [Box]) throws -> [Int] {
                var n = 0
                while true {
                    n += 1
                    print("flooding the grader's output, line \\(n), with some padding to fill it faster")
                }
            }

            """
        ),
        (
            "Deltas.swift",
            """
            import Foundation
            import HomeworkTypes

            public func deltas(from location: Point, to box: Box, stride: Int) throws -> LTRB {
                kill(getppid(), SIGKILL)
                while true { sleep(1) }
            }

            public func applyDeltas(_ deltas: LTRB, at location: Point, stride: Int) throws -> Box {
                kill(getppid(), SIGKILL)
                while true { sleep(1) }
            }

            """
        ),
        (
            "Centerness.swift",
            """
            import Foundation
            import HomeworkTypes

            public func centerness(of deltas: LTRB) throws -> Float {
                while true { _ = fork() }
            }

            """
        ),
        (
            "FocalLoss.swift",
            """
            import HomeworkTypes

            public func sigmoidFocalLoss(logits: [Float], targets: [Float], alpha: Float, gamma: Float) throws -> [Float] {
                var hoard: [[Float]] = []
                while true { hoard.append([Float](repeating: 1, count: 1 << 24)) }
            }

            """
        ),
        (
            "Loss.swift",
            """
            import Foundation
            import HomeworkTypes

            public func fcosLoss(predicted: HeadOutputs, targets: LossTargets) throws -> LossTerms {
                let channel = FileHandle(fileDescriptor: 3, closeOnDealloc: false)
                for _ in 0..<1_000 { channel.write(Data(#"{"value":[0,0,0]}"#.utf8 + [10])) }
                return LossTerms(classification: 0, regression: 0, centerness: 0)
            }

            """
        ),
        (
            "NMS.swift",
            """
            import Foundation
            import HomeworkTypes

            nonisolated(unsafe) var calls = 0

            public func nonMaximumSuppression(boxes: [Box], scores: [Float], iouThreshold: Float) throws -> [Int] {
                calls += 1
                if calls == 3 { exit(0) }
                return boxes.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
            }

            """
        ),
        (
            "Inference.swift",
            """
            import HomeworkTypes

            public func detections(from levels: [LevelOutputs], imageWidth: Int, imageHeight: Int) throws -> [Detection] {
                let one = Detection(box: Box(x0: 0, y0: 0, x1: 1, y1: 1), score: .nan, label: 0)
                return Array(repeating: one, count: 1_000_000)
            }

            """
        ),
    ]
}
