import Foundation

/// The keys that work at the prompt between steps, in one table: the prompt, the help line and
/// the reading of a key or a line all come from it, so a new command joins by adding a
/// ``NavigationCommand`` case and one row here.
struct StepKey: Sendable {
    var command: NavigationCommand
    /// What the prompt shows the student to press, e.g. `b`.
    var key: String
    /// What it does, e.g. `back`.
    var action: String
    /// Everything accepted for it, lower-cased: single keys (`""` is Enter; `"→"` and `"←"` the
    /// arrow keys, as ``RawTerminal`` reports them) and the words accepted in line mode.
    var inputs: Set<String>

    static let all: [StepKey] = [
        StepKey(command: .next, key: "Enter", action: "next", inputs: ["", " ", "n", "next", "→", "j"]),
        StepKey(command: .back, key: "b", action: "back", inputs: ["b", "back", "p", "prev", "←", "k"]),
        StepKey(command: .reveal, key: "a", action: "answers", inputs: ["a", "answer", "answers"]),
        StepKey(command: .quit, key: "q", action: "quit", inputs: ["q", "quit", "exit"]),
    ]

    /// The command for one key or one line of input; nil (end of input: Ctrl-D, a closed pipe)
    /// quits, so a lesson never spins on a dead terminal.
    static func command(for input: String?) -> NavigationCommand {
        guard let input else { return .quit }
        let trimmed = input == " " ? input : input.trimmingCharacters(in: .whitespaces).lowercased()
        return all.first { $0.inputs.contains(trimmed) }?.command ?? .unknown
    }

    /// `Enter next · b back · q quit` for single keys; in line mode every key but Enter is
    /// followed by Enter, and the prompt says so. On the last step Enter finishes; `a answers`
    /// appears only on a step whose "try this" prompts have hidden answers.
    static func promptText(singleKey: Bool, lastStep: Bool, hasAnswers: Bool = false) -> String {
        all.filter { $0.command != .reveal || hasAnswers }.map { binding in
            let action = binding.command == .next && lastStep ? "finish" : binding.action
            let key = singleKey || binding.key == "Enter" ? binding.key : "\(binding.key)+Enter"
            return "\(key) \(action)"
        }.joined(separator: " · ")
    }
}
