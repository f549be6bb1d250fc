import FCOS

/// One part's source file in the student package: the signature, a doc comment with the task
/// and this course's rule (derived from the preset's ``AssignmentRules``, with a worked example
/// computed by the toolkit), and either the not-attempted marker or the answer key.
///
/// The answer key is plain code on `HomeworkTypes`, the preset's rules written in as constants
/// (see ``PartTemplate+Solutions.swift``): it compiles where students' code compiles, in the
/// grader's clean package, and so shows that the task can be done without the toolkit.
struct PartTemplate {
    var part: Part
    var course: Course

    var rules: AssignmentRules { course.rules }

    func source(solution: Bool) -> String {
        let doc = PartTemplate.wrap(documentation).map { $0.isEmpty ? "///" : "/// " + $0 }.joined(
            separator: "\n")
        let bodies = solution ? solutions : starters
        let functions = zip(signatures, bodies).map { signature, body in
            "\(signature) {\n\(body.map { "    " + $0 }.joined(separator: "\n"))\n}"
        }
        // The answer key's maths needs exp, log and pow; students add the import when they do.
        var text =
            solution && (part == .focalLoss || part == .loss || part == .inference)
            ? "import Foundation\nimport HomeworkTypes\n\n" : "import HomeworkTypes\n\n"
        if signatures.count > 1 {
            text +=
                doc + "\n" + functions[0] + "\n\n"
                + secondaryDocumentation.map { "/// " + $0 }.joined(separator: "\n")
                + "\n" + functions[1] + "\n"
        } else {
            text += doc + "\n" + functions[0] + "\n"
        }
        return text
    }

    /// Doc-comment paragraphs wrapped to 100 columns: list items get a hanging indent, and lines
    /// indented by four spaces (formulas) are kept as they are.
    static func wrap(_ lines: [String], width: Int = 100) -> [String] {
        var result: [String] = []
        for line in lines {
            if line.isEmpty || line.hasPrefix("    ") || line.count <= width {
                result.append(line)
                continue
            }
            let leading = line.prefix { $0 == " " }.count
            var hanging = leading
            if let marker = line.dropFirst(leading).split(separator: " ", maxSplits: 1).first,
                marker == "-" || marker.hasSuffix(".") && marker.dropLast().allSatisfy(\.isNumber)
            {
                hanging += marker.count + 1
            }
            var current = ""
            for word in line.split(separator: " ") {
                let candidate =
                    current.isEmpty ? String(repeating: " ", count: leading) + word : current + " " + word
                if candidate.count > width, !current.isEmpty {
                    result.append(current)
                    current = String(repeating: " ", count: hanging) + word
                } else {
                    current = candidate
                }
            }
            if !current.isEmpty { result.append(current) }
        }
        return result
    }

    var number: Int { Part.allCases.firstIndex(of: part)! + 1 }
    var heading: String { "Part \(number): \(part.title.lowercased())" }
    var presetLine: String {
        "This course follows preset `\(course.presetName)`: \(course.preset.summary)."
    }

    var signatures: [String] {
        switch part {
        case .locations:
            return ["public func fpnLocations(width: Int, height: Int, stride: Int) throws -> [Point]"]
        case .matching:
            return [
                "public func matchLocations(_ locations: [Point], level: FeatureLevel, boxes: [Box]) throws -> [Int]"
            ]
        case .deltas:
            return [
                "public func deltas(from location: Point, to box: Box, stride: Int) throws -> LTRB",
                "public func applyDeltas(_ deltas: LTRB, at location: Point, stride: Int) throws -> Box",
            ]
        case .centerness: return ["public func centerness(of deltas: LTRB) throws -> Float"]
        case .focalLoss:
            return [
                "public func sigmoidFocalLoss(logits: [Float], targets: [Float], alpha: Float, gamma: Float) throws -> [Float]"
            ]
        case .loss: return [lossSignature]
        case .nms:
            return [
                "public func nonMaximumSuppression(boxes: [Box], scores: [Float], iouThreshold: Float) throws -> [Int]"
            ]
        case .inference: return [PartTemplate.inferenceSignature]
        }
    }

