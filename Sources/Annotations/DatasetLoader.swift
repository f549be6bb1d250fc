import Foundation

/// Picks the reader for a path: a `.json` file is COCO, a folder of `.xml` files (or one holding
/// `Annotations/`) is Pascal VOC, a folder of `.txt` files is YOLO, unless the format is given.
public enum DatasetLoader {
    /// Guesses the format from what is at `path`: a `.json` file is COCO, a folder with `Annotations/` is
    /// VOC, a folder of `.txt` files is YOLO.
    public static func detectFormat(_ path: String) throws -> DatasetFormat {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(file: path, problem: "no such file or folder")
        }
        if !isDirectory.boolValue {
            if path.lowercased().hasSuffix(".json") { return .coco }
            throw InputError(
                file: path, problem: "cannot tell the format (a .json file is COCO); pass --input-format")
        }
        if fm.fileExists(atPath: (path as NSString).appendingPathComponent("Annotations")) { return .voc }
        let files = (try? fm.contentsOfDirectory(atPath: path)) ?? []
        let xml = files.filter { $0.lowercased().hasSuffix(".xml") }.count
        let txt = files.filter { $0.lowercased().hasSuffix(".txt") && $0 != "classes.txt" }.count
        if xml > 0 && xml >= txt { return .voc }
        if txt > 0 { return .yolo }
        throw InputError(
            file: path,
            problem: "cannot tell the format (no .xml or .txt files in the folder); pass --input-format"
        )
    }

    /// Reads `path` in `format` (detected when `nil`). `images` is YOLO's image folder; `names`
    /// a names file for YOLO or VOC (for YOLO, found beside the labels when not given).
    public static func read(
        _ path: String, format: DatasetFormat? = nil, images: String? = nil, names: String? = nil,
        strict: Bool = false
    ) throws -> ReadResult {
        let format = try format ?? detectFormat(path)
        switch format {
        case .coco:
            return try COCOReader.read(path, strict: strict)
        case .voc:
            let table = try names.map(NamesFile.read)
            return try VOCReader.read(
                path, names: table, namesFile: names.map(lastComponent) ?? "names", strict: strict)
        case .yolo:
            let namesPath = names ?? findNamesFile(labels: path)
            let table = try namesPath.map(NamesFile.read)
            return try YOLOReader.read(
                labels: path, images: images, names: table,
                namesFile: namesPath.map(lastComponent) ?? "names",
                strict: strict)
        }
    }

    /// `names.yaml`, `data.yaml` or `dataset.yaml` beside the label folder, or `classes.txt` in it.
    static func findNamesFile(labels: String) -> String? {
        let fm = FileManager.default
        let parent = ((labels as NSString).standardizingPath as NSString).deletingLastPathComponent
        let candidates =
            ["names.yaml", "data.yaml", "dataset.yaml"].map {
                (parent as NSString).appendingPathComponent($0)
            }
            + [(labels as NSString).appendingPathComponent("classes.txt")]
        return candidates.first { fm.fileExists(atPath: $0) }
    }

    static func lastComponent(_ path: String) -> String { (path as NSString).lastPathComponent }
}
