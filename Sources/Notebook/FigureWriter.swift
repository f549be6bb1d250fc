import Canvas
import Figures
import Foundation

/// Places a figure at `OUT/<name>.<ext>` on behalf of a lesson's render closure.
///
/// The closure draws into a hidden sibling file that keeps the real extension (so code that
/// picks a writer from the extension still works) and only a complete file is renamed into
/// place. Canvas's `AtomicFile` does the same for byte buffers but names its temporaries without
/// the extension, hence this small variant.
struct FigureWriter {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    var directory: String
    var format: FileFormat

    func path(for name: String) -> String {
        "\(directory)/\(name).\(format.fileExtension)"
    }

    /// Writes the figure and returns its path, with its hotspots when it explains itself.
    func write(_ spec: FigureSpec) throws -> (path: String, hotspots: FigureHotspots?) {
        try Self.validate(name: spec.name)
        let destination = path(for: spec.name)
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let temporary = "\(directory)/.\(spec.name).partial-\(suffix).\(format.fileExtension)"
        var hotspots: FigureHotspots?
        do {
            if let make = spec.figure {
                let figure = try make()
                try figure.write(toPath: temporary, format: format)
                if format != .pdf, let explaining = figure as? any HotspotProviding {
                    hotspots = explaining.hotspots
                }
            } else {
                try spec.render(temporary, format)
            }
            guard FileManager.default.fileExists(atPath: temporary) else {
                throw Failure(
                    description:
                        "figure '\(spec.name)': the render closure wrote nothing to the path it was given")
            }
            guard rename(temporary, destination) == 0 else {
                throw Failure(
                    description:
                        "cannot move figure into place at \(destination): \(String(cString: strerror(errno)))"
                )
            }
        } catch {
            unlink(temporary)
            throw error
        }
        return (destination, hotspots)
    }

    /// Figure names become file names and HTML anchors, so they stay portable.
    static func validate(name: String) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        guard !name.isEmpty, !name.hasPrefix("."), name.allSatisfy(allowed.contains) else {
            throw Failure(
                description:
                    "figure name '\(name)' must be letters, digits, '-', '_' or '.', e.g. \"p3-locations\"")
        }
    }
}
