import ATSS
import Annotations
import Canvas
import FCOS
import Figures
import Foundation
import Photos

/// One image for `fcos inspect`: a data set's record, whose photo is found on disk and whose
/// boxes go through the preset's data path, or a scene file, already in network pixels, drawn
/// over its illustration.
enum InspectSubject {
    case annotated(AnnotatedImage, locator: PhotoLocator)
    case scene(Scene, path: String)
}

/// Draws the per-level panels of images over their photos and summarises each, one image at a
/// time: a missing or corrupt photo is a problem for that image alone (reported, counted, and
/// the run goes on), unless `strict`, where the first problem ends the run.
struct Inspector {
    var preset: MethodPreset
    var dataPath: DataPath
    var outDirectory: String
    var format: FileFormat = .png
    /// Width of one level's panel in the figures.
    var panelWidth: Double = 440
    var strict = false
    /// Called as each image is done, e.g. to print its summary while the run goes on.
    var inspected: (ImageInspection) -> Void = { _ in }
    /// Called with each problem as it happens, before the run moves on.
    var failed: (InputError) -> Void = { _ in }

    struct Outcome {
        var inspections: [ImageInspection] = []
        var problems: [InputError] = []
    }

    /// Inspects every subject, then writes the gallery. `earlier` are problems found before
    /// (e.g. unknown `--image` names), listed in the gallery too.
    func run(_ subjects: [InspectSubject], earlier: [InputError] = [], source: String) throws -> Outcome {
        var outcome = Outcome(problems: earlier)
        for subject in subjects {
            if Interruption.requested {
                warnLine("interrupted: stopped after \(Prose.count(outcome.inspections.count, "image"))")
                break
            }
            do {
                let inspection = try inspect(subject)
                outcome.inspections.append(inspection)
                inspected(inspection)
            } catch let problem as InputError {
                if strict { throw problem }
                outcome.problems.append(problem)
                failed(problem)
            }
        }
        let page = GalleryPage(
            source: source, preset: preset, inspections: outcome.inspections, problems: outcome.problems,
            format: format)
        try writeFile(page.html, name: "index.html")
        let written = outcome.inspections.flatMap { [$0.figure] + $0.zooms.map(\.file) } + ["index.html"]
        do {
            try OutputManifest.update(folder: outDirectory, written: written)
        } catch {
            throw InputError(file: outDirectory, problem: "cannot record the files written: \(error)")
        }
        return outcome
    }

    /// The figure and summary of one subject; every failure is an ``InputError`` naming the image.
    func inspect(_ subject: InspectSubject) throws -> ImageInspection {
        switch subject {
        case .annotated(let image, let locator):
            return try inspect(image, locator: locator)
        case .scene(let scene, let path):
            return try inspect(scene, path: path)
        }
    }

    func inspect(_ image: AnnotatedImage, locator: PhotoLocator) throws -> ImageInspection {
        let record = "image \(image.id)"
        let photoPath: String
        do {
            photoPath = try locator.locate(image.fileName)
        } catch let error as InputError {
            throw InputError(file: image.fileName, record: record, problem: error.problem)
        }
        let photo = try loadPhoto(photoPath, record: record)
        guard photo.width == image.width, photo.height == image.height else {
            throw InputError(
                file: photoPath, record: record,
                problem:
                    "the photo is \(photo.width)×\(photo.height) px but the annotations say \(image.width)×\(image.height)"
            )
        }
        let prepared = dataPath.prepare(image)
        let matched = match(prepared.groundTruths, imageWidth: prepared.width, imageHeight: prepared.height)
        let title = "image \(image.id)"
        let drawn = try draw(
            matched, backdrop: .image(photo), stem: "image-\(image.id)",
            sceneName: "\(title) (\((image.fileName as NSString).lastPathComponent))",
            subtitle:
                "preset “\(preset.name)”: \(preset.summary) · \(image.width) × \(image.height) original px → "
                + "\(prepared.width) × \(prepared.height) resized px (\(dataPath.resizeRule.rawValue)); boxes, "
                + "\(matched.units) in resized px · every panel at the same scale",
            record: record)
        var inspection = ImageInspection(
            title: title, imageID: image.id, fileName: image.fileName, presetName: preset.name,
            matched: matched,
            resizeRule: dataPath.resizeRule.rawValue, originalWidth: image.width,
            originalHeight: image.height,
            annotations: image, annotationIndices: prepared.annotationIndices, dropped: prepared.drops,
            figure: drawn.figure)
        inspection.figureHotspots = drawn.hotspots
        inspection.zooms = drawn.zooms
        inspection.boxColors = drawn.boxColors
        return inspection
    }

