import Foundation

@testable import Notebook

/// Collects what a lesson writes and feeds it scripted answers at the prompt.
final class Transcript {
    private(set) var output = ""
    private var inputs: [String]

    init(inputs: [String] = []) {
        self.inputs = inputs
    }

    /// With `singleKey`, the answers come as key presses, as from a terminal in raw mode.
    func console(width: Int = 60, color: Bool = false, interactive: Bool = false, singleKey: Bool = false)
        -> Console
    {
        let next = { self.inputs.isEmpty ? nil : self.inputs.removeFirst() }
        return Console(
            width: width, supportsColor: color, isInteractive: interactive,
            write: { self.output += $0 },
            readLine: next, readKey: singleKey ? next : nil)
    }
}

/// A fresh directory under the system temporary directory, removed by the caller.
func temporaryDirectory() -> String {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("NotebookTests-\(UUID().uuidString)").path
    return path
}

func options(_ arguments: [String]) throws -> LessonOptions {
    try LessonOptions.parse(arguments)
}

/// Stands in for a Canvas drawing: the runner only cares that a file appears at the path.
func writeFakeFigure(_ path: String) throws {
    try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]).write(to: URL(fileURLWithPath: path))
}
