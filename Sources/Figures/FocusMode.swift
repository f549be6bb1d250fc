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

    /// The boxes drawn grey, out of `count`, when `relevant` are the ones the figure is about,
    /// and the colours of the others. When some are grey, the rest get distinct colours
    /// (``BoxColoring/distinct(_:)``), so two boxes in focus never look alike (`#2` and `#28`);
    /// when none is, every box keeps its usual colour, the one tables and other figures use.
    func resolve(count: Int, relevant: @autoclosure () -> Set<Int>) -> (
        muted: Set<Int>, coloring: BoxColoring
    ) {
        let muted = muted(count: count, relevant: relevant())
        guard !muted.isEmpty else { return (muted, .usual) }
        return (muted, .distinct(Set(0..<count).subtracting(muted)))
    }

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

    /// The boxes a crowded figure of panels is about, at most ``focusLimit``, in this order:
    /// `first` (e.g. the boxes without a positive, the ⚠ the figure must explain); up to half
    /// the limit of `small`, the boxes whose marks are too small to read on some panel (what the
    /// insets zoom on); then, panel by panel in turn, the next of `busiest` (each panel's boxes,
    /// most marks first), so every panel keeps some marks in colour; then the rest of `small`.
    /// Crowd regions are never in the story.
    static func story(first: [Int], small: [Int], busiest: [[Int]], isCrowd: (Int) -> Bool) -> [Int] {
        var story: [Int] = []
        func add(_ g: Int) {
            if story.count < focusLimit, !story.contains(g), !isCrowd(g) { story.append(g) }
        }
        first.forEach(add)
        var smallQueue = small[...]
        while story.count < focusLimit / 2, let g = smallQueue.popFirst() { add(g) }
        var queues = busiest.map { $0[...] }
        while story.count < focusLimit, queues.contains(where: { !$0.isEmpty }) {
            for panel in queues.indices {
                if let g = queues[panel].popFirst() { add(g) }
            }
        }
        smallQueue.forEach(add)
        return story
    }

    /// Boxes in `marks` (one box index per mark) from most marks to fewest, ties by index.
    static func busiest(_ marks: some Sequence<Int>) -> [Int] {
        var counts: [Int: Int] = [:]
        for g in marks { counts[g, default: 0] += 1 }
        return counts.sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }.map(\.key)
    }
}
