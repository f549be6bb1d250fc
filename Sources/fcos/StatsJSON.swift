import Annotations
import FCOS

/// `fcos stats --json`. Shares are fractions (0.9840, not 98.40); `box` is in original pixels
/// (continuous corners), `resized_box` and `resized_size` in resized pixels, as `units` says.
///
/// ```
/// {"images": 605, "boxes": 5069, "kept_boxes": 5024, "preset": "official",
///  "data_path": {"rule": "official", "min_size": 800, "max_size": 1333},
///  "with_fpn": {"bpr": …, "recalled": …, "positives": …, "ambiguous": …, "ambiguous_different_class": …,
///               "ambiguous_positives": …, "ambiguous_different_class_positives": …},
///  "without_fpn": {…},
///  "levels": [{"name": "P3", "stride": 8, "positives": …}, …],
///  "positives_per_box": [{"bin": "0", "boxes": …}, …],
///  "boxes_by_levels": [{"levels": "P3+P4", "boxes": …}, …],
///  "dropped": {"crowd": 45, …}, "clipped": …,
///  "skipped": {"boxes": …, "images": …, "problems": ["file: record: problem", …]},
///  "gts_without_positive": [{"image_id": …, "annotation_id": …, "category": …, "box": [x0, y0, x1, y1],
///                            "resized_box": […], "resized_size": [w, h], "lost_to_smaller_boxes": …}, …],
///  "seconds": {"read": …, "statistics": …, "workers": 2}}
/// ```
enum StatsJSON {
    static func encode(_ s: DatasetStatistics, read: ReadResult, timing: StatsTiming) -> String {
        var w = JSONWriter(capacity: 4096 + 200 * s.unrecalled.count)
        w.raw("{\"images\":\(s.images),\"boxes\":\(s.boxes),\"kept_boxes\":\(s.keptBoxes),\"preset\":")
        w.string(s.preset)
        w.raw(",\"format\":")
        w.string(read.dataset.format.rawValue)
        w.raw(",\"data_path\":{\"rule\":")
        w.string(s.dataPath.rule.rawValue)
        w.raw(",\"min_size\":\(s.dataPath.minSize),\"max_size\":\(s.dataPath.maxSize)}")
        w.raw(",\"units\":{\"box\":\"original pixels\",\"resized_box\":\"resized pixels\"}")
        w.raw(",\"with_fpn\":")
        summary(&w, s.withFPN)
        w.raw(",\"without_fpn\":")
        summary(&w, s.withoutFPN)
        w.raw(",\"levels\":")
        let strides = s.levelStrides
        w.array(s.levelNames.indices) { w, l in
            w.raw("{\"name\":")
            w.string(s.levelNames[l])
            if l < strides.count { w.raw(",\"stride\":\(strides[l])") }
            w.raw(",\"positives\":\(s.positivesPerLevel[l])}")
        }
        w.raw(",\"positives_per_box\":")
        w.array(DatasetStatistics.histogramBins.indices) { w, b in
            w.raw("{\"bin\":")
            w.string(DatasetStatistics.histogramBins[b].label)
            w.raw(",\"boxes\":\(s.positivesHistogram[b])}")
        }
        w.raw(",\"boxes_by_levels\":")
        w.array(s.boxesByLevels.sorted { $0.key < $1.key }) { w, entry in
            w.raw("{\"levels\":")
            w.string(s.levelSetName(entry.key))
            w.raw(",\"boxes\":\(entry.value)}")
        }
        w.raw(",\"dropped\":{")
        let d = s.drops
        w.raw(
            "\"crowd\":\(d.crowd),\"difficult\":\(d.difficult),\"empty\":\(d.empty),\"outside\":\(d.outside),\"small\":\(d.small),\"total\":\(d.total)},"
        )
        w.raw(
            "\"clipped\":\(s.clipped),\"skipped\":{\"boxes\":\(read.skippedBoxes),\"images\":\(read.skippedImages),"
        )
        w.key("problems")
        w.array(read.problems) { w, p in w.string(p.description) }
        w.raw("},\"gts_without_positive\":")
        w.array(s.unrecalled) { w, u in
            w.raw("{\"image_id\":\(u.imageID),\"annotation_id\":\(u.annotationID),\"category\":")
            w.string(u.categoryName)
            w.raw(",\"box\":[")
            w.raw(u.originalBox.map(decimal).joined(separator: ","))
            w.raw("],\"resized_box\":")
            w.numbers([u.resizedBox.x0, u.resizedBox.y0, u.resizedBox.x1, u.resizedBox.y1])
            w.raw(",\"resized_size\":")
            w.numbers([u.resizedBox.width, u.resizedBox.height])
            w.raw(",\"lost_to_smaller_boxes\":\(u.lostToSmallerBoxes)}")
        }
        w.raw(
            ",\"seconds\":{\"read\":\(decimal(timing.read)),\"statistics\":\(decimal(timing.statistics)),\"workers\":\(timing.workers)}}\n"
        )
        return w.text
    }

    static func summary(_ w: inout JSONWriter, _ m: DatasetStatistics.Summary) {
        w.raw(
            "{\"bpr\":\(decimal(m.bestPossibleRecall)),\"recalled\":\(m.recalled),\"eligible\":\(m.eligible),\"positives\":\(m.positives),\"ambiguous\":\(decimal(m.ambiguousShare)),\"ambiguous_different_class\":\(decimal(m.differentClassShare)),\"ambiguous_positives\":\(m.ambiguous),\"ambiguous_different_class_positives\":\(m.ambiguousDifferentClass)}"
        )
    }

    /// Six decimals at most, whole numbers without a fraction.
    static func decimal(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        let r = (d * 1e6).rounded() / 1e6
        if r == r.rounded(), abs(r) < 1e15 { return String(Int(r)) }
        return String(r)
    }
}
