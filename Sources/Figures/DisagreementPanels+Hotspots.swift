import FCOS
import Foundation

extension DisagreementPanels: HotspotProviding {
    /// A spot on every ringed cell: the cell's story under each preset, one after the other, so
    /// the reader sees which rule split them (the offset, the gate's bounds, center sampling or
    /// the area rule).
    public var hotspots: FigureHotspots {
        let firstStories = firstAssignment.map(LevelMarkers.explained)
        let secondStories = secondAssignment.map(LevelMarkers.explained)
        let layout = layout
        var spots: [Hotspot] = []
        var outlines: [HotspotOutline] = []
        for (panel, pair) in comparedLevels.enumerated() {
            let la = first.levels[pair.first]
            let lb = second.levels[pair.second]
            let mapping = layout.mapping(panel: panel)
            outlines += HotspotOutline.outlines(of: first.groundTruths, mapping: mapping, panel: panel)
            let spacing = Double(min(la.map.stepX, la.map.stepY)) * mapping.scale
            let radius = Hotspot.radius(spacing: spacing)
            for index in disagreements(first: pair.first, second: pair.second) {
                let row = index / la.map.width
                let column = index % la.map.width
                let other = row < lb.map.height && column < lb.map.width ? row * lb.map.width + column : nil
                // The ring sits where the figure draws it: on the first preset's location, unless
                // only the second preset's is a positive.
                var location = la.map.location(at: index)
                if la.matched[index] < 0, let other { location = lb.map.location(at: other) }
                guard mapping.shows(location) else { continue }
                var lines = [
                    "\(la.map.level.name) · stride \(la.map.stride) · cell (row \(row), column \(column)): the presets disagree"
                ]
                lines += story(
                    of: index, in: first, explained: firstStories, level: pair.first, name: firstName)
                if let other {
                    lines += story(
                        of: other, in: second, explained: secondStories, level: pair.second, name: secondName)
                } else {
                    lines.append("\(secondName): no such cell (a smaller grid) → background")
                }
                let winners = [la.matched[index]] + (other.map { [lb.matched[$0]] } ?? [])
                spots.append(
                    Hotspot(
                        center: mapping.point(location), radius: radius, text: lines.joined(separator: "\n"),
                        boxes: winners.filter { $0 >= 0 }.map(Int.init), panel: panel))
            }
        }
        return FigureHotspots(size: size, spots: spots, outlines: outlines)
    }

    /// `official at (200, 72) · 64 ≤ m ≤ 128`, then that preset's verdict lines, indented; for a
    /// method without FCOS's explanation (ATSS, …), the location and its winner.
    private func story(
        of index: Int, in targets: DenseTargets, explained: Assignment?, level: Int, name: String
    ) -> [String] {
        guard let assignment = explained else {
            let cell = targets.levels[level]
            let point = cell.map.location(at: index)
            let at = "\(name) at (\(NumberText.format(point.x)), \(NumberText.format(point.y)))"
            let winner = cell.matched[index]
            return [at, winner >= 0 ? "  → positive of #\(winner)" : "  → background"]
        }
        let targets = assignment.levels[level]
        let point = targets.map.location(at: index)
        let story = LocationStory(
            level: targets.map.level, stride: targets.map.stride, rules: assignment.rules,
            groundTruths: assignment.groundTruths)
        let header =
            "\(name) at (\(NumberText.format(point.x)), \(NumberText.format(point.y))) · "
            + NumberText.sizeRange(targets.map.level.sizeRange, gate: assignment.rules.sizeGate)
        guard let explained = assignment.explanation?.levels[level].first(where: { $0.index == index }) else {
            return [header, "  inside no box → background"]
        }
        return [header] + story.lines(explained).dropFirst().map { "  " + $0 }
    }
}
