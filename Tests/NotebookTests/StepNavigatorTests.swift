import Testing

@testable import Notebook

@Suite("Step navigation")
struct StepNavigatorTests {
    /// Feeds input lines to a navigator and records each move, as the runner would.
    func moves(_ lines: [String?], steps: Int = 3, start: Int = 0) -> [StepNavigator.Move] {
        var navigator = StepNavigator(stepCount: steps, startingAt: start)
        return lines.map { navigator.apply(NavigationCommand(line: $0)) }
    }

    @Test func enterAdvancesAndFinishesAfterTheLastStep() {
        #expect(moves(["", "", ""]) == [.show(1), .show(2), .finish])
    }

    @Test func backReShowsThePreviousStepAndStopsAtTheFirst() {
        #expect(moves(["", "b", "b", ""]) == [.show(1), .show(0), .alreadyAtFirst, .show(1)])
    }

    @Test func backStopsAtTheStartStep() {
        #expect(moves(["b", ""], start: 1) == [.alreadyAtFirst, .show(2)])
    }

    @Test func arrowKeysAndSpaceFromRawModeMapToTheSameCommands() {
        #expect(NavigationCommand(line: " ") == .next)
        #expect(NavigationCommand(line: "→") == .next)
        #expect(NavigationCommand(line: "←") == .back)
        #expect(NavigationCommand(line: "\u{1B}") == .unknown)
    }

    @Test func thePromptNamesEveryKeyOfTheTable() {
        #expect(StepKey.promptText(singleKey: true, lastStep: false) == "Enter next · b back · q quit")
        #expect(
            StepKey.promptText(singleKey: false, lastStep: true)
                == "Enter finish · b+Enter back · q+Enter quit")
    }

    @Test func quitAndEndOfInputStop() {
        #expect(moves(["", "q"]) == [.show(1), .quit])
        #expect(moves([nil]) == [.quit])
    }

    @Test func unknownInputAsksAgain() {
        #expect(moves(["x", ""]) == [.stay, .show(1)])
    }

    @Test func answersKeyRevealsWithoutMoving() {
        #expect(moves(["", "a", ""]) == [.show(1), .reveal(1), .show(2)])
        #expect(NavigationCommand(line: "A") == .reveal)
    }

    @Test func commandsIgnoreCaseAndSpaces() {
        #expect(NavigationCommand(line: " B ") == .back)
        #expect(NavigationCommand(line: "Q") == .quit)
        #expect(NavigationCommand(line: "   ") == .next)
    }
}
