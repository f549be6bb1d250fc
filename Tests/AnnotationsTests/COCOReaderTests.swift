import Foundation
import Testing

@testable import Annotations

@Suite("COCO reader")
struct COCOReaderTests {
    static let image = #"{"id": 1, "file_name": "a.jpg", "width": 640, "height": 480}"#
    static let category = #"{"id": 1, "name": "person"}"#

    func decode(_ text: String, strict: Bool = true) throws -> ReadResult {
        try COCOReader.decode(Data(text.utf8), file: "instances.json", strict: strict)
    }

    /// A file with one image and one category around the given annotations.
    func file(annotations: [String], images: [String] = [image], categories: [String] = [category]) -> String
    {
        #"{"images": [\#(images.joined(separator: ","))], "annotations": [\#(annotations.joined(separator: ","))], "categories": [\#(categories.joined(separator: ","))]}"#
    }

    func annotation(id: Int = 5, fields: String) -> String {
        #"{"id": \#(id), "image_id": 1, "category_id": 1, \#(fields)}"#
    }

    /// The strict reader's message for one bad annotation.
    func problem(_ annotation: String) -> String {
        message { try decode(file(annotations: [annotation])) }
    }

    @Test("The fixture: images, boxes in file order, crowd flags, areas and category names")
    func fixture() throws {
        let result = try COCOReader.read(Fixtures.path("coco/instances.json"), strict: true)
        let d = result.dataset
        #expect(result.problems.isEmpty)
        #expect(d.format == .coco)
        #expect(d.images.map(\.id) == [1, 2])
        #expect(d.images.map(\.width) == [640, 480])
        #expect(d.categories == [Category(id: 1, name: "person"), Category(id: 3, name: "car")])
        let first = d.images[0].annotations
        #expect(first.map(\.id) == [10, 11, 13])
        #expect(first[0].box == .coco(x: 10, y: 20, width: 30, height: 40))
        #expect(first[0].categoryName == "person" && !first[0].isCrowd && first[0].area == 1200)
        #expect(first[1].isCrowd && first[1].categoryName == "car")
        #expect(first[1].box == .coco(x: 300.5, y: 200.25, width: 100.5, height: 80.75))
        #expect(d.images[1].annotations.map(\.id) == [12])
        #expect(d.boxCount == 4)
    }

