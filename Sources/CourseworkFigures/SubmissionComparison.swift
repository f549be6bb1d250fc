import Canvas
import Coursework
import FCOS
import Figures
import Foundation

/// The student's matching of one scene next to the reference's, per FPN level, with every
/// location where the two differ ringed.
///
/// Drawn with the toolkit's own figures, so a student's picture uses the same markers, colours
/// and legend as every lesson: ``overlay`` is a ``DisagreementPanels`` (both in one panel per
/// level), and the figure itself stacks two ``LevelPanels`` (yours above, the reference below)
/// for when the overlay is too dense. The student's assignment is the reference's with its
/// `matched` arrays replaced by the student's (the explanation, which only describes the
/// geometry, stays), so what differs between the two is exactly what the student did.
public struct SubmissionComparison: FigureDrawable {
    public var course: Course
    public var scene: CourseScene
    /// Per level, the student's box index per location; a level whose count is wrong is drawn as
    /// all background and ringed nowhere.
    public var studentMatched: [[Int]]
    public var panelWidth: Double = 330

    public init(course: Course, scene: CourseScene, studentMatched: [[Int]]) {
        self.course = course
        self.scene = scene
        self.studentMatched = studentMatched
    }

    public init(course: Course, evidence: MatchingEvidence) {
        self.init(course: course, scene: evidence.scene, studentMatched: evidence.matched)
    }

    var reference: Assignment {
        course.preset.matcher.assign(
            scene.groundTruths, imageWidth: scene.width, imageHeight: scene.height, explain: true)
    }

    /// Location indices where the student and the reference differ, per level.
    public var differing: [[Int]] {
        reference.levels.enumerated().map { k, level in
            guard k < studentMatched.count, studentMatched[k].count == level.matched.count else { return [] }
            return level.matched.indices.filter { Int(level.matched[$0]) != studentMatched[k][$0] }
        }
    }

    /// The reference assignment with the student's `matched` arrays.
    func student(from reference: Assignment) -> Assignment {
        var student = reference
        for k in student.levels.indices {
            let count = student.levels[k].matched.count
            let valid = k < studentMatched.count && studentMatched[k].count == count
            student.levels[k].matched =
                valid ? studentMatched[k].map { Int32(clamping: $0) } : Array(repeating: -1, count: count)
        }
        return student
    }

    /// Both in one panel per level: the toolkit's ``DisagreementPanels``, with a red halo around
    /// each ring so that a single differing P3 location (rings there are 3 px) is found at once.
    public var overlay: HaloedDisagreements {
        let reference = reference
        var panels = DisagreementPanels(
            first: student(from: reference), firstName: "your answer", second: reference,
            secondName: "the reference")
        panels.sides = .answerAndReference
        panels.viewport = viewport
        panels.panelWidth = panelWidth
        panels.title = "\(scene.name): your answer vs the reference"
        let regions = centerSamplingRegions(reference)
        if regions.contains(where: { !$0.isEmpty }) {
            panels.extraLegendEntries = [
                .init(
                    .line(HaloedDisagreements.regionInk, dash: [4, 3], width: 1.6),
                    "center-sampling region (strict: its edge is outside)")
            ]
        }
        return HaloedDisagreements(panels: panels, regions: regions)
    }

    /// Per level, the center-sampling regions behind a difference: for each differing location
    /// where a box contains it but its center-sampling region does not, that box's region, so
    /// the figure shows the edge the location fell on or outside of.
    func centerSamplingRegions(_ reference: Assignment) -> [[(box: Int, region: Box)]] {
        let notes = reference.explanation?.levels ?? []
        return differing.enumerated().map { k, indices in
            guard k < notes.count, k < reference.levels.count else { return [] }
            var regions: [(box: Int, region: Box)] = []
            for index in indices {
                guard let note = notes[k].first(where: { $0.index == index }) else { continue }
                for verdict in note.verdicts where verdict.rejection == .centerSampling {
                    guard !regions.contains(where: { $0.box == verdict.groundTruth }) else { continue }
                    let box = scene.boxes[verdict.groundTruth]
                    let region = course.rules.centerSampling.region(
                        for: box, stride: reference.levels[k].map.stride)
                    regions.append((verdict.groundTruth, region))
                }
            }
            return regions
        }
    }

    var halves: (yours: LevelPanels, theirs: LevelPanels, differing: [[Int]]) {
        let reference = reference
        let student = student(from: reference)
        let differing = differing
        let total = differing.reduce(0) { $0 + $1.count }
        var yours = LevelPanels(
            assignment: student, presetName: course.presetName, presetSummary: course.preset.summary)
        yours.title = "Your answer: \(scene.name)"
        yours.subtitle =
            total == 0
            ? "identical to the reference on every level"
            : "red rings: \(total) location\(total == 1 ? "" : "s") where your answer differs from the reference below"
        yours.panelWidth = panelWidth
        yours.viewport = viewport
        var theirs = LevelPanels(
            assignment: reference, presetName: course.presetName, presetSummary: course.preset.summary)
        theirs.title = "The reference: \(scene.name)"
        theirs.subtitle = "red rings: the same locations as above"
        theirs.panelWidth = panelWidth
        theirs.viewport = viewport
        return (yours, theirs, differing)
    }

