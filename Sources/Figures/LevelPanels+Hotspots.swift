import FCOS
import Foundation

extension LevelPanels: HotspotProviding {
    /// A spot on the locations inside some box (the ones the matcher explains) that a reader can
    /// point at, in every shown panel and inside its viewport; background locations get none.
    ///
    /// Where a level's locations sit closer than two of the smallest spots (5 px, P3 over a whole
    /// photo), spots would overlap and a pointer would pick one at random, so only the positives
    /// keep one there; every location the panel's inset magnifies gets a spot in the inset, at
    /// its magnified place, and none under the inset. This keeps `fcos inspect`'s gallery of
    /// crowded photos small without hiding a story a reader could have read.
    public var hotspots: FigureHotspots {
        let assignment = LevelMarkers.explained(assignment)
        let layout = layout
        let muted = focusPlan.muted
        var spots: [Hotspot] = []
        var outlines: [HotspotOutline] = []
        for (panel, levelIndex) in shownLevels.enumerated() {
            let level = assignment.levels[levelIndex]
            let mapping = layout.mapping(panel: panel)
            outlines += HotspotOutline.outlines(of: assignment.groundTruths, mapping: mapping, panel: panel)
            let story = LocationStory(
                level: level.map.level, stride: level.map.stride, rules: assignment.rules,
                groundTruths: assignment.groundTruths)
            let step = Double(min(level.map.stepX, level.map.stepY))
            let spacing = step * mapping.scale
            let radius = Hotspot.radius(spacing: spacing)
            let dense = spacing < 2 * Hotspot.smallestRadius
            let inset = insetPlan(level: levelIndex, mapping: mapping, muted: muted)
            let explained = assignment.explanation?.levels[levelIndex] ?? []
            func spot(_ location: LocationExplanation, at center: CGPoint, radius: Double) -> Hotspot {
                let involved = location.verdicts.map(\.groundTruth)
                let boxes = location.winner.map { w in [w] + involved.filter { $0 != w } } ?? involved
                return Hotspot(
                    center: center, radius: radius, text: story.text(location), boxes: boxes, panel: panel)
            }
            for location in explained {
                guard mapping.shows(location.location), !dense || location.winner != nil else { continue }
                let center = mapping.point(location.location)
                if let inset, inset.mapping.frame.contains(center) { continue }
                spots.append(spot(location, at: center, radius: radius))
            }
            if let inset {
                let magnified = Hotspot.radius(spacing: step * inset.mapping.scale)
                for location in explained where inset.mapping.shows(location.location) {
                    spots.append(
                        spot(location, at: inset.mapping.point(location.location), radius: magnified))
                }
            }
        }
        return FigureHotspots(size: size, spots: spots, outlines: outlines)
    }
}
