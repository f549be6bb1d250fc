import Foundation

/// What the student asked for at the prompt between steps.
enum NavigationCommand: Equatable, Sendable {
    case next, back, quit, unknown
    /// Show the hidden answers of the current step's "try this" prompts.
    case reveal

    /// Enter (an empty line) means next; `b` back; `a` answers; `q` quit. End of input (Ctrl-D, a closed
    /// pipe) is a quit so the lesson never spins on a dead terminal.
    init(line: String?) {
        guard let line else {
            self = .quit
            return
        }
        switch line.trimmingCharacters(in: .whitespaces).lowercased() {
        case "", "n", "next": self = .next
        case "b", "back", "p", "prev": self = .back
        case "q", "quit", "exit": self = .quit
        case "a", "answer", "answers": self = .reveal
        default: self = .unknown
        }
    }
}

/// The step-to-step state machine, separate from any terminal so every path through a lesson
/// can be tested by feeding it commands.
struct StepNavigator: Sendable {
    enum Move: Equatable, Sendable {
        /// Show the step at this 0-based index.
        case show(Int)
        /// The input was not understood: ask again without re-showing anything.
        case stay
        /// Show the current step's hidden answers and stay on it.
        case reveal(Int)
        /// Past the last step.
        case finish
        case quit
    }

    let stepCount: Int
    /// Going back stops here: `--step N` means "from step N on".
    let firstIndex: Int
    private(set) var current: Int

    init(stepCount: Int, startingAt start: Int = 0) {
        self.stepCount = stepCount
        self.firstIndex = start
        self.current = start
    }

    mutating func apply(_ command: NavigationCommand) -> Move {
        switch command {
        case .next:
            guard current + 1 < stepCount else { return .finish }
            current += 1
            return .show(current)
        case .back:
            current = max(firstIndex, current - 1)
            return .show(current)
        case .quit:
            return .quit
        case .unknown:
            return .stay
        case .reveal:
            return .reveal(current)
        }
    }
}
