import Annotations
import FCOS
import Foundation
import Testing

@Suite("Scene files")
struct SceneFileTests {
    func decode(_ text: String) throws -> Scene {
        try SceneFile.decode(JSONValue.parse(Data(text.utf8), file: "scene.json"))
    }

    func message(_ text: String) -> String {
        do {
            _ = try decode(text)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test("A valid scene keeps boxes as given, in order")
    func valid() throws {
        let scene = try decode(
            """
            {"image": {"width": 1333, "height": 800},
             "boxes": [{"x0": 10, "y0": 20.5, "x1": 200, "y1": 300, "label": 1, "name": "person"},
                       {"x0": 5, "y0": 5, "x1": 5, "y1": 9, "crowd": true}]}
            """)
        #expect(scene.width == 1333 && scene.height == 800)
        #expect(scene.groundTruths.count == 2)
        #expect(scene.groundTruths[0].box == Box(x0: 10, y0: 20.5, x1: 200, y1: 300))
        #expect(scene.groundTruths[0].name == "person")
        #expect(scene.groundTruths[1].isCrowd)
        #expect(scene.groundTruths[1].label == 0)
    }

    @Test("Each bad input names the file and the record")
    func errors() {
        #expect(message("{\"image\": ").hasPrefix("scene.json: malformed JSON"))
        #expect(message("{\"boxes\": []}") == "scene.json: image: missing field")
        #expect(
            message("{\"image\": {\"width\": 0, \"height\": 10}, \"boxes\": []}")
                == "scene.json: image.width: image size must be positive, found 0×10")
        #expect(
            message(
                "{\"image\": {\"width\": 10, \"height\": 10}, \"boxes\": [{\"x0\": 5, \"y0\": 0, \"x1\": 2, \"y1\": 3}]}"
            )
                == "scene.json: boxes[0]: x1 (2.0) is less than x0 (5.0)")
        #expect(
            message(
                "{\"image\": {\"width\": 10, \"height\": 10}, \"boxes\": [{\"x0\": 0, \"y0\": 0, \"x1\": 2}]}"
            )
                == "scene.json: boxes[0].y1: missing field")
        #expect(
            message(
                "{\"image\": {\"width\": 10, \"height\": 10}, \"boxes\": [{\"x0\": \"NaN\", \"y0\": 0, \"x1\": 2, \"y1\": 2}]}"
            )
                == "scene.json: boxes[0].x0: expected a number, found a string")
        #expect(
            message(
                "{\"image\": {\"width\": 10, \"height\": 10}, \"boxes\": [{\"x0\": 1e39, \"y0\": 0, \"x1\": 2, \"y1\": 2}]}"
            )
            .hasPrefix("scene.json: boxes[0].x0: "))
        #expect(
            message("{\"image\": {\"width\": 10.5, \"height\": 10}, \"boxes\": []}")
                == "scene.json: image.width: expected a whole number, found 10.5")
        #expect(
            message("{\"image\": {\"width\": 10, \"height\": 10}, \"boxes\": {}}")
                == "scene.json: boxes: expected an array")
    }

    @Test("A missing file is an error naming it")
    func missingFile() {
        #expect(throws: InputError.self) { try SceneFile.read("/nonexistent/scene.json") }
    }

    @Test("The shipped scenes read cleanly", arguments: ["tennis", "street"])
    func shippedScenes(name: String) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let scene = try SceneFile.read(root.appendingPathComponent("Assets/scenes/\(name).json").path)
        #expect(scene.groundTruths.count >= 3)
    }
}

@Suite("JSON syntax errors")
struct JSONSyntaxErrorTests {
    func message(_ text: String) -> String {
        do {
            _ = try JSONValue.parse(Data(text.utf8), file: "scene.json")
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test("Errors say line:column, not a character offset")
    func lineAndColumn() {
        #expect(
            message("{\"image\": {\"width\": 10,\n  \"height\" 10}}")
                == "scene.json: malformed JSON at line 2, column 12: expected ':', found '1'")
        // Columns count characters, not bytes.
        #expect(
            message("{\"name\": \"Zürich\" \"x\": 1}")
                == "scene.json: malformed JSON at line 1, column 19: expected ',' or '}', found '\"'")
    }

    @Test("A trailing comma is refused, at the comma, in objects and arrays")
    func trailingCommas() {
        #expect(
            message("{\"boxes\": [1, 2,\n]}")
                == "scene.json: malformed JSON at line 1, column 16: trailing comma before ']' (JSON allows no comma after the last item)"
        )
        #expect(
            message("{\"a\": 1,}")
                == "scene.json: malformed JSON at line 1, column 8: trailing comma before '}' (JSON allows no comma after the last item)"
        )
        #expect(message("[1, 2]") == "no error")
    }

    @Test("The COCO reader refuses a trailing comma the same way")
    func cocoTrailingComma() {
        let text = "{\"images\": [], \"annotations\": [], \"categories\": [],}"
        #expect(
            AnnotationsTests.message { try COCOReader.decode(Data(text.utf8), file: "i.json") }
                == "i.json: malformed JSON at line 1, column 51: trailing comma before '}' (JSON allows no comma after the last item)"
        )
    }
}
