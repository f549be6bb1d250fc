import Canvas
import FCOS
import Foundation

extension LevelPanels {
    /// What a level's panel shows of each box with a positive there: its positives' cells.
    func insetSubjects(level index: Int) -> [InsetZoom.Subject] {
        InsetZoom.Subject.positives(on: assignment.levels[index], groundTruths: assignment.groundTruths)
    }

    /// The boxes a crowded level figure is about (``FocusMode/story(first:small:busiest:isCrowd:)``):
    /// the boxes without a positive, the boxes whose positives are too small to read on a shown
    /// panel (small boxes first, then the smallest-looking), then the busiest box of each level
    /// in turn.
    var storyBoxes: [Int] {
        let scale = panelWidth / Double(viewportRect.width)
        let small = shownLevels.flatMap { level in
            insetSubjects(level: level).compactMap { subject in
                subject.urgency(zoom: insetZoom, scale: scale)
            }
        }
        return FocusMode.story(
            first: assignment.groundTruthsWithoutPositives,
            small: small.sorted().map(\.index),
            busiest: shownLevels.map {
                FocusMode.busiest(assignment.levels[$0].matched.lazy.filter { $0 >= 0 }.map(Int.init))
            },
            isCrowd: { assignment.groundTruths[$0].isCrowd })
    }

    /// The boxes drawn grey and the colours of the others (``focus``).
    var focusPlan: (muted: Set<Int>, coloring: BoxColoring) {
        focus.resolve(count: assignment.groundTruths.count, relevant: Set(storyBoxes))
    }

    /// Box `index`'s colour as the figure draws it: its own, or grey when it is out of focus,
    /// so a table beside the figure can match it.
    public func color(forBox index: Int) -> Color {
        let (muted, coloring) = focusPlan
        return muted.contains(index) ? FocusMode.mutedColor : coloring.color(forBox: index)
    }

    /// The focus this figure settles on, as an explicit set of boxes: a zoom on part of the
    /// figure takes it so its boxes keep the figure's colours, whatever its own scale would pick.
    public var settledFocus: FocusMode {
        .boxes(Set(assignment.groundTruths.indices).subtracting(focusPlan.muted))
    }
}
