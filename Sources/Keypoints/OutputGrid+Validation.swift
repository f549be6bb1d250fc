import FCOS

extension OutputGrid {
    /// Throws when the map has no cell or a label falls outside `0..<classes`, before anything is
    /// allocated: the checks both heads make on their input.
    func validate(_ groundTruths: [GroundTruth], classes: Int) throws(KeypointTargetError) {
        guard classes >= 0 else { throw .negativeClassCount(classes) }
        guard width > 0, height > 0 else {
            throw .emptyOutput(
                inputWidth: inputWidth, inputHeight: inputHeight, outputWidth: width, outputHeight: height)
        }
        for (i, g) in groundTruths.enumerated() where g.label < 0 || g.label >= classes {
            throw .labelOutOfRange(box: i, label: g.label, classes: classes)
        }
    }
}

extension Box {
    /// Each corner clipped to `[0, maxX] × [0, maxY]` as `np.clip` does (NaN stays NaN and then
    /// fails the size test).
    func clipped(maxX: Float, maxY: Float) -> Box {
        func clip(_ v: Float, _ hi: Float) -> Float { v < 0 ? 0 : (v > hi ? hi : v) }
        return Box(x0: clip(x0, maxX), y0: clip(y0, maxY), x1: clip(x1, maxX), y1: clip(y1, maxY))
    }
}
