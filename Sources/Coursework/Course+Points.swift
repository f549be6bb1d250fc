extension Course {
    /// Reads `fcos course init --points`: either `part=points` pairs (`matching=40,nms=10`; parts
    /// not named keep their default) or one number per chosen part, in course order
    /// (`10,40,15`). The result is checked against `parts` like ``pointsProblem``; a failure is the
    /// one line the command prints.
    public static func parsePoints(_ text: String, parts: [Part]) -> Result<[Part: Int], PointsError> {
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard !items.isEmpty, !items.contains(where: \.isEmpty) else {
            return .failure(PointsError("give part=points pairs (matching=40,nms=10) or one number per part"))
        }
        var points: [Part: Int] = [:]
        if items.allSatisfy({ !$0.contains("=") }) {
            guard items.count == parts.count else {
                return .failure(
                    PointsError(
                        "\(items.count) numbers for \(parts.count) parts "
                            + "(\(parts.map(\.rawValue).joined(separator: ","))); "
                            + "give one number per part or part=points pairs"))
            }
            for (part, item) in zip(parts.sorted(), items) {
                guard let value = Int(item) else {
                    return .failure(PointsError("'\(item)' is not a whole number"))
                }
                points[part] = value
            }
        } else {
            for item in items {
                let pair = item.split(separator: "=", maxSplits: 1).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                guard pair.count == 2 else {
                    return .failure(PointsError("'\(item)' is not part=points (e.g. matching=40)"))
                }
                guard let part = Part(rawValue: pair[0]) else {
                    return .failure(PointsError(Part.UnknownPart(name: pair[0]).description))
                }
                guard points[part] == nil else {
                    return .failure(PointsError("'\(part.rawValue)' is given twice"))
                }
                guard let value = Int(pair[1]) else {
                    return .failure(PointsError("'\(pair[1])' for '\(part.rawValue)' is not a whole number"))
                }
                points[part] = value
            }
        }
        let course = Course(preset: "official", parts: parts, points: points)
        if let problem = course.pointsProblem { return .failure(PointsError(problem)) }
        return .success(points)
    }

    /// Why `--points` cannot be used, in one line.
    public struct PointsError: Error, CustomStringConvertible, Sendable {
        /// The line for the terminal.
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// `result` scored out of this course's points for its part: a passed part earns them all, a
    /// not-attempted part none, a failed part the same share of its families as
    /// ``Grading/partialPoints`` gives (a failure with no cases graded earns none). The checks
    /// score out of the default table; this is the one place the instructor's choice applies.
    func scored(_ result: PartResult) -> PartResult {
        var scored = result
        let maximum = points(for: result.part)
        scored.maxPoints = maximum
        switch result.status {
        case .passed: scored.points = maximum
        case .notAttempted: scored.points = 0
        case .failed:
            scored.points =
                result.points == 0 && result.cases == 0
                ? 0 : Grading.partialPoints(maxPoints: maximum, families: result.families)
        }
        return scored
    }
}
