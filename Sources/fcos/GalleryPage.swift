import Annotations
import Canvas
import FCOS

/// `index.html` of `fcos inspect`: an overview table of the images, then per image its figure and
/// two tables (positives per level; boxes with their positives and, for those with none, why).
///
/// The figures are not embedded: they are the files beside the page, linked by relative name, so
/// the folder can be moved or served as a whole and the page stays small. Over each PNG or SVG
/// level figure lies an inline SVG layer whose spots tell, on hover, why each location inside a
/// box is what it is (``ExplainedFigureMarkup``).
struct GalleryPage {
    var source: String
    var preset: MethodPreset
    var inspections: [ImageInspection]
    var problems: [InputError]
    var format: FileFormat

    var html: String {
        var body =
            "<h1>\(preset.methodName) targets over the photos: preset “\(HTMLText.escape(preset.name))”</h1>\n"
        body +=
            "<p class=\"note\">\(HTMLText.escape(preset.summary)) · annotations <code>\(HTMLText.escape(source))</code></p>\n"
        body +=
            "<p class=\"note\">Figures are the <code>.\(format.fileExtension)</code> files beside this page, linked "
            + "relatively: keep the folder together. Sizes say whether they are in <b>original</b> pixels (the photo "
            + "and the annotation file) or <b>resized</b> pixels (the network input after the preset's data path, "
            + "where \(units) live).</p>\n"
        let missing = inspections.reduce(0) { $0 + $1.boxesWithoutPositives.count }
        let boxes = inspections.reduce(0) { $0 + $1.boxes.count }
        body +=
            "<p>\(Prose.count(inspections.count, "image")) drawn, \(Prose.count(problems.count, "problem")) · "
            + "\(Prose.count(boxes, "box", "boxes")), \(missing) without any positive \(positiveKind).</p>\n"
        if !problems.isEmpty {
            body +=
                "<h2 class=\"problems\">Skipped: \(Prose.count(problems.count, "problem"))</h2>\n<ul class=\"problems\">\n"
            for problem in problems { body += "<li>\(HTMLText.escape(problem.description))</li>\n" }
            body += "</ul>\n"
        }
        body += overview
        for (i, inspection) in inspections.enumerated() { body += section(inspection, anchor: i) }
        let explaining = inspections.contains { $0.figureHotspots != nil }
        return HTMLText.page(title: "fcos inspect · \(preset.name)", body: body, explaining: explaining)
    }

    /// What lives in resized pixels besides the boxes, for the page's note.
    var units: String {
        switch preset {
        case .fcos: return "locations, m and the size ranges"
        case .atss, .gfl: return "anchors and their IoUs"
        }
    }

    /// What a positive is in this method.
    var positiveKind: String {
        switch preset {
        case .fcos: return "location"
        case .atss, .gfl: return "anchor"
        }
    }

    var overview: String {
        let rows = inspections.enumerated().map { i, s -> [String] in
            [
                "<a href=\"#img\(i)\">\(HTMLText.escape(s.title))</a>",
                HTMLText.escape(s.fileName ?? "—"),
                "\(s.originalWidth) × \(s.originalHeight)",
                s.isResized ? "\(s.resizedWidth) × \(s.resizedHeight)" : "not resized",
                String(s.boxes.count), String(s.positives), String(s.ambiguous),
                s.boxesWithoutPositives.isEmpty ? "0" : "⚠ \(s.boxesWithoutPositives.count)",
            ]
        }
        return HTMLText.table(
            [
                "image", "file", "original px", "resized px", "boxes", "positives", "ambiguous",
                "boxes without positive",
            ], rows, rowClass: { inspections[$0].boxesWithoutPositives.isEmpty ? nil : "warn" },
            numeric: [4, 5, 6, 7])
    }

    func section(_ s: ImageInspection, anchor: Int) -> String {
        var html = "<h2 id=\"img\(anchor)\">\(HTMLText.escape(s.title))"
        if let file = s.fileName { html += " · <code>\(HTMLText.escape(file))</code>" }
        html += "</h2>\n<p class=\"size\">\(HTMLText.escape(s.sizeLine))"
        if !s.dropped.isEmpty {
            html +=
                " · left out by the data path: "
                + s.dropped.map { "\($0.count) \($0.reason)" }.joined(separator: ", ")
        }
        html += "</p>\n"
        html += boxTable(s)
        let levelRows = s.levels.map {
            [
                $0.name, String($0.stride), HTMLText.escape($0.range), String($0.positives),
                String($0.ambiguous),
            ]
        }
        html += HTMLText.table(
            ["level", "stride", "size range (resized px)", "positives", "ambiguous"],
            levelRows + [["all", "", "", String(s.positives), String(s.ambiguous)]], numeric: [1, 3, 4])
        html += HTMLText.figure(
            s.figure, hotspots: s.figureHotspots, format: format, alt: "\(s.title): positives per level")
        if !s.zooms.isEmpty { html += "<div class=\"zooms\">\n" }
        for zoom in s.zooms {
            let v = zoom.viewport
            let names = zoom.boxes.compactMap { g in s.boxes.first { $0.index == g }?.label }.joined(
                separator: ", ")
            html +=
                "<div><p class=\"size\">"
                + (zoom.caption.map(HTMLText.escape)
                    ?? "Zoom on ⚠ \(HTMLText.escape(names)): x \(Prose.number(v.x0))–\(Prose.number(v.x1)), "
                    + "y \(Prose.number(v.y0))–\(Prose.number(v.y1)) resized px") + "</p>\n"
            html +=
                HTMLText.figure(
                    zoom.file, hotspots: zoom.hotspots, format: format, alt: "\(s.title): zoom on \(names)")
                + "</div>\n"
        }
        if !s.zooms.isEmpty { html += "</div>\n" }
        return html
    }

    func boxTable(_ s: ImageInspection) -> String {
        var header = ["box"]
        if !s.isResized {
            header += ["corners (px)", "size (px)"]
        } else {
            header += ["annotation", "corners (original px)", "size (original px)", "size (resized px)"]
        }
        header += s.levels.map(\.name) + ["positives", "why none"]
        let rows = s.boxes.map { b -> [String] in
            var row = [
                HTMLText.boxCell(
                    b.index, label: b.label,
                    hex: s.boxColors.indices.contains(b.index) ? s.boxColors[b.index] : nil)
            ]
            let r = b.resized
            let resizedSize = Prose.size(Double(r.width), Double(r.height))
            if !s.isResized {
                row += [
                    Prose.corners(Double(r.x0), Double(r.y0), Double(r.x1), Double(r.y1)), resizedSize,
                ]
            } else {
                let o = b.original
                row += [
                    b.annotationID.map(String.init) ?? "",
                    o.map { Prose.corners($0.x0, $0.y0, $0.x1, $0.y1) } ?? "",
                    o.map { Prose.size($0.x1 - $0.x0, $0.y1 - $0.y0) } ?? "", resizedSize,
                ]
            }
            row += b.positivesPerLevel.map { $0 == 0 ? "·" : String($0) }
            row.append(b.positives == 0 ? "⚠ 0" : String(b.positives))
            row.append(b.reasonText.map(HTMLText.escape) ?? "")
            return row
        }
        let first = s.isResized ? 5 : 3
        return HTMLText.table(
            header, rows, rowClass: { s.boxes[$0].positives == 0 ? "warn" : nil },
            numeric: Set(first..<(first + s.levels.count + 1)))
    }
}
