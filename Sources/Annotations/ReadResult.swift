/// What a reader returns: the data set, and in lenient mode the records it skipped, each as the
/// one-line ``InputError`` that strict mode would have thrown.
public struct ReadResult: Sendable {
    /// The data set read, without the skipped records.
    public var dataset: Dataset
    /// The records skipped in lenient mode, each as a one-line error.
    public var problems: [InputError]
    /// Boxes left out because their record was bad.
    public var skippedBoxes: Int
    /// Images left out (with all their boxes) because their record or file was bad.
    public var skippedImages: Int

    /// A result from a data set and what was skipped reading it.
    public init(dataset: Dataset, problems: [InputError] = [], skippedBoxes: Int = 0, skippedImages: Int = 0)
    {
        self.dataset = dataset
        self.problems = problems
        self.skippedBoxes = skippedBoxes
        self.skippedImages = skippedImages
    }
}

/// Collects bad records: strict mode throws the first, lenient mode keeps them for the end.
struct ProblemLog {
    let strict: Bool
    var problems: [InputError] = []
    var skippedBoxes = 0
    var skippedImages = 0

    init(strict: Bool) { self.strict = strict }

    /// A bad box record, skipped unless strict.
    mutating func skipBox(_ problem: InputError) throws {
        if strict { throw problem }
        problems.append(problem)
        skippedBoxes += 1
    }

    /// A bad image record (or image file), skipped with `boxes` boxes unless strict.
    mutating func skipImage(_ problem: InputError, boxes: Int = 0) throws {
        if strict { throw problem }
        problems.append(problem)
        skippedImages += 1
        skippedBoxes += boxes
    }

    func result(_ dataset: Dataset) -> ReadResult {
        ReadResult(
            dataset: dataset, problems: problems, skippedBoxes: skippedBoxes, skippedImages: skippedImages)
    }
}

/// Checks shared by every reader on a box in continuous pixel corners: finite, positive size,
/// inside the image. Returns the problem, or `nil` for a good box.
///
/// "Inside" allows half a pixel of slack: writers that round coordinates to two decimals can
/// leave `x + w` a hair past the border, which every reference clips silently; more than that is
/// a wrong box or a wrong image size.
func boxProblem(x0: Double, y0: Double, x1: Double, y1: Double, imageWidth: Int, imageHeight: Int) -> String?
{
    guard x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite else {
        return "a corner is not a finite number (the values overflow)"
    }
    let w = x1 - x0
    let h = y1 - y0
    if w == 0 { return "zero width" }
    if h == 0 { return "zero height" }
    if w < 0 { return "negative width (\(number(w)))" }
    if h < 0 { return "negative height (\(number(h)))" }
    let slack = 0.5
    let W = Double(imageWidth)
    let H = Double(imageHeight)
    if x0 < -slack || y0 < -slack || x1 > W + slack || y1 > H + slack {
        return
            "box (\(number(x0)), \(number(y0)))-(\(number(x1)), \(number(y1))) leaves the \(imageWidth)×\(imageHeight) image"
    }
    return nil
}

/// A number as a person writes it: `12`, `12.5`, not `12.0`.
func number(_ d: Double) -> String {
    if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
    return String(d)
}
