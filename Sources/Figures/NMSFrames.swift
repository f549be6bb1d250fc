import Canvas
import FCOS
import Foundation

/// Greedy NMS as a strip of frames, one per step: kept boxes solid and thick, the box being kept
/// now highlighted, the boxes it suppresses dashed with the IoU that suppressed them, boxes
/// suppressed earlier faded, and the boxes still waiting thin. Every box shows its score.
///
/// ```swift
/// let nms = NMSFrames(detections: detections, imageWidth: 1066, imageHeight: 800, backdrop: .illustration(.tennis))
/// try nms.write(toPath: "/tmp/nms.png")          // all steps
/// try nms.frame(step: 0).write(toPath: "/tmp/nms-1.png")
/// ```
public struct NMSFrames: FigureDrawable {
    /// The detections suppressed, in any order (NMS sorts them by score).
    public var detections: [ScoredBox]
    /// Suppress a box whose IoU with a kept one exceeds this (FCOS's test-time value).
    public var iouThreshold: Double = 0.6
    /// The image's width in pixels, which fixes the picture's aspect ratio.
    public var imageWidth: Int
    /// The image's height in pixels, which fixes the picture's aspect ratio.
    public var imageHeight: Int
    /// What is drawn behind the boxes: the scene's illustration, a photo, or plain paper.
    public var backdrop: Backdrop
    /// The part of the image shown, in image pixels; the detections' extent with a margin by default.
    public var viewport: Box?
    /// Width of one frame's picture in figure pixels.
    public var frameWidth: Double = 400
    /// Panels per row; `nil` puts up to three side by side.
    public var columns: Int?
    /// Steps shown; all when `nil`.
    public var shownSteps: [Int]?
    /// Replaces the generated title when set.
    public var title: String?
    /// Drawn thin in their own colours under the detections, so each detection can be judged
    /// against the box it should find. Empty by default.
    public var groundTruths: [GroundTruth] = []
    /// Fonts, margins and inks shared by every figure kind, so figures set side by side match.
    public var style: FigureStyle = .standard

    /// Frames of NMS over `detections` in an image of the given size.
    public init(detections: [ScoredBox], imageWidth: Int, imageHeight: Int, backdrop: Backdrop = .plain) {
        self.detections = detections
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        self.backdrop = backdrop
    }

    /// The NMS trace the frames draw, one step per kept box.
    public var steps: [NMSStep] { NMSStep.trace(detections, iouThreshold: iouThreshold) }

    /// A figure with only step `step`.
    public func frame(step: Int) -> NMSFrames {
        var copy = self
        copy.shownSteps = [step]
        copy.columns = 1
        copy.frameWidth = max(frameWidth, 640)
        return copy
    }

    var viewportRect: CGRect {
        if let viewport { return viewport.cgRect }
        guard let first = detections.first else {
            return CGRect(x: 0, y: 0, width: imageWidth, height: imageHeight)
        }
        var r = first.box.cgRect
        for d in detections { r = r.union(d.box.cgRect) }
        let pad = 0.12 * max(Double(r.width), Double(r.height))
        let image = CGRect(x: 0, y: 0, width: imageWidth, height: imageHeight)
        let padded = r.insetBy(dx: -pad, dy: -pad).intersection(image)
        return padded.isNull ? image : padded
    }

    func name(_ i: Int) -> String {
        let score = NumberText.format(Double(detections[i].score), decimals: 2)
        return detections[i].label.map { "\($0) \(score)" } ?? score
    }

    func frameTitle(_ step: NMSStep, number: Int) -> String {
        guard let current = step.current else {
            return
                "Result · \(NumberText.count(step.kept.count, "box", "boxes")) kept, \(step.suppressedBefore.count) suppressed"
        }
        let threshold = NumberText.format(iouThreshold, decimals: 2)
        let suppressed =
            step.suppressedNow.isEmpty
            ? "suppresses nothing" : "suppresses \(step.suppressedNow.count) (IoU > \(threshold))"
        return "Step \(number) · keep \(name(current)) · " + suppressed
    }

    var indices: [Int] { shownSteps ?? Array(steps.indices) }

