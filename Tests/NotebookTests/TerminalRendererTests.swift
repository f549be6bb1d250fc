import Foundation
import Testing

@testable import Notebook

@Suite("Terminal rendering")
struct TerminalRendererTests {
    let page = StepPage(number: 1, title: "Test", cells: [], figures: [:])

    @Test func prosewrapsAtTheGivenWidth() {
        let renderer = TerminalRenderer(width: 30, color: false)
        let text = "Every location on every feature level is a candidate, and FCOS decides per location."
        let lines = renderer.render(.prose(text), in: page).split(separator: "\n").map(String.init)

        #expect(lines.count > 2)
        #expect(lines.allSatisfy { $0.count <= 30 })
        #expect(lines.joined(separator: " ") == text)
    }

    @Test func plainModeKeepsMarkersAndCountsThemInTheWidth() {
        let renderer = TerminalRenderer(width: 24, color: false)
        let rendered = renderer.render(
            .prose("Pass `--preset torchvision` to compare *both* rules."), in: page)
        #expect(rendered.split(separator: "\n").allSatisfy { $0.count <= 24 })
        #expect(rendered.contains("*both*"))
        #expect(rendered.contains("`--preset"))
    }

    @Test func colourModeStylesEachWrappedLineSeparately() {
        let renderer = TerminalRenderer(width: 20, color: true)
        let rendered = renderer.render(
            .prose("Then *this emphasised phrase spans two lines* of text."), in: page)
        let lines = rendered.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { ANSI.strip($0).count <= 20 })
        #expect(lines.filter { $0.contains("\u{1B}[3m") }.count >= 2)
        #expect(!rendered.contains("*"))
    }

    @Test func bulletsGetAHangingIndent() {
        let renderer = TerminalRenderer(width: 30, color: false)
        let rendered = renderer.render(
            .prose("Rules:\n- a location inside several boxes takes the smallest one"), in: page)
        #expect(rendered == "Rules:\n\n  • a location inside several\n    boxes takes the smallest\n    one")
    }

    @Test func tableColumnsAlign() {
        let renderer = TerminalRenderer(width: 80, color: false)
        let table = Table(
            "Levels", columns: ["level", .right("stride"), .center("m")],
            rows: [["P3", "8", "64"], ["P7", "128", "∞"], ["short"]])
        let lines = renderer.render(table).split(separator: "\n").map(String.init)

        #expect(lines[0] == "Levels")
        #expect(lines[1] == "┌───────┬────────┬────┐")
        #expect(lines[2] == "│ level │ stride │ m  │")
        #expect(lines[3] == "├───────┼────────┼────┤")
        #expect(lines[4] == "│ P3    │      8 │ 64 │")
        #expect(lines[5] == "│ P7    │    128 │ ∞  │")
        #expect(lines[6] == "│ short │        │    │")
        #expect(lines[7] == "└───────┴────────┴────┘")
        #expect(Set(lines.dropFirst().map(\.count)).count == 1)
    }

    @Test func swatchesUse24BitColourAndKeepAlignment() {
        let renderer = TerminalRenderer(width: 80, color: true)
        let table = Table(
            columns: ["box", .right("n")],
            rows: [Table.Row(["person", "1"], swatch: 0x0072B2), ["dog", "22"]])
        let rendered = renderer.render(table)

        #expect(rendered.contains("\u{1B}[38;2;0;114;178m■\u{1B}[0m person"))
        let visible = rendered.split(separator: "\n").map { ANSI.strip(String($0)) }
        #expect(Set(visible.map(\.count)).count == 1)
        #expect(visible.contains("│   dog    │ 22 │"))
        #expect(visible.contains("│   box    │  n │"))
    }

    @Test func noColourMeansNoEscapes() {
        let renderer = TerminalRenderer(width: 60, color: false)
        let cells: [Cell] = [
            .heading("Heading"), .prose("Some `code` and *emphasis*."), .formula("a = b"),
            .table(Table(columns: ["x"], rows: [Table.Row(["1"], swatch: 0xFF0000)])),
            .note("Careful."), .tryThis(["Run it."]),
        ]
        let rendered = renderer.render(StepPage(number: 1, title: "T", cells: cells, figures: [:]), of: 1)
        #expect(!rendered.contains("\u{1B}"))
        #expect(!renderer.prompt(step: 1, of: 2).contains("\u{1B}"))
        #expect(!rendered.contains("■"), "a swatch without colour carries no information")
    }

    @Test func noColorOptionOverridesAColourTerminal() throws {
        let transcript = Transcript()
        let lesson = Lesson(id: "plain", title: "Plain") { Step("One") { "Some *text*." } }
        let out = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }

        _ = lesson.run(try options(["--no-color", "--out", out]), console: transcript.console(color: true))
        #expect(!transcript.output.contains("\u{1B}"))

        let coloured = Transcript()
        _ = lesson.run(try options(["--out", out]), console: coloured.console(color: true))
        #expect(coloured.output.contains("\u{1B}["))
    }

    @Test func standardConsoleHonoursNoColorAndNonTerminals() {
        #expect(!Console.standard(environment: ["NO_COLOR": "1"]).supportsColor)
        // Test output is captured, not a terminal, so colour is off even without NO_COLOR.
        #expect(!Console.standard(environment: [:]).supportsColor)
    }

    @Test func widthIsClampedToAReadableRange() {
        #expect(Console.clampedWidth(300) == 100)
        #expect(Console.clampedWidth(20) == 40)
        #expect(Console.clampedWidth(72) == 72)
        #expect((40...100).contains(Console.terminalWidth()))
    }
}