    public var size: CGSize {
        let (yours, theirs, _) = halves
        return CGSize(
            width: max(yours.size.width, theirs.size.width), height: yours.size.height + theirs.size.height)
    }

    public func draw(in ctx: DrawingContext) {
        let (yours, theirs, differing) = halves
        yours.draw(in: ctx)
        ring(differing, on: yours, in: ctx)
        ctx.withSavedState {
            ctx.translate(x: 0, y: Double(yours.size.height))
            ctx.strokeLine(
                from: CGPoint(x: 20, y: 0), to: CGPoint(x: Double(theirs.size.width) - 20, y: 0), .gray(0.6),
                style: .solid(1))
            theirs.draw(in: ctx)
            ring(differing, on: theirs, in: ctx)
        }
    }

    /// A red ring, sized to the level's grid and wider than the black ring of an ambiguous
    /// positive, around each differing location.
    func ring(_ differing: [[Int]], on panels: LevelPanels, in ctx: DrawingContext) {
        let layout = panels.layout
        for (panel, level) in panels.assignment.levels.enumerated() where panel < layout.panels.count {
            let mapping = layout.mapping(panel: panel)
            let spacing = Double(level.map.stride) * mapping.scale
            let radius = min(max(0.7 * spacing, 4), 12)
            ctx.withClip(to: mapping.frame.insetBy(dx: -radius, dy: -radius)) {
                for index in differing[panel] {
                    let location = level.map.location(at: index)
                    guard mapping.shows(location, margin: Double(level.map.stride)) else { continue }
                    ctx.strokeCircle(
                        center: mapping.point(location), radius: radius, BoxColors.warning,
                        style: .solid(radius > 6 ? 2.4 : 1.8))
                }
            }
        }
    }

    /// The part of the image worth looking at: the boxes with a margin, or the whole image when
    /// they cover most of it. P3 locations are 8 px apart, so a 640-px image at panel size
    /// would draw them 4 px apart, too dense to tell a ring from its neighbours.
    var viewport: Box? {
        guard let first = scene.boxes.first else { return nil }
        var union = scene.boxes.dropFirst().reduce(first) {
            Box(x0: min($0.x0, $1.x0), y0: min($0.y0, $1.y0), x1: max($0.x1, $1.x1), y1: max($0.y1, $1.y1))
        }
        let margin = max(32, 0.15 * max(union.width, union.height))
        union = Box(
            x0: max(0, union.x0 - margin), y0: max(0, union.y0 - margin),
            x1: min(Float(scene.width), union.x1 + margin), y1: min(Float(scene.height), union.y1 + margin))
        let covered = union.area() / Float(scene.width * scene.height)
        return covered > 0.6 || union.isEmpty ? nil : union
    }
}

/// ``DisagreementPanels`` with a red halo, at least 7 px across, around every disagreement, and
/// the center-sampling regions a difference is about, dashed.
public struct HaloedDisagreements: FigureDrawable {
    public var panels: DisagreementPanels
    /// Per level (in the first assignment's order), regions to outline.
    public var regions: [[(box: Int, region: Box)]] = []

    public init(panels: DisagreementPanels, regions: [[(box: Int, region: Box)]] = []) {
        self.panels = panels
        self.regions = regions
    }

    static let regionInk = Color.gray(0.1)

    public var size: CGSize { panels.size }

    public func draw(in ctx: DrawingContext) {
        panels.draw(in: ctx)
        let layout = panels.layout
        for (panel, pair) in panels.comparedLevels.enumerated() {
            let mapping = layout.mapping(panel: panel)
            let map = panels.first.levels[pair.first].map
            let radius = min(max(0.9 * Double(map.stride) * mapping.scale, 7), 14)
            ctx.withClip(to: mapping.frame) {
                // Dark, not the box's colour: the region's edges run through that box's own dots.
                for (_, region) in pair.first < regions.count ? regions[pair.first] : [] {
                    ctx.strokeRect(
                        mapping.rect(region), Self.regionInk, style: .dashed(1.6, on: 4, off: 3))
                }
                for index in panels.disagreements(first: pair.first, second: pair.second) {
                    let location = map.location(at: index)
                    guard mapping.shows(location, margin: Double(map.stride)) else { continue }
                    ctx.strokeCircle(
                        center: mapping.point(location), radius: radius, BoxColors.warning.withAlpha(0.85),
                        style: .solid(2))
                }
            }
        }
    }
}
