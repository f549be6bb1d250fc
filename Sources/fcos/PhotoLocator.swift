import Annotations
import Foundation

/// Where a data set keeps its photos. Annotation files name images relative to a folder that
/// each format places differently, and real data sets bend the rule (`coco-merged` names them
/// relative to the JSON's own folder, most COCO sets relative to an `images/` folder beside it),
/// so unless `--images` says, every usual place is tried and a miss names them all.
struct PhotoLocator: Sendable {
    /// Folders to look in, in order.
    var folders: [String]

    /// `images` (the `--images` folder) wins; otherwise the format's usual places around
    /// `annotations` (the annotation file or folder).
    init(annotations: String, format: DatasetFormat, images: String?) {
        if let images {
            folders = [images]
            return
        }
        let path = (annotations as NSString).standardizingPath
        let parent = (path as NSString).deletingLastPathComponent
        func join(_ a: String, _ b: String) -> String { (a as NSString).appendingPathComponent(b) }
        switch format {
        case .coco:
            folders = [parent, join(parent, "images"), join(join(parent, ".."), "images")]
        case .voc:
            // A VOC root (holding Annotations/ and JPEGImages/), or its Annotations folder.
            folders = [join(path, "JPEGImages"), join(parent, "JPEGImages"), path]
        case .yolo:
            // ultralytics: the last `labels` component becomes `images`; else `images` beside.
            var components = (path as NSString).pathComponents
            if let i = components.lastIndex(of: "labels") { components[i] = "images" }
            folders = [NSString.path(withComponents: components), join(parent, "images")]
        }
        var seen: Set<String> = []
        folders = folders.map { ($0 as NSString).standardizingPath }.filter { seen.insert($0).inserted }
    }

    /// The photo of `fileName`, or an error listing where it was looked for.
    func locate(_ fileName: String) throws -> String {
        let fm = FileManager.default
        if fileName.hasPrefix("/") {
            if fm.fileExists(atPath: fileName) { return fileName }
        } else {
            for folder in folders {
                let candidate = ((folder as NSString).appendingPathComponent(fileName) as NSString)
                    .standardizingPath
                if fm.fileExists(atPath: candidate) { return candidate }
            }
        }
        let places = fileName.hasPrefix("/") ? "" : " in " + folders.joined(separator: ", ")
        throw InputError(file: fileName, problem: "no such photo\(places) (pass --images DIR)")
    }
}
