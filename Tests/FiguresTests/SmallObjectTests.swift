import ATSS
import Canvas
import FCOS
import Foundation
import Testing

@testable import Figures

/// Which boxes get an inset, judged by how large their positives look, with geometry worked out
/// by hand.
@Suite("Insets follow the positives")
struct InsetGroundsTests {
    /// 0.5 figure px per image px, panel 400 × 300.
    static let panel = ImageMapping(
        viewport: CGRect(x: 0, y: 0, width: 800, height: 600),
        frame: CGRect(x: 0, y: 0, width: 400, height: 300))

    @Test func aLargeBoxWithATightClusterOfFineLocationsGetsAnInset() throws {
        // A 300-px box (150 px on screen) whose positives cover 40 × 24 px at stride 8: on screen
        // 20 × 12 px, 4 px apart: a blob.
        let subject = InsetZoom.Subject(
            index: 3, box: Box(x0: 100, y0: 100, x1: 400, y1: 400),
            marks: Box(x0: 200, y0: 200, x1: 240, y1: 224), pitch: 8)
        #expect(subject.region(zoom: .automatic, scale: 0.5) == subject.marks)
        let plan = try #require(InsetZoom.automatic.plan(subjects: [subject], panel: Self.panel))
        #expect(plan.boxes == [3])
        #expect(plan.magnification >= 2)
        let marks = try #require(subject.marks)
        #expect(marks.isInside(plan.source))
        // Judged by the box alone, as before, it gets none.
        #expect(InsetZoom.automatic.plan(boxes: [(3, subject.box)], panel: Self.panel) == nil)
    }

    @Test func coarseMarksReadWithoutAnInsetHoweverFewTheyAre() {
        // One P6 cell (64 px) is 32 px on screen: under 40 px, but a plain 32-px dot.
        let single = InsetZoom.Subject(
            index: 0, box: Box(x0: 100, y0: 100, x1: 500, y1: 500),
            marks: Box(x0: 268, y0: 268, x1: 332, y1: 332), pitch: 64)
        #expect(single.region(zoom: .automatic, scale: 0.5) == nil)
        // 20 px apart (pitch 40 image px) is readable too; 18 px (36) is not.
        var spaced = single
        spaced.marks = Box(x0: 200, y0: 200, x1: 260, y1: 260)
        spaced.pitch = 20 / 0.5
        #expect(spaced.region(zoom: .automatic, scale: 0.5) == nil)
        spaced.pitch = 9 / 0.5
        #expect(spaced.region(zoom: .automatic, scale: 0.5) == spaced.marks)
        // A wide cluster (80 px on screen) reads as a region, however fine its grid.
        var wide = single
        wide.marks = Box(x0: 100, y0: 200, x1: 260, y1: 216)
        wide.pitch = 8
        #expect(wide.region(zoom: .automatic, scale: 0.5) == nil)
    }

