import Annotations

/// Which images of a data set a command looks at: the ones named with `--image` (by id, by file
/// name, or by the file name's last component, since people copy whichever they see), or all of
/// them in the file's order up to a limit.
struct ImageSelection {
    var names: [String]
    var all: Bool
    var limit: Int?

    /// The chosen images, each once, in the order asked; names that match nothing are problems.
    func select(from dataset: Dataset) -> (images: [AnnotatedImage], problems: [InputError]) {
        if all || names.isEmpty {
            return (Array(dataset.images.prefix(limit ?? dataset.images.count)), [])
        }
        var byID: [Int: Int] = [:]
        var byName: [String: Int] = [:]
        var byLastComponent: [String: Int] = [:]
        for (i, image) in dataset.images.enumerated() {
            byID[image.id] = byID[image.id] ?? i
            byName[image.fileName] = byName[image.fileName] ?? i
            let last = image.fileName.split(separator: "/").last.map(String.init) ?? image.fileName
            byLastComponent[last] = byLastComponent[last] ?? i
        }
        var chosen: [Int] = []
        var problems: [InputError] = []
        for name in names {
            let index = Int(name).flatMap { byID[$0] } ?? byName[name] ?? byLastComponent[name]
            guard let index else {
                problems.append(
                    InputError(
                        file: dataset.source, record: "--image \(name)",
                        problem: "no image with this id or file name"))
                continue
            }
            if !chosen.contains(index) { chosen.append(index) }
        }
        let limited = chosen.prefix(limit ?? chosen.count)
        return (limited.map { dataset.images[$0] }, problems)
    }
}
