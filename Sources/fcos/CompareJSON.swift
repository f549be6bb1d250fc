import Annotations
import FCOS

/// `fcos compare --json`. `box` is in original pixels (continuous corners, as the file gives
/// them), `resized_longest_side` in the first preset's resized pixels, as `units` says.
///
/// ```
/// {"first": "official", "second": "torchvision", "images": 605, "boxes": 5024,
///  "data_paths": {"first": {"rule": …, "resize": …}, "second": {…}},
///  "kept_only_by_first": 0, "kept_only_by_second": 0,
///  "levels": [{"name": "P3", "differing": …, "first_positives": …, "second_positives": …}, …],
///  "differing": …, "images_differing": …,
///  "size_bins": [{"bin": "0–64", "boxes": …, "first_positives": …, "second_positives": …,
///                 "first_without_positive": …, "second_without_positive": …}, …],
///  "box_changes": [{"image_id", "annotation_id", "category", "box": [x0, y0, x1, y1],
///                   "resized_longest_side", "first_positives", "second_positives", "delta",
///                   "kept_by_first", "kept_by_second"}, …],   (ranked, all of them)
///  "worst_images": [{"image_id", "file_name", "differing", "differing_per_level": […]}, …],
///  "figures": ["compare-image-42.png", …]}
/// ```
enum CompareJSON {
    static func encode(_ c: PresetComparison, figures: [String]) -> String {
        var w = JSONWriter(capacity: 8192 + 220 * c.changes.count)
        w.raw("{\"first\":")
        w.string(c.first.name)
        w.raw(",\"second\":")
        w.string(c.second.name)
        w.raw(",\"images\":\(c.imagesCompared),\"boxes\":\(c.boxesCompared),\"data_paths\":{")
        for (key, path) in [("first", c.firstPath), ("second", c.secondPath)] {
            if key == "second" { w.raw(",") }
            w.key(key)
            w.raw("{\"rule\":")
            w.string(path.rule.rawValue)
            w.raw(",\"resize\":")
            w.string(path.resizeRule.rawValue)
            w.raw(",\"min_size\":\(path.minSize),\"max_size\":\(path.maxSize)}")
        }
        w.raw(
            "},\"units\":{\"box\":\"original pixels\",\"resized_longest_side\":\"resized pixels (first preset)\"}"
        )
        w.raw(",\"kept_only_by_first\":\(c.keptOnlyByFirst),\"kept_only_by_second\":\(c.keptOnlyBySecond)")
        w.raw(",\"levels\":")
        w.array(c.levelNames.indices) { w, i in
            w.raw("{\"name\":")
            w.string(c.levelNames[i])
            w.raw(
                ",\"differing\":\(c.differingPerLevel[i]),\"first_positives\":\(c.firstPositivesPerLevel[i]),\"second_positives\":\(c.secondPositivesPerLevel[i])}"
            )
        }
        w.raw(",\"differing\":\(c.differing),\"images_differing\":\(c.images.count),\"size_bins\":")
        w.array(c.sizeBins) { w, bin in
            w.raw("{\"bin\":")
            w.string(bin.label)
            w.raw(
                ",\"boxes\":\(bin.boxes),\"first_positives\":\(bin.firstPositives),\"second_positives\":\(bin.secondPositives),\"first_without_positive\":\(bin.firstWithout),\"second_without_positive\":\(bin.secondWithout)}"
            )
        }
        w.raw(",\"box_changes\":")
        w.array(c.changes) { w, change in
            w.raw("{\"image_id\":\(change.imageID),\"annotation_id\":\(change.annotationID),\"category\":")
            w.string(change.category)
            let o = change.original
            w.raw(
                ",\"box\":[\(StatsJSON.decimal(o.x0)),\(StatsJSON.decimal(o.y0)),\(StatsJSON.decimal(o.x1)),\(StatsJSON.decimal(o.y1))]"
            )
            w.raw(",\"resized_longest_side\":")
            w.number(change.resizedLongestSide)
            w.raw(
                ",\"first_positives\":\(change.firstPositives),\"second_positives\":\(change.secondPositives),\"delta\":\(change.delta),\"kept_by_first\":\(change.keptByFirst),\"kept_by_second\":\(change.keptBySecond)}"
            )
        }
        w.raw(",\"worst_images\":")
        w.array(c.images) { w, image in
            w.raw("{\"image_id\":\(image.imageID),\"file_name\":")
            w.string(image.fileName)
            w.raw(",\"differing\":\(image.differing),\"differing_per_level\":[")
            w.raw(image.differingPerLevel.map(String.init).joined(separator: ","))
            w.raw("]}")
        }
        w.raw(",\"figures\":")
        w.array(figures) { w, f in w.string(f) }
        w.raw("}\n")
        return w.text
    }
}
