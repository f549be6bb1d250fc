import Foundation

/// Reads a folder of YOLO label files: one `.txt` per image, one line per box,
/// `class cx cy w h` with the centre and size as fractions of the image's width and height.
///
/// The fractions need the image's pixel size, which only the image knows, so each label's image
/// (same stem, `.jpg`/`.jpeg`/`.png` in any case) is looked up in the image folder and its size
/// read from the header (``ImageHeader``). The image folder defaults to ultralytics' layout: the
/// label path with its last `labels` component replaced by `images`, else an `images` folder
/// beside the labels. Images with no label file are images with no boxes (ultralytics'
/// "backgrounds"), so they are read too.
///
/// Image ids are the file stems when all are whole numbers (COCO's `000000000009` → 9), else
/// the 1-based position in name order; a box's id is its 1-based line number.
public enum YOLOReader {
    /// Reads a folder of YOLO label files, taking each image's size from the image file.
    public static func read(
        labels: String, images: String? = nil, names: [Int: String]? = nil, namesFile: String = "names",
        strict: Bool = false
    ) throws -> ReadResult {
        let fm = FileManager.default
        guard let labelFiles = try? fm.contentsOfDirectory(atPath: labels) else {
            throw InputError(file: labels, problem: "cannot list the label folder")
        }
        let imageFolder = try images ?? defaultImageFolder(labels: labels)
        guard let imageFiles = try? fm.contentsOfDirectory(atPath: imageFolder) else {
            throw InputError(file: imageFolder, problem: "cannot list the image folder (pass --images)")
        }
        let imageExtensions: Set<String> = ["jpg", "jpeg", "png"]
        var imageByStem: [String: String] = [:]
        for file in imageFiles.sorted() {
            let url = URL(fileURLWithPath: file)
            guard imageExtensions.contains(url.pathExtension.lowercased()) else { continue }
            let stem = url.deletingPathExtension().lastPathComponent
            if imageByStem[stem] == nil { imageByStem[stem] = file }
        }
        let labelStems = Set(
            labelFiles.filter { $0.hasSuffix(".txt") && $0 != "classes.txt" }.map { String($0.dropLast(4)) })
        let stems = labelStems.union(imageByStem.keys).sorted()
        let numericIDs =
            stems.allSatisfy { Int($0) != nil } && Set(stems.compactMap { Int($0) }).count == stems.count

        var log = ProblemLog(strict: strict)
        var result: [AnnotatedImage] = []
        var usedClasses: Set<Int> = []
        for (position, stem) in stems.enumerated() {
            let labelPath = (labels as NSString).appendingPathComponent(stem + ".txt")
            let lines: [Substring]
            if labelStems.contains(stem) {
                guard let data = fm.contents(atPath: labelPath) else {
                    try log.skipImage(InputError(file: labelPath, problem: "cannot read the label file"))
                    continue
                }
                lines = String(decoding: data, as: UTF8.self).split(
                    omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            } else {
                lines = []
            }
            let boxLines = lines.filter { !$0.allSatisfy(\.isWhitespace) }.count
            guard let imageFile = imageByStem[stem] else {
                try log.skipImage(
                    InputError(file: labelPath, problem: "no image \(stem).jpg/.jpeg/.png in \(imageFolder)"),
                    boxes: boxLines)
                continue
            }
            let size: (width: Int, height: Int)
            do {
                size = try ImageHeader.size(
                    ofFileAt: (imageFolder as NSString).appendingPathComponent(imageFile))
            } catch let error as InputError {
                try log.skipImage(error, boxes: boxLines)
                continue
            }
            let image = try decode(
                lines, file: labelPath, id: numericIDs ? Int(stem)! : position + 1, imageFile: imageFile,
                width: size.width, height: size.height, names: names, namesFile: namesFile, log: &log)
            for annotation in image.annotations { usedClasses.insert(annotation.categoryID) }
            result.append(image)
        }
        let categories =
            names.map { $0.sorted { $0.key < $1.key }.map { Category(id: $0.key, name: $0.value) } }
            ?? usedClasses.sorted().map { Category(id: $0, name: "class \($0)") }
        return log.result(Dataset(source: labels, format: .yolo, images: result, categories: categories))
    }

    /// One label file's boxes on an image of `width × height` pixels (lenient: bad lines are
    /// skipped; the fuzz target's entry point).
    public static func decode(
        _ data: Data, file: String, id: Int, imageFile: String, width: Int, height: Int
    ) -> AnnotatedImage {
        var log = ProblemLog(strict: false)
        let lines = String(decoding: data, as: UTF8.self).split(
            omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        return
            (try? decode(
                lines, file: file, id: id, imageFile: imageFile, width: width, height: height, names: nil,
                namesFile: "names", log: &log))
            ?? AnnotatedImage(id: id, fileName: imageFile, width: width, height: height)
    }

    static func decode(
        _ lines: [Substring], file labelPath: String, id: Int, imageFile: String, width: Int, height: Int,
        names: [Int: String]?, namesFile: String, log: inout ProblemLog
    ) throws -> AnnotatedImage {
        var image = AnnotatedImage(id: id, fileName: imageFile, width: width, height: height)
        for (n, line) in lines.enumerated() where !line.allSatisfy(\.isWhitespace) {
            guard image.annotations.count < InputLimits.boxes else {
                try log.skipBox(
                    InputError(
                        file: labelPath, record: "line \(n + 1)",
                        problem: "more than \(InputLimits.boxes) boxes in one image (the limit)"))
                break
            }
            switch parse(line, imageWidth: width, imageHeight: height, names: names, namesFile: namesFile) {
            case .success(let (label, box)):
                image.annotations.append(
                    ObjectAnnotation(
                        id: n + 1, categoryID: label, categoryName: names?[label] ?? "class \(label)",
                        box: box))
            case .failure(let problem):
                try log.skipBox(InputError(file: labelPath, record: "line \(n + 1)", problem: problem.text))
            }
        }
        return image
    }

    /// ultralytics' rule: the last `labels` path component becomes `images`; else `../images`.
    static func defaultImageFolder(labels: String) throws -> String {
        var components = (labels as NSString).standardizingPath.split(
            separator: "/", omittingEmptySubsequences: false
        )
        .map(String.init)
        if let i = components.lastIndex(of: "labels") {
            components[i] = "images"
            let candidate = components.joined(separator: "/")
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        let sibling = ((labels as NSString).standardizingPath as NSString).deletingLastPathComponent
        return (sibling as NSString).appendingPathComponent("images")
    }

    /// One label line: the class and the box, or what is wrong with it.
    static func parse(
        _ line: Substring, imageWidth: Int, imageHeight: Int, names: [Int: String]?, namesFile: String
    ) -> Result<(Int, SourceBox), FieldProblem> {
        let columns = line.split(whereSeparator: \.isWhitespace)
        guard columns.count >= 5 else {
            return .failure(
                FieldProblem(
                    text:
                        "\(columns.count) column\(columns.count == 1 ? "" : "s"), expected 5 (class cx cy w h)"
                ))
        }
        guard columns.count == 5 else {
            return .failure(
                FieldProblem(
                    text: "\(columns.count) columns, expected 5 (segmentation polygons are not supported)"))
        }
        guard let label = Int(columns[0]), label >= 0 else {
            return .failure(FieldProblem(text: "class '\(columns[0])' is not a whole number ≥ 0"))
        }
        if let names, names[label] == nil {
            return .failure(FieldProblem(text: "class \(label) is not in \(namesFile)"))
        }
        var values: [Double] = []
        for (i, column) in columns[1...].enumerated() {
            let name = ["cx", "cy", "w", "h"][i]
            guard let v = Double(column) else {
                return .failure(FieldProblem(text: "\(name) '\(column)' is not a number"))
            }
            guard v.isFinite else {
                return .failure(FieldProblem(text: "\(name) is \(v.isNaN ? "NaN" : "infinite")"))
            }
            values.append(v)
        }
        let box = SourceBox.yolo(centerX: values[0], centerY: values[1], width: values[2], height: values[3])
        let c = box.corners(imageWidth: imageWidth, imageHeight: imageHeight)
        if let problem = boxProblem(
            x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1, imageWidth: imageWidth, imageHeight: imageHeight)
        {
            return .failure(FieldProblem(text: problem))
        }
        return .success((label, box))
    }
}
