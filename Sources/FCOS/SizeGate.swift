/// The paper's multi-level rule (§3.2): a location on level `i` may regress a box only when
/// `m = max(l*, t*, r*, b*)` lies between the level's bounds `m_{i−1}` and `m_i`. The paper
/// makes a location negative when `m > m_i` or `m < m_{i−1}`, so both bounds themselves pass:
///
/// ```
/// m_{i−1} ≤ max(l*, t*, r*, b*) ≤ m_i        (official FCOS, mmdetection)
/// m_{i−1} < max(l*, t*, r*, b*) < m_i        (torchvision, detectron2, EECS 498)
/// ```
///
/// The references disagree on which comparisons are strict, and that decides what happens at
/// exactly `m = 64, 128, 256, 512`:
///
/// - ``inclusive``: `lower ≤ m ≤ upper`, official FCOS and mmdetection
///   (`object_sizes_of_interest`, `regress_ranges`). A location with `m = 64` passes the gate
///   of *both* P3 `[-1, 64]` and P4 `[64, 128]`.
/// - ``strict``: `lower < m < upper`, torchvision, detectron2 and EECS 498. A location with
///   `m = 64` passes *neither* P3 `(0, 64)` nor P4 `(64, 128)`.
public enum SizeGate: String, Sendable, CaseIterable {
    /// `lower ≤ m ≤ upper`.
    case inclusive
    /// `lower < m < upper`.
    case strict

    /// Whether `m` falls in `range` under this gate.
    public func admits(_ m: Float, in range: SizeRange) -> Bool {
        switch self {
        case .inclusive: return m >= range.lower && m <= range.upper
        case .strict: return m > range.lower && m < range.upper
        }
    }

    /// Whether a single distance can still belong to a location that passes the upper bound:
    /// `m ≤ upper` (or `< upper`) holds exactly when each of `l, t, r, b` does. The fast matcher
    /// uses this to bound the columns and rows it visits.
    func admitsBelowUpper(_ distance: Float, in range: SizeRange) -> Bool {
        switch self {
        case .inclusive: return distance <= range.upper
        case .strict: return distance < range.upper
        }
    }
}
