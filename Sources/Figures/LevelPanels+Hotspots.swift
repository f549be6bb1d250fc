import FCOS
import Foundation

extension LevelPanels: HotspotProviding {
    /// A spot on every location that lies inside some box (the ones the matcher explains), in
    /// every shown panel and inside its viewport; background locations get none, which keeps a
    /// page with several level figures small.
    public var hotspots: FigureHotspots {
        let assignment = LevelMarkers.explained(assignment)
        let layout = layout
        var spots: [Hotspot] = []
        var outlines: [HotspotOutline] = []
        for (panel, levelIndex) in shownLevels.enumerated() {
            let level = assignment.levels[levelIndex]
            let mapping = layout.mapping(panel: panel)
            outlines += HotspotOutline.outlines(of: assignment.groundTruths, mapping: mapping, panel: panel)
            let story = LocationStory(
                level: level.map.level, stride: level.map.stride, rules: assignment.rules,
                groundTruths: assignment.groundTruths)
            let spacing = Double(min(level.map.stepX, level.map.stepY)) * mapping.scale
            let radius = Hotspot.radius(spacing: spacing)
            for location in assignment.explanation?.levels[levelIndex] ?? [] {
                guard mapping.shows(location.location) else { continue }
                let involved = location.verdicts.map(\.groundTruth)
                let boxes = location.winner.map { w in [w] + involved.filter { $0 != w } } ?? involved
                spots.append(
                    Hotspot(
                        center: mapping.point(location.location), radius: radius, text: story.text(location),
                        boxes: boxes, panel: panel))
            }
        }
        return FigureHotspots(size: size, spots: spots, outlines: outlines)
    }
}
