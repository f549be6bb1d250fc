import Foundation

/// Reads a COCO instances file (`{"images": [...], "annotations": [...], "categories": [...]}`):
/// image id, file name and size; per annotation its id, image, category, `bbox = [x, y, w, h]`,
/// `area` and `iscrowd`. Everything else (segmentation polygons, licences, info) is skipped
/// without being built, so the 448 MB `instances_train2017.json` reads in seconds.
///
/// Boxes keep their file order within an image: pycocotools' `getAnnIds` returns them that way,
/// and the order decides ties in the ambiguity rule.
///
/// Every bad record gives one line naming the file and the record, e.g.
/// `instances.json: annotations[812] (id 1234): bbox has 3 numbers, expected 4`. In strict mode
/// the first one is thrown; otherwise the record is skipped and the line kept in
/// ``ReadResult/problems``. An annotation of a skipped image or category is skipped silently (it
/// is counted), so one bad image does not bury the report under its boxes.
public enum COCOReader {
    /// Reads a COCO instances JSON file (or standard input for `-`); `strict` turns the first bad record into
    /// a thrown error instead of a skipped one.
    public static func read(_ path: String, strict: Bool = false) throws -> ReadResult {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, problem: "cannot read the file")
        }
        return try decode(data, file: path, strict: strict)
    }

    /// Decodes COCO JSON already in memory; `file` names it in messages (the fuzz target's entry point).
    public static func decode(_ data: Data, file: String, strict: Bool = false) throws -> ReadResult {
        var log = ProblemLog(strict: strict)
        var images: [RawImage] = []
        var annotations: [RawAnnotation] = []
        var categories: [RawRecord] = []
        var seen: Set<String> = []
        try JSONScanner.scan(data, file: file) { s in
            guard s.peek() == UInt8(ascii: "{") else {
                throw InputError(
                    file: file, problem: "expected a JSON object with images, annotations and categories")
            }
            try s.readObject { s, key in
                if key.equals("images") {
                    try arrayOf(&s, "images", file: file) { s, i in images.append(try RawImage(&s, index: i))
                    }
                } else if key.equals("annotations") {
                    annotations.reserveCapacity(1 << 16)
                    try arrayOf(&s, "annotations", file: file) { s, i in
                        annotations.append(try RawAnnotation(&s, index: i))
                    }
                } else if key.equals("categories") {
                    try arrayOf(&s, "categories", file: file) { s, i in
                        categories.append(try RawRecord(&s, index: i))
                    }
                } else {
                    try s.skipValue()
                    return
                }
                seen.insert(key.string)
            }
        }
        for field in ["images", "annotations", "categories"] where !seen.contains(field) {
            throw InputError(file: file, problem: "missing field '\(field)'")
        }

        // Categories: id and name, ids unique.
        var categoryNames: [Int: String] = [:]
        var badCategories: Set<Int> = []
        var categoryList: [Category] = []
        for record in categories {
            let where_ = record.describe("categories")
            do {
                let id = try record.integer("id")
                let name = try record.string("name")
                guard categoryNames[id] == nil else { throw record.problem("duplicate category id \(id)") }
                categoryNames[id] = name
                categoryList.append(Category(id: id, name: name))
            } catch let problem as FieldProblem {
                if let id = try? record.integer("id") { badCategories.insert(id) }
                try log.skipImage(InputError(file: file, record: where_, problem: problem.text))
                log.skippedImages -= 1  // a category is not an image
            }
        }

        // Images: id, file name and a positive size, ids unique.
        var imageIndex: [Int: Int] = [:]
        var badImages: Set<Int> = []
        var result: [AnnotatedImage] = []
        result.reserveCapacity(images.count)
        for raw in images {
            switch raw.validated() {
            case .success(let image):
                if let first = imageIndex[image.id] {
                    badImages.insert(image.id)
                    try log.skipImage(
                        InputError(
                            file: file, record: raw.record.describe("images"),
                            problem:
                                "duplicate image id \(image.id) (first at images[\(images[first].record.index)])"
                        ))
                    continue
                }
                imageIndex[image.id] = result.count
                result.append(image)
            case .failure(let problem):
                if let id = try? raw.record.integer("id") { badImages.insert(id) }
                try log.skipImage(
                    InputError(file: file, record: raw.record.describe("images"), problem: problem.text))
            }
        }

        // Annotations: fields, references, then the box against its image.
        var boxesPerImage = [Int](repeating: 0, count: result.count)
        var placed: [(image: Int, annotation: ObjectAnnotation)] = []
        placed.reserveCapacity(annotations.count)
        for raw in annotations {
            let where_ = raw.describe()
            if let problem = raw.problem {
                try log.skipBox(InputError(file: file, record: where_, problem: problem))
                continue
            }
            guard let slot = imageIndex[raw.imageID] else {
                if badImages.contains(raw.imageID) {
                    log.skippedBoxes += 1
                    continue
                }
                try log.skipBox(
                    InputError(
                        file: file, record: where_, problem: "image_id \(raw.imageID) is not among the images"
                    ))
                continue
            }
            guard let name = categoryNames[raw.categoryID] else {
                if badCategories.contains(raw.categoryID) {
                    log.skippedBoxes += 1
                    continue
                }
                try log.skipBox(
                    InputError(
                        file: file, record: where_,
                        problem: "category_id \(raw.categoryID) is not among the categories"))
                continue
            }
            let image = result[slot]
            let (x, y, w, h) = raw.bbox
            if let problem = boxProblem(
                x0: x, y0: y, x1: x + w, y1: y + h, imageWidth: image.width, imageHeight: image.height)
            {
                try log.skipBox(
                    InputError(
                        file: file, record: where_,
                        problem: "bbox [\(number(x)), \(number(y)), \(number(w)), \(number(h))]: \(problem)"))
                continue
            }
            boxesPerImage[slot] += 1
            placed.append(
                (
                    slot,
                    ObjectAnnotation(
                        id: raw.id, categoryID: raw.categoryID, categoryName: name, isCrowd: raw.isCrowd,
                        box: .coco(x: x, y: y, width: w, height: h), area: raw.area)
                ))
        }
        for (slot, count) in boxesPerImage.enumerated() { result[slot].annotations.reserveCapacity(count) }
        for (slot, annotation) in placed { result[slot].annotations.append(annotation) }
        return log.result(Dataset(source: file, format: .coco, images: result, categories: categoryList))
    }

    /// Walks the top-level array `name`, saying so when it is something else.
    static func arrayOf(
        _ s: inout JSONScanner, _ name: String, file: String, _ body: (inout JSONScanner, Int) throws -> Void
    ) throws {
        guard s.peek() == UInt8(ascii: "[") else {
            let kind = try s.readValue().kind
            throw InputError(file: file, record: name, problem: "expected an array, found \(kind)")
        }
        try s.readArray(body)
    }
}

