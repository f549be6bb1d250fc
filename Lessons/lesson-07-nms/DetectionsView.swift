import Canvas
import FCOS
import Figures
import Foundation

/// The final detections over the scene. Figures' `NMSFrames` re-runs class-agnostic NMS on what it
/// is given, so it would "suppress" final detections that class-aware NMS rightly kept (two classes
/// on one box); this lesson therefore draws its output with Canvas and Figures' pieces: the scene's
/// illustration, each detection in the colour of the object of its class it overlaps by IoU ≥ 0.5
/// (grey and dashed when there is none), and a `class score` chip.
struct DetectionsView: FigureDrawable {
    var detections: [FCOS.Detection]
    var groundTruths: [GroundTruth]
    /// The class index of each ground truth.
    var classOfBox: [Int]
    var className: (Int) -> String
    var imageWidth: Int
    var imageHeight: Int
    var illustration: String?
    var title: String
    var subtitle: String
    var width = 700.0
    var style = FigureStyle.standard

    let unmatched = Color.gray(0.35)
    let headerHeight = 64.0

    var mapping: ImageMapping {
        let scale = width / Double(imageWidth)
        return ImageMapping(
            viewport: CGRect(x: 0, y: 0, width: imageWidth, height: imageHeight),
            frame: CGRect(
                x: style.margin, y: style.margin + headerHeight, width: width,
                height: Double(imageHeight) * scale))
    }

    /// The object of the detection's own class it overlaps most, if by IoU ≥ 0.5.
    func match(_ d: FCOS.Detection) -> Int? {
        let own = groundTruths.indices.filter { classOfBox[$0] == d.label }
        guard let best = own.max(by: { iou(d, $0) < iou(d, $1) }), iou(d, best) >= 0.5 else { return nil }
        return best
    }

    func iou(_ d: FCOS.Detection, _ g: Int) -> Float { intersectionOverUnion(d.box, groundTruths[g].box) }

    var legend: Legend {
        let matched = Set(detections.compactMap(match)).sorted()
        var entries = matched.map {
            Legend.Entry(
                .outline(BoxColors.color(forBox: $0), dashed: false),
                "on \(BoxColors.label(forBox: $0, in: groundTruths)) (same class, IoU ≥ 0.5)")
        }
        entries.append(Legend.Entry(.outline(unmatched, dashed: true), "on no object of its class"))
        entries.append(
            Legend.Entry(
                .none,
                "chips: each object's best box, and others where a chip fits; the table lists every one"))
        return Legend(sections: [Legend.Section(entries: entries)], font: style.labelFont, ink: style.ink)
    }

    var legendHeight: Double { Double(legend.size(maxWidth: width).height) }

    var size: CGSize {
        CGSize(
            width: width + 2 * style.margin,
            height: Double(mapping.frame.maxY) + 14 + legendHeight + style.margin)
    }

    func draw(in ctx: DrawingContext) {
        ctx.drawText(
            title, at: CGPoint(x: style.margin, y: style.margin), font: style.titleFont, color: style.ink,
            anchor: .topLeft)
        ctx.drawText(
            subtitle, at: CGPoint(x: style.margin, y: style.margin + 30), font: style.subtitleFont,
            color: style.mutedInk, anchor: .topLeft)
        let m = mapping
        ctx.withClip(to: m.frame) {
            ctx.withSavedState {
                ctx.translate(x: Double(m.frame.minX), y: Double(m.frame.minY))
                ctx.scale(m.scale)
                let size = CGSize(width: imageWidth, height: imageHeight)
                let drawn = illustration.map { Illustration.draw(named: $0, in: ctx, size: size) } ?? false
                if !drawn { ctx.fillRect(CGRect(origin: .zero, size: size), Color(hex: 0xF6F5F0)) }
            }
            ctx.fillRect(m.frame, Color.white.withAlpha(style.backdropDimming))
        }
        ctx.strokeRect(m.frame, .gray(0.7), style: .solid(1))
        // Weakest first, so the strongest boxes and chips end on top.
        var placed: [CGRect] = []
        for d in detections.sorted(by: { $0.score < $1.score }) {
            let rect = m.rect(d.box)
            let matchIndex = match(d)
            let color = matchIndex.map(BoxColors.color(forBox:)) ?? unmatched
            ctx.strokeRect(
                rect, color, style: matchIndex == nil ? .dashed(2, on: 6, off: 4) : .solid(2.5))
        }
        // Chips: always for each object's best detection; for the others only where one fits
        // without covering another chip, so labels never pile up (the lesson's table lists all).
        var labelled = Set<Int>()
        for d in detections.sorted(by: { $0.score > $1.score }) {
            let rect = m.rect(d.box)
            let matchIndex = match(d)
            let isBest = matchIndex.map { !labelled.contains($0) } ?? false
            if let matchIndex { labelled.insert(matchIndex) }
            let color = matchIndex.map(BoxColors.color(forBox:)) ?? unmatched
            let text = "\(className(d.label)) \(fixed(Double(d.score), 2))"
            let chipStyle = LabelStyle.filled(color, font: .bold(12))
            let spots: [(CGPoint, TextAnchor)] = [
                (CGPoint(x: Double(rect.minX), y: Double(rect.minY)), .bottomLeft),
                (CGPoint(x: Double(rect.minX), y: Double(rect.minY)), .topLeft),
                (CGPoint(x: Double(rect.maxX), y: Double(rect.minY)), .bottomRight),
                (CGPoint(x: Double(rect.minX), y: Double(rect.maxY)), .topLeft),
                (CGPoint(x: Double(rect.maxX), y: Double(rect.maxY)), .bottomRight),
                (CGPoint(x: Double(rect.minX), y: Double(rect.minY) + 22), .topLeft),
                (CGPoint(x: Double(rect.minX), y: Double(rect.minY) + 44), .topLeft),
            ]
            var best: (CGRect, Double)?
            for (point, anchor) in spots {
                let frame = ctx.labelFrame(text, at: point, style: chipStyle, anchor: anchor, within: m.frame)
                let overlap = placed.reduce(0.0) { total, other in
                    let common = other.intersection(frame)
                    return total + (common.isNull ? 0 : Double(common.width * common.height))
                }
                if best == nil || overlap < best!.1 { best = (frame, overlap) }
                if overlap == 0 { break }
            }
            guard let (frame, overlap) = best, isBest || overlap == 0 else { continue }
            placed.append(frame.insetBy(dx: -1, dy: -1))
            ctx.drawLabel(text, at: frame.origin, style: chipStyle, anchor: .topLeft)
        }
        legend.draw(in: ctx, at: CGPoint(x: style.margin, y: Double(m.frame.maxY) + 14), maxWidth: width)
    }
}