    @Test func aSmallBoxIsShownWholeWithItsMarks() {
        // 60 px box = 30 px on screen; its one P3 cell spills 2 px past its left edge.
        let subject = InsetZoom.Subject(
            index: 1, box: Box(x0: 400, y0: 300, x1: 460, y1: 360),
            marks: Box(x0: 398, y0: 326, x1: 406, y1: 334), pitch: 8)
        #expect(
            subject.region(zoom: .automatic, scale: 0.5) == Box(x0: 398, y0: 300, x1: 460, y1: 360))
        #expect(InsetZoom.off.plan(subjects: [subject], panel: Self.panel) == nil)
    }

    @Test func theSmallestLookingSubjectWinsAndTheInsetStaysInsideTheImage() throws {
        let big = InsetZoom.Subject(
            index: 0, box: Box(x0: 0, y0: 0, x1: 300, y1: 300), marks: Box(x0: 20, y0: 20, x1: 70, y1: 60),
            pitch: 8)
        let tiny = InsetZoom.Subject(
            index: 5, box: Box(x0: 2, y0: 2, x1: 22, y1: 22), marks: Box(x0: 4, y0: 4, x1: 20, y1: 20),
            pitch: 8)
        let plan = try #require(InsetZoom.automatic.plan(subjects: [big, tiny], panel: Self.panel))
        #expect(plan.boxes.contains(5))
        // Centred on the tiny box at the image's corner, the source is pushed back inside.
        #expect(plan.source.x0 >= 0 && plan.source.y0 >= 0)
        #expect(tiny.box.isInside(plan.source))
    }

    @Test func aSmallBoxComesBeforeALargeBoxsLonePositive() throws {
        // A 400-px bowl's single P3 cell (4 px on screen) looks smaller than a 60-px carrot
        // (30 px on screen) with its cluster, but the small object is what the panel loses.
        let lone = InsetZoom.Subject(
            index: 0, box: Box(x0: 0, y0: 0, x1: 400, y1: 400),
            marks: Box(x0: 100, y0: 100, x1: 108, y1: 108),
            pitch: 8)
        let carrot = InsetZoom.Subject(
            index: 1, box: Box(x0: 600, y0: 300, x1: 660, y1: 350),
            marks: Box(x0: 610, y0: 310, x1: 650, y1: 340), pitch: 8)
        let scale = Self.panel.scale
        let first = try #require(lone.urgency(zoom: .automatic, scale: scale))
        let second = try #require(carrot.urgency(zoom: .automatic, scale: scale))
        #expect(second < first)
        let plan = try #require(InsetZoom.automatic.plan(subjects: [lone, carrot], panel: Self.panel))
        #expect(plan.boxes == [1])
    }

    @Test func nearbySmallClustersShareOneInsetWhileTheirMarksStayApart() throws {
        // Three 16-px clusters (8 px on screen, 4 px apart) in a 700-px box: A and B 40 px apart
        // share a ×5 inset (marks 21 px apart there); C, 500 px away, would shrink it below ×2.
        let box = Box(x0: 0, y0: 0, x1: 700, y1: 500)
        let cluster = { (i: Int, x: Float, y: Float) in
            InsetZoom.Subject(index: i, box: box, marks: Box(x0: x, y0: y, x1: x + 16, y1: y + 16), pitch: 8)
        }
        let plan = try #require(
            InsetZoom.automatic.plan(
                subjects: [cluster(0, 100, 100), cluster(1, 140, 100), cluster(2, 600, 400)],
                panel: Self.panel))
        #expect(plan.boxes == [0, 1])
        #expect(abs(plan.magnification - 189.0 / 72 / 0.5) < 1e-6)
    }

    /// Lesson 3's tennis scene at its 400-px panels: the racket (#1) is 64 × 82 px on screen, but
    /// its twelve P4 positives (x 632…712, y 248 and 264) cover 96 × 32 image px, 36 × 12 px on
    /// screen, 6 px apart. P4 gets an inset on them; P5's cluster, 12 px apart, gets none.
    @Test func theRacketsP4ClusterIsMagnified() throws {
        var panels = try Fixtures.panels("tennis")
        panels.panelWidth = 400
        let layout = panels.layout
        let p4 = try #require(panels.insetPlan(level: 1, mapping: layout.mapping(panel: 1), muted: []))
        #expect(p4.boxes == [1])
        let level = panels.assignment.levels[1]
        let racket = level.matched.indices.filter { level.matched[$0] == 1 }
        #expect(racket.count == 12)
        for index in racket {
            #expect(p4.mapping.shows(level.map.location(at: index)))
        }
        #expect(p4.magnification >= 3)
        #expect(panels.insetPlan(level: 2, mapping: layout.mapping(panel: 2), muted: []) == nil)
    }
}

@Suite("Distinct colours in focus")
struct BoxColoringTests {
    @Test func boxesThatShareAColourAreTornApart() {
        let coloring = BoxColoring.distinct([2, 28])
        #expect(coloring.slot(forBox: 2) == 2)
        #expect(coloring.slot(forBox: 28) == 0)
        #expect(BoxColoring.usual.slot(forBox: 28) == 2)
    }

    @Test func confusableHuesAreTornApartToo() {
        // #25 (purple, 12) and #30 (reddish purple, 4) differ by ΔE 26: #30 moves to blue.
        let coloring = BoxColoring.distinct([25, 30])
        #expect(coloring.slot(forBox: 25) == 12)
        #expect(coloring.slot(forBox: 30) == 0)
        // Boxes whose colours already differ keep them.
        #expect(BoxColoring.distinct([0, 1, 3, 14]).reassigned == [14: 2])
    }

    /// Every set of up to nine boxes (the focus limit is eight) gets pairwise distinct entries,
    /// none confusable with another: checked over every arithmetic run `start + step·k` of up
    /// to nine indices below 300, which includes the worst cases (every index on one entry, step
    /// 13) and runs through each pair of confusable entries.
    @Test func focusedBoxesNeverLookAlike() {
        var sets: [Set<Int>] = []
        for size in 1...9 {
            for start in 0..<26 {
                for step in 1...30 { sets.append(Set((0..<size).map { start + step * $0 })) }
            }
        }
        for set in sets {
            let coloring = BoxColoring.distinct(set)
            let slots = set.map(coloring.slot(forBox:))
            #expect(Set(slots).count == set.count, "\(set.sorted())")
            for a in slots {
                for b in slots where a < b {
                    #expect(!BoxColoring.areConfusable(a, b), "\(set.sorted()): \(a) and \(b)")
                }
            }
        }
    }

