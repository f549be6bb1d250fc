import ATSS
import FCOS
import Figures

/// The figures `fcos inspect` draws for an ATSS preset (ATSS or GFL): one panel per FPN level
/// with every positive anchor over the photo, in its box's colour and tinted by the IoU that
/// made it one, and for each box left without a positive its candidates level by level
/// (``ATSSCandidatePanels``), where the reason shows: no candidate centre inside the box, every
/// IoU below the threshold, or every anchor lost to a box with a higher IoU.
///
/// FCOS's ``LevelPanels`` is not reused because what it marks (size gate, center region,
/// smallest area) are FCOS's rules; ATSS's are the threshold and the centre test.
struct ATSSInspectionFigure {
    var assignment: ATSSAssignment
    var method: MethodPreset
    var backdrop: Backdrop
    var sceneName: String
    var subtitle: String
    var panelWidth: Double

    /// Boxes that are not crowd regions and own no anchor.
    var boxesToExplain: [Int] { assignment.groundTruthsWithoutPositives }

    /// At most this many boxes are named in the level figure's legend; the gallery lists all.
    static let namedInLegend = 6

    var levels: TargetCellPanels {
        let missing = boxesToExplain
        var title =
            "\(sceneName): where \(method.methodName) puts its positives, level by level · "
            + Prose.count(assignment.positiveCount, "positive") + " for "
            + Prose.count(assignment.groundTruths.count, "box", "boxes")
        if !missing.isEmpty {
            title +=
                " · \(BoxColors.warningSymbol) \(Prose.count(missing.count, "box gets", "boxes get")) none"
        }
        var figure = TargetCellPanels(
            panels: assignment.levels.indices.map { TargetCellPanel.atssLevel($0, assignment: assignment) },
            groundTruths: assignment.groundTruths, imageWidth: assignment.imageWidth,
            imageHeight: assignment.imageHeight, backdrop: backdrop, title: title,
            valueName: "IoU of the positive anchor with its box")
        figure.subtitle = subtitle
        figure.panelWidth = panelWidth
        figure.emphasized = missing
        figure.minimumValue = 0
        figure.notes = [
            "each anchor drawn as its stride-wide cell (the anchor box itself is \(Prose.number(assignment.rules.anchors.scale)) strides wide); "
                + "positive when IoU ≥ its box's threshold t"
        ]
        for g in missing.prefix(Self.namedInLegend) {
            guard let remark = assignment.boxes[g].remark else { continue }
            figure.notes.append(
                "\(BoxColors.warningSymbol) \(BoxColors.label(forBox: g, in: assignment.groundTruths)): "
                    + ATSSTargetsSummary.words(remark))
        }
        if missing.count > Self.namedInLegend {
            figure.notes.append("… and \(missing.count - Self.namedInLegend) more boxes without a positive")
        }
        return figure
    }

    /// Box `g`'s candidates on every level, titled with why it has no positive.
    func candidates(of g: Int) -> ATSSCandidatePanels {
        var figure = ATSSCandidatePanels(
            assignment: assignment, box: g, presetName: method.name, backdrop: backdrop)
        figure.sceneName = sceneName
        if let remark = assignment.boxes[g].remark {
            figure.title =
                "\(sceneName): \(BoxColors.warningSymbol) \(BoxColors.label(forBox: g, in: assignment.groundTruths)) "
                + "gets no positive: \(ATSSTargetsSummary.words(remark))"
        }
        return figure
    }
}
