/// Every knob on which the reference implementations' target assignment differs, as data.
/// ``Preset`` gives named values that reproduce each reference exactly.
public struct AssignmentRules: Hashable, Sendable {
    /// The FPN levels, their strides and size ranges.
    public var levels: [FeatureLevel]
    /// How big each level's feature map is for an input size.
    public var featureSize: FeatureSizeRule
    /// Where in its cell a location sits.
    public var locationOffset: LocationOffset
    /// torchvision's real pipeline: grid spacing `padded size ÷ feature size` instead of the stride.
    public var derivedGridSpacing: Bool
    /// How box areas are computed when ranking ambiguous candidates.
    public var areaConvention: BoxConvention
    /// Inclusive or strict size-range bounds.
    public var sizeGate: SizeGate
    /// Whether positives are restricted to a region around the box centre.
    public var centerSampling: CenterSampling
    /// How the smallest box is chosen among several candidates.
    public var ambiguity: AmbiguityRule
    /// Pixels or pixels ÷ stride for the regression targets.
    public var regressionUnits: RegressionUnits
    /// EECS 498 marks background with deltas `(−1, −1, −1, −1)` and centerness `−1`; the
    /// others simply have no target there.
    public var backgroundSentinels: Bool

    /// Rules from explicit choices; see ``Preset`` for the ones that reproduce each reference.
    public init(
        levels: [FeatureLevel], featureSize: FeatureSizeRule, locationOffset: LocationOffset,
        derivedGridSpacing: Bool = false, areaConvention: BoxConvention, sizeGate: SizeGate,
        centerSampling: CenterSampling, ambiguity: AmbiguityRule, regressionUnits: RegressionUnits,
        backgroundSentinels: Bool = false
    ) {
        self.levels = levels
        self.featureSize = featureSize
        self.locationOffset = locationOffset
        self.derivedGridSpacing = derivedGridSpacing
        self.areaConvention = areaConvention
        self.sizeGate = sizeGate
        self.centerSampling = centerSampling
        self.ambiguity = ambiguity
        self.regressionUnits = regressionUnits
        self.backgroundSentinels = backgroundSentinels
    }

    /// The feature maps for an input of `width × height` pixels.
    public func featureMaps(imageWidth width: Int, imageHeight height: Int) -> [FeatureMap] {
        let sizes = featureSize.sizes(imageWidth: width, imageHeight: height, levels: levels)
        let padded = featureSize.paddedSize(imageWidth: width, imageHeight: height)
        return zip(levels, sizes).map { level, size in
            var stepX = level.stride
            var stepY = level.stride
            if derivedGridSpacing, size.width > 0, size.height > 0 {
                stepX = padded.width / size.width
                stepY = padded.height / size.height
            }
            return FeatureMap(
                level: level, width: size.width, height: size.height, stepX: stepX, stepY: stepY,
                offset: locationOffset)
        }
    }
}
