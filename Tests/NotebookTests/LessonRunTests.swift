import Foundation
import Testing

@testable import Notebook

@Suite("Running a lesson")
struct LessonRunTests {
    /// A two-figure lesson in the shape real lessons take.
    static func sampleLesson(evaluated: Counter = Counter()) -> Lesson {
        Lesson(id: "lesson-99-sample", title: "Sample <lesson> & co", summary: "Targets in *pictures*.") {
            Step("All locations") {
                evaluated.count += 1
                "Locations with x < 8 sit on `P3`, *every* one of them."
                Formula("centerness* = sqrt(min(l,r)/max(l,r) · min(t,b)/max(t,b))")
                Table(
                    "Positives", columns: ["box", .right("P3"), .right("P4")],
                    rows: [Table.Row(["person", "12", "3"], swatch: 0x0072B2), ["dog", "140", "7"]])
                Picture("locations", caption: "All locations on P3") { path, _ in try writeFakeFigure(path) }
            }
            Step("Centerness") {
                evaluated.count += 1
                Heading("Why the square root")
                Note("The paper's Eq. 3.")
                Picture("centerness", caption: "Centerness map") { path, _ in try writeFakeFigure(path) }
                TryThis(
                    Exercise(
                        "run with `--preset torchvision`: which GT loses its P4 positives, and why?",
                        answer: "The <racket>: its m = 64 sits on the boundary."),
                    "predict the P3 count first.")
            }
            Step("Summary") {
                evaluated.count += 1
                Prose("Done.")
            }
        }
    }

    final class Counter {
        var count = 0
    }

