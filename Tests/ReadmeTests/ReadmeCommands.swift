import Foundation

/// The shell commands in README.md's ```sh blocks, one per command, split into words as a
/// POSIX shell would for the simple forms the README uses: `\` line continuations, `# comments`,
/// `&&`, `||`, `;` and `|` between commands, `<` and `>` redirections, single and double quotes.
struct ShellCommand: CustomStringConvertible {
    var words: [String]
    /// The README line the command starts on, for failure messages.
    var line: Int
    /// Fed by a pipe or `<`: running it in a test would read the test's own input.
    var readsStandardInput = false

    var description: String { "README.md:\(line): \(words.joined(separator: " "))" }

    static func extract(fromMarkdown text: String) -> [ShellCommand] {
        var commands: [ShellCommand] = []
        var inShell = false
        var pending = ""
        var pendingLine = 0
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            let fence = line.trimmingCharacters(in: .whitespaces)
            if fence.hasPrefix("```") {
                inShell = !inShell && ["```sh", "```shell", "```bash", "```console"].contains(fence)
                continue
            }
            guard inShell else { continue }
            if pending.isEmpty { pendingLine = index + 1 }
            if line.hasSuffix("\\") {
                pending += line.dropLast() + " "
                continue
            }
            pending += line
            for var command in split(pending) where !command.words.isEmpty {
                command.line = pendingLine
                commands.append(command)
            }
            pending = ""
        }
        return commands
    }

    /// The commands of one logical line; a `#` at the start of a word begins a comment.
    static func split(_ line: String) -> [ShellCommand] {
        var commands = [ShellCommand(words: [], line: 0)]
        var word = ""
        var inWord = false
        var quote: Character?
        /// The next word is a redirection's file, not an argument.
        var redirectTarget = false
        func endWord() {
            if inWord {
                if redirectTarget {
                    redirectTarget = false
                } else {
                    commands[commands.count - 1].words.append(word)
                }
            }
            word = ""
            inWord = false
        }
        var characters = Array(line)[...]
        while let c = characters.popFirst() {
            if let open = quote {
                if c == open { quote = nil } else { word.append(c) }
                continue
            }
            switch c {
            case "'", "\"":
                quote = c
                inWord = true
            case " ", "\t":
                endWord()
            case "#" where !inWord:
                characters = []
            case ";":
                endWord()
                commands.append(ShellCommand(words: [], line: 0))
            case "&" where characters.first == "&", "|" where characters.first == "|":
                characters.removeFirst()
                endWord()
                commands.append(ShellCommand(words: [], line: 0))
            case "|":
                endWord()
                commands.append(ShellCommand(words: [], line: 0, readsStandardInput: true))
            case "<", ">":
                if c == ">", word == "2" || word == "&" { (word, inWord) = ("", false) }
                endWord()
                if characters.first == ">" || characters.first == "&" { characters.removeFirst() }
                if c == "<" { commands[commands.count - 1].readsStandardInput = true }
                redirectTarget = true
            default:
                word.append(c)
                inWord = true
            }
        }
        endWord()
        return commands
    }
}

/// What `swift run [options] PRODUCT arguments…` runs.
struct SwiftRun {
    var product: String
    var arguments: [String]

    /// The `swift run` of `words`, or nil for any other command. SwiftPM's own options come
    /// before the product; those listed here take a value.
    init?(_ words: [String]) {
        guard words.count >= 3, words[0] == "swift", words[1] == "run" else { return nil }
        let takesValue: Set<String> = [
            "-c", "--configuration", "-j", "--jobs", "--scratch-path", "--package-path",
        ]
        var index = 2
        while index < words.count, words[index].hasPrefix("-") {
            index += takesValue.contains(words[index]) ? 2 : 1
        }
        guard index < words.count else { return nil }
        product = words[index]
        arguments = Array(words[(index + 1)...])
    }
}