    /// What a preset's matcher made of one image, with the explanations its figures need.
    enum Matched {
        case fcos(Assignment)
        /// ATSS's assignment, or GFL's, which is ATSS's.
        case atss(ATSSAssignment)

        /// What the figure's subtitle says is in resized pixels beside the boxes.
        var units: String {
            switch self {
            case .fcos: return "locations and m"
            case .atss: return "anchors"
            }
        }
    }

    func match(_ groundTruths: [GroundTruth], imageWidth: Int, imageHeight: Int) -> Matched {
        switch preset {
        case .fcos(let p):
            return .fcos(
                p.matcher.assign(
                    groundTruths, imageWidth: imageWidth, imageHeight: imageHeight, explain: true))
        case .atss(let p):
            return .atss(p.assigner.assign(groundTruths, imageWidth: imageWidth, imageHeight: imageHeight))
        case .gfl(let p):
            return .atss(p.assigner.assign(groundTruths, imageWidth: imageWidth, imageHeight: imageHeight))
        }
    }

    /// The figures of one image: its per-level figure and the zooms on boxes without positives.
    struct Drawn {
        var figure: String
        var hotspots: FigureHotspots?
        var zooms: [ImageInspection.ZoomFigure]
        /// Each box's colour as the level figure draws it.
        var boxColors: [String]
    }

    func draw(
        _ matched: Matched, backdrop: Backdrop, stem: String, sceneName: String, subtitle: String,
        record: String
    ) throws -> Drawn {
        let name = "\(stem).\(format.fileExtension)"
        switch matched {
        case .fcos(let assignment):
            var panels = LevelPanels(
                assignment: assignment, presetName: preset.name, presetSummary: preset.summary,
                backdrop: backdrop)
            panels.panelWidth = panelWidth
            panels.sceneName = sceneName
            panels.subtitle = subtitle
            let hotspots = try writeFigure(panels, name: name, record: record)
            return Drawn(
                figure: name, hotspots: hotspots, zooms: try writeZooms(panels, stem: stem, record: record),
                boxColors: assignment.groundTruths.indices.map { panels.color(forBox: $0).hexString })
        case .atss(let assignment):
            let figure = ATSSInspectionFigure(
                assignment: assignment, method: preset, backdrop: backdrop, sceneName: sceneName,
                subtitle: subtitle, panelWidth: panelWidth)
            let levels = figure.levels
            try write(levels, name: name, record: record)
            var zooms: [ImageInspection.ZoomFigure] = []
            for g in figure.boxesToExplain {
                let zoom = "\(stem)-box\(g).\(format.fileExtension)"
                try write(figure.candidates(of: g), name: zoom, record: record)
                let label = Prose.boxLabel(g, assignment.groundTruths)
                zooms.append(
                    .init(
                        file: zoom, viewport: assignment.groundTruths[g].box, boxes: [g], hotspots: nil,
                        caption: "⚠ \(label): its ATSS candidates level by level, and what became of each"))
            }
            return Drawn(
                figure: name, hotspots: nil, zooms: zooms,
                boxColors: assignment.groundTruths.indices.map { levels.color(forBox: $0).hexString })
        }
    }

