import Canvas

/// Which palette colour each box of one figure wears, so that the boxes drawn in colour never
/// share one, nor two that look alike.
///
/// ``BoxColors`` gives box `g` the palette's entry `g mod 13`, the same in every figure, which
/// lets a student follow a box from figure to table. In a crowded scene that rule makes two
/// boxes look alike (`#2` and `#28` are both green), and in focus mode (``FocusMode``) those two
/// may be the only coloured boxes on a panel. So a figure that draws a chosen set of boxes in
/// colour asks for ``distinct(_:)``: in index order, every box keeps its usual colour unless an
/// earlier box of the set wears that entry or one ``confusable`` with it; such a box takes the
/// first palette entry that is free and not confusable with a taken one (the strongest hues come
/// first), or, when none is left, the first free one. Up to 13 boxes, which covers
/// ``FocusMode/focusLimit``, no two boxes of the set share an entry; beyond 13 the palette
/// cannot keep them apart and the usual colours repeat.
///
/// ```swift
/// let coloring = BoxColoring.distinct([2, 28])
/// coloring.slot(forBox: 2)    // 2, its usual colour
/// coloring.slot(forBox: 28)   // 0: 28 mod 13 = 2 is taken
/// ```
public struct BoxColoring: Hashable, Sendable {
    /// Palette entries that differ from the usual `g mod 13`.
    var reassigned: [Int: Int]

    /// Every box in its usual colour (``BoxColors/color(forBox:)``).
    public static let usual = BoxColoring(reassigned: [:])

    /// Pairs of palette entries (`Palette.categoricalColors`) closer than CIELAB ΔE*76 = 26.2, which
    /// read as one hue on a photo: bluish green and teal (18.6), bluish green and green (22.1),
    /// wine and purple (25.5), reddish purple and purple (26.0). Blue and sky blue (26.4) stay
    /// apart: Okabe and Ito chose them to differ in lightness.
    public static let confusable: Set<[Int]> = [[2, 11], [2, 8], [9, 12], [4, 12]]

    static func areConfusable(_ a: Int, _ b: Int) -> Bool {
        a == b || confusable.contains([min(a, b), max(a, b)])
    }

    /// Colours for `boxes` in which no two of them share a palette entry (up to 13 boxes) and,
    /// as far as the palette allows, none wears one ``confusable`` with another's.
    public static func distinct(_ boxes: Set<Int>) -> BoxColoring {
        let count = Palette.categoricalColors.count
        let usual = { (g: Int) in ((g % count) + count) % count }
        var taken: [Int] = []
        var clashing: [Int] = []
        for g in boxes.sorted() {
            if taken.contains(where: { areConfusable($0, usual(g)) }) {
                clashing.append(g)
            } else {
                taken.append(usual(g))
            }
        }
        var reassigned: [Int: Int] = [:]
        for g in clashing {
            let free = (0..<count).filter { !taken.contains($0) }
            guard
                let slot = free.first(where: { s in !taken.contains { areConfusable($0, s) } }) ?? free.first
            else { break }
            reassigned[g] = slot
            taken.append(slot)
        }
        return BoxColoring(reassigned: reassigned)
    }

    /// The palette entry box `index` wears.
    public func slot(forBox index: Int) -> Int {
        let count = Palette.categoricalColors.count
        return reassigned[index] ?? ((index % count) + count) % count
    }

    /// The colour of box `index`.
    public func color(forBox index: Int) -> Color {
        Palette.categorical(slot(forBox: index))
    }

    /// A darker edge for markers and text, as ``BoxColors/edge(forBox:)``.
    public func edge(forBox index: Int) -> Color {
        color(forBox: index).darkened(by: 0.35)
    }

    /// `#rrggbb` of box `index`, for HTML tables beside the figure.
    public func hex(forBox index: Int) -> String {
        color(forBox: index).hexString
    }
}
