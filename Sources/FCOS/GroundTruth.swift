/// A ground-truth object: its box, its class label and, for tables and figures, a name.
///
/// `isCrowd` marks COCO `iscrowd` regions. Official FCOS and torchvision's reference scripts drop
/// them before matching, and mmdetection hands them to the head as `gt_bboxes_ignore`, which
/// `FCOSHead` never reads, so every preset treats them alike: such a box keeps its index (so
/// `matched` still indexes the input) but is never a candidate.
public struct GroundTruth: Hashable, Sendable {
    /// The box in image pixels.
    public var box: Box
    /// The class index.
    public var label: Int
    /// A name for figures and tables, e.g. `person`.
    public var name: String?
    /// A crowd region (COCO `iscrowd`), which no preset matches.
    public var isCrowd: Bool

    /// A ground-truth box, class 0 and no name unless given.
    public init(box: Box, label: Int = 0, name: String? = nil, isCrowd: Bool = false) {
        self.box = box
        self.label = label
        self.name = name
        self.isCrowd = isCrowd
    }
}
