/// Input the keypoint targets cannot use. The references index `hm[cls_id]` and would stop with
/// an `IndexError`; here the box and the valid range are named.
public enum KeypointTargetError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Box `box` has a label outside `0..<classes`.
    case labelOutOfRange(box: Int, label: Int, classes: Int)
    /// More kept boxes than CornerNet's `max_tag_len` (128) rows for corner tags; the reference
    /// stops with an `IndexError`.
    case tooManyObjects(limit: Int)
    /// A negative number of classes (one heat map per class).
    case negativeClassCount(Int)
    /// The input is too small to have even one output cell.
    case emptyOutput(inputWidth: Int, inputHeight: Int, outputWidth: Int, outputHeight: Int)

    /// One line naming the box and what is wrong with it, for the command line's error message.
    public var description: String {
        switch self {
        case .labelOutOfRange(let box, let label, let classes):
            return "boxes[\(box)]: label \(label) is outside 0..<\(classes) (the number of classes)"
        case .tooManyObjects(let limit):
            return
                "more than \(limit) boxes survive clipping; CornerNet stores at most \(limit) corner pairs per image"
        case .negativeClassCount(let classes):
            return "the number of classes must not be negative, found \(classes)"
        case .emptyOutput(let w, let h, let ow, let oh):
            return "a \(w)×\(h) input gives a \(ow)×\(oh) output map, which has no cell"
        }
    }
}
