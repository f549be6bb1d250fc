/// What the student asked for at the prompt between steps; ``StepKey`` says which keys mean what.
enum NavigationCommand: Equatable, Sendable {
    case next, back, quit, unknown
    /// Show the hidden answers of the current step's "try this" prompts.
    case reveal

    /// The command for one key or one line of input (see ``StepKey/command(for:)``).
    init(line: String?) { self = StepKey.command(for: line) }
}

/// The step-to-step state machine, separate from any terminal so every path through a lesson
/// can be tested by feeding it commands.
struct StepNavigator: Sendable {
    enum Move: Equatable, Sendable {
        /// Show the step at this 0-based index.
        case show(Int)
        /// The input was not understood: ask again without re-showing anything.
        case stay
        /// `b` on the first step (or the one `--step` started at): say so instead of re-showing it.
        case alreadyAtFirst
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
            guard current > firstIndex else { return .alreadyAtFirst }
            current -= 1
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
