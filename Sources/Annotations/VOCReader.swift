import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

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
        var parsed:
            [(image: AnnotatedImage, objects: [(record: String, name: String, annotation: ObjectAnnotation)])] =
                []
        for (position, file) in xmlFiles.enumerated() {
            let filePath = (folder as NSString).appendingPathComponent(file)
            let id = numericIDs ? Int(stems[position])! : position + 1
            guard let data = fm.contents(atPath: filePath) else {
                try log.skipImage(InputError(file: filePath, problem: "cannot read the file"))
                continue
            }
            let root: VOCElement
            do {
                root = try VOCElement.parse(data, file: filePath)
            } catch let error as InputError {
                try log.skipImage(error)
                continue
            }
            let objects = root.children("object")
            guard let image = imageRecord(root, id: id, fallbackName: stems[position] + ".jpg") else {
                try log.skipImage(
                    InputError(file: filePath, problem: imageProblem(root)), boxes: objects.count)
                continue
            }
            var kept: [(String, String, ObjectAnnotation)] = []
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
                                id: n + 1, categoryID: -1, categoryName: name, isDifficult: difficult,
                                box: box)
                        ))
                case .failure(let problem):
                    try log.skipBox(InputError(file: filePath, record: record, problem: problem.text))
                }
            }
            parsed.append((image, kept.map { (record: $0.0, name: $0.1, annotation: $0.2) }))
        }

        // Number the categories, then attach them.
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
                    let file = (folder as NSString).appendingPathComponent(xmlFiles[index])
                    try log.skipBox(
                        InputError(
                            file: file, record: object.record,
                            problem: "class '\(object.name)' is not in \(namesFile)"))
                    continue
                }
                var annotation = object.annotation
                annotation.categoryID = id
                image.annotations.append(annotation)
            }
            images.append(image)
        }
        return log.result(Dataset(source: path, format: .voc, images: images, categories: categories))
    }

    static func imageRecord(_ root: VOCElement, id: Int, fallbackName: String) -> AnnotatedImage? {
        guard let size = root.child("size"), let w = size.child("width")?.integer,
            let h = size.child("height")?.integer,
            w > 0, h > 0
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

/// A minimal element tree: names, text and children are all a VOC file needs.
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

    static func parse(_ data: Data, file: String) throws -> VOCElement {
        let parser = XMLParser(data: data)
        let builder = TreeBuilder()
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            let line = builder.errorLine ?? parser.lineNumber
            let code = (parser.parserError as NSError?)?.code
            throw InputError(
                file: file,
                problem: "malformed XML at line \(line) (\(code.map(describe) ?? "no root element"))")
        }
        return root
    }

    /// Words for the libxml2 errors a hand-edited annotation file usually has.
    static func describe(_ code: Int) -> String {
        switch code {
        case 4: return "empty document"
        case 5: return "the document ends too early"
        case 38: return "unterminated attribute value"
        case 41: return "bad attribute"
        case 64: return "bad processing instruction"
        case 73: return "'>' expected"
        case 76: return "the closing tag does not match the opening one"
        case 85: return "content after the root element"
        default: return "parser error \(code)"
        }
    }
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    var root: VOCElement?
    var stack: [VOCElement] = []

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let element = VOCElement(name: elementName)
        if let parent = stack.last { parent.children.append(element) } else { root = element }
        stack.append(element)
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }

    /// The line where the first error was found (later the parser may have moved on).
    var errorLine: Int?

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if errorLine == nil { errorLine = parser.lineNumber }
    }
}
