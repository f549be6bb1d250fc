import Foundation

/// What is wrong with a path a command was given, said the same way by every command: missing,
/// a folder where a file belongs (or the reverse), unreadable, or an output folder that cannot
/// be made. Checked before any work, so a mistyped path costs nothing and writes nothing.
public enum PathProblem {
    public enum Kind: Sendable {
        case file
        case folder
        /// COCO JSON is a file, VOC and YOLO labels are folders.
        case fileOrFolder
    }

    /// Why `path` cannot be read as `kind`, or nil when it can. `-` (standard input) is a file.
    public static func reading(_ path: String, as kind: Kind) -> String? {
        if path == "-", kind != .folder { return nil }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            return "no such file or folder"
        }
        switch kind {
        case .file where isFolder.boolValue: return "is a folder, expected a file"
        case .folder where !isFolder.boolValue: return "is a file, expected a folder"
        case .file, .folder, .fileOrFolder: break
        }
        return FileManager.default.isReadableFile(atPath: path) ? nil : "cannot be read (permission denied)"
    }

    /// Why `path` cannot be an output folder, or nil when it is one or can be created: the nearest
    /// existing ancestor must be a writable folder. Nothing is created here.
    public static func writingFolder(_ path: String) -> String? {
        var isFolder: ObjCBool = false
        let manager = FileManager.default
        if manager.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { return "is a file, not a folder" }
            return manager.isWritableFile(atPath: path) ? nil : "the folder is not writable"
        }
        var ancestor = URL(fileURLWithPath: path).deletingLastPathComponent()
        while !manager.fileExists(atPath: ancestor.path, isDirectory: &isFolder) {
            let parent = ancestor.deletingLastPathComponent()
            if parent.path == ancestor.path { break }
            ancestor = parent
        }
        guard isFolder.boolValue else { return "cannot create it, \(ancestor.path) is a file" }
        return manager.isWritableFile(atPath: ancestor.path)
            ? nil : "cannot create it, \(ancestor.path) is not writable"
    }
}