    var titleBlock: TitleBlock {
        let all = steps
        let kept = all.last?.kept.count ?? 0
        let text =
            title ?? "Non-maximum suppression, step by step: \(detections.count) detections → \(kept) kept"
        let sub =
            "Visit boxes from the highest score down; keep one, drop every remaining box overlapping it by IoU > "
            + NumberText.format(iouThreshold, decimals: 2)
        return TitleBlock(title: text, subtitle: sub, style: style, width: gridWidth)
    }

    private var gridWidth: Double {
        PanelLayout.gridWidth(panels: indices.count, panelWidth: frameWidth, columns: columns, gap: style.gap)
    }

    var titleLines: [[String]] {
        let all = steps
        return indices.map { i in
            PanelPainter.titleLines(
                frameTitle(all[i], number: i + 1), font: style.panelTitleFont, width: frameWidth)
        }
    }

    /// The one legend shared by all panels, so each encoding is explained once.
    public var legend: Legend {
        let ink = NMSStyle.neutral
        var entries: [Legend.Entry] = [
            .init(.line(ink, dash: [], width: 4.5), "▶ kept at this step"),
            .init(.line(ink, dash: [], width: 3), "✓ kept earlier"),
            .init(.line(ink, dash: [7, 4], width: 2.2), "✗ suppressed now: IoU with ▶ above the threshold"),
            .init(.line(ink.withAlpha(0.7), dash: [2, 3], width: 1.2), "suppressed earlier"),
            .init(.line(ink, dash: [], width: 1.5), "still waiting (IoU with ▶, if they overlap)"),
        ]
        var sections: [Legend.Section] = [.init(title: "Line = what NMS did", entries: entries)]
        let view = viewportRect
        let visible = groundTruths.indices.filter { view.intersects(groundTruths[$0].box.cgRect) }
        let identities = Set(detections.compactMap(\.groundTruth)).union(visible).sorted()
        if !identities.isEmpty {
            entries = identities.map { g in
                let name =
                    g < groundTruths.count
                    ? BoxColors.label(forBox: g, in: groundTruths) : "#\(g)"
                return .init(.swatch(BoxColors.color(forBox: g)), name)
            }
            if !visible.isEmpty {
                entries.append(
                    .init(.outline(.gray(0.3), dashed: false), "thin, tinted: the ground-truth box"))
            }
            sections.append(.init(title: "Colour = the object a box is about", entries: entries))
        }
        return Legend(sections: sections, font: style.labelFont, ink: style.ink)
    }

    /// Where each panel, its title and the shared legend go, computed once for drawing and hotspots.
    public var layout: PanelLayout {
        PanelLayout(
            count: indices.count, viewport: viewportRect, panelWidth: frameWidth, columns: columns,
            headerHeight: titleBlock.height + 8,
            panelTitleHeight: Double(titleLines.map(\.count).max() ?? 1)
                * TextLayout.lineHeight(style.panelTitleFont) + 4,
            legend: legend, style: style)
    }

    /// The whole figure's size in pixels, known before drawing so a page can lay it out.
    public var size: CGSize { layout.size }

    /// Draws the figure with its top-left corner at the origin of `ctx`.
    public func draw(in ctx: DrawingContext) {
        let layout = layout
        let all = steps
        let titles = titleLines
        titleBlock.draw(in: ctx, at: layout.titleOrigin)
        for (panel, index) in indices.enumerated() {
            let mapping = layout.mapping(panel: panel)
            backdrop.draw(
                in: ctx, mapping: mapping, imageWidth: imageWidth, imageHeight: imageHeight, dimming: 0.5)
            NMSStyle(detections: detections, names: detections.indices.map(name), groundTruths: groundTruths)
                .draw(all[index], in: ctx, mapping: mapping)
            ctx.strokeRect(mapping.frame.insetBy(dx: -0.5, dy: -0.5), style.frameColor, style: .solid(1))
            PanelPainter(
                groundTruths: [], imageWidth: imageWidth, imageHeight: imageHeight, backdrop: backdrop,
                style: style
            )
            .drawTitle(titles[panel], in: layout.panelTitles[panel], in: ctx)
        }
        layout.drawLegend(legend, in: ctx, style: style)
    }
}
