import FCOS

/// ATSS in data-set statistics (``StatisticsAssigner``): the full assignment, explanations
/// included, read off by ``ATSSAssignment/statistics``. A box visits at most `k` anchors per
/// level, so no separate fast path is needed.
extension ATSSAssigner: StatisticsAssigner {
    public var levels: [FeatureLevel] { rules.levels }

    public func statistics(
        _ groundTruths: [GroundTruth], imageWidth: Int, imageHeight: Int, scratch: inout StatisticsScratch
    ) -> AssignmentStatistics {
        assign(groundTruths, imageWidth: imageWidth, imageHeight: imageHeight).statistics
    }
}
