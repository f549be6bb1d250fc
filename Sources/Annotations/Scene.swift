import FCOS

/// An image size and its ground-truth boxes, in the network's input pixels: the input to target
/// assignment, and what lessons and `fcos targets` read from a scene file.
public struct Scene: Sendable {
    /// The image width in pixels.
    public var width: Int
    /// The image height in pixels.
    public var height: Int
    /// The labelled boxes to assign targets for.
    public var groundTruths: [GroundTruth]
    /// An optional picture drawn under the boxes, relative to the scene file.
    public var illustration: String?
    /// The number of classes, when the scene says (`"num_classes"`); keypoint heads need one heat
    /// map per class and otherwise take the largest label + 1.
    public var classCount: Int?

    /// A scene of the given size and boxes, optionally drawn over an illustration.
    public init(width: Int, height: Int, groundTruths: [GroundTruth], illustration: String? = nil) {
        self.width = width
        self.height = height
        self.groundTruths = groundTruths
        self.illustration = illustration
    }
}
