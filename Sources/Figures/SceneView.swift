import Canvas
import FCOS
import Foundation

/// The scene as a student first meets it: the picture with each ground-truth box outlined in its
/// colour and labelled `#0 person`, scaled to a requested width.
///
/// ```swift
/// let view = SceneView(imageWidth: 1066, imageHeight: 800, groundTruths: boxes, backdrop: .illustration(.tennis))
/// try view.write(toPath: "/tmp/tennis.png")
/// ```
public struct SceneView: FigureDrawable {
    /// The image's width in pixels, which fixes the picture's aspect ratio.
    public var imageWidth: Int
    /// The image's height in pixels, which fixes the picture's aspect ratio.
    public var imageHeight: Int
    /// The ground-truth boxes, drawn in their fixed colours.
    public var groundTruths: [GroundTruth]
    /// What is drawn behind the boxes: the scene's illustration, a photo, or plain paper.
    public var backdrop: Backdrop
    /// The width of the picture area; the figure adds its margins.
    public var width: Double = 800
    /// Replaces the generated title when set.
    public var title: String?
    /// Replaces the generated subtitle when set.
    public var subtitle: String?
    /// Boxes to mark "⚠ no positive", e.g. `assignment.groundTruthsWithoutPositives`.
    public var warnings: Set<Int> = []
    /// Fonts, margins and inks shared by every figure kind, so figures set side by side match.
    public var style: FigureStyle = .standard

    /// A view of `groundTruths` over an image of the given size.
    public init(imageWidth: Int, imageHeight: Int, groundTruths: [GroundTruth], backdrop: Backdrop = .plain) {
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        self.groundTruths = groundTruths
        self.backdrop = backdrop
    }

    var titleBlock: TitleBlock {
        let text =
            title
            ?? "The scene: \(NumberText.count(groundTruths.count, "ground-truth box", "ground-truth boxes"))"
        let sub = subtitle ?? "\(imageWidth) × \(imageHeight) px · each box keeps its color in every figure"
        return TitleBlock(title: text, subtitle: sub, style: style, width: width)
    }

    /// The picture area; ``ImageMapping/point(_:)`` gives figure pixels for image pixels.
    public var mapping: ImageMapping {
        let top = style.margin + titleBlock.height + 8
        let height = (width * Double(imageHeight) / Double(imageWidth)).rounded()
        return ImageMapping(
            viewport: CGRect(x: 0, y: 0, width: imageWidth, height: imageHeight),
            frame: CGRect(x: style.margin, y: top, width: width, height: height))
    }

    /// The whole figure's size in pixels, known before drawing so a page can lay it out.
    public var size: CGSize {
        let frame = mapping.frame
        return CGSize(
            width: (Double(frame.maxX) + style.margin).rounded(.up),
            height: (Double(frame.maxY) + style.margin).rounded(.up))
    }

    /// The picture alone, backdrop and box outlines, into any mapping: e.g. an ``InsetZoom``
    /// inset of this scene.
    public func drawPicture(in ctx: DrawingContext, mapping: ImageMapping) {
        backdrop.draw(
            in: ctx, mapping: mapping, imageWidth: imageWidth, imageHeight: imageHeight, dimming: 0.15)
        BoxOverlay(groundTruths: groundTruths, lineWidth: 2.5, warnings: warnings)
            .drawOutlines(in: ctx, mapping: mapping)
    }

    /// Draws the figure with its top-left corner at the origin of `ctx`.
    public func draw(in ctx: DrawingContext) {
        titleBlock.draw(in: ctx, at: CGPoint(x: style.margin, y: style.margin))
        let mapping = mapping
        backdrop.draw(
            in: ctx, mapping: mapping, imageWidth: imageWidth, imageHeight: imageHeight, dimming: 0.15)
        let overlay = BoxOverlay(
            groundTruths: groundTruths, lineWidth: 3, labels: .full, font: .bold(13), warnings: warnings)
        overlay.drawOutlines(in: ctx, mapping: mapping)
        overlay.drawLabels(in: ctx, mapping: mapping, bounds: mapping.frame.insetBy(dx: 1, dy: 1))
        ctx.strokeRect(mapping.frame.insetBy(dx: -0.5, dy: -0.5), style.frameColor, style: .solid(1))
    }
}
