/// The largest inputs the readers accept, by design. Each is checked before anything is
/// allocated for it, and going past one is an ordinary one-line error that names the limit,
/// never a trap, a stall or an exhausted memory (SQLite's "Limits In SQLite" is the model).
/// The README's "Limits" section lists them; change both together.
public enum InputLimits {
    /// Largest image side, in pixels, read from any file or option: COCO `width`/`height`, VOC
    /// `<size>`, image headers, scene files, `--min-size`/`--max-size`. Ten times a 10 000 px
    /// aerial tile, and small enough that sizes, products of two sizes and coordinates stay
    /// exact in a `Double` and far from `Int` overflow.
    public static let imageSide = 100_000

    /// Largest network input the matcher is run on, width × height in pixels (a scene, or an
    /// image after resizing). 4·10⁸ px² (20 000 × 20 000) is 8.3 million locations over P3–P7,
    /// about 250 MB of targets; the side limit alone would allow 25 times that.
    public static let networkInputArea = 400_000_000

    /// Most boxes in one image, scene or `fcos nms` input.
    public static let boxes = 10_000_000

    /// Most numbers in one JSON array of `fcos loss` and `fcos nms` inputs (all elements of a
    /// nested tensor together).
    public static let arrayLength = 10_000_000

    /// Deepest nesting of JSON arrays and objects (the scanner's own limit).
    public static let jsonDepth = 256

    /// Deepest element nesting in a VOC file (`VOCXML/maximumDepth`).
    public static let xmlDepth = VOCXML.maximumDepth

    /// The problem with an image side, or `nil` when it is within the limit.
    static func sideProblem(_ what: String, _ value: Int) -> String? {
        value > imageSide ? "\(what) \(value) is above the limit of \(imageSide) px" : nil
    }

    /// Whether `width × height` is within ``networkInputArea`` (checked, never traps).
    public static func admitsNetworkInput(width: Int, height: Int) -> Bool {
        let (area, overflow) = width.multipliedReportingOverflow(by: height)
        return !overflow && area <= networkInputArea
    }
}

extension InputLimits {
    /// Largest magnitude of a box coordinate or distance in `fcos nms` and `fcos loss` inputs.
    /// Within ±10¹⁸ every width, area, union and enclosing box of two boxes is at most about
    /// 4·10³⁶ and stays finite in float32 (whose largest value is 3.4·10³⁸), so IoU is never
    /// `inf / inf` = NaN; two boxes `[0, 0, 2e19, 2e19]` would have an infinite area and an
    /// IoU of NaN, which suppresses nothing, silently.
    public static let coordinate: Double = 1e18
}

extension InputLimits {
    /// Largest `--min-size` / `--max-size`: the resized image is then at most 16 384 × 16 385
    /// pixels, within ``networkInputArea`` whatever the photo's shape. (`--min-size 100000
    /// --max-size 200000` asked for 100 000 × 133 333 px inputs and exhausted memory.)
    public static let resizeSide = 16_384

    /// What is wrong with a resize request, or `nil`; checked before any image is read.
    public static func resizeProblem(minSize: Int, maxSize: Int) -> String? {
        guard minSize > 0, maxSize > 0 else { return "--min-size and --max-size must be positive" }
        guard minSize <= resizeSide, maxSize <= resizeSide else {
            return
                "--min-size and --max-size must be at most \(resizeSide) px (the limit of a network input side)"
        }
        return nil
    }
}
