import Annotations
import ArgumentParser
import Foundation

/// Checks of the paths a command was given, made before any work starts, so a mistyped path
/// ends the run at once with one line that names it and says which of the usual mistakes it is
/// (missing, a folder where a file belongs, or the reverse), and nothing is written.
enum PathCheck {
    enum Kind {
        case file
        case folder
        /// COCO JSON is a file, VOC and YOLO are folders.
        case fileOrFolder
    }

    /// Throws an ``InputError`` naming `path` unless it exists as `kind`; `-` (standard input)
    /// passes as a file.
    static func input(_ path: String, _ kind: Kind, option: String? = nil) throws {
        if path == "-", kind != .folder { return }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw InputError(file: path, record: option, problem: "no such file or folder")
        }
        switch kind {
        case .file where isFolder.boolValue:
            throw InputError(file: path, record: option, problem: "is a folder, expected a file")
        case .folder where !isFolder.boolValue:
            throw InputError(file: path, record: option, problem: "is a file, expected a folder")
        case .file, .folder, .fileOrFolder:
            break
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw InputError(file: path, record: option, problem: "cannot be read (permission denied)")
        }
    }

    /// Throws a `ValidationError` (a usage error) unless `path` is a folder that exists or could be
    /// created: the nearest existing ancestor must be a writable folder. Nothing is created here.
    static func outputFolder(_ path: String, option: String = "--out") throws {
        var isFolder: ObjCBool = false
        let manager = FileManager.default
        if manager.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw ValidationError("\(option) \(path): is a file, not a folder")
            }
            guard manager.isWritableFile(atPath: path) else {
                throw ValidationError("\(option) \(path): the folder is not writable")
            }
            return
        }
        var ancestor = URL(fileURLWithPath: path).deletingLastPathComponent()
        while !manager.fileExists(atPath: ancestor.path, isDirectory: &isFolder) {
            let parent = ancestor.deletingLastPathComponent()
            if parent.path == ancestor.path { break }
            ancestor = parent
        }
        guard isFolder.boolValue else {
            throw ValidationError("\(option) \(path): cannot create it, \(ancestor.path) is a file")
        }
        guard manager.isWritableFile(atPath: ancestor.path) else {
            throw ValidationError("\(option) \(path): cannot create it, \(ancestor.path) is not writable")
        }
    }
}
