import FCOS
import Keypoints

/// `fcos targets --preset centernet|cornernet --json`. Heat maps are `C × h × w` nested arrays
/// (class `c`'s map at index `c`, rows top to bottom); `objects` has one entry per input box in
/// order, `null` for a box that got no target (zero width or height after clipping).
enum KeypointTargetsJSON {
    static func centerNet(_ t: CenterNetTargets) -> String {
        var w = header(.centerNet, t.grid, capacity: t.heatmaps.count * t.grid.width * t.grid.height * 3)
        w.raw(",")
        w.key("heatmaps")
        heatmaps(t.heatmaps, into: &w)
        w.raw(",")
        w.key("objects")
        w.array(t.objects) { w, object in
            guard let o = object else { return w.raw("null") }
            opening(box: o.box, label: o.label, radius: o.radius, into: &w)
            w.key("center")
            w.numbers([o.center.x, o.center.y])
            w.raw(",\"center_int\":[\(o.cellX),\(o.cellY)],")
            w.key("wh")
            w.numbers([o.size.width, o.size.height])
            w.raw(",")
            w.key("offset")
            w.numbers([o.offset.x, o.offset.y])
            w.raw(",\"index\":\(o.index)}")
        }
        w.raw("}\n")
        return w.text
    }

    static func cornerNet(_ t: CornerNetTargets) -> String {
        var w = header(.cornerNet, t.grid, capacity: t.topLeft.count * t.grid.width * t.grid.height * 6)
        w.raw(",")
        w.key("top_left_heatmaps")
        heatmaps(t.topLeft, into: &w)
        w.raw(",")
        w.key("bottom_right_heatmaps")
        heatmaps(t.bottomRight, into: &w)
        w.raw(",")
        w.key("objects")
        w.array(t.objects) { w, object in
            guard let o = object else { return w.raw("null") }
            opening(box: o.box, label: o.label, radius: o.radius, into: &w)
            w.key("top_left")
            corner(o.topLeft, into: &w)
            w.raw(",")
            w.key("bottom_right")
            corner(o.bottomRight, into: &w)
            w.raw("}")
        }
        w.raw("}\n")
        return w.text
    }

    static func header(_ head: KeypointHead, _ grid: OutputGrid, capacity: Int) -> JSONWriter {
        var w = JSONWriter(capacity: capacity + 4096)
        w.raw("{")
        w.key("head")
        w.string(head.rawValue)
        w.raw(",\"input\":{\"width\":\(grid.inputWidth),\"height\":\(grid.inputHeight)},")
        w.raw("\"output\":{\"width\":\(grid.width),\"height\":\(grid.height)}")
        return w
    }

    /// `{"box": …, "label": …, "radius": drawn, "radius_exact": r,` — what both heads' objects open with.
    static func opening(box: Box, label: Int, radius: GaussianRadius, into w: inout JSONWriter) {
        w.raw("{")
        w.key("box")
        w.numbers([box.x0, box.y0, box.x1, box.y1])
        w.raw(",\"label\":\(label),\"radius\":\(radius.truncated),")
        w.key("radius_exact")
        w.raw(exact(radius.value))
        w.raw(",")
    }

    static func heatmaps(_ maps: [HeatMap], into w: inout JSONWriter) {
        w.array(maps) { w, map in
            w.array(0..<map.height) { w, y in
                w.numbers(Array(map.values[(y * map.width)..<((y + 1) * map.width)]))
            }
        }
    }

    static func corner(_ c: CornerNetTargets.Corner, into w: inout JSONWriter) {
        w.raw("{\"position\":[\(exact(c.x)),\(exact(c.y))],\"cell\":[\(c.cellX),\(c.cellY)],")
        w.key("offset")
        w.numbers([c.offsetX, c.offsetY])
        w.raw(",\"index\":\(c.index)}")
    }

    /// A float64 value in the shortest text that reads back the same.
    static func exact(_ v: Double) -> String {
        v.isFinite ? "\(v)" : "null"
    }
}
