import Testing

@testable import Notebook

@Suite("Lesson options")
struct LessonOptionsTests {
    @Test func defaults() throws {
        let options = try LessonOptions.parse([])
        #expect(options.outputDirectory(lessonID: "lesson-03-matching") == "lesson-output/lesson-03-matching")
        #expect(options.step == 1)
        #expect(!options.noPause)
        #expect(options.preset == "official")
        #expect(options.scene == nil)
        #expect(options.format == .png)
        #expect(!options.noColor)
    }

    @Test func parsesEveryOption() throws {
        let options = try LessonOptions.parse([
            "--no-pause", "--format", "svg", "--out", "/tmp/x", "--step", "3", "--preset", "torchvision",
            "--scene", "street.json", "--no-color",
        ])
        #expect(options.noPause)
        #expect(options.format == .svg)
        #expect(options.outputDirectory(lessonID: "ignored") == "/tmp/x")
        #expect(options.step == 3)
        #expect(options.preset == "torchvision")
        #expect(options.scene == "street.json")
        #expect(options.noColor)
    }

    @Test func rejectsBadValues() {
        #expect(throws: (any Error).self) { try LessonOptions.parse(["--format", "jpeg"]) }
        #expect(throws: (any Error).self) { try LessonOptions.parse(["--step", "0"]) }
    }

    @Test func everyOptionHasHelp() {
        let help = LessonOptions.helpMessage()
        for option in ["--out", "--step", "--no-pause", "--preset", "--scene", "--format", "--no-color"] {
            #expect(help.contains(option))
        }
        #expect(help.contains("png"))
    }

    @Test func presetsResolveOrListTheChoices() throws {
        let options = try LessonOptions.parse(["--preset", "torchvision"])
        #expect(try options.resolvePreset(from: ["official": 1, "torchvision": 2]) == 2)

        let unknown = try LessonOptions.parse(["--preset", "mmdet"])
        #expect(throws: (any Error).self) {
            try unknown.resolvePreset(from: ["official": 1, "torchvision": 2])
        }
        do {
            _ = try unknown.resolvePreset(from: ["official": 1, "torchvision": 2])
        } catch {
            #expect("\(error)".contains("official, torchvision"))
        }
    }

    @Test func reproducingArgumentsLeaveOutDefaultsAndQuotePaths() throws {
        #expect(try LessonOptions.parse(["--no-pause", "--out", "x"]).reproducingArguments == [])
        let options = try LessonOptions.parse([
            "--preset", "torchvision", "--scene", "my scene.json", "--format", "pdf",
        ])
        #expect(
            options.reproducingArguments == [
                "--preset", "torchvision", "--scene", "'my scene.json'", "--format", "pdf",
            ])
    }
}
