import Canvas
import FCOS

/// Which boxes a crowded figure draws in colour. The palette has a few distinct colours and
/// cycles after them (`#0`, `#13`, `#26` share a hue), and past about ten boxes labels pile up;
/// in focus mode the boxes that matter keep their colours and `#n` labels, and every other box,
/// with its positives, is drawn thin, grey and unlabelled.
public enum FocusMode: Hashable, Sendable {
    /// Every box in colour.
    case all
    /// Only these boxes in colour.
    case boxes(Set<Int>)
    /// `.all` up to ``crowdedCount`` boxes; beyond, only the boxes the figure is about (for a
    /// comparison: the ``focusLimit`` boxes whose targets differ most).
    case automatic

    /// More boxes than this make a scene crowded.
    public static let crowdedCount = 10
    /// At most this many boxes in colour in automatic focus: the Okabe–Ito palette's eight.
    public static let focusLimit = 8
    static let mutedColor = Color.gray(0.55)

    /// The boxes drawn grey, out of `count`, when `relevant` are the ones the figure is about.
    func muted(count: Int, relevant: @autoclosure () -> Set<Int>) -> Set<Int> {
        switch self {
        case .all: return []
        case .boxes(let focus): return Set(0..<count).subtracting(focus)
        case .automatic:
            guard count > Self.crowdedCount else { return [] }
            return Set(0..<count).subtracting(relevant())
        }
    }
}
