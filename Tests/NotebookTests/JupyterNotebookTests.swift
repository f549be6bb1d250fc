import Foundation
import Testing

@testable import Notebook

/// The `.ipynb` beside `index.html`: checked here against the nbformat 4.5 schema's rules by
/// hand (the lessons' suite also runs the `nbformat` validator when Python has it).
@Suite("Jupyter notebook")
struct JupyterNotebookTests {
    func notebook() throws -> (json: [String: Any], figure: Data) {
        let out = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = LessonRunTests.sampleLesson().run(
            try options(["--no-pause", "--out", out, "--preset", "torchvision"]),
            console: Transcript().console())
        let path = try #require(result.jupyterPath)
        #expect(path == "\(out)/lesson-99-sample.ipynb")
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (json, try Data(contentsOf: URL(fileURLWithPath: "\(out)/locations.png")))
    }

    func text(_ value: Any?) -> String {
        (value as? [String])?.joined() ?? (value as? String) ?? ""
    }

    @Test func followsTheNbformat45Schema() throws {
        let (json, _) = try notebook()
        #expect(json["nbformat"] as? Int == 4)
        #expect(json["nbformat_minor"] as? Int == 5)
        let metadata = try #require(json["metadata"] as? [String: Any])
        let kernel = try #require(metadata["kernelspec"] as? [String: String])
        #expect(kernel["name"] == "bash" && kernel["display_name"] == "Bash")
        #expect((metadata["language_info"] as? [String: String])?["name"] == "bash")
        let cells = try #require(json["cells"] as? [[String: Any]])
        let ids = cells.compactMap { $0["id"] as? String }
        #expect(ids.count == cells.count && Set(ids).count == ids.count, "every cell has a unique id")
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
        #expect(ids.allSatisfy { (1...64).contains($0.count) && $0.allSatisfy(allowed.contains) })
        for cell in cells {
            #expect(cell["metadata"] is [String: Any])
            switch cell["cell_type"] as? String {
            case "markdown":
                #expect(Set(cell.keys) == ["id", "cell_type", "metadata", "source"])
            case "code":
                #expect(
                    Set(cell.keys) == ["id", "cell_type", "metadata", "source", "outputs", "execution_count"])
                #expect(cell["execution_count"] is NSNull)
            default:
                Issue.record("unexpected cell type \(String(describing: cell["cell_type"]))")
            }
        }
    }

    @Test func proseTablesAndFiguresBecomeMarkdownAndImageOutputs() throws {
        let (json, figure) = try notebook()
        let cells = try #require(json["cells"] as? [[String: Any]])
        let markdown = cells.filter { $0["cell_type"] as? String == "markdown" }.map { text($0["source"]) }
        let all = markdown.joined(separator: "\n")
        #expect(markdown.first?.hasPrefix("# Sample &lt;lesson> &amp; co") == true)
        #expect(all.contains("## 1. All locations"))
        #expect(all.contains("Locations with x &lt; 8 sit on `P3`, *every* one of them."))
        #expect(
            all.contains("**Positives**\n\n| box | P3 | P4 |\n| :--- | ---: | ---: |\n| person | 12 | 3 |"))
        #expect(all.contains("```text\ncenterness* = sqrt(min(l,r)/max(l,r) · min(t,b)/max(t,b))\n```"))
        #expect(all.contains("> **Note**\n>\n> The paper's Eq. 3."))
        #expect(all.contains("**Try this**\n\n- run with `--preset torchvision`"))

        let code = cells.filter { $0["cell_type"] as? String == "code" }
        #expect(code.count == 2)
        let first = try #require(code.first)
        #expect(first["id"] as? String == "fig-locations")
        #expect(
            text(first["source"])
                == "# Figure 1: locations, drawn by step 1\nswift run lesson-99-sample --preset torchvision --step 1 --no-pause"
        )
        let output = try #require((first["outputs"] as? [[String: Any]])?.first)
        #expect(output["output_type"] as? String == "display_data")
        let data = try #require(output["data"] as? [String: Any])
        #expect(text(data["image/png"]) == figure.base64EncodedString())
        #expect(text(data["text/plain"]) == "Figure 1. All locations on P3")
    }

    @Test func markdownEscapesWhatIsNotMarkup() {
        #expect(
            MarkdownText.inline("a * b costs $5 <b> & [x]_1") == "a \\* b costs \\$5 &lt;b> &amp; \\[x\\]\\_1"
        )
        #expect(MarkdownText.inline("`a|b` or c|d", inTable: true) == "`a\\|b` or c\\|d")
        #expect(MarkdownText.code("a`b", inTable: false) == "`` a`b ``")
        #expect(MarkdownText.block("# not a heading") == "\\# not a heading")
        #expect(MarkdownText.block("- not a list") == "\\- not a list")
        #expect(MarkdownText.fenced("a\n```\nb") == "````text\na\n```\nb\n````")
    }
}
