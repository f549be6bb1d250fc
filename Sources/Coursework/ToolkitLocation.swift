import Foundation

/// Finds the toolkit's own checkout, for the student package's path dependency: the package
/// that contains the running binary (a `.build/…/fcos` inside the checkout), else the current
/// directory or one of its parents.
public enum ToolkitLocation {
    /// The name in the toolkit's `Package.swift`.
    static let packageName = "fcos-targets"

    /// The toolkit's checkout, searched upwards from the executable's folder and then from
    /// `currentDirectory`; nil when neither lies inside one.
    public static func find(
        executable: URL? = Bundle.main.executableURL,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) -> URL? {
        for start in [executable?.resolvingSymlinksInPath().deletingLastPathComponent(), currentDirectory] {
            guard var directory = start?.standardizedFileURL else { continue }
            while true {
                if isToolkit(directory) { return directory }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        return nil
    }

    /// Whether `directory` holds the toolkit's manifest.
    public static func isToolkit(_ directory: URL) -> Bool {
        let manifest = directory.appendingPathComponent("Package.swift")
        guard let text = try? String(contentsOf: manifest, encoding: .utf8) else { return false }
        return text.contains("name: \"\(packageName)\"")
    }
}
