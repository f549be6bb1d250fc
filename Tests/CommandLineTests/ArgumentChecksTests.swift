import ArgumentParser
import Diagnostics
import FCOS
import Foundation
import Testing

@testable import fcos

/// Mistakes on the command line end before any work with one line naming the path or option,
/// the README's exit status, and nothing written.
@Suite("fcos argument checks")
struct ArgumentChecksTests {
    /// Runs `arguments`, capturing stderr even when the command ends with an `ExitCode`.
    func run(_ arguments: [String]) -> (status: Int32, err: String) {
        var err = ""
        var code = ExitStatus.success.rawValue
        do {
            var command = try FCOSCommand.parseAsRoot(arguments)
            let capture = Output.Capture()
            do {
                try Output.$sink.withValue(capture.sink) { try command.run() }
                err = capture.err
            } catch let exit as ExitCode {
                (code, err) = (exit.rawValue, capture.err)
            } catch let usage as UsageError {
                (code, err) = (ExitStatus.usageError.rawValue, capture.err + "fcos: \(usage)\n")
            }
        } catch {
            code = FCOSCommand.exitCode(for: error).rawValue
            err = FCOSCommand.message(for: error)
        }
        return (code, err)
    }

    static let street = RepositoryPaths.assets + "/scenes/street.json"

    @Test("--out naming an existing file is a usage error found while parsing, for inspect and compare")
    func outIsAFile() throws {
        let f = try InspectFixture()
        try Data("x".utf8).write(to: URL(fileURLWithPath: f.path("taken")))
        for arguments in [
            ["inspect", Self.street, "--out", f.path("taken")],
            [
                "compare", Self.street, "--preset", "official", "--preset", "torchvision", "--out",
                f.path("taken"),
            ],
        ] {
            #expect(throws: (any Error).self) { try FCOSCommand.parseAsRoot(arguments) }
            let result = run(arguments)
            #expect(result.status == ExitStatus.usageError.rawValue)
            #expect(result.err.contains("taken: is a file, not a folder"), "\(result.err)")
        }
        #expect(run(["inspect", Self.street, "--out", f.path("taken/below")]).err.contains("is a file"))
    }

