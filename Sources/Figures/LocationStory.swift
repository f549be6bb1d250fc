import FCOS
import Foundation

/// The matcher's `Explanation` of one location as a few lines a student can read in a tooltip:
/// which level, where, what each box's tests said, and who won and why.
///
/// ```
/// P4 · stride 16 · (200, 136) · 64 ≤ m ≤ 128
/// #0 person: l* 40, t* 56, r* 88, b* 120 · m = 120 ✓ · center region ✓
/// #1 racket: l* 8, t* 4, r* 20, b* 30 · m = 30 ✗ needs m ≥ 64
/// → positive of #0 person
/// ```
///
/// The lines follow the paper's three rules in the order the lessons teach them (inside the box,
/// size gate with center sampling, smallest area), and use the same numbers the matcher compared,
/// so a tooltip can never disagree with the figure it sits on.
public struct LocationStory: Sendable {
    /// The level the story's locations lie on.
    public var level: FeatureLevel
    /// The level's stride, which places its locations.
    public var stride: Int
    /// The rules the matcher applied, so the story repeats its comparisons.
    public var rules: AssignmentRules
    /// The boxes, named `#i class` in the lines.
    public var groundTruths: [GroundTruth]

    /// A story teller for one level under `rules`.
    public init(level: FeatureLevel, stride: Int, rules: AssignmentRules, groundTruths: [GroundTruth]) {
        self.level = level
        self.stride = stride
        self.rules = rules
        self.groundTruths = groundTruths
    }

    /// The story of `location`, one line per fact.
    public func lines(_ location: LocationExplanation) -> [String] {
        let p = location.location
        var lines = [
            "\(level.name) · stride \(stride) · (\(NumberText.format(p.x)), \(NumberText.format(p.y))) · "
                + NumberText.sizeRange(level.sizeRange, gate: rules.sizeGate)
        ]
        lines += location.verdicts.map(verdictLine)
        lines.append(outcome(location))
        return lines
    }

    /// The story as one string with a line break between facts, as an SVG `<title>` shows it.
    public func text(_ location: LocationExplanation) -> String {
        lines(location).joined(separator: "\n")
    }

    func boxLabel(_ g: Int) -> String {
        BoxColors.label(forBox: g, in: groundTruths)
    }

    func verdictLine(_ verdict: GroundTruthVerdict) -> String {
        let d = verdict.ltrb
        var line =
            "\(boxLabel(verdict.groundTruth)): l* \(NumberText.format(d.l)), t* \(NumberText.format(d.t)), "
            + "r* \(NumberText.format(d.r)), b* \(NumberText.format(d.b))"
        if verdict.isCrowd {
            return line + " · crowd region, never matched"
        }
        line += " · m = \(NumberText.format(verdict.m)) " + gateVerdict(verdict)
        if rules.centerSampling.radius != nil {
            line +=
                verdict.passesCenterSampling
                ? " · center region ✓"
                : " · ✗ outside its center region"
        }
        return line
    }

    /// `✓` (in the level's range, which the first line gives), or the bound that failed as the
    /// gate writes it: `✗ needs m ≤ 64` (inclusive gate), `✗ needs m < 64` (strict), so a location
    /// with exactly `m = 64` reads right under both.
    func gateVerdict(_ verdict: GroundTruthVerdict) -> String {
        if verdict.passesSizeGate { return "✓" }
        let range = level.sizeRange
        switch rules.sizeGate {
        case .inclusive:
            return verdict.m > range.upper
                ? "✗ needs m ≤ \(NumberText.format(range.upper))"
                : "✗ needs m ≥ \(NumberText.format(range.lower))"
        case .strict:
            return verdict.m >= range.upper
                ? "✗ needs m < \(NumberText.format(range.upper))"
                : "✗ needs m > \(NumberText.format(range.lower))"
        }
    }

    /// The last line: background (the ✗ above say why), or the winner and, when several boxes
    /// qualified, why it won.
    func outcome(_ location: LocationExplanation) -> String {
        let candidates = location.candidates
        guard let winner = location.winner else {
            return "→ background"
        }
        let name = "→ positive of \(boxLabel(winner))"
        guard candidates.count > 1 else { return name }
        return name + ": " + ambiguityReason(winner: winner, candidates: candidates, in: location)
    }

    /// Why the winner beat the other candidates under the preset's `AmbiguityRule`, naming the
    /// areas compared; a tie on the compared number goes to the lower index (the references'
    /// `min`/`max` along the box dimension).
    func ambiguityReason(winner: Int, candidates: [Int], in location: LocationExplanation) -> String {
        let verdicts = Dictionary(uniqueKeysWithValues: location.verdicts.map { ($0.groundTruth, $0) })
        let area: (Int) -> String = { g in
            NumberText.format(self.groundTruths[g].box.area(self.rules.areaConvention)) + " px²"
        }
        let others = candidates.filter { $0 != winner }
        let tied = others.filter { verdicts[$0]?.key == verdicts[winner]?.key }
        let areas = ([winner] + others).map { "\(area($0))" }.joined(separator: " vs ")
        if !tied.isEmpty {
            let names = ([winner] + tied).map { "#\($0)" }.joined(separator: " and ")
            let compared: String =
                switch rules.ambiguity {
                case .minimumArea: "equal areas"
                case .float32Rank: "the same float32 1e8 − area"
                }
            return "\(names) tie on \(compared) (\(areas)); the lower index wins"
        }
        let smaller = others.count == 1 ? "the smaller area" : "the smallest area"
        return "#\(winner) has \(smaller) (\(areas))"
    }
}
