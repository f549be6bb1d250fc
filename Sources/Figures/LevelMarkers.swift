import FCOS

/// What each location of a level looks like, decided from the matcher's own explanation so the
/// picture can never disagree with the targets.
enum LevelMarkers {
    /// One marker per location index of `level`.
    ///
    /// A background location inside several boxes shows the verdict of the *smallest* of them:
    /// that is the box a student is asking about ("why does the ball get nothing here?"), and
    /// the one the ambiguity rule would have preferred.
    static func markers(
        for level: LevelTargets, explained: [LocationExplanation], groundTruths: [GroundTruth]
    ) -> [LocationMarker] {
        var markers = [LocationMarker](repeating: .location, count: level.matched.count)
        var notes: [Int: LocationExplanation] = [:]
        for note in explained { notes[note.index] = note }
        let areas = groundTruths.map { $0.box.area() }
        for index in level.matched.indices {
            let winner = Int(level.matched[index])
            let note = notes[index]
            if winner >= 0 {
                markers[index] =
                    (note?.isAmbiguous ?? false) ? .ambiguous(winner: winner) : .positive(box: winner)
                continue
            }
            guard let verdicts = note?.verdicts, !verdicts.isEmpty else { continue }
            let verdict = verdicts.min {
                (areas[$0.groundTruth], $0.groundTruth) < (areas[$1.groundTruth], $1.groundTruth)
            }!
            switch verdict.rejection {
            case .crowd: markers[index] = .crowd
            case .centerSampling: markers[index] = .rejectedByCenterSampling(box: verdict.groundTruth)
            case .sizeGate: markers[index] = .rejectedBySizeGate
            case nil: break
            }
        }
        return markers
    }

    /// The assignment with its explanation, re-running the plain matcher when it has none.
    static func explained(_ assignment: Assignment) -> Assignment {
        guard assignment.explanation == nil else { return assignment }
        return Matcher(rules: assignment.rules).assign(
            assignment.groundTruths, imageWidth: assignment.imageWidth, imageHeight: assignment.imageHeight,
            explain: true)
    }
}
