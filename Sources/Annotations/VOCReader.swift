import Foundation

/// Reads a folder of Pascal VOC annotation files (one XML per image; a folder holding an
/// `Annotations` subfolder is read from there): `<filename>`, `<size><width>/<height>`, and per
/// `<object>` its `<name>` (lower-cased and trimmed, as maskrcnn-benchmark's `voc.py` does),
/// `<difficult>` and `<bndbox>` corners.
///
/// VOC corners are 1-based indices of the first and last pixel inside the box (`xmin = 1,
/// xmax = W` covers the image), so `xmax == xmin` is a one-pixel box, not an empty one; only
/// `xmax < xmin` is an error. They are kept as written; each ``DataPath`` converts them.
///
/// Categories: the `--names` list when given (a name not in it is an error), else the names
/// found, sorted (the 20 VOC classes sorted are VOC's own order), numbered from 0. Image ids are
/// the file stems when all are whole numbers (`000001.xml` → 1), else positions in name order.
public enum VOCReader {
    /// Reads a folder of VOC XML files (or its `Annotations` subfolder), numbering categories from `names`
    /// when given.
    public static func read(
        _ path: String, names: [Int: String]? = nil, namesFile: String = "names", strict: Bool = false
    ) throws -> ReadResult {
        let fm = FileManager.default
        var folder = path
        var isDirectory: ObjCBool = false
        let annotations = (path as NSString).appendingPathComponent("Annotations")
        if fm.fileExists(atPath: annotations, isDirectory: &isDirectory), isDirectory.boolValue {
            folder = annotations
        }
        guard let files = try? fm.contentsOfDirectory(atPath: folder) else {
            throw InputError(file: path, problem: "cannot list the annotation folder")
        }
        let xmlFiles = files.filter { $0.lowercased().hasSuffix(".xml") }.sorted()
        let stems = xmlFiles.map { String($0.dropLast(4)) }
        let numericIDs =
            stems.allSatisfy { Int($0) != nil } && Set(stems.compactMap { Int($0) }).count == stems.count

        var log = ProblemLog(strict: strict)
        var parsed: [(image: AnnotatedImage, objects: [ParsedObject])] = []
        // The file each parsed entry came from (a skipped file has no entry).
        var parsedFiles: [String] = []
        for (position, file) in xmlFiles.enumerated() {
            let filePath = (folder as NSString).appendingPathComponent(file)
            let id = numericIDs ? Int(stems[position])! : position + 1
            guard let data = fm.contents(atPath: filePath) else {
                try log.skipImage(InputError(file: filePath, problem: "cannot read the file"))
                continue
            }
            if let entry = try parseFile(
                data, file: filePath, id: id, fallbackName: stems[position] + ".jpg", log: &log)
            {
                parsed.append(entry)
                parsedFiles.append(filePath)
            }
        }

        let (images, categories) = try attachCategories(
            parsed, files: parsedFiles, names: names, namesFile: namesFile, log: &log)
        return log.result(Dataset(source: path, format: .voc, images: images, categories: categories))
    }

    typealias ParsedObject = (record: String, name: String, annotation: ObjectAnnotation)

    /// One annotation file, as `read` does it for each file of a folder (and the fuzz target does
    /// for one file): a bad file or size skips the image, a bad object skips the object.
    public static func decode(_ data: Data, file: String, id: Int, fallbackName: String) throws -> ReadResult
    {
        var log = ProblemLog(strict: false)
        let parsed = try parseFile(data, file: file, id: id, fallbackName: fallbackName, log: &log)
        let entries = parsed.map { [$0] } ?? []
        let (images, categories) = try attachCategories(
            entries, files: [file], names: nil, namesFile: "names", log: &log)
        return log.result(Dataset(source: file, format: .voc, images: images, categories: categories))
    }

    static func parseFile(
        _ data: Data, file filePath: String, id: Int, fallbackName: String, log: inout ProblemLog
    ) throws -> (image: AnnotatedImage, objects: [ParsedObject])? {
        let root: VOCElement
        do {
            root = try VOCXML.parse([UInt8](data), file: filePath)
        } catch let error as InputError {
            try log.skipImage(error)
            return nil
        }
        let objects = root.children("object")
        guard let image = imageRecord(root, id: id, fallbackName: fallbackName) else {
            try log.skipImage(InputError(file: filePath, problem: imageProblem(root)), boxes: objects.count)
            return nil
        }
        guard objects.count <= InputLimits.boxes else {
            try log.skipImage(
                InputError(
                    file: filePath,
                    problem:
                        "\(objects.count) objects, above the limit of \(InputLimits.boxes) boxes per image"),
                boxes: objects.count)
            return nil
        }
        var kept: [ParsedObject] = []
        for (n, object) in objects.enumerated() {
            let name = (object.child("name")?.text ?? "").lowercased().trimmingCharacters(
                in: .whitespacesAndNewlines)
            let record = name.isEmpty ? "object[\(n)]" : "object[\(n)] (\(name))"
            switch box(object, image: image) {
            case .success(let box):
                guard !name.isEmpty else {
                    try log.skipBox(InputError(file: filePath, record: record, problem: "missing <name>"))
                    continue
                }
                let difficult =
                    (object.child("difficult")?.text).flatMap {
                        Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
                    } == 1
                kept.append(
                    (
                        record, name,
                        ObjectAnnotation(
                            id: n + 1, categoryID: -1, categoryName: name, isDifficult: difficult, box: box)
                    ))
            case .failure(let problem):
                try log.skipBox(InputError(file: filePath, record: record, problem: problem.text))
            }
        }
        return (image, kept)
    }

