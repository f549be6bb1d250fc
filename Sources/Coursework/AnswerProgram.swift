/// The `main.swift` of the answering child: it reads the grader's calls (one JSON object per
/// line), calls the student's functions and writes each raw answer as one line, flushed at
/// once, so the grader knows how far it got if it stops.
///
/// It decides nothing. The grader, in its own process, compares the answers with the
/// reference; the child never sees the reference, the points or the report, and whatever it
/// prints is discarded. It is generated for the course's parts only, since a package has no
/// functions for the others.
struct AnswerProgram {
    var parts: [Part]

    var source: String {
        var cases: [String] = []
        for part in parts {
            switch part {
            case .locations:
                cases.append(
                    """
                        case "fpnLocations":
                            return try points(fpnLocations(width: call.int("width"), height: call.int("height"), stride: call.int("stride")))
                    """)
            case .matching:
                cases.append(
                    """
                        case "matchLocations":
                            let level = call.object("level")
                            let feature = FeatureLevel(
                                name: level["name"] as? String ?? "", stride: (level["stride"] as? NSNumber)?.intValue ?? 0,
                                sizeRange: SizeRange(lower: number(level["lower"]), upper: number(level["upper"])))
                            return try integers(matchLocations(call.points("locations"), level: feature, boxes: call.boxes("boxes")))
                    """)
            case .deltas:
                cases.append(
                    """
                        case "deltas":
                            let d = try deltas(from: call.point("location"), to: call.box("box"), stride: call.int("stride"))
                            return numbers([d.l, d.t, d.r, d.b])
                        case "applyDeltas":
                            let v = call.numbers("deltas")
                            let b = try applyDeltas(
                                LTRB(l: v[0], t: v[1], r: v[2], b: v[3]), at: call.point("location"), stride: call.int("stride"))
                            return numbers([b.x0, b.y0, b.x1, b.y1])
                    """)
            case .centerness:
                cases.append(
                    """
                        case "centerness":
                            let v = call.numbers("deltas")
                            return text(try centerness(of: LTRB(l: v[0], t: v[1], r: v[2], b: v[3])))
                    """)
            case .focalLoss:
                cases.append(
                    """
                        case "sigmoidFocalLoss":
                            return numbers(
                                try sigmoidFocalLoss(
                                    logits: call.numbers("logits"), targets: call.numbers("targets"),
                                    alpha: number(call.fields["alpha"]), gamma: number(call.fields["gamma"])))
                    """)
            case .loss:
                cases.append(
                    """
                        case "fcosLoss":
                            func ltrbs(_ v: [Float]) -> [LTRB] {
                                stride(from: 0, to: v.count - 3, by: 4).map { LTRB(l: v[$0], t: v[$0 + 1], r: v[$0 + 2], b: v[$0 + 3]) }
                            }
                            func ints(_ key: String) -> [Int] { (call.fields[key] as? [Any] ?? []).map { ($0 as? NSNumber)?.intValue ?? 0 } }
                            let terms = try fcosLoss(
                                predicted: HeadOutputs(
                                    classLogits: call.numbers("classLogits"), classCount: call.int("classCount"),
                                    boxRegression: ltrbs(call.numbers("regression")), centernessLogits: call.numbers("centernessLogits")),
                                targets: LossTargets(
                                    classes: ints("classTargets"), deltas: ltrbs(call.numbers("regressionTargets")),
                                    boxes: call.boxes("boxes"), locations: call.points("locations"), strides: ints("strides"),
                                    boxCount: call.int("boxCount")))
                            return numbers([terms.classification, terms.regression, terms.centerness])
                    """)
            case .nms:
                cases.append(
                    """
                        case "nonMaximumSuppression":
                            return integers(
                                try nonMaximumSuppression(
                                    boxes: call.boxes("boxes"), scores: call.numbers("scores"),
                                    iouThreshold: number(call.fields["iouThreshold"])))
                    """)
            case .inference:
                cases.append(
                    """
                        case "detections":
                            let levels = (call.fields["levels"] as? [Any] ?? []).map { item -> LevelOutputs in
                                let level = Call(fields: item as? [String: Any] ?? [:])
                                let rows = level.fields["classLogits"] as? [Any] ?? []
                                return LevelOutputs(
                                    locations: level.points("locations"), stride: level.int("stride"),
                                    classLogits: rows.map { ($0 as? [Any] ?? []).map(number) },
                                    boxRegression: level.boxes("boxRegression").map { LTRB(l: $0.x0, t: $0.y0, r: $0.x1, b: $0.y1) },
                                    centernessLogits: level.numbers("centernessLogits"))
                            }
                            let found = try detections(from: levels, imageWidth: call.int("imageWidth"), imageHeight: call.int("imageHeight"))
                            return "[" + found.map { d in
                                "[\\(text(d.box.x0)),\\(text(d.box.y0)),\\(text(d.box.x1)),\\(text(d.box.y1)),\\(text(d.score)),\\(d.label)]"
                            }.joined(separator: ",") + "]"
                    """)
            }
        }
        return """
            // Written by `fcos course`; you do not need to read or edit it, and the grader uses its own
            // copy. It runs your functions on the grader's inputs and writes what they return, one line
            // per call. It does not grade: the grader compares the answers in another process.
            import Foundation
            import Homework
            import HomeworkTypes

            struct Call {
                var fields: [String: Any]
                func int(_ key: String) -> Int { (fields[key] as? NSNumber)?.intValue ?? 0 }
                func object(_ key: String) -> [String: Any] { fields[key] as? [String: Any] ?? [:] }
                func numbers(_ key: String) -> [Float] { (fields[key] as? [Any] ?? []).map(number) }
                func point(_ key: String) -> Point {
                    let v = numbers(key)
                    return Point(x: v[0], y: v[1])
                }
                func box(_ key: String) -> Box {
                    let v = numbers(key)
                    return Box(x0: v[0], y0: v[1], x1: v[2], y1: v[3])
                }
                func points(_ key: String) -> [Point] {
                    (fields[key] as? [Any] ?? []).map { let v = ($0 as? [Any] ?? []).map(number); return Point(x: v[0], y: v[1]) }
                }
                func boxes(_ key: String) -> [Box] {
                    (fields[key] as? [Any] ?? []).map {
                        let v = ($0 as? [Any] ?? []).map(number)
                        return Box(x0: v[0], y0: v[1], x1: v[2], y1: v[3])
                    }
                }
            }

            func number(_ value: Any?) -> Float {
                if let text = value as? String { return Float(text) ?? .nan }
                return Float((value as? NSNumber)?.doubleValue ?? .nan)
            }
            func text(_ x: Float) -> String { x.isFinite ? "\\(x)" : "\\"\\(x)\\"" }
            func numbers(_ xs: [Float]) -> String { "[" + xs.map(text).joined(separator: ",") + "]" }
            func integers(_ xs: [Int]) -> String { "[" + xs.map(String.init).joined(separator: ",") + "]" }
            func points(_ ps: [Point]) -> String { "[" + ps.map { "[\\(text($0.x)),\\(text($0.y))]" }.joined(separator: ",") + "]" }
            func quoted(_ s: String) -> String {
                String(decoding: (try? JSONEncoder().encode(String(s.prefix(400)))) ?? Data("\\"\\"".utf8), as: UTF8.self)
            }

            func answer(_ call: Call) throws -> String {
                switch call.fields["function"] as? String ?? "" {
            \(cases.joined(separator: "\n"))
                default:
                    throw NotAttempted("this part is not in the course")
                }
            }

            let arguments = CommandLine.arguments
            if arguments.count == 2, arguments[1] == "--probe" { exit(0) }
            // The answers go to descriptor 3, which the grader opened; stdout is yours to print to.
            let output = FileHandle(fileDescriptor: 3, closeOnDealloc: false)
            guard arguments.count == 2, let input = FileManager.default.contents(atPath: arguments[1]) else {
                FileHandle.standardError.write(Data("usage: answer CALLS.jsonl 3>ANSWERS.jsonl\\n".utf8))
                exit(2)
            }
            for request in input.split(separator: UInt8(ascii: "\\n")) {
                let line: String
                if let fields = try? JSONSerialization.jsonObject(with: Data(request)) as? [String: Any] {
                    do {
                        line = "{\\"value\\":" + (try answer(Call(fields: fields))) + "}"
                    } catch let marker as NotAttempted {
                        line = "{\\"notAttempted\\":" + quoted(marker.task) + "}"
                    } catch {
                        line = "{\\"error\\":" + quoted(String(describing: error)) + "}"
                    }
                } else {
                    line = "{\\"error\\":\\"the grader's call could not be read\\"}"
                }
                output.write(Data((line + "\\n").utf8))
            }
            exit(0)

            """
    }
}