/// A problem with one field of one record, before the file and record are attached.
struct FieldProblem: Error {
    var text: String
}

/// The scalar fields of one JSON object, read without interpretation.
struct RawRecord {
    var index: Int
    var fields: [String: JSONScanner.Value] = [:]

    init(_ s: inout JSONScanner, index: Int) throws {
        self.index = index
        var fields: [String: JSONScanner.Value] = [:]
        guard s.peek() == UInt8(ascii: "{") else {
            let kind = try s.readValue().kind
            fields["\u{0}"] = .other(kind)
            self.fields = fields
            return
        }
        try s.readObject { s, key in fields[key.string] = try s.readValue() }
        self.fields = fields
    }

    func problem(_ text: String) -> FieldProblem { FieldProblem(text: text) }

    /// `images[3] (id 9)`, or `images[3]` when the id is unreadable.
    func describe(_ array: String) -> String {
        if let id = try? integer("id") { return "\(array)[\(index)] (id \(id))" }
        return "\(array)[\(index)]"
    }

    func value(_ key: String) throws -> JSONScanner.Value {
        if case .other(let kind)? = fields["\u{0}"] { throw problem("expected an object, found \(kind)") }
        guard let v = fields[key], !isNull(v) else { throw problem("missing field '\(key)'") }
        return v
    }

    func integer(_ key: String) throws -> Int {
        try wholeNumber(value(key), key)
    }

    func string(_ key: String) throws -> String {
        let v = try value(key)
        guard case .string(let s) = v else { throw problem("\(key): expected a string, found \(v.kind)") }
        return s
    }
}

func isNull(_ v: JSONScanner.Value) -> Bool {
    if case .null = v { return true }
    return false
}

/// A whole number, as ids and sizes must be.
func wholeNumber(_ v: JSONScanner.Value, _ key: String) throws -> Int {
    guard case .number(let d) = v, d.isFinite else {
        throw FieldProblem(text: "\(key): expected a whole number, found \(v.kind)")
    }
    guard d == d.rounded(), abs(d) < 1e15 else {
        throw FieldProblem(text: "\(key): expected a whole number, found \(number(d))")
    }
    return Int(d)
}