    /// Numbers the categories (from `names`, else the names found, sorted) and attaches them.
    static func attachCategories(
        _ parsed: [(image: AnnotatedImage, objects: [ParsedObject])], files: [String], names: [Int: String]?,
        namesFile: String, log: inout ProblemLog
    ) throws -> ([AnnotatedImage], [Category]) {
        let categories: [Category]
        if let names {
            categories = names.sorted { $0.key < $1.key }.map { Category(id: $0.key, name: $0.value) }
        } else {
            let found = Set(parsed.flatMap { $0.objects.map(\.name) }).sorted()
            categories = found.enumerated().map { Category(id: $0.offset, name: $0.element) }
        }
        let idByName = Dictionary(
            categories.map { ($0.name.lowercased(), $0.id) }, uniquingKeysWith: { a, _ in a })
        var images: [AnnotatedImage] = []
        for (index, entry) in parsed.enumerated() {
            var image = entry.image
            for object in entry.objects {
                guard let id = idByName[object.name] else {
                    try log.skipBox(
                        InputError(
                            file: files[index], record: object.record,
                            problem: "class '\(object.name)' is not in \(namesFile)"))
                    continue
                }
                var annotation = object.annotation
                annotation.categoryID = id
                image.annotations.append(annotation)
            }
            images.append(image)
        }
        return (images, categories)
    }

    static func imageRecord(_ root: VOCElement, id: Int, fallbackName: String) -> AnnotatedImage? {
        guard let size = root.child("size"), let w = size.child("width")?.integer,
            let h = size.child("height")?.integer,
            w > 0, h > 0, w <= InputLimits.imageSide, h <= InputLimits.imageSide
        else { return nil }
        let name =
            root.child("filename")?.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? fallbackName
        return AnnotatedImage(id: id, fileName: name.isEmpty ? fallbackName : name, width: w, height: h)
    }

    static func imageProblem(_ root: VOCElement) -> String {
        guard let size = root.child("size") else { return "missing <size>" }
        for field in ["width", "height"] {
            guard let element = size.child(field) else { return "missing <size><\(field)>" }
            guard let v = element.integer else {
                return "<size><\(field)> '\(element.text)' is not a whole number"
            }
            if v <= 0 { return "<size><\(field)> must be positive, found \(v)" }
            if let problem = InputLimits.sideProblem("<size><\(field)>", v) { return problem }
        }
        return "bad <size>"
    }

    static func box(_ object: VOCElement, image: AnnotatedImage) -> Result<SourceBox, FieldProblem> {
        guard let bndbox = object.child("bndbox") else {
            return .failure(FieldProblem(text: "missing <bndbox>"))
        }
        var v: [Double] = []
        for field in ["xmin", "ymin", "xmax", "ymax"] {
            guard let element = bndbox.child(field) else {
                return .failure(FieldProblem(text: "missing <bndbox><\(field)>"))
            }
            let text = element.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let value = Double(text) else {
                return .failure(FieldProblem(text: "<\(field)> '\(text)' is not a number"))
            }
            guard value.isFinite else {
                return .failure(FieldProblem(text: "<\(field)> is \(value.isNaN ? "NaN" : "infinite")"))
            }
            v.append(value)
        }
        let (xmin, ymin, xmax, ymax) = (v[0], v[1], v[2], v[3])
        if xmax < xmin {
            return .failure(FieldProblem(text: "xmax (\(number(xmax))) is less than xmin (\(number(xmin)))"))
        }
        if ymax < ymin {
            return .failure(FieldProblem(text: "ymax (\(number(ymax))) is less than ymin (\(number(ymin)))"))
        }
        let slack = 0.5
        if xmin < -slack || ymin < -slack || xmax > Double(image.width) + slack
            || ymax > Double(image.height) + slack
        {
            return .failure(
                FieldProblem(
                    text:
                        "box (\(number(xmin)), \(number(ymin)))-(\(number(xmax)), \(number(ymax))) leaves the \(image.width)×\(image.height) image"
                ))
        }
        return .success(.voc(xmin: xmin, ymin: ymin, xmax: xmax, ymax: ymax))
    }
}

/// A minimal element tree: names, text and children are all a VOC file needs; `VOCXML`
/// builds it, never deeper than `VOCXML/maximumDepth`.
final class VOCElement {
    let name: String
    var text = ""
    var children: [VOCElement] = []

    init(name: String) { self.name = name }

    func child(_ name: String) -> VOCElement? { children.first { $0.name == name } }
    func children(_ name: String) -> [VOCElement] { children.filter { $0.name == name } }
    var integer: Int? {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let i = Int(t) { return i }
        // VOC writers sometimes write sizes as "500.0".
        if let d = Double(t), d == d.rounded(), abs(d) < 1e9 { return Int(d) }
        return nil
    }
}