    @Test("The brief's example: a short bbox names the file, the record and its id")
    func shortBBox() {
        let good = (0..<812).map { annotation(id: $0 + 1, fields: #""bbox": [1, 2, 3, 4]"#) }
        let bad = annotation(id: 1234, fields: #""bbox": [1, 2, 3]"#)
        #expect(
            message { try decode(file(annotations: good + [bad])) }
                == "instances.json: annotations[812] (id 1234): bbox has 3 numbers, expected 4")
    }

    @Test("Each bad annotation gives one line naming the file and the record")
    func annotationProblems() {
        let prefix = "instances.json: annotations[0] (id 5): "
        #expect(problem(#"{"id": 5, "image_id": 1, "category_id": 1}"#) == prefix + "missing field 'bbox'")
        #expect(
            problem(#"{"image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4]}"#)
                == "instances.json: annotations[0]: missing field 'id'")
        #expect(
            problem(#"{"id": "x", "image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4]}"#)
                == "instances.json: annotations[0]: id: expected a whole number, found a string")
        #expect(
            problem(#"{"id": 5, "image_id": 42, "category_id": 1, "bbox": [1, 2, 3, 4]}"#)
                == prefix + "image_id 42 is not among the images")
        #expect(
            problem(#"{"id": 5, "image_id": 1, "category_id": 99, "bbox": [1, 2, 3, 4]}"#)
                == prefix + "category_id 99 is not among the categories")
        #expect(
            problem(#"{"id": 5, "image_id": 1.5, "category_id": 1, "bbox": [1, 2, 3, 4]}"#)
                == prefix + "image_id: expected a whole number, found 1.5")
        #expect(problem(annotation(fields: #""bbox": [1, 2, NaN, 4]"#)) == prefix + "bbox[2] is NaN")
        #expect(
            problem(annotation(fields: #""bbox": [1, -Infinity, 3, 4]"#)) == prefix + "bbox[1] is infinite")
        #expect(
            problem(annotation(fields: #""bbox": "1,2,3,4""#))
                == prefix + "bbox: expected an array of 4 numbers, found a string")
        #expect(
            problem(annotation(fields: #""bbox": [1, 2, "3", 4]"#))
                == prefix + "bbox: expected an array of 4 numbers, found an array with non-numbers")
        #expect(
            problem(annotation(fields: #""bbox": [1, 2, 3, 4, 5]"#)) == prefix
                + "bbox has 5 numbers, expected 4")
        #expect(
            problem(annotation(fields: #""bbox": [10, 10, -3, 5]"#))
                == prefix + "bbox [10, 10, -3, 5]: negative width (-3)")
        #expect(
            problem(annotation(fields: #""bbox": [10, 10, 5, 0]"#)) == prefix
                + "bbox [10, 10, 5, 0]: zero height")
        #expect(
            problem(annotation(fields: #""bbox": [630, 10, 20, 5]"#))
                == prefix + "bbox [630, 10, 20, 5]: box (630, 10)-(650, 15) leaves the 640×480 image")
        #expect(
            problem(annotation(fields: #""bbox": [-2, 10, 20, 5]"#))
                == prefix + "bbox [-2, 10, 20, 5]: box (-2, 10)-(18, 15) leaves the 640×480 image")
        #expect(
            problem(annotation(fields: #""bbox": [1, 2, 3, 4], "iscrowd": 2"#))
                == prefix + "iscrowd: expected 0 or 1, found 2")
        #expect(
            problem(annotation(fields: #""bbox": [1, 2, 3, 4], "area": "big""#))
                == prefix + "area: expected a number, found a string")
        #expect(problem("[1, 2]") == "instances.json: annotations[0]: expected an object, found an array")
    }

    @Test("Half a pixel past the border is tolerated (writers round to two decimals)")
    func borderSlack() throws {
        let result = try decode(file(annotations: [annotation(fields: #""bbox": [600, 400, 40.2, 80.3]"#)]))
        #expect(result.dataset.boxCount == 1)
    }

    @Test("Bad images and categories, and the file's structure")
    func fileProblems() {
        #expect(
            message {
                try decode(
                    file(
                        annotations: [],
                        images: [#"{"id": 1, "file_name": "a.jpg", "width": 0, "height": 480}"#]))
            }
                == "instances.json: images[0] (id 1): image size must be positive, found 0×480")
        #expect(
            message { try decode(file(annotations: [], images: [#"{"id": 1, "width": 10, "height": 480}"#])) }
                == "instances.json: images[0] (id 1): missing field 'file_name'")
        #expect(
            message { try decode(file(annotations: [], images: [Self.image, Self.image])) }
                == "instances.json: images[1] (id 1): duplicate image id 1 (first at images[0])")
        #expect(
            message { try decode(file(annotations: [], categories: [#"{"id": 1}"#])) }
                == "instances.json: categories[0] (id 1): missing field 'name'")
        #expect(
            message { try decode(#"{"images": [], "annotations": []}"#) }
                == "instances.json: missing field 'categories'")
        #expect(
            message { try decode(#"{"images": {}, "annotations": [], "categories": []}"#) }
                == "instances.json: images: expected an array, found an object")
        #expect(
            message { try decode("[1]") }
                == "instances.json: expected a JSON object with images, annotations and categories")
    }

    @Test("Malformed JSON says where")
    func malformed() {
        #expect(
            message { try decode(#"{"images": [}"#) }
                == "instances.json: malformed JSON at line 1, column 13: expected a value, found '}'")
        #expect(
            message { try decode("{\"images\": [],\n \"annotations\" []}") }
                == "instances.json: malformed JSON at line 2, column 16: expected ':', found '['")
        #expect(
            message { try decode(#"{"images": [], "annotations": [], "categories": []} x"#) }
                == "instances.json: malformed JSON at line 1, column 53: unexpected 'x' after the top-level value"
        )
        #expect(
            message { try decode(#"{"images": ["abc], "annotations": [], "categories": []}"#) }.hasPrefix(
                "instances.json: malformed JSON"))
        #expect(
            message { try decode("") }
                == "instances.json: expected a JSON object with images, annotations and categories")
    }

    @Test("Lenient reading skips bad records, keeps the good ones and lists the problems in order")
    func lenient() throws {
        let text = file(
            annotations: [
                annotation(id: 1, fields: #""bbox": [1, 2, 3, 4]"#),
                annotation(id: 2, fields: #""bbox": [1, 2, 3]"#),
                #"{"id": 3, "image_id": 2, "category_id": 1, "bbox": [1, 2, 3, 4]}"#,
                #"{"id": 4, "image_id": 2, "category_id": 1, "bbox": [5, 6, 7, 8]}"#,
                annotation(id: 5, fields: #""bbox": [1, 2, 3, 4], "iscrowd": 1"#),
                #"{"id": 6, "image_id": 7, "category_id": 1, "bbox": [1, 2, 3, 4]}"#,
            ],
            images: [Self.image, #"{"id": 2, "file_name": "b.jpg", "width": -1, "height": 480}"#])
        let result = try decode(text, strict: false)
        #expect(result.dataset.images.map(\.id) == [1])
        #expect(result.dataset.images[0].annotations.map(\.id) == [1, 5])
        #expect(result.skippedImages == 1)
        #expect(result.skippedBoxes == 4)  // id 2 (bad), ids 3 and 4 (their image), id 6 (unknown image)
        #expect(
            result.problems.map(\.description) == [
                "instances.json: images[1] (id 2): image size must be positive, found -1×480",
                "instances.json: annotations[1] (id 2): bbox has 3 numbers, expected 4",
                "instances.json: annotations[5] (id 6): image_id 7 is not among the images",
            ])
        // Strict mode stops at the first.
        #expect(
            message { try decode(text) }
                == "instances.json: images[1] (id 2): image size must be positive, found -1×480")
    }

    @Test("Numbers read exactly as Python's float() reads them")
    func numbers() throws {
        var rng = SystemRandomNumberGenerator()
        var texts = [
            "0", "-0.0", "1e3", "1E-2", "123456789012345678901234", "0.1", "2.675", "1.7976931348623157e308",
            "5e-324", "640.01", "0.000001", "-12.5e+2", "3.141592653589793238462643383279",
        ]
        for _ in 0..<2000 {
            let whole = Int.random(in: 0...100_000, using: &rng)
            let digits = Int.random(in: 1...17, using: &rng)
            let fraction = (0..<digits).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
            texts.append("\(whole).\(fraction)")
        }
        let json = "[" + texts.joined(separator: ",") + "]"
        let values = try JSONScanner.scan(Data(json.utf8), file: "n.json") { s -> [Double] in
            guard case .numbers(let n) = try s.readValue() else { return [] }
            return n
        }
        #expect(values.count == texts.count)
        for (text, value) in zip(texts, values) {
            #expect(value.bitPattern == Double(text)!.bitPattern, "\(text)")
        }
    }

    @Test("Strings with escapes, and unknown fields of any shape are skipped")
    func stringsAndSkipping() throws {
        let text = #"""
            {"info": {"nested": [[1, {"a": [true, false, null]}], "x\"y"]},
             "images": [{"id": 1, "file_name": "caf\u00e9 \ud83d\ude00\n.jpg", "width": 10, "height": 10, "extra": [1, "two"]}],
             "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 1, 2, 2], "segmentation": [[1.5, 2e1]]}],
             "categories": [{"id": 1, "name": "tab\there", "supercategory": null}],
             "licenses": []}
            """#
        let d = try decode(text).dataset
        #expect(d.images[0].fileName == "café 😀\n.jpg")
        #expect(d.categories[0].name == "tab\there")
        #expect(d.boxCount == 1)
    }
}
