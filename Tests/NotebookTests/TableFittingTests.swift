import Testing

@testable import Notebook

/// Tables wider than the terminal: text columns wrap, and a table that still does not fit is
/// stacked one row per block; no line is ever wider than the terminal.
@Suite("Tables fitted to the terminal")
struct TableFittingTests {
    static let wide = Table(
        "Rule sets on the boundary scene",
        columns: [
            "rule set", "locations", .right("#0 P3"), .right("#0 P4"), .right("#1 P3"), .right("#1 P4"),
        ],
        rows: [
            ["official grid, strict gate", "⌊s/2⌋ + j·s", "0", "48", "0", "48"],
            ["torchvision grid, inclusive gate", "j·s", "3", "9", "0", "9"],
        ])

    @Test func aTableThatFitsIsUnchanged() {
        let lines = TerminalRenderer(width: 100, color: false).render(Self.wide).split(separator: "\n")
        #expect(lines[1].count == 82, "boxed width: 32 + 11 + 4·5 columns, 3·6 + 1 for bars and spaces")
        #expect(lines[4].contains("official grid, strict gate"))
    }

    @Test func aTextColumnWrapsToFitAndNumbersStayWhole() {
        let lines = TerminalRenderer(width: 60, color: false).render(Self.wide).split(separator: "\n").map(
            String.init)
        #expect(lines.allSatisfy { $0.count <= 60 })
        #expect(Set(lines.dropFirst().map(\.count)).count == 1, "every row line as wide as the rules")
        // 82 → 60: the widest text column goes from 32 to 11 (its longest word, "torchvision"),
        // then "locations" from 11 to 10; the numbers keep their width.
        #expect(lines[4] == "│ official    │ ⌊s/2⌋ +    │     0 │    48 │     0 │    48 │")
        #expect(lines[5] == "│ grid,       │ j·s        │       │       │       │       │")
        #expect(lines[6] == "│ strict gate │            │       │       │       │       │")
    }

    @Test func aTableThatCannotWrapEnoughIsStacked() {
        let lines = TerminalRenderer(width: 40, color: false).render(Self.wide).split(separator: "\n").map(
            String.init)
        #expect(lines.allSatisfy { $0.count <= 40 })
        #expect(lines[0] == "Rule sets on the boundary scene")
        #expect(lines[1] == "rule set: official grid, strict gate")
        #expect(lines[2] == "    locations: ⌊s/2⌋ + j·s  │ #0 P3: 0")
        #expect(lines[3] == "    #0 P4: 48  │ #1 P3: 0  │ #1 P4: 48")
        #expect(lines[4] == "rule set: torchvision grid, inclusive")
        #expect(lines[5] == "gate")
    }

    @Test func cellsWrapOnSpacesAndLongWordsKeepALine() {
        #expect(TerminalRenderer.wrapCell("a bb ccc dddd", width: 6) == ["a bb", "ccc", "dddd"])
        #expect(TerminalRenderer.wrapCell("short", width: 10) == ["short"])
        #expect(TerminalRenderer.wrapCell("unbreakable-word", width: 5) == ["unbreakable-word"])
    }
}

@Suite("Numbers in prose")
struct NumberFormatTests {
    @Test func countsAreGroupedWithANoBreakSpace() {
        #expect(grouped(22_400) == "22\u{00A0}400")
        #expect(grouped(201_600) == "201\u{00A0}600")
        #expect(grouped(999) == "999")
        #expect(grouped(-1_234_567) == "−1\u{00A0}234\u{00A0}567")
    }

    @Test func aGroupedNumberNeverBreaksAcrossLines() {
        // "201 600" would start at column 19 of 20: it moves to the next line whole.
        let text = "anchors vs location \(grouped(201_600)) vs \(grouped(22_400))"
        let lines = Wrapper(ansi: ANSI(enabled: false)).wrap(text, width: 20)
        #expect(lines == ["anchors vs location", "201\u{00A0}600 vs 22\u{00A0}400"])
    }
}

@Suite("Wrapping inline code")
struct InlineCodeWrappingTests {
    let plain = Wrapper(ansi: ANSI(enabled: false))

    @Test func aCodeSpanMovesToTheNextLineWhole() {
        // "`m = max(l*, t*, r*, b*)`" would start at column 9 of 24; before, it broke after "max(l*,".
        let lines = plain.wrap("and then `m = max(l*, t*, r*, b*)` wins", width: 30)
        #expect(lines == ["and then", "`m = max(l*, t*, r*, b*)` wins"])
    }

    @Test func aCodeSpanWiderThanALineStillBreaksAtItsSpaces() {
        let lines = plain.wrap("see `a bb ccc dddd eeeee` now", width: 12)
        #expect(lines.allSatisfy { $0.count <= 12 })
        // Each line opens and closes its own span.
        #expect(lines.joined(separator: " ").filter { $0 != "`" } == "see a bb ccc dddd eeeee now")
        #expect(lines.count > 2)
    }

    @Test func colourModeKeepsTheSpanInOneEscape() {
        let ansi = ANSI(enabled: true)
        let lines = Wrapper(ansi: ansi).wrap("xx `a b c` yy", width: 8)
        #expect(lines.map(ANSI.strip) == ["xx a b c", "yy"])
        #expect(lines[0].contains(ansi.cyan("a b c")))
    }
}
