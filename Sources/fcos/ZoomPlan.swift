import FCOS

/// Where `fcos inspect` zooms: the boxes without positives are usually a few pixels wide, and
/// on a whole-image panel P3's locations sit 3 px apart, so the reason cannot be seen there. A
/// zoom shows such boxes with their neighbours and the grid at a readable scale.
///
/// Boxes close to each other share one zoom (greedy, in order of position); at most `maximum`
/// zooms per image, the rest are left to the table.
struct ZoomPlan {
    struct Zoom: Equatable {
        /// The viewport, in resized pixels, with the image's aspect ratio.
        var viewport: Box
        /// The boxes the zoom is for.
        var boxes: [Int]
    }

    /// Smallest side of a viewport, in resized pixels: large enough to show a few stride-32
    /// locations around a box, small enough that stride-8 locations sit well apart.
    static let minimumSide: Float = 160
    /// A group may grow until its viewport reaches this share of the image's width.
    static let maximumShare: Float = 0.4
    /// Zooms wider than this share of the image are not drawn.
    static let largestShare: Float = 0.6

    static func zooms(
        for boxes: [Int], in groundTruths: [GroundTruth], imageWidth: Int, imageHeight: Int, maximum: Int = 3
    ) -> [Zoom] {
        let W = Float(imageWidth)
        let H = Float(imageHeight)
        let order = boxes.sorted { groundTruths[$0].box.x0 < groundTruths[$1].box.x0 }
        var groups: [(union: Box, members: [Int])] = []
        for g in order {
            let box = groundTruths[g].box
            if let i = groups.firstIndex(where: { fits(union($0.union, box), W: W, H: H) }) {
                groups[i].union = union(groups[i].union, box)
                groups[i].members.append(g)
            } else {
                groups.append((box, [g]))
            }
        }
        // A zoom on a large box would show nearly the whole image again: the main figure does.
        return groups.map {
            Zoom(viewport: viewport(around: $0.union, W: W, H: H), boxes: $0.members.sorted())
        }
        .filter { $0.viewport.width <= largestShare * W }.prefix(maximum).map { $0 }
    }

    static func union(_ a: Box, _ b: Box) -> Box {
        Box(x0: min(a.x0, b.x0), y0: min(a.y0, b.y0), x1: max(a.x1, b.x1), y1: max(a.y1, b.y1))
    }

    static func fits(_ box: Box, W: Float, H: Float) -> Bool {
        let v = viewport(around: box, W: W, H: H)
        return v.width <= maximumShare * W + 1
    }

    /// Three times the boxes' extent (so neighbours and several locations show), at least
    /// ``minimumSide``, with the image's aspect ratio, moved inside the image.
    static func viewport(around box: Box, W: Float, H: Float) -> Box {
        let aspect = W / H
        var w = max(3 * box.width, minimumSide, 3 * box.height * aspect)
        w = min(w, W)
        var h = min(w / aspect, H)
        w = h * aspect
        if w > W {
            w = W
            h = W / aspect
        }
        // Whole pixels, so the subtitle's numbers are the viewport's.
        w = w.rounded(.down)
        h = h.rounded(.down)
        let c = box.center
        let x0 = min(max(c.x - w / 2, 0), W - w).rounded(.down)
        let y0 = min(max(c.y - h / 2, 0), H - h).rounded(.down)
        return Box(x0: x0, y0: y0, x1: x0 + w, y1: y0 + h)
    }
}
