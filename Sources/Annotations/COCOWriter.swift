import Foundation

/// Writes a data set as a COCO instances file (`images`, `annotations` with `bbox`, `area`,
/// `iscrowd`, `categories`), one record per line, so `fcos stats` can be timed end to end on
/// a generated set: parsing a 100 MB file is part of the real cost. Boxes are written in COCO's
/// `[x, y, w, h]` form (``SourceBox/cocoEquivalent(imageWidth:imageHeight:)``), numbers in their
/// shortest exact form.
public enum COCOWriter {
    /// Writes the data set as COCO JSON to `path`, naming the file in the error if it cannot.
    ///
    /// The bytes go to a hidden temporary file beside `path`, which `rename(2)` then moves over
    /// it, as `Canvas.AtomicFile` does for figures: a reader (or a failed or interrupted run)
    /// sees the old file or the whole new one, never half a JSON file. The temporary is removed
    /// on failure.
    public static func write(_ dataset: Dataset, to path: String) throws {
        let data = encode(dataset)
        let destination = URL(fileURLWithPath: path)
        let temporary = destination.deletingLastPathComponent().appendingPathComponent(
            ".\(destination.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-"
                + String(UInt64.random(in: 0...UInt64.max), radix: 36))
        guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
            throw InputError(file: path, problem: "cannot write the file")
        }
        guard rename(temporary.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw InputError(file: path, problem: "cannot replace the file (\(reason))")
        }
    }

    /// The data set as COCO JSON bytes, so VOC or YOLO labels can go to tools that read only COCO.
    public static func encode(_ dataset: Dataset) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(256 + 64 * dataset.images.count + 130 * dataset.boxCount)
        func add(_ s: String) { out.append(contentsOf: s.utf8) }
        func string(_ s: String) {
            out.append(UInt8(ascii: "\""))
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": add("\\\"")
                case "\\": add("\\\\")
                case _ where scalar.value < 0x20: add(String(format: "\\u%04x", scalar.value))
                default: out.append(contentsOf: String(scalar).utf8)
                }
            }
            out.append(UInt8(ascii: "\""))
        }
        func number(_ d: Double) { add(d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)) }

        add("{\"info\":{\"description\":")
        string(dataset.source)
        add("},\n\"images\":[")
        for (i, image) in dataset.images.enumerated() {
            add(i == 0 ? "\n" : ",\n")
            add("{\"id\":\(image.id),\"file_name\":")
            string(image.fileName)
            add(",\"width\":\(image.width),\"height\":\(image.height)}")
        }
        add("],\n\"annotations\":[")
        var first = true
        for image in dataset.images {
            for a in image.annotations {
                add(first ? "\n" : ",\n")
                first = false
                let b = a.box.cocoEquivalent(imageWidth: image.width, imageHeight: image.height)
                add("{\"id\":\(a.id),\"image_id\":\(image.id),\"category_id\":\(a.categoryID),\"bbox\":[")
                number(b.x)
                add(",")
                number(b.y)
                add(",")
                number(b.width)
                add(",")
                number(b.height)
                add("],\"area\":")
                number(a.area ?? b.width * b.height)
                add(",\"iscrowd\":\(a.isCrowd ? 1 : 0)}")
            }
        }
        add("],\n\"categories\":[")
        for (i, c) in dataset.categories.enumerated() {
            add(i == 0 ? "\n" : ",\n")
            add("{\"id\":\(c.id),\"name\":")
            string(c.name)
            add("}")
        }
        add("]}\n")
        return Data(out)
    }
}