    @Test("A missing path and a folder given for a file get different lines and exit status 2")
    func missingVersusFolder() throws {
        let missing = run(["targets", "--scene", "/nonexistent/scene.json"])
        #expect(missing.status == ExitStatus.inputError.rawValue)
        #expect(missing.err == "fcos: /nonexistent/scene.json: --scene: no such file or folder\n")
        let folder = run(["targets", "--scene", RepositoryPaths.assets])
        #expect(folder.status == ExitStatus.inputError.rawValue)
        #expect(folder.err.hasSuffix("--scene: is a folder, expected a file\n"))
        let nms = run(["nms", "--iou", "0.5", RepositoryPaths.assets])
        #expect(nms.err.hasSuffix("Assets: is a folder, expected a file\n"))
        let stats = run(["stats", "/nonexistent/instances.json"])
        #expect(
            stats.status == ExitStatus.inputError.rawValue && stats.err.contains("no such file or folder"))
    }

    @Test("--image matching no image is a usage error, and nothing is drawn")
    func unknownImage() throws {
        let f = try InspectFixture()
        try f.writeCOCO([(1, "a.jpg", 64, 48, [[10, 10, 30, 20]])])
        let result = run([
            "inspect", f.path("instances.json"), "--image", "1", "99999", "--out", f.path("out"),
        ])
        #expect(result.status == ExitStatus.usageError.rawValue)
        #expect(result.err.contains("--image 99999: no image with this id or file name"))
        #expect(!FileManager.default.fileExists(atPath: f.path("out")), "nothing written")
    }

    @Test("An unknown preset is a usage error naming the choices")
    func unknownPreset() {
        let result = run(["targets", "--scene", Self.street, "--preset", "nope"])
        #expect(result.status == ExitStatus.usageError.rawValue)
        #expect(result.err.contains("unknown preset 'nope'") && result.err.contains("torchvision"))
    }

    @Test("A skipped photo makes the result partial: exit status 1, figures for the rest")
    func partial() throws {
        let f = try InspectFixture()
        try f.addPhoto("scene-64x48.jpg", as: "a.jpg")
        try f.writeCOCO([
            (1, "a.jpg", 64, 48, [[10, 10, 30, 20]]), (2, "gone.jpg", 64, 48, [[1, 1, 10, 10]]),
        ])
        let result = run(["inspect", f.path("instances.json"), "--all", "--out", f.path("out")])
        #expect(result.status == ExitStatus.partial.rawValue)
        #expect(result.err.contains("gone.jpg"))
        #expect(f.files.contains("out/image-1.png") && f.files.contains("out/index.html"))
    }

    @Test("Re-running inspect removes the figures it wrote before and no longer lists, nothing else")
    func staleFigures() throws {
        let f = try InspectFixture()
        try f.addPhoto("scene-64x48.jpg", as: "a.jpg")
        try f.addPhoto("scene-48x64.jpg", as: "b.jpg")
        try f.writeCOCO([(1, "a.jpg", 64, 48, [[10, 10, 30, 20]]), (2, "b.jpg", 48, 64, [[5, 5, 30, 40]])])
        try FileManager.default.createDirectory(atPath: f.path("out"), withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: f.path("out/image-7.png")))
        #expect(
            run(["inspect", f.path("instances.json"), "--image", "1", "2", "--out", f.path("out")]).status
                == 0)
        #expect(f.files.contains("out/image-1.png") && f.files.contains("out/image-2.png"))
        #expect(
            run(["inspect", f.path("instances.json"), "--image", "2", "--out", f.path("out")]).status == 0)
        let files = f.files.filter { $0.hasPrefix("out/") }
        #expect(!files.contains("out/image-1.png"), "the figure index.html no longer lists is gone")
        #expect(files.contains("out/image-2.png") && files.contains("out/index.html"))
        #expect(files.contains("out/image-7.png"), "a file the toolkit did not write is kept")
        let manifest = try String(contentsOfFile: f.path("out/.fcos-written"), encoding: .utf8)
        #expect(manifest == "image-2.png\nindex.html\n")
    }

    @Test("A manifest entry outside the folder is never removed")
    func manifestStaysInside() throws {
        let f = try InspectFixture()
        try FileManager.default.createDirectory(atPath: f.path("out"), withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: f.path("precious.txt")))
        try Data("../precious.txt\n/etc/hostname\n".utf8).write(
            to: URL(fileURLWithPath: f.path("out/.fcos-written")))
        let removed = try OutputManifest.update(folder: f.path("out"), written: ["index.html"])
        #expect(removed.isEmpty)
        #expect(FileManager.default.fileExists(atPath: f.path("precious.txt")))
    }

    @Test("stats: --input-format as in inspect and compare; --format still works, with a note")
    func inputFormat() throws {
        let examples = RepositoryPaths.assets + "/examples/instances.json"
        let current = run(["stats", examples, "--input-format", "coco"])
        #expect(current.status == 0 && current.err.isEmpty)
        let old = run(["stats", examples, "--format", "coco"])
        #expect(old.status == 0)
        #expect(old.err.contains("--format is deprecated for stats; use --input-format"))
        #expect(run(["stats", examples, "--format", "coco", "--input-format", "voc"]).status == 64)
        #expect(run(["stats", examples, "--input-format", "png"]).status == 64)
    }

    @Test("loss iou: linear-iou as documented and linear_iou as the official config spells it")
    func linearIoU() throws {
        #expect(try IoULossCommand.parse(["--kind", "linear-iou"]).kind == .linearIoU)
        #expect(try IoULossCommand.parse(["--kind", "linear_iou"]).kind == .linearIoU)
        #expect(IoULossKind.allValueStrings == ["iou", "linear-iou", "giou"])
    }

    @Test("loss iou on a disjoint pair: 0, as the official formula gives, and a note saying so")
    func disjointPair() throws {
        // [0,0,10,10] and [20,20,30,30], measured from (15, 15): l, t = 15 and r, b = −5 for the
        // first, the reverse for the second. Both areas (15 − 5)² = 100; the "intersection"
        // (−5 − 5)·(−5 − 5) = 100, so U = 100 and IoU = 101/101: loss 0 for iou and linear-iou.
        let f = try InspectFixture()
        try Data(#"{"boxes1": [[0,0,10,10], [0,0,10,10]], "boxes2": [[0,0,10,20], [20,20,30,30]]}"#.utf8)
            .write(to: URL(fileURLWithPath: f.path("pairs.json")))
        var command = try FCOSCommand.parseAsRoot([
            "loss", "iou", "--kind", "linear-iou", f.path("pairs.json"),
        ])
        let output = try Output.capturing { try command.run() }
        // Pair 0: I = 100, U = 200, 1 − 101/201 = 0.49751244.
        #expect(output.out == "{\"loss\":[0.49751246,0]}\n")
        #expect(
            output.err.hasPrefix("fcos: note: pair 1 does not overlap: the official IOULoss formula's value"))
        #expect(output.err.split(separator: "\n").count == 1)
    }
}

/// Paths of the repository's own files, for tests that need a real file or folder.
enum RepositoryPaths {
    static let assets = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Assets").path
}
