import FCOS
import Foundation

/// A spot of a figure that explains itself: a circle around a location, in figure pixels, with
/// the text a page shows when the reader hovers or clicks it.
public struct Hotspot: Sendable {
    /// The spot's centre in figure pixels.
    public var center: CGPoint
    /// The spot's radius in figure pixels, large enough to hover.
    public var radius: Double
    /// One fact per line, e.g. ``LocationStory/lines(_:)``.
    public var text: String
    /// The boxes the text talks about, the winner first: a page highlights their outlines.
    public var boxes: [Int]
    /// The panel the spot lies in, so a page can highlight the outlines of that panel.
    public var panel: Int

    /// A spot at `center` explaining `text` about `boxes` in panel `panel`.
    public init(center: CGPoint, radius: Double, text: String, boxes: [Int], panel: Int) {
        self.center = center
        self.radius = radius
        self.text = text
        self.boxes = boxes
        self.panel = panel
    }
}

/// Where a ground-truth box is drawn in one panel, so a page can outline it on demand.
public struct HotspotOutline: Sendable {
    /// The ground-truth box's index.
    public var box: Int
    /// The panel it is drawn in.
    public var panel: Int
    /// The box's outline in figure pixels.
    public var rect: CGRect

    /// The outline of box `box` at `rect` in panel `panel`.
    public init(box: Int, panel: Int, rect: CGRect) {
        self.box = box
        self.panel = panel
        self.rect = rect
    }
}

/// Everything a page needs to lay an explaining layer over a figure drawn by Cairo: the figure's
/// size, the spots and the box outlines, all in figure pixels.
///
/// The layer is separate from the drawing on purpose: Cairo's SVG has no `<title>` and names its
/// glyphs with the same ids in every file, so a page embeds the drawing as an image and puts
/// the spots over it as plain SVG.
public struct FigureHotspots: Sendable {
    /// The figure's size, so the layer matches the drawing.
    public var size: CGSize
    /// The explaining spots.
    public var spots: [Hotspot]
    /// Every ground-truth box outline a page can highlight.
    public var outlines: [HotspotOutline]

    /// A layer over a figure of `size`.
    public init(size: CGSize, spots: [Hotspot], outlines: [HotspotOutline]) {
        self.size = size
        self.spots = spots
        self.outlines = outlines
    }
}

/// A figure that can say what its marks mean, one spot at a time.
public protocol HotspotProviding: FigureDrawable {
    /// The spots and outlines, in the same figure pixels as the drawing they explain.
    var hotspots: FigureHotspots { get }
}

extension HotspotOutline {
    /// Each box's outline in one panel, clipped to the panel; boxes outside it have none.
    static func outlines(of groundTruths: [GroundTruth], mapping: ImageMapping, panel: Int)
        -> [HotspotOutline]
    {
        groundTruths.indices.compactMap { g in
            let rect = mapping.rect(groundTruths[g].box).intersection(mapping.frame)
            guard !rect.isNull, rect.width > 0, rect.height > 0 else { return nil }
            return HotspotOutline(box: g, panel: panel, rect: rect)
        }
    }
}

extension Hotspot {
    /// Half the grid spacing on the figure, so neighbouring spots touch without overlapping,
    /// but at least 2.5 px to stay easy to point at and at most 10 on coarse levels.
    static func radius(spacing: Double) -> Double {
        min(max(spacing / 2, smallestRadius), 10)
    }

    /// The smallest spot a pointer can rest on.
    static let smallestRadius = 2.5
}
