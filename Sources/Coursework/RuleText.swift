import FCOS

/// The preset's rules in words, for the starter files' doc comments and for explanations. Every
/// sentence is derived from the ``AssignmentRules`` values, not from the preset's name, so a
/// new preset gets correct homework text without touching this file.
enum RuleText {
    static func locationFormula(_ offset: LocationOffset) -> String {
        switch offset {
        case .flooredHalfStride: return "x = j·s + ⌊s/2⌋, y = i·s + ⌊s/2⌋"
        case .halfStride: return "x = (j + 0.5)·s, y = (i + 0.5)·s"
        case .zero: return "x = j·s, y = i·s"
        }
    }

    /// Which references use an offset, to tell a student where their formula comes from.
    static func offsetOwner(_ offset: LocationOffset) -> String {
        switch offset {
        case .flooredHalfStride: return "the official FCOS code's convention"
        case .halfStride: return "the cell centre, as mmdetection and EECS 498 do"
        case .zero: return "the cell's top-left corner, as torchvision and detectron2 do"
        }
    }

    static func bound(_ value: Float) -> String {
        if value == .infinity { return "∞" }
        if value == FeatureLevel.referenceInfinity { return "1e8" }
        return Wording.number(value)
    }

    /// `[-1, 64]` or `(0, 64)`.
    static func range(_ range: SizeRange, gate: SizeGate) -> String {
        switch gate {
        case .inclusive: return "[\(bound(range.lower)), \(bound(range.upper))]"
        case .strict: return "(\(bound(range.lower)), \(bound(range.upper)))"
        }
    }

    static func gateInequality(_ gate: SizeGate) -> String {
        switch gate {
        case .inclusive: return "lower ≤ m ≤ upper (both bounds belong to the range)"
        case .strict: return "lower < m < upper (neither bound belongs to the range)"
        }
    }

    /// "P3 [-1, 64], P4 [64, 128], …".
    static func levelRanges(_ rules: AssignmentRules) -> String {
        rules.levels.map { "\($0.name) (s = \($0.stride)) \(range($0.sizeRange, gate: rules.sizeGate))" }
            .joined(separator: ", ")
    }

    static func centerSampling(_ sampling: CenterSampling) -> String {
        switch sampling {
        case .off:
            return "No center sampling: every location strictly inside a box is a candidate for it."
        case .clippedSubBox(let r):
            return "Center sampling: the location must also lie strictly inside the square "
                + "cx − \(Wording.number(r))·s < x < cx + \(Wording.number(r))·s (likewise in y) around the box centre "
                + "(cx, cy), after clipping that square to the box."
        case .chebyshev(let r):
            return "Center sampling: the location must also satisfy max(|x − cx|, |y − cy|) < "
                + "\(Wording.number(r))·s, where (cx, cy) is the box centre."
        }
    }

    static func area(_ convention: BoxConvention) -> String {
        switch convention {
        case .continuous: return "(x1 − x0)·(y1 − y0)"
        case .inclusivePixels: return "(x1 − x0 + 1)·(y1 − y0 + 1) (the +1 counts both end pixels)"
        }
    }

    static func ambiguity(_ rules: AssignmentRules) -> String {
        switch rules.ambiguity {
        case .minimumArea:
            return "The box with the smallest area \(area(rules.areaConvention)) wins; on equal areas "
                + "the lower box index wins."
        case .float32Rank:
            return
                "Give every candidate the Float value 1e8 − area, with area \(area(rules.areaConvention)), "
                + "and keep the largest value; equal values go to the lower box index. (Near 1e8 a Float "
                + "is a multiple of 8, so areas a few px² apart can tie: compute this in Float.)"
        }
    }

    static func units(_ units: RegressionUnits) -> String {
        switch units {
        case .pixels: return "in pixels (this preset does not divide by the stride)"
        case .stride:
            return "divided by the level's stride s, so every level predicts numbers of similar size"
        }
    }

    static func nmsWidths(_ convention: BoxConvention) -> String {
        switch convention {
        case .continuous: return "Areas and overlaps are continuous: width x1 − x0, height y1 − y0."
        case .inclusivePixels:
            return "Widths count both end pixels, as the official code's NMS kernel does: width "
                + "x1 − x0 + 1, and the overlap width is max(0, min(x1) − max(x0) + 1)."
        }
    }
}
