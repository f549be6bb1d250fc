import Canvas
import FCOS

/// One colour per ground-truth box, the same in every figure and table of a lesson.
///
/// Students follow a box from the scene to its positives on each level, to its arrows in a zoom
/// and to its row in a table by colour alone, so the colour must depend on nothing but the box's
/// index. The palette is Okabe–Ito then Paul Tol's muted hues, all colour-blind safe.
public enum BoxColors {
    /// The colour of box `index` (wraps around after 13 boxes).
    public static func color(forBox index: Int) -> Color {
        Palette.categorical(index)
    }

    /// `#rrggbb` of box `index`, for HTML and terminal tables.
    public static func hex(forBox index: Int) -> String {
        color(forBox: index).hexString
    }

    /// A darker edge for markers and text in the box's colour: pale entries (yellow, sky blue)
    /// vanish against a light backdrop without one.
    public static func edge(forBox index: Int) -> Color {
        color(forBox: index).darkened(by: 0.35)
    }

    /// "No positive on any level". A strong red that differs from the palette's vermillion in
    /// lightness; the meaning is also carried by ``warningSymbol`` so it never rests on hue alone.
    public static let warning = Color(hex: 0xB0001E)

    /// Prefixed to every warning label.
    public static let warningSymbol = "⚠"

    /// `#0 person`, the name every figure and table uses for a box.
    public static func label(forBox index: Int, name: String?) -> String {
        guard let name, !name.isEmpty else { return "#\(index)" }
        return "#\(index) \(name)"
    }

    /// The label of box `index` of `groundTruths`.
    public static func label(forBox index: Int, in groundTruths: [GroundTruth]) -> String {
        label(forBox: index, name: groundTruths.indices.contains(index) ? groundTruths[index].name : nil)
    }
}