    /// One zoomed figure per group of boxes without positives, named `STEM-zoomN`.
    func writeZooms(_ panels: LevelPanels, stem: String, record: String) throws -> [ImageInspection
        .ZoomFigure]
    {
        let assignment = panels.assignment
        let missing = assignment.groundTruthsWithoutPositives.filter { !assignment.groundTruths[$0].isCrowd }
        let zooms = ZoomPlan.zooms(
            for: missing, in: assignment.groundTruths, imageWidth: assignment.imageWidth,
            imageHeight: assignment.imageHeight)
        var written: [ImageInspection.ZoomFigure] = []
        for (k, zoom) in zooms.enumerated() {
            var figure = panels
            figure.focus = panels.settledFocus
            figure.viewport = zoom.viewport
            let v = zoom.viewport
            let names = zoom.boxes.map { Prose.boxLabel($0, assignment.groundTruths) }.joined(separator: ", ")
            figure.subtitle =
                (panels.subtitle ?? "") + " · zoomed on x \(Prose.number(v.x0))–\(Prose.number(v.x1)), y "
                + "\(Prose.number(v.y0))–\(Prose.number(v.y1)) resized px, around ⚠ \(names)"
            let name = "\(stem)-zoom\(k + 1).\(format.fileExtension)"
            let hotspots = try writeFigure(figure, name: name, record: record)
            written.append(.init(file: name, viewport: zoom.viewport, boxes: zoom.boxes, hotspots: hotspots))
        }
        return written
    }

    func inspect(_ scene: Scene, path: String) throws -> ImageInspection {
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        var backdrop = Backdrop.plain
        if let illustration = scene.illustration {
            let folder = (path as NSString).deletingLastPathComponent
            let photoPath = ((folder as NSString).appendingPathComponent(illustration) as NSString)
                .standardizingPath
            backdrop = .image(try loadPhoto(photoPath, record: "illustration"))
        }
        let matched = match(scene.groundTruths, imageWidth: scene.width, imageHeight: scene.height)
        let drawn = try draw(
            matched, backdrop: backdrop, stem: stem, sceneName: stem,
            subtitle:
                "preset “\(preset.name)”: \(preset.summary) · \(scene.width) × \(scene.height) px, the network "
                + "input (a scene file is not resized) · every panel at the same scale",
            record: stem)
        var inspection = ImageInspection(
            title: stem, imageID: nil, fileName: scene.illustration, presetName: preset.name,
            matched: matched,
            resizeRule: nil, originalWidth: scene.width, originalHeight: scene.height, annotations: nil,
            annotationIndices: [], dropped: nil, figure: drawn.figure)
        inspection.figureHotspots = drawn.hotspots
        inspection.zooms = drawn.zooms
        inspection.boxColors = drawn.boxColors
        return inspection
    }

    func loadPhoto(_ path: String, record: String) throws -> RasterImage {
        do {
            return try Photo.load(path)
        } catch {
            throw InputError(file: path, record: record, problem: error.problem)
        }
    }

    /// Writes the level figure and returns what its locations say on hover, for the gallery
    /// (none for PDF, which the page can only link).
    func writeFigure(_ figure: LevelPanels, name: String, record: String) throws -> FigureHotspots? {
        try write(figure, name: name, record: record)
        switch format {
        case .png, .svg: return figure.hotspots
        case .pdf: return nil
        }
    }

    /// Writes a figure that has no hover layer.
    func write(_ figure: some FigureDrawable, name: String, record: String) throws {
        let path = (outDirectory as NSString).appendingPathComponent(name)
        do {
            try figure.write(toPath: path, format: format)
        } catch {
            throw InputError(file: path, record: record, problem: "cannot write the figure: \(error)")
        }
    }

    func writeFile(_ text: String, name: String) throws {
        let path = (outDirectory as NSString).appendingPathComponent(name)
        do {
            try AtomicFile.write(text, to: path)
        } catch {
            throw InputError(file: path, problem: "cannot write: \(error)")
        }
    }
}
