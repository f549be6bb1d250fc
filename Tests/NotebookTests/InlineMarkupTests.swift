import Testing

@testable import Notebook

@Suite("Inline markup")
struct InlineMarkupTests {
    @Test func codeEmphasisAndStrong() {
        #expect(
            InlineMarkup.parse("Use `--step 3` for *one* **step**.") == [
                InlineRun(text: "Use ", style: .plain), InlineRun(text: "--step 3", style: .code),
                InlineRun(text: " for ", style: .plain), InlineRun(text: "one", style: .emphasis),
                InlineRun(text: " ", style: .plain), InlineRun(text: "step", style: .strong),
                InlineRun(text: ".", style: .plain),
            ])
    }

    @Test func arithmeticAsterisksStayLiteral() {
        #expect(InlineMarkup.parse("l * r and 2*3*4") == [InlineRun(text: "l * r and 2*3*4", style: .plain)])
        #expect(InlineMarkup.parse("centerness* is") == [InlineRun(text: "centerness* is", style: .plain)])
    }

    @Test func unmatchedMarkersStayLiteral() {
        #expect(InlineMarkup.parse("a ` b") == [InlineRun(text: "a ` b", style: .plain)])
    }

    @Test func htmlEscapesInsideAndOutsideMarkup() {
        let renderer = HTMLRenderer(
            lessonID: "x", title: "t", summary: nil, stepTitles: [], details: [], command: "")
        #expect(renderer.inline("a < b & `<c>`") == "a &lt; b &amp; <code>&lt;c&gt;</code>")
        #expect(renderer.escape("\"'") == "&quot;&#39;")
    }

    @Test func proseSplitsParagraphsAndBullets() {
        let text = "First line\ncontinues.\n\nBefore list:\n- one\n  more\n- two"
        #expect(
            ProseBlock.split(text) == [
                .paragraph("First line continues."), .paragraph("Before list:"),
                .bullets(["one more", "two"]),
            ])
    }
}
