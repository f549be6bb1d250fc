/// A target assigner that a data set's statistics can run image by image: FCOS's ``Matcher``,
/// and the assigners of the methods built beside FCOS (ATSS, GFL). Data-set code
/// (`DatasetStatistics` in Annotations) depends on this, not on any one method, so that a method
/// module never has to be imported below the command line.
///
/// The counts follow ``AssignmentStatistics``: a box is recalled when it owns at least one
/// positive; a positive is ambiguous when two or more boxes qualified for it before the method's
/// conflict rule chose one.
public protocol StatisticsAssigner: Sendable {
    /// The levels in order (`P3` … `P7`).
    var levels: [FeatureLevel] { get }

    /// The statistics of one image of `imageWidth × imageHeight` input pixels; `scratch` holds
    /// per-thread buffers an assigner may reuse between images.
    func statistics(
        _ groundTruths: [GroundTruth], imageWidth: Int, imageHeight: Int, scratch: inout StatisticsScratch
    ) -> AssignmentStatistics
}

extension Matcher: StatisticsAssigner {
    public var levels: [FeatureLevel] { rules.levels }
}