    @Test func thirteenBoxesUseTheWholePalette() {
        let set = Set((0..<13).map { 13 * $0 })
        let coloring = BoxColoring.distinct(set)
        #expect(Set(set.map(coloring.slot(forBox:))) == Set(0..<13))
    }

    @Test func everyBoxKeepsItsUsualColourWhenNoneIsGrey() {
        let (muted, coloring) = FocusMode.automatic.resolve(count: 9, relevant: [])
        #expect(muted.isEmpty)
        #expect(coloring == .usual)
    }
}

@Suite("Focus in level figures")
struct LevelFocusTests {
    /// Fourteen boxes: twelve 40-px squares along a row (P3 positives), a person-sized box (P5/P6)
    /// and, overlapping square #3 exactly, a twin that loses every location to it.
    static func crowded() -> [GroundTruth] {
        var boxes: [GroundTruth] = (0..<12).map { i in
            let x0 = Float(40 + 80 * i)
            return GroundTruth(box: Box(x0: x0, y0: 600, x1: x0 + 40, y1: 640), label: 1, name: "ball")
        }
        boxes.append(GroundTruth(box: Box(x0: 300, y0: 60, x1: 620, y1: 540), label: 2, name: "person"))
        boxes.append(
            GroundTruth(box: Box(x0: 280, y0: 600, x1: 320, y1: 640.5), label: 1, name: "twin"))
        return boxes
    }

    @Test func aCrowdedLevelFigureFocusesOnItsStory() throws {
        let panels = LevelPanels(
            preset: .official, groundTruths: Self.crowded(), imageWidth: 1066, imageHeight: 800)
        let missing = panels.assignment.groundTruthsWithoutPositives
        #expect(missing == [13])
        let story = panels.storyBoxes
        #expect(story.count == FocusMode.focusLimit)
        #expect(story.first == 13)
        // The person is the busiest box on the coarse levels, so it keeps its colour.
        #expect(story.contains(12))
        let (muted, coloring) = panels.focusPlan
        #expect(muted == Set(0..<14).subtracting(story))
        let slots = story.map(coloring.slot(forBox:))
        #expect(Set(slots).count == story.count)
        // The legend names the boxes in focus and sums up the rest.
        let boxes = try #require(panels.legend.sections.last).entries
        #expect(boxes.count == story.count + 1)
        #expect(boxes.last?.text.hasPrefix("\(muted.count) other boxes") == true)
        // A zoom keeps the figure's focus, whatever its own scale would pick.
        var zoom = panels
        zoom.focus = panels.settledFocus
        zoom.viewport = Box(x0: 200, y0: 560, x1: 500, y1: 680)
        #expect(zoom.focusPlan.muted == muted)
        #expect(zoom.focusPlan.coloring == coloring)
        #expect(panels.color(forBox: story[0]) == coloring.color(forBox: story[0]))
        #expect(panels.color(forBox: try #require(muted.first)) == FocusMode.mutedColor)
    }

    @Test func theStoryInterleavesSmallBoxesWithEachPanelsBusiest() {
        let story = FocusMode.story(
            first: [9], small: [1, 2, 3, 4, 5, 6], busiest: [[20, 21], [], [30]], isCrowd: { $0 == 2 })
        // 9, then small up to half the limit (2 is a crowd region), then 20, 30, 21, then small.
        #expect(story == [9, 1, 3, 4, 20, 30, 21, 5])
    }

    @Test func crowdedATSSPanelsFocusAndZoomTheirSmallBoxes() throws {
        let boxes = Self.crowded()
        let a = ATSSPreset.atss.assigner.assign(boxes, imageWidth: 1066, imageHeight: 800)
        var figure = TargetCellPanels(
            panels: a.levels.indices.map { TargetCellPanel.atssLevel($0, assignment: a) },
            groundTruths: boxes,
            imageWidth: 1066, imageHeight: 800, title: "ATSS", valueName: "IoU")
        figure.panelWidth = 400
        figure.emphasized = a.groundTruthsWithoutPositives
        let (muted, coloring) = figure.focusPlan
        #expect(muted.count == boxes.count - FocusMode.focusLimit)
        let focused = Set(boxes.indices).subtracting(muted)
        #expect(Set(focused.map(coloring.slot(forBox:))).count == focused.count)
        // The 40-px squares are 15 px on screen: P3 gets an inset on one of them, in focus.
        let p3 = figure.insetSubjects(figure.panels[0]).filter { !muted.contains($0.index) }
        let plan = try #require(figure.insetZoom.plan(subjects: p3, panel: figure.layout.mapping(panel: 0)))
        #expect(!plan.boxes.isEmpty && plan.boxes.allSatisfy { !muted.contains($0) })
        #expect(plan.magnification >= 2)
    }
}
