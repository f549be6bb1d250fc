import Annotations
import FCOS
import Figures

/// What `fcos inspect` reports for one image, beside its figure: positives per level and per box,
/// the boxes left without any positive and why, and the ambiguous locations.
///
/// Two coordinate systems meet here and every number says which it is in: *original* pixels, as
/// the annotation file gives boxes for the photo on disk, and *resized* pixels, the network input
/// after the preset's data path (shorter side 800, longer ≤ 1333), where the matcher works. A
/// scene file is already in network pixels, so it has no original coordinates.
struct ImageInspection: Sendable {
    /// `image 42`, or the scene file's name.
    var title: String
    var imageID: Int?
    /// The photo's name as the annotations give it, or the scene's illustration.
    var fileName: String?
    var presetName: String
    /// The data path's resize rule, `nil` for scenes (not resized).
    var resizeRule: String?
    var originalWidth: Int
    var originalHeight: Int
    var resizedWidth: Int
    var resizedHeight: Int
    var levels: [LevelLine]
    var boxes: [BoxLine]
    /// Annotations the data path left out (crowd, empty after clipping, …), by reason.
    var dropped: [(reason: String, count: Int)]
    /// The figure's file name, relative to the output folder.
    var figure: String
    /// What each location inside a box says on hover (PNG and SVG figures).
    var figureHotspots: FigureHotspots?
    /// Each box's colour (`#rrggbb`) in the figure, which focus mode may have changed or greyed.
    var boxColors: [String] = []
    /// Zoomed figures on the boxes without positives (see ``ZoomPlan``).
    var zooms: [ZoomFigure] = []

    struct ZoomFigure: Sendable {
        var file: String
        /// In resized pixels.
        var viewport: Box
        var boxes: [Int]
        var hotspots: FigureHotspots?
        /// Says what the figure shows when it is not a zoom of the level figure (ATSS's
        /// candidates of one box).
        var caption: String? = nil
    }

    struct LevelLine: Sendable {
        var name: String
        var stride: Int
        /// `m ≤ 64`, in resized pixels.
        var range: String
        var positives: Int
        /// Positives for which two or more boxes passed every test, so the area rule chose.
        var ambiguous: Int
    }

    struct BoxLine: Sendable {
        /// Index in the figure (`#3`).
        var index: Int
        var label: String
        /// The annotation's id in the file (COCO id; VOC/YOLO position); `nil` for scenes.
        var annotationID: Int?
        /// Corners in original pixels, as the file gives them (COCO `x + w`); `nil` for scenes.
        var original: (x0: Double, y0: Double, x1: Double, y1: Double)?
        /// The box the matcher saw, in resized pixels.
        var resized: Box
        var positivesPerLevel: [Int]
        var reason: MissReason?
        /// ``MissReason/sentence(groundTruths:gate:)``, kept so tables need no assignment.
        var reasonText: String?

        var positives: Int { positivesPerLevel.reduce(0, +) }
    }

    var isResized: Bool { resizeRule != nil }
    var positives: Int { levels.reduce(0) { $0 + $1.positives } }
    var ambiguous: Int { levels.reduce(0) { $0 + $1.ambiguous } }
    var boxesWithoutPositives: [BoxLine] { boxes.filter { $0.positives == 0 } }

    /// The summary of whichever method matched the image (an FCOS assignment must carry an
    /// explanation). `annotations` and `annotationIndices` tie each box back to its record, for
    /// original-pixel corners.
    init(
        title: String, imageID: Int?, fileName: String?, presetName: String, matched: Inspector.Matched,
        resizeRule: String?, originalWidth: Int, originalHeight: Int, annotations: AnnotatedImage?,
        annotationIndices: [Int], dropped: DropCounts?, figure: String
    ) {
        self.title = title
        self.imageID = imageID
        self.fileName = fileName
        self.presetName = presetName
        self.resizeRule = resizeRule
        self.originalWidth = originalWidth
        self.originalHeight = originalHeight
        self.figure = figure
        self.dropped = dropped?.reasons.filter { $0.1 > 0 }.map { (reason: $0.0, count: $0.1) } ?? []
        let targets: DenseTargets
        switch matched {
        case .fcos(let a):
            targets = a.targets
            levels = Self.levelLines(a)
        case .atss(let a):
            targets = a.targets
            levels = Self.levelLines(a)
        }
        resizedWidth = targets.imageWidth
        resizedHeight = targets.imageHeight
        boxes = Self.boxLines(targets, annotations: annotations, annotationIndices: annotationIndices)
        for g in boxes.indices where boxes[g].positives == 0 {
            switch matched {
            case .fcos(let a):
                let reason = MissReason.diagnose(g, in: a)
                boxes[g].reason = reason
                boxes[g].reasonText = reason.sentence(groundTruths: a.groundTruths, gate: a.rules.sizeGate)
            case .atss(let a):
                boxes[g].reasonText = a.boxes[g].remark.map { Self.sentence($0, box: a.boxes[g], in: a) }
            }
        }
    }