    var starters: [[String]] {
        switch part {
        case .locations:
            return [[#"try notAttempted("TODO: return the image location of every feature-map cell")"#]]
        case .matching: return [[#"try notAttempted("TODO: pick the box each location regresses, or -1")"#]]
        case .deltas:
            return [
                [#"try notAttempted("TODO: compute (l*, t*, r*, b*) from the location to the box")"#],
                [#"try notAttempted("TODO: turn (l, t, r, b) at a location back into a box")"#],
            ]
        case .centerness: return [[#"try notAttempted("TODO: compute the centerness target")"#]]
        case .focalLoss: return [[#"try notAttempted("TODO: compute the element-wise sigmoid focal loss")"#]]
        case .loss: return [[#"try notAttempted("TODO: compute the three normalised loss terms")"#]]
        case .nms: return [[#"try notAttempted("TODO: keep the best boxes, suppress their overlaps")"#]]
        case .inference:
            return [
                [
                    #"try notAttempted("TODO: turn the head's outputs into scored, clipped, NMS-ed detections")"#
                ]
            ]
        }
    }

    var documentation: [String] {
        switch part {
        case .locations: return locationsText
        case .matching: return matchingText
        case .deltas: return deltasText
        case .centerness: return centernessText
        case .focalLoss: return focalLossText
        case .loss: return lossText
        case .nms: return nmsText
        case .inference: return inferenceText
        }
    }

    var secondaryDocumentation: [String] {
        let units = rules.regressionUnits == .stride ? "multiplied by the stride, " : ""
        var lines = [
            "The inverse of `deltas(from:to:stride:)`: the box whose sides lie at the given distances from",
            "`location`, distances \(units)that is (x − l, y − t, x + r, y + b) in pixels. Inference",
            "decodes the network's regression output this way.",
        ]
        if course.preset.postProcessing.clampNegativeRegression {
            lines += [
                "",
                "A network can output a negative distance, which would put a side beyond the location.",
                "This course's preset, `\(course.presetName)`, clips them: replace each negative distance by 0",
                "first.",
            ]
        }
        return lines
    }

    var locationsText: [String] {
        let s = rules.levels[0].stride
        let example = FeatureMap(
            level: rules.levels[0], width: 2, height: 2, stepX: s, stepY: s, offset: rules.locationOffset
        ).locations
        return [
            "\(heading) (paper §3.1).",
            "",
            "A level with stride `s` turns the input image into a feature map of `width × height` cells.",
            "Each cell, row `i` and column `j`, stands for one point of the image, its *location*, and",
            "every prediction the cell makes is relative to that point. Return the location of every cell",
            "in image pixels, row by row with x changing fastest: element `i·width + j` is row `i`,",
            "column `j`. A map with no cells has no locations.",
            "",
            presetLine,
            "Its locations are at \(RuleText.locationFormula(rules.locationOffset)).",
            "",
            "Example: `fpnLocations(width: 2, height: 2, stride: \(s))` returns",
            "`[\(example.map(Wording.point).joined(separator: ", "))]`.",
        ]
    }

    var matchingText: [String] {
        [
            "\(heading) (paper §3.2).",
            "",
            "For the locations of one FPN level, decide which ground-truth box each location learns to",
            "regress. Return one box index per location, in the order given, and −1 for background.",
            "With l* = x − x0, t* = y − y0, r* = x1 − x, b* = y1 − y for a location (x, y) and a box",
            "(x0, y0, x1, y1), a box is a candidate at a location when",
            "",
            "1. the location is strictly inside it: min(l*, t*, r*, b*) > 0 (a location on an edge is not);",
            "2. m = max(l*, t*, r*, b*) lies in the level's range `level.sizeRange`, which keeps small",
            "   boxes on fine levels and large boxes on coarse ones.",
            "",
            "Several candidates make the location ambiguous; step 3 picks one.",
            "",
            presetLine,
            "- Step 1: \(RuleText.centerSampling(rules.centerSampling))",
            "- Step 2: \(RuleText.gateInequality(rules.sizeGate)). The ranges: \(RuleText.levelRanges(rules)).",
            "- Step 3: \(RuleText.ambiguity(rules))",
            "",
            "The grader passes the reference locations, so this part does not depend on part 1.",
        ]
    }

    var deltasText: [String] {
        let s = rules.levels[0].stride
        let p = Point(x: 12, y: 20)
        let box = Box(x0: 4, y0: 8, x1: 60, y1: 40)
        let d = RegressionDeltas.encode(box, at: p, stride: Float(s), units: rules.regressionUnits)
        return [
            "\(heading) (paper Eq. 1).",
            "",
            "A positive location learns the distances from itself to the four sides of its box:",
            "(l*, t*, r*, b*) = (x − x0, y − y0, x1 − x, y1 − y). Outside the box some of them are negative;",
            "return them anyway.",
            "",
            presetLine,
            "The distances are \(RuleText.units(rules.regressionUnits)).",
            "",
            "Example: `deltas(from: (12, 20), to: (4, 8, 60, 40), stride: \(s))` returns \(Wording.ltrb(d)).",
        ]
    }

    var centernessText: [String] {
        let d = LTRB(l: 10, t: 20, r: 30, b: 40)
        return [
            "\(heading) (paper Eq. 3).",
            "",
            "Centerness tells how close to its box's centre a positive location is: 1 at the centre, falling",
            "towards 0 near the edges. At test time it multiplies the class score, so boxes predicted from",
            "off-centre locations rank lower. For distances (l*, t*, r*, b*) it is the square root of",
            "(min(l*, r*) / max(l*, r*)) · (min(t*, b*) / max(t*, b*)). The ratio does not depend on units,",
            "so pixels and stride-normalised distances give the same value. If any distance is 0 or less",
            "(a location on or outside an edge), return 0.",
            "",
            "Example: `centerness(of: LTRB(l: 10, t: 20, r: 30, b: 40))` returns \(Wording.number(Centerness.value(d))).",
        ]
    }

    var focalLossText: [String] {
        [
            "\(heading) (paper Eq. 2, from RetinaNet).",
            "",
            "The classification loss of every location and class, element by element (no sum, no mean).",
            "For a logit x with target z ∈ {0, 1}, p = σ(x) = 1 / (1 + exp(−x)):",
            "",
            "    p_t  = p·z + (1 − p)·(1 − z)",
            "    BCE  = −z·log p − (1 − z)·log(1 − p)",
            "    FL   = α_t · (1 − p_t)^γ · BCE,  with α_t = α·z + (1 − α)·(1 − z)",
            "",
            "The factor (1 − p_t)^γ silences the many easy background locations. A negative α (the",
            "convention is −1) means no α weighting at all. Logits can be as large as ±100: compute BCE",
            "in a form that cannot overflow, max(x, 0) − x·z + log(1 + exp(−|x|)). (`exp`, `log` and",
            "`pow` come with `import Foundation`.)",
        ]
    }

    var nmsText: [String] {
        [
            "\(heading) (inference, paper §4.1).",
            "",
            "Visit the boxes from the highest score down (equal scores in index order). Keep a box unless",
            "its IoU with a box kept earlier is greater than `iouThreshold`, strictly; suppressed boxes",
            "suppress nothing. Return the kept indices in the order they were kept.",
            "",
            presetLine,
            RuleText.nmsWidths(rules.areaConvention),
        ]
    }
}
