import Annotations
import Canvas
import FCOS
import Figures
import Foundation
import Photos

/// The figures of `fcos compare --out` and their page: disagreement panels over the photos of
/// the images with the most differing cells, then, zoomed on the box, of the boxes that have
/// positives under only one preset. The first set shows where the presets differ most; the
/// second is the one to read when a class or a size stops being learned at all.
struct DisagreementGallery {
    var comparison: PresetComparison
    var dataset: Dataset
    var locator: PhotoLocator
    var outDirectory: String
    var format: FileFormat
    var strict: Bool
    /// Figures of each kind.
    var limit: Int
    /// Ranked boxes listed on the page.
    var boxes: Int
    var source: String

    struct Outcome {
        var figures: [String] = []
        var problems: [InputError] = []
    }

    func run(failed: (InputError) -> Void) throws -> Outcome {
        var outcome = Outcome()
        var worst: [(image: PresetComparison.ImageDifference, figure: DrawnFigure)] = []
        var oneSided: [(change: PresetComparison.BoxChange, figure: DrawnFigure)] = []
        let byID = Dictionary(dataset.images.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func attempt(_ body: () throws -> Void) throws {
            do {
                try body()
            } catch let problem as InputError {
                if strict { throw problem }
                outcome.problems.append(problem)
                failed(problem)
            }
        }
        let jobs =
            comparison.images.prefix(limit).map { Job.image($0) }
            + comparison.changes.filter(\.zeroOnOneSide).prefix(limit).map { Job.box($0) }
        for job in jobs {
            if Interruption.requested {
                warnLine("interrupted: stopped after \(Prose.count(outcome.figures.count, "figure"))")
                break
            }
            switch job {
            case .image(let difference):
                guard let image = byID[difference.imageID] else { continue }
                try attempt {
                    let figure = try draw(image, box: nil)
                    worst.append((difference, figure))
                    outcome.figures.append(figure.file)
                }
            case .box(let change):
                guard let image = byID[change.imageID] else { continue }
                try attempt {
                    let figure = try draw(image, box: change)
                    oneSided.append((change, figure))
                    outcome.figures.append(figure.file)
                }
            }
        }
        let page = ComparePage(
            comparison: comparison, source: source, figures: worst, boxFigures: oneSided,
            problems: outcome.problems, format: format, limit: boxes)
        let path = (outDirectory as NSString).appendingPathComponent("index.html")
        do {
            try AtomicFile.write(page.html, to: path)
        } catch {
            throw InputError(file: path, problem: "cannot write: \(error)")
        }
        do {
            try OutputManifest.update(folder: outDirectory, written: outcome.figures + ["index.html"])
        } catch {
            throw InputError(file: outDirectory, problem: "cannot record the files written: \(error)")
        }
        return outcome
    }

    enum Job {
        case image(PresetComparison.ImageDifference)
        case box(PresetComparison.BoxChange)
    }

    /// A figure file beside the page, and what its ringed cells say on hover (not for PDF).
    struct DrawnFigure {
        var file: String
        var hotspots: FigureHotspots?
    }

    /// The panels of `image`, zoomed on `box` when given.
    func draw(_ image: AnnotatedImage, box change: PresetComparison.BoxChange?) throws -> DrawnFigure {
        let record = "image \(image.id)"
        let photo = try loadPhoto(image, record: record)
        let pair = comparison.pair(image)
        var panels = DisagreementPanels(
            first: pair.first, firstName: comparison.first.name, second: pair.second,
            secondName: comparison.second.name, backdrop: .image(photo))
        let a = comparison.first.name
        let b = comparison.second.name
        // The title says which pixels: the panels show the first preset's resized image.
        let size =
            "\(image.width) × \(image.height) original px → \(pair.first.imageWidth) × \(pair.first.imageHeight) resized"
        let file = (image.fileName as NSString).lastPathComponent
        var name = "compare-image-\(image.id)"
        if let change {
            let annotation = image.annotations.firstIndex { $0.id == change.annotationID }
            if let annotation, let k = pair.annotationIndices.firstIndex(of: annotation) {
                let box = pair.first.groundTruths[k].box
                let W = Float(pair.first.imageWidth)
                let H = Float(pair.first.imageHeight)
                let viewport = ZoomPlan.viewport(around: box, W: W, H: H)
                if viewport.width <= ZoomPlan.largestShare * W { panels.viewport = viewport }
                panels.title =
                    "image \(image.id) (\(file)): \(Prose.boxLabel(k, pair.first.groundTruths)) has "
                    + "\(change.firstPositives) positives under \(a), \(change.secondPositives) under \(b) · \(size)"
            }
            name += "-annotation-\(change.annotationID)"
        } else {
            let cells = panels.disagreementCounts.reduce(0, +)
            panels.title =
                "image \(image.id) (\(file)): \(a) vs \(b): \(Prose.count(cells, "cell")) get a different target · \(size)"
        }
        name += ".\(format.fileExtension)"
        let path = (outDirectory as NSString).appendingPathComponent(name)
        do {
            try panels.write(toPath: path, format: format)
        } catch {
            throw InputError(file: path, record: record, problem: "cannot write the figure: \(error)")
        }
        switch format {
        case .png, .svg: return DrawnFigure(file: name, hotspots: panels.hotspots)
        case .pdf: return DrawnFigure(file: name, hotspots: nil)
        }
    }

    func loadPhoto(_ image: AnnotatedImage, record: String) throws -> RasterImage {
        let photoPath: String
        let photo: RasterImage
        do {
            photoPath = try locator.locate(image.fileName)
            photo = try Photo.load(photoPath)
        } catch let error as InputError {
            throw InputError(file: image.fileName, record: record, problem: error.problem)
        } catch let error as PhotoError {
            throw InputError(file: error.path, record: record, problem: error.problem)
        }
        guard photo.width == image.width, photo.height == image.height else {
            throw InputError(
                file: photoPath, record: record,
                problem:
                    "the photo is \(photo.width)×\(photo.height) px but the annotations say \(image.width)×\(image.height)"
            )
        }
        return photo
    }
}
