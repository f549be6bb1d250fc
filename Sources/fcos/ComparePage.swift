import Annotations
import Canvas
import FCOS

/// `index.html` of `fcos compare --out`: the per-level and per-size tables, the ranked boxes, and
/// the disagreement figures of the worst images (files beside the page, linked relatively).
struct ComparePage {
    var comparison: PresetComparison
    var source: String
    /// Drawn images: their difference record and figure file.
    var figures: [(image: PresetComparison.ImageDifference, figure: DisagreementGallery.DrawnFigure)]
    /// Boxes with positives under only one preset, drawn zoomed on the box.
    var boxFigures: [(change: PresetComparison.BoxChange, figure: DisagreementGallery.DrawnFigure)] = []
    var problems: [InputError]
    var format: FileFormat
    /// Ranked boxes to list.
    var limit: Int

    var html: String {
        let c = comparison
        let a = HTMLText.escape(c.first.name)
        let b = HTMLText.escape(c.second.name)
        var body = "<h1>Where “\(a)” and “\(b)” assign differently</h1>\n"
        body +=
            "<p class=\"note\">Annotations <code>\(HTMLText.escape(source))</code> · \(Prose.count(c.imagesCompared, "image")), "
            + "\(Prose.count(c.boxesCompared, "box", "boxes")) · \(a) uses \(HTMLText.escape(CompareReport.pathText(c.firstPath))), "
            + "\(b) \(HTMLText.escape(CompareReport.pathText(c.secondPath))). Cells are compared by grid position; "
            + "box corners are in <b>original</b> pixels, sizes in <b>resized</b> pixels (network input, \(a)'s data path). "
            + "Figures are the files beside this page, linked relatively.</p>\n"
        if !problems.isEmpty {
            body += "<ul class=\"problems\">\n"
            for p in problems { body += "<li>\(HTMLText.escape(p.description))</li>\n" }
            body += "</ul>\n"
        }
        var levelRows = c.levelNames.indices.map {
            [
                c.levelNames[$0], String(c.differingPerLevel[$0]), String(c.firstPositivesPerLevel[$0]),
                String(c.secondPositivesPerLevel[$0]),
            ]
        }
        levelRows.append([
            "all", String(c.differing), String(c.firstPositivesPerLevel.reduce(0, +)),
            String(c.secondPositivesPerLevel.reduce(0, +)),
        ])
        body += "<h2>Cells with a different target, per level</h2>\n"
        body += HTMLText.table(
            ["level", "differing cells", "positives under \(a)", "positives under \(b)"], levelRows,
            numeric: [1, 2, 3])
        body += "<h2>By box size (longest side, resized px)</h2>\n"
        body += HTMLText.table(
            [
                "longest side", "boxes", "positives \(a)", "positives \(b)", "boxes without positive \(a)",
                "boxes without positive \(b)",
            ],
            c.sizeBins.filter { $0.boxes > 0 }.map {
                [
                    $0.label, String($0.boxes), String($0.firstPositives), String($0.secondPositives),
                    String($0.firstWithout), String($0.secondWithout),
                ]
            }, numeric: [1, 2, 3, 4, 5])
        body += "<h2>Boxes that gain or lose positives</h2>\n"
        body +=
            "<p>\(Prose.count(c.changes.count, "box", "boxes")) change: \(c.gaining) gain under \(b), \(c.losing) lose; "
            + "⚠ marks boxes with positives under only one preset. Ranked: those first, then by how many positives move.</p>\n"
        body += HTMLText.table(
            [
                "image", "annotation", "category", "corners (original px)", "longest side (resized px)", a, b,
                "change",
            ],
            c.changes.prefix(limit).map { change in
                let o = change.original
                let sign = change.delta > 0 ? "+" : ""
                return [
                    String(change.imageID), String(change.annotationID), HTMLText.escape(change.category),
                    Prose.corners(o.x0, o.y0, o.x1, o.y1), Prose.number(change.resizedLongestSide),
                    String(change.firstPositives), String(change.secondPositives),
                    (change.zeroOnOneSide ? "⚠ " : "") + sign + String(change.delta),
                ]
            }, rowClass: { c.changes[$0].zeroOnOneSide ? "warn" : nil }, numeric: [0, 1, 4, 5, 6, 7])
        if c.changes.count > limit {
            body +=
                "<p class=\"note\">… and \(c.changes.count - limit) more (<code>--json</code> lists all).</p>\n"
        }
        if let hint = CompareReport.inspectHint(c, annotations: source) {
            body +=
                "<p class=\"note\">To see why the first one changed: <code>\(HTMLText.escape(hint))</code></p>\n"
        }
        body += "<h2>The images with the most differing cells</h2>\n"
        for (image, figure) in figures {
            let perLevel = zip(c.levelNames, image.differingPerLevel).filter { $0.1 > 0 }.map {
                "\($0.0) \($0.1)"
            }
            body +=
                "<h3>image \(image.imageID) · <code>\(HTMLText.escape(image.fileName))</code></h3>\n<p class=\"size\">"
                + "\(image.differing) differing cells (\(perLevel.joined(separator: ", "))) · positives \(a) "
                + "\(image.firstPositives), \(b) \(image.secondPositives)</p>\n"
            body += HTMLText.figure(
                figure.file, hotspots: figure.hotspots, format: format,
                alt: "image \(image.imageID): \(a) vs \(b)")
        }
        if !boxFigures.isEmpty {
            body += "<h2>Boxes with positives under only one preset</h2>\n"
            body +=
                "<p class=\"note\">Zoomed on the box (in resized px) when it is small; the ranked table above lists them "
                + "first.</p>\n"
        }
        for (change, figure) in boxFigures {
            body +=
                "<h3>image \(change.imageID) · annotation \(change.annotationID) \(HTMLText.escape(change.category))</h3>\n"
                + "<p class=\"size\">\(a) \(change.firstPositives) → \(b) \(change.secondPositives) positives · corners "
                + "\(Prose.corners(change.original.x0, change.original.y0, change.original.x1, change.original.y1)) original px, "
                + "longest side \(Prose.number(change.resizedLongestSide)) resized px</p>\n"
            body += HTMLText.figure(
                figure.file, hotspots: figure.hotspots, format: format,
                alt: "annotation \(change.annotationID): \(a) vs \(b)")
        }
        let explaining = (figures.map(\.figure) + boxFigures.map(\.figure)).contains { $0.hotspots != nil }
        return HTMLText.page(
            title: "fcos compare · \(c.first.name) vs \(c.second.name)", body: body, explaining: explaining)
    }
}