struct RawImage {
    var record: RawRecord

    init(_ s: inout JSONScanner, index: Int) throws {
        record = try RawRecord(&s, index: index)
    }

    func validated() -> Result<AnnotatedImage, FieldProblem> {
        do {
            let id = try record.integer("id")
            let fileName = try record.string("file_name")
            let width = try record.integer("width")
            let height = try record.integer("height")
            guard width > 0, height > 0 else {
                throw record.problem("image size must be positive, found \(width)×\(height)")
            }
            if let problem = InputLimits.sideProblem("width", width)
                ?? InputLimits.sideProblem("height", height)
            {
                throw record.problem(problem)
            }
            return .success(AnnotatedImage(id: id, fileName: fileName, width: width, height: height))
        } catch let problem as FieldProblem {
            return .failure(problem)
        } catch {
            return .failure(FieldProblem(text: "\(error)"))
        }
    }
}

/// One annotation, interpreted as it is read (860 000 of them must stay compact); the first
/// field problem is kept as text until the record's id is known for the message.
struct RawAnnotation {
    var index: Int
    var id = 0
    var hasID = false
    var imageID = 0
    var categoryID = 0
    var bbox: (Double, Double, Double, Double) = (0, 0, 0, 0)
    var area: Double?
    var isCrowd = false
    var problem: String?

    init(_ s: inout JSONScanner, index: Int) throws {
        self.index = index
        guard s.peek() == UInt8(ascii: "{") else {
            problem = "expected an object, found \(try s.readValue().kind)"
            return
        }
        var found: UInt8 = 0
        var problems: [(order: Int, text: String)] = []
        func note(_ order: Int, _ text: String) { problems.append((order, text)) }
        try s.readObject { s, key in
            if key.equals("id") {
                found |= 1
                do {
                    id = try wholeNumber(s.readValue(), "id")
                    hasID = true
                } catch let p as FieldProblem { note(0, p.text) }
            } else if key.equals("image_id") {
                found |= 2
                do { imageID = try wholeNumber(s.readValue(), "image_id") } catch let p as FieldProblem {
                    note(1, p.text)
                }
            } else if key.equals("category_id") {
                found |= 4
                do { categoryID = try wholeNumber(s.readValue(), "category_id") } catch let p as FieldProblem
                {
                    note(2, p.text)
                }
            } else if key.equals("bbox") {
                found |= 8
                let v = try s.readValue()
                switch v {
                case .numbers(let n) where n.count == 4:
                    if let bad = n.firstIndex(where: { !$0.isFinite }) {
                        note(3, "bbox[\(bad)] is \(n[bad].isNaN ? "NaN" : "infinite")")
                    } else {
                        bbox = (n[0], n[1], n[2], n[3])
                    }
                case .numbers(let n):
                    note(3, "bbox has \(n.count) number\(n.count == 1 ? "" : "s"), expected 4")
                case .null: found &= ~8
                default: note(3, "bbox: expected an array of 4 numbers, found \(v.kind)")
                }
            } else if key.equals("iscrowd") {
                let v = try s.readValue()
                switch v {
                case .number(let d) where d == 0 || d == 1: isCrowd = d == 1
                case .bool(let b): isCrowd = b
                case .null: break
                case .number(let d):
                    note(4, "iscrowd: expected 0 or 1, found \(d.isFinite ? number(d) : v.kind)")
                default: note(4, "iscrowd: expected 0 or 1, found \(v.kind)")
                }
            } else if key.equals("area") {
                let v = try s.readValue()
                switch v {
                case .number(let d) where d.isFinite: area = d
                case .null: break
                default: note(5, "area: expected a number, found \(v.kind)")
                }
            } else {
                try s.skipValue()
            }
        }
        for (bit, name) in [(1, "id"), (2, "image_id"), (4, "category_id"), (8, "bbox")]
        where found & UInt8(bit) == 0 {
            note(bit.trailingZeroBitCount, "missing field '\(name)'")
        }
        problem = problems.min { $0.order < $1.order }?.text
    }

    /// `annotations[812] (id 1234)`.
    func describe() -> String {
        hasID ? "annotations[\(index)] (id \(id))" : "annotations[\(index)]"
    }
}
