import Foundation

/// The shell commands in README.md's ```sh blocks, one per command, split into words as a
/// POSIX shell would for the simple forms the README uses: `\` line continuations, `# comments`,
/// `&&` and `;` between commands, single and double quotes.
struct ShellCommand: CustomStringConvertible {
    var words: [String]
    /// The README line the command starts on, for failure messages.
    var line: Int

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
            for words in split(pending) where !words.isEmpty {
                commands.append(ShellCommand(words: words, line: pendingLine))
            }
            pending = ""
        }
        return commands
    }

    /// Words of one logical line, grouped into commands at `&&`, `||` and `;`; a `#` at the start
    /// of a word begins a comment.
    static func split(_ line: String) -> [[String]] {
        var commands: [[String]] = [[]]
        var word = ""
        var inWord = false
        var quote: Character?
        func endWord() {
            if inWord { commands[commands.count - 1].append(word) }
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
                commands.append([])
            case "&" where characters.first == "&", "|" where characters.first == "|":
                characters.removeFirst()
                endWord()
                commands.append([])
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