    @Test func writesFiguresAndNotebookWhenRunStraightThrough() throws {
        let out = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let transcript = Transcript()

        let result = Self.sampleLesson().run(
            try options(["--no-pause", "--out", out]), console: transcript.console())

        #expect(result.outcome == .finished)
        #expect(result.exitCode == 0)
        #expect(result.shownSteps == [1, 2, 3])
        #expect(result.figurePaths == ["\(out)/locations.png", "\(out)/centerness.png"])
        for path in result.figurePaths {
            #expect(FileManager.default.fileExists(atPath: path))
        }
        #expect(result.notebookPath == "\(out)/index.html")
        #expect(transcript.output.contains("\(out)/locations.png"))
        #expect(transcript.output.contains("\(out)/index.html"))

        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "temporary files left behind: \(leftovers)")
    }

    @Test func notebookPageIsSelfContainedAndEscaped() throws {
        let out = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }

        let result = Self.sampleLesson().run(try options(["--out", out]), console: Transcript().console())
        let html = try String(contentsOfFile: try #require(result.notebookPath), encoding: .utf8)

        #expect(html.contains("<title>Sample &lt;lesson&gt; &amp; co</title>"))
        #expect(html.contains("<h1>Sample &lt;lesson&gt; &amp; co</h1>"))
        #expect(html.contains("Locations with x &lt; 8 sit on <code>P3</code>, <em>every</em> one of them."))
        #expect(!html.contains("x < 8"))
        #expect(html.contains("<td>") && html.contains(">person</td>") && html.contains(">140</td>"))
        #expect(html.contains("background:#0072B2"))
        #expect(html.contains("<img src=\"data:image/png;base64,iVBORw0KGgo="))
        #expect(html.contains("min(l,r)/max(l,r) · min(t,b)/max(t,b)"))
        #expect(html.contains("<code>--preset torchvision</code>"))
        #expect(!html.contains("http://") && !html.contains("https://"), "no external resources")
        #expect(!html.contains("<script"))
        #expect(html.contains("Regenerate with <code>swift run lesson-99-sample</code>"))
    }

    @Test func svgFiguresAreEmbeddedAndPDFFiguresLinked() throws {
        for (format, expected) in [("svg", "data:image/svg+xml;base64,"), ("pdf", "href=\"locations.pdf\"")] {
            let out = temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: out) }
            let result = Self.sampleLesson().run(
                try options(["--out", out, "--format", format]), console: Transcript().console())
            #expect(result.figurePaths.first == "\(out)/locations.\(format)")
            let html = try String(contentsOfFile: "\(out)/index.html", encoding: .utf8)
            #expect(html.contains(expected))
        }
    }

    @Test func interactiveRunFollowsTheStudentsAnswers() throws {
        let out = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let transcript = Transcript(inputs: ["", "b", "what?", "", "", ""])
        let evaluated = Counter()

        let result = Self.sampleLesson(evaluated: evaluated).run(
            try options(["--out", out]), console: transcript.console(interactive: true))

        #expect(result.outcome == .finished)
        #expect(result.shownSteps == [1, 2, 1, 2, 3])
        #expect(evaluated.count == 3, "going back re-shows a step without recomputing it")
        // Input a line at a time: the prompt says that b and q need Enter.
        #expect(transcript.output.contains("── step 1/3 · Enter next · b+Enter back · q+Enter quit ──"))
        #expect(transcript.output.contains("── step 3/3 · Enter finish · b+Enter back · q+Enter quit ──"))
        #expect(transcript.output.contains("(press Enter next · b+Enter back · q+Enter quit)"))
    }

    @Test func singleKeysNeedNoEnterAndBackOnTheFirstStepSaysSo() throws {
        let out = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let transcript = Transcript(inputs: ["b", " ", "←", "→", "→", ""])

        let result = Self.sampleLesson().run(
            try options(["--out", out]), console: transcript.console(interactive: true, singleKey: true))

        #expect(result.outcome == .finished)
        #expect(result.shownSteps == [1, 2, 1, 2, 3], "b on step 1 re-shows nothing")
        #expect(transcript.output.contains("── step 1/3 · Enter next · b back · q quit ──"))
        #expect(transcript.output.contains("(already at the first step)"))
    }

    @Test func backAtTheStepGivenWithStepNamesIt() throws {
        let out = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let transcript = Transcript(inputs: ["b", "q"])
        let result = Self.sampleLesson().run(
            try options(["--out", out, "--step", "2"]), console: transcript.console(interactive: true))
        #expect(result.outcome == .quit && result.shownSteps == [2])
        #expect(transcript.output.contains("(already at step 2, where --step started)"))
    }

    @Test func answersStayHiddenUntilAsked() throws {
        let out = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let transcript = Transcript(inputs: ["a", "", "a", "q"])

        _ = Self.sampleLesson().run(
            try options(["--out", out]), console: transcript.console(interactive: true))

        let output = transcript.output
        #expect(output.contains("(this step has no hidden answers)"), "step 1 has no prompts")
        #expect(output.contains("[answer 1: press a]"))
        #expect(
            output.contains("── step 2/3 · Enter next · b+Enter back · a+Enter answers · q+Enter quit ──"))
        let answer = try #require(output.range(of: "Answer 1: The <racket>"))
        let prompt = try #require(output.range(of: "which GT loses its P4"))
        #expect(prompt.upperBound < answer.lowerBound, "the answer appears only after the key")
        #expect(output.components(separatedBy: "Answer 1:").count == 2, "shown once, on request")

        let html = try String(contentsOfFile: "\(out)/index.html", encoding: .utf8)
        #expect(
            html.contains(
                "<details class=\"answer\"><summary>Answer</summary><p>The &lt;racket&gt;: its m = 64 sits on the boundary.</p></details>"
            ))
        #expect(
            html.contains("<li>predict the P3 count first.</li>"), "a prompt without answer has no details")
    }

    @Test func quittingStillWritesTheWholeNotebook() throws {
        let out = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let transcript = Transcript(inputs: ["q"])

        let result = Self.sampleLesson().run(
            try options(["--out", out]), console: transcript.console(interactive: true))

        #expect(result.outcome == .quit)
        #expect(transcript.output.contains("Running steps 2–3 for the notebook page"))
        #expect(result.exitCode == 0)
        #expect(result.shownSteps == [1])
        let html = try String(contentsOfFile: "\(out)/index.html", encoding: .utf8)
        #expect(html.contains("id=\"step-3\""))
    }

    @Test func startStepRunsEarlierStepsWithoutShowingThem() throws {
        let out = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let transcript = Transcript()
        let evaluated = Counter()

        let result = Self.sampleLesson(evaluated: evaluated).run(
            try options(["--out", out, "--step", "2"]), console: transcript.console())

        #expect(result.shownSteps == [2, 3])
        #expect(evaluated.count == 3)
        #expect(!transcript.output.contains("Step 1/3"))
        #expect(transcript.output.contains("Step 2/3 · Centerness"))
    }

    @Test func stepPastTheEndIsAnError() throws {
        let result = Self.sampleLesson().run(
            try options(["--out", temporaryDirectory(), "--step", "9"]), console: Transcript().console())
        #expect(result.outcome == .failed)
        #expect(result.failure?.message == "--step 9 is past the end: this lesson has 3 steps")
    }

    struct SceneMissing: Error, CustomStringConvertible {
        var description: String { "scene file 'street.json' not found\n(second line of detail)" }
    }

    @Test func throwingStepBecomesAOneLineFailure() throws {
        let out = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let lesson = Lesson(id: "lesson-98-broken", title: "Broken") {
            Step("Fine") { "This step works." }
            Step("Load the scene") {
                let scene: String = try { throw SceneMissing() }()
                "Never shown: \(scene)."
            }
            Step("Unreached") { "Never shown either." }
        }

        let result = lesson.run(try options(["--no-pause", "--out", out]), console: Transcript().console())

        #expect(result.outcome == .failed)
        #expect(result.exitCode == 1)
        #expect(result.shownSteps == [1])
        let failure = try #require(result.failure)
        #expect(failure.step == 2)
        #expect(failure.message == "step 2 “Load the scene”: scene file 'street.json' not found")
        let html = try String(contentsOfFile: "\(out)/index.html", encoding: .utf8)
        #expect(html.contains("The lesson stopped"))
        #expect(html.contains("Unreached <small>(not run)</small>"))
    }

    @Test func figureThatWritesNothingIsReported() throws {
        let out = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let lesson = Lesson(id: "lesson-97-empty-figure", title: "Empty figure") {
            Step("Draw") { Picture("nothing", caption: "Forgot to write") { _, _ in } }
        }
        let result = lesson.run(try options(["--out", out]), console: Transcript().console())
        #expect(result.failure?.message.contains("wrote nothing") == true)
    }

    @Test func duplicateAndUnsafeFigureNamesAreRejected() throws {
        let out = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let duplicate = Lesson(id: "dup", title: "Duplicate") {
            Step("One") { Picture("same", caption: "a") { path, _ in try writeFakeFigure(path) } }
            Step("Two") { Picture("same", caption: "b") { path, _ in try writeFakeFigure(path) } }
        }
        let result = duplicate.run(try options(["--out", out]), console: Transcript().console())
        #expect(result.failure?.message == "step 2 “Two”: two figures are named 'same'")

        let unsafe = Lesson(id: "unsafe", title: "Unsafe") {
            Step("One") { Picture("../escape", caption: "a") { path, _ in try writeFakeFigure(path) } }
        }
        let unsafeResult = unsafe.run(try options(["--out", out]), console: Transcript().console())
        #expect(unsafeResult.failure?.step == 1)
        #expect(!FileManager.default.fileExists(atPath: "\(out)/../escape.png"))
    }

    @Test func outputDirectoryIsCreatedWithParents() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let out = "\(root)/nested/deeper"
        let result = Self.sampleLesson().run(try options(["--out", out]), console: Transcript().console())
        #expect(result.failure == nil)
        #expect(FileManager.default.fileExists(atPath: "\(out)/index.html"))
    }

    @Test func lazyValuesAreComputedOnceOnFirstUse() throws {
        var runs = 0
        let value = Lazy<Int> {
            runs += 1
            return 42
        }
        #expect(runs == 0)
        #expect(try value.value == 42)
        #expect(try value.value == 42)
        #expect(runs == 1)
    }
}
