import Canvas
import FCOS
import Foundation

extension TargetCellPanels {
    /// What a panel shows of each box with a positive cell there: every cell it draws for the
    /// box, each as wide as the grid's step, and its keypoint's radius circle (the whole Gaussian
    /// bump, not only the centre cell, is what a heat-map panel is about).
    func insetSubjects(_ panel: TargetCellPanel) -> [InsetZoom.Subject] {
        let owners = Set(panel.cells.filter(\.isPositive).compactMap(\.box))
        var regions: [Int: (marks: Box, pitch: Double)] = [:]
        for cell in panel.cells where cell.isPositive || cell.value >= minimumValue {
            guard let g = cell.box, owners.contains(g), groundTruths.indices.contains(g) else { continue }
            let pitch = Double(min(cell.rect.width, cell.rect.height))
            if let known = regions[g] {
                regions[g] = (known.marks.union(cell.rect), min(known.pitch, pitch))
            } else {
                regions[g] = (cell.rect, pitch)
            }
        }
        // A keypoint's radius circle is drawn whole: its bump is as large as the circle.
        for k in panel.keypoints where owners.contains(k.box) {
            guard let known = regions[k.box] else { continue }
            let r = Float(k.radiusPixels)
            let circle = Box(x0: k.cell.x0 - r, y0: k.cell.y0 - r, x1: k.cell.x1 + r, y1: k.cell.y1 + r)
            regions[k.box] = (known.marks.union(circle), known.pitch)
        }
        return regions.keys.sorted().compactMap { g in
            regions[g].map {
                InsetZoom.Subject(index: g, box: groundTruths[g].box, marks: $0.marks, pitch: $0.pitch)
            }
        }
    }

    /// The boxes a crowded figure is about (``FocusMode/story(first:small:busiest:isCrowd:)``):
    /// ``emphasized``, the boxes whose positive cells are too small to read on some panel, then
    /// each panel's busiest box in turn.
    var storyBoxes: [Int] {
        let scale = panelWidth / Double(viewport?.width ?? Float(imageWidth))
        let small = panels.flatMap { panel in
            insetSubjects(panel).compactMap { subject in
                subject.urgency(zoom: insetZoom, scale: scale)
            }
        }
        return FocusMode.story(
            first: emphasized, small: small.sorted().map(\.index),
            busiest: panels.map { FocusMode.busiest($0.cells.lazy.filter(\.isPositive).compactMap(\.box)) },
            isCrowd: { groundTruths.indices.contains($0) && groundTruths[$0].isCrowd })
    }

    /// The boxes drawn grey and the colours of the others (``focus``).
    var focusPlan: (muted: Set<Int>, coloring: BoxColoring) {
        focus.resolve(count: groundTruths.count, relevant: Set(storyBoxes))
    }

    /// Box `index`'s colour as the figure draws it: its own, or grey when it is out of focus,
    /// so a table beside the figure can match it.
    public func color(forBox index: Int) -> Color {
        let (muted, coloring) = focusPlan
        return muted.contains(index) ? FocusMode.mutedColor : coloring.color(forBox: index)
    }
}
