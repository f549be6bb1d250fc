import Foundation

/// One piece of the homework. The order is the order in which FCOS builds its training targets
/// (locations → matching → deltas → centerness) and then uses them (loss, NMS at inference), so
/// a student working top to bottom always has the earlier pieces in mind.
public enum Part: String, Sendable, CaseIterable, Codable, Comparable {
    /// Part 1: the image position of every feature-map location.
    case locations
    /// Part 2: which box, if any, each location regresses.
    case matching
    /// Part 3: the `(l*, t*, r*, b*)` regression targets and their inverse.
    case deltas
    /// Part 4: the centerness target of a positive location.
    case centerness
    /// Part 5: the sigmoid focal loss of the classification branch.
    case focalLoss = "focal-loss"
    /// Part 6: the whole per-image FCOS loss, its three terms normalised.
    case loss
    /// Part 7: greedy non-maximum suppression at inference.
    case nms
    /// Part 8: dense head outputs to detections (decode, score, threshold, top-k, class-aware NMS).
    case inference

    /// A short title for tables and headings.
    public var title: String {
        switch self {
        case .locations: return "Feature-map locations"
        case .matching: return "Matching locations to boxes"
        case .deltas: return "Regression deltas"
        case .centerness: return "Centerness targets"
        case .focalLoss: return "Sigmoid focal loss"
        case .loss: return "The whole FCOS loss"
        case .nms: return "Non-maximum suppression"
        case .inference: return "Inference"
        }
    }

    /// Points out of 100 for a course with every part. Matching carries the most because it is
    /// where the references differ and where most students' targets go wrong; the whole loss
    /// comes next because it puts every earlier piece together.
    public var maxPoints: Int {
        switch self {
        case .locations: return 10
        case .matching: return 25
        case .deltas: return 10
        case .centerness: return 10
        case .focalLoss: return 10
        case .loss: return 15
        case .nms: return 10
        case .inference: return 10
        }
    }

    /// The student's source file for this part, inside `Sources/Homework`.
    public var fileName: String {
        switch self {
        case .locations: return "Locations.swift"
        case .matching: return "Matching.swift"
        case .deltas: return "Deltas.swift"
        case .centerness: return "Centerness.swift"
        case .focalLoss: return "FocalLoss.swift"
        case .loss: return "Loss.swift"
        case .nms: return "NMS.swift"
        case .inference: return "Inference.swift"
        }
    }

    /// Orders parts as the course presents them, not alphabetically.
    public static func < (a: Part, b: Part) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Parses a comma-separated list such as `locations,matching,nms`, in course order without
    /// duplicates; `nil` names the first unknown part.
    public static func parseList(_ text: String) -> Result<[Part], UnknownPart> {
        var parts: Set<Part> = []
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard !name.isEmpty else { continue }
            guard let part = Part(rawValue: name) else { return .failure(UnknownPart(name: name)) }
            parts.insert(part)
        }
        return .success(parts.sorted())
    }

    /// A part name that does not exist.
    public struct UnknownPart: Error, CustomStringConvertible {
        /// The name that was not recognised.
        public var name: String
        /// The one line for the terminal, listing the valid names.
        public var description: String {
            "unknown part '\(name)' (choose from \(Part.allCases.map(\.rawValue).joined(separator: ", ")))"
        }
    }
}