    /// FCOS's levels: the size range each keeps, and its locations where two boxes passed every
    /// test, so the area rule chose.
    static func levelLines(_ assignment: Assignment) -> [LevelLine] {
        let gate = assignment.rules.sizeGate
        let explained = assignment.explanation?.levels ?? []
        return assignment.levels.enumerated().map { i, level in
            LevelLine(
                name: level.map.level.name, stride: level.map.stride,
                range: Prose.sizeRange(level.map.level.sizeRange, gate: gate), positives: level.positiveCount,
                ambiguous: i < explained.count
                    ? explained[i].filter { $0.isAmbiguous && $0.winner != nil }.count : 0)
        }
    }

    /// One line per box of `targets`, with its positives per level; `annotations` and
    /// `annotationIndices` tie each box back to its record, for original-pixel corners.
    static func boxLines(
        _ targets: DenseTargets, annotations: AnnotatedImage?, annotationIndices: [Int]
    ) -> [BoxLine] {
        var perLevel = [[Int]](
            repeating: [Int](repeating: 0, count: targets.levels.count), count: targets.groundTruths.count)
        for (l, level) in targets.levels.enumerated() {
            for g in level.matched where g >= 0 { perLevel[Int(g)][l] += 1 }
        }
        let groundTruths = targets.groundTruths
        return groundTruths.indices.map { g in
            var line = BoxLine(
                index: g, label: Prose.boxLabel(g, groundTruths), annotationID: nil, original: nil,
                resized: groundTruths[g].box, positivesPerLevel: perLevel[g])
            if let annotations, g < annotationIndices.count {
                let record = annotations.annotations[annotationIndices[g]]
                line.annotationID = record.id
                line.original = record.box.corners(
                    imageWidth: annotations.width, imageHeight: annotations.height)
            }
            return line
        }
    }

    /// `640 × 480 original px → 1066 × 800 resized px (maskrcnn-benchmark)`, or the scene's size.
    var sizeLine: String {
        guard let resizeRule else {
            return "\(resizedWidth) × \(resizedHeight) px (scene file: network input, not resized)"
        }
        return
            "\(originalWidth) × \(originalHeight) original px → \(resizedWidth) × \(resizedHeight) resized px (\(resizeRule) resize)"
    }

    /// A few lines for the terminal.
    var text: String {
        var lines = ["\(title)\(fileName.map { " (\($0))" } ?? ""): \(sizeLine)"]
        let perLevel = levels.map { "\($0.name) \($0.positives)" }.joined(separator: ", ")
        lines.append(
            "  \(Prose.count(boxes.count, "box", "boxes")), \(Prose.count(positives, "positive")) (\(perLevel)), "
                + "\(ambiguous) ambiguous")
        for box in boxesWithoutPositives {
            lines.append(
                "  ⚠ \(box.label) \(box.sizeText(resized: isResized)): no positive: \(box.reasonText ?? "")")
        }
        if !dropped.isEmpty {
            lines.append(
                "  dropped by the data path: "
                    + dropped.map { "\($0.count) \($0.reason)" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}

extension ImageInspection.BoxLine {
    /// `27.5 × 47.2 original px, 45.8 × 78.7 resized px`, the box's size in both systems.
    func sizeText(resized isResized: Bool) -> String {
        let r = Prose.size(Double(resized.width), Double(resized.height))
        guard isResized else { return "\(r) px" }
        guard let o = original else { return "\(r) resized px" }
        return "\(Prose.size(o.x1 - o.x0, o.y1 - o.y0)) original px, \(r) resized px"
    }
}
