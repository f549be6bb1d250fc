import FCOS

/// ATSS in data-set statistics (`FCOS.StatisticsAssigner`): the full assignment, explanations
/// included, read off by ``ATSSAssignment/statistics``. A box visits at most `k` anchors per
/// level, so no separate fast path is needed.
extension ATSSAssigner: StatisticsAssigner {
    /// The levels the statistics tables have one column for: the rules' P3–P7.
    public var levels: [FeatureLevel] { rules.levels }

    /// FCOS's Table 1 quantities for one image under ATSS, so `fcos stats` can set ATSS beside FCOS.
    public func statistics(
        _ groundTruths: [GroundTruth], imageWidth: Int, imageHeight: Int, scratch: inout StatisticsScratch
    ) -> AssignmentStatistics {
        assign(groundTruths, imageWidth: imageWidth, imageHeight: imageHeight).statistics
    }
}
