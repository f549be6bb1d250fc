/// The reference code base a preset reproduces. A preset names one, and everything that depends
/// on "which code" rather than on the assignment rules is derived from it with an exhaustive
/// `switch`: how annotations become boxes and how images are resized (`DataPath` in
/// Annotations), and the loss and post-processing rules. Adding a code base therefore fails to
/// compile everywhere it must be handled, instead of falling into a default.
///
/// Official FCOS and official ATSS are separate repositories but both are built on
/// maskrcnn-benchmark and share its data pipeline (`x1 = x + w − 1`, clipping to `W − 1`,
/// `Resize.get_size`).
public enum CodeBase: String, Sendable, CaseIterable {
    /// tianzhi0549/FCOS (on maskrcnn-benchmark).
    case fcosOfficial = "tianzhi0549/FCOS"
    /// sfzhang15/ATSS (on maskrcnn-benchmark).
    case atssOfficial = "sfzhang15/ATSS"
    /// open-mmlab/mmdetection 3.x.
    case mmdetection = "open-mmlab/mmdetection"
    /// pytorch/vision, `torchvision.models.detection`.
    case torchvision = "pytorch/vision"
    /// facebookresearch/detectron2.
    case detectron2 = "facebookresearch/detectron2"
    /// The EECS 498 (Michigan) one-stage detector homework.
    case eecs498 = "EECS 498"
}
