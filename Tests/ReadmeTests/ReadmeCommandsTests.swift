import ArgumentParser
import Foundation
import Testing

@testable import Notebook
@testable import fcos

/// README.md's commands, checked against the code so the README cannot drift: every `fcos`
/// command parses with the real command tree (so a renamed option or a missing subcommand fails
/// here), the cheap ones run on the shipped example files, every lesson command parses with the
/// lessons' options, scripts exist, and every `--out` points into a git-ignored folder.
@Suite("README commands")
struct ReadmeCommandsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    static var commands: [ShellCommand] {
        (try? ShellCommand.extract(fromMarkdown: text("README.md"))) ?? []
    }

    /// `fcos` subcommands cheap enough to run on every test: JSON in, JSON or a table out.
    static let runnable: Set<String> = ["targets", "nms", "loss"]

    @Test("The README has sh blocks with fcos and lesson commands")
    func found() {
        let runs = Self.commands.compactMap { SwiftRun($0.words) }
        #expect(runs.contains { $0.product == "fcos" })
        #expect(runs.contains { $0.product.hasPrefix("lesson-") })
    }

    @Test("Every fcos command parses; targets, nms and loss run on the shipped files")
    func fcosCommands() throws {
        for command in Self.commands {
            guard let run = SwiftRun(command.words), run.product == "fcos" else { continue }
            let arguments = run.arguments.map(Self.absoluteIfInRepository)
            var parsed: any ParsableCommand
            do {
                parsed = try FCOSCommand.parseAsRoot(arguments)
            } catch {
                Issue.record("\(command): \(FCOSCommand.message(for: error))")
                continue
            }
            // Run only what names its JSON input: a command fed by a pipe or reading standard
            // input (`-`, the default) would wait on the test's own input.
            guard let subcommand = run.arguments.first, Self.runnable.contains(subcommand),
                !command.readsStandardInput, run.arguments.contains(where: { $0.hasSuffix(".json") })
            else { continue }
            let capture = Output.Capture()
            do {
                try Output.$sink.withValue(capture.sink) { try parsed.run() }
                #expect(!capture.out.isEmpty, "\(command) printed nothing")
            } catch {
                Issue.record("\(command): failed with \(error): \(capture.err)")
            }
        }
    }

    @Test("Every lesson command names a lesson in Package.swift and parses with the lesson options")
    func lessonCommands() throws {
        let manifest = try Self.text("Package.swift")
        for command in Self.commands {
            guard let run = SwiftRun(command.words), run.product.hasPrefix("lesson-") else { continue }
            let main = Self.root.appendingPathComponent("Lessons/\(run.product)/main.swift")
            // A lesson another branch is still adding: nothing to check yet.
            guard let source = try? String(contentsOf: main, encoding: .utf8) else { continue }
            #expect(manifest.contains("\"\(run.product)\""), "\(command): not in Package.swift's lessons")
            guard source.contains("LessonOptions.parseOrExit") else { continue }
            do {
                _ = try LessonOptions.parse(run.arguments)
            } catch {
                Issue.record("\(command): \(LessonOptions.message(for: error))")
            }
        }
    }

    @Test("Other swift run products exist, scripts exist and are executable")
    func otherCommands() throws {
        let manifest = try Self.text("Package.swift")
        for command in Self.commands {
            if let run = SwiftRun(command.words) {
                guard run.product != "fcos", !run.product.hasPrefix("lesson-") else { continue }
                #expect(
                    manifest.contains("\"\(run.product)\""), "\(command): no such product in Package.swift")
            } else if let program = command.words.first, program.contains("/") {
                let path = Self.root.appendingPathComponent(program).path
                #expect(
                    FileManager.default.isExecutableFile(atPath: path),
                    "\(command): \(program) is not an executable file")
            }
        }
    }

    @Test("Every --out in the README writes into a git-ignored folder")
    func outputFoldersAreIgnored() throws {
        let ignored = Set(
            try Self.text(".gitignore").split(separator: "\n").map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: "/ "))
            })
        for command in Self.commands {
            for (index, word) in command.words.enumerated()
            where word == "--out" && index + 1 < command.words.count {
                let first = command.words[index + 1].split(separator: "/").first.map(String.init) ?? ""
                #expect(
                    ignored.contains(first),
                    "\(command): --out \(command.words[index + 1]) is not git-ignored")
            }
        }
    }

    @Test("The extractor handles continuations, comments, quotes and &&")
    func extractor() {
        let text = """
            ```sh
            .ci/install-system-deps && swift run lesson-03-matching
            swift run fcos targets --scene 'a b.json' \\
                --json   # a comment
            ```
            ```
            swift run not-a-command
            ```
            """
        let commands = ShellCommand.extract(fromMarkdown: text)
        #expect(commands.allSatisfy { !$0.readsStandardInput })
        #expect(
            commands.map(\.words) == [
                [".ci/install-system-deps"], ["swift", "run", "lesson-03-matching"],
                ["swift", "run", "fcos", "targets", "--scene", "a b.json", "--json"],
            ])
        #expect(commands.map(\.line) == [2, 2, 3])
        let piped = ShellCommand.split("cat in.json | swift run fcos nms --iou 0.5 > out.json 2>&1")
        #expect(
            piped.map(\.words) == [["cat", "in.json"], ["swift", "run", "fcos", "nms", "--iou", "0.5"]])
        #expect(piped.map(\.readsStandardInput) == [false, true])
        let redirected = ShellCommand.split("swift run fcos loss bce < Assets/examples/logits.json")
        #expect(redirected.map(\.words) == [["swift", "run", "fcos", "loss", "bce"]])
        #expect(redirected[0].readsStandardInput)
        let run = SwiftRun(["swift", "run", "-c", "release", "fcos", "bench"])
        #expect(run?.product == "fcos" && run?.arguments == ["bench"])
    }

    /// `Assets/examples/boxes.json` as an absolute path when it names something in the
    /// repository, so the command runs wherever the tests run from.
    static func absoluteIfInRepository(_ word: String) -> String {
        guard !word.hasPrefix("-"), word.contains("/") || word.hasSuffix(".json") else { return word }
        let path = root.appendingPathComponent(word).path
        return FileManager.default.fileExists(atPath: path) ? path : word
    }
}
