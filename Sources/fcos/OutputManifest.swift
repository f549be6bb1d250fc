import Canvas
import Foundation

/// The files `inspect` or `compare` wrote into an `--out` folder, listed in a hidden
/// `.fcos-written` beside them.
///
/// A re-run into the same folder removes the files the previous run listed that this run did not
/// write again (figures of images no longer chosen, zooms of boxes that now have positives), so
/// the folder holds exactly what the new `index.html` links. Files the toolkit did not write are
/// never touched, and only plain names inside the folder are ever removed.
enum OutputManifest {
    static let fileName = ".fcos-written"

    /// Removes what the previous run wrote and this one did not, then records `written`.
    /// Returns the names removed.
    @discardableResult
    static func update(folder: String, written: [String]) throws -> [String] {
        let manifest = (folder as NSString).appendingPathComponent(fileName)
        let previous =
            (try? String(contentsOfFile: manifest, encoding: .utf8))?
            .split(separator: "\n").map(String.init) ?? []
        let kept = Set(written)
        var removed: [String] = []
        for name in previous where !kept.contains(name) && isPlainName(name) {
            let path = (folder as NSString).appendingPathComponent(name)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue
            else { continue }
            if (try? FileManager.default.removeItem(atPath: path)) != nil { removed.append(name) }
        }
        try AtomicFile.write(written.joined(separator: "\n") + "\n", to: manifest)
        return removed
    }

    /// A file name with no folder part, so a edited manifest cannot reach outside the folder.
    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && name != fileName
    }
}
