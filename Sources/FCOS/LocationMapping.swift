/// Where a feature-map cell sits in the input image (paper §3.1): cell `(row i, column j)` of a
/// level with stride `s` is the location
///
/// ```
/// (x, y) = (j·s + offset, i·s + offset)
/// ```
///
/// The paper writes `(⌊s/2⌋ + x·s, ⌊s/2⌋ + y·s)`, "near the centre of the receptive field". The
/// references pick different offsets, which moves every location and so changes which
/// locations are inside a box:
///
/// - ``flooredHalfStride``: `⌊s/2⌋`, official FCOS (`compute_locations_per_level`).
/// - ``halfStride``: `(j + 0.5)·s`, mmdetection (`MlvlPointGenerator`, offset 0.5) and EECS 498
///   (`get_fpn_location_coords`). Equal to the official offset for even strides.
/// - ``zero``: `j·s`, torchvision and detectron2, whose anchor generators centre a stride-sized
///   box on the top-left corner of each cell (`offset = 0.0`).
///
/// Locations are listed row-major, `x` fastest, as `meshgrid(ys, xs)` flattens them.
public enum LocationOffset: String, Sendable, CaseIterable {
    /// `⌊s/2⌋`: official FCOS.
    case flooredHalfStride = "floor-half-stride"
    /// `s/2`: mmdetection and EECS 498.
    case halfStride = "half-stride"
    /// `0`: torchvision and detectron2.
    case zero

    /// The offset in pixels for a level of `stride`.
    public func pixels(stride: Int) -> Float {
        switch self {
        case .flooredHalfStride: return Float(stride / 2)
        case .halfStride: return Float(stride) * 0.5
        case .zero: return 0
        }
    }
}

/// How big each level's feature map is for a given input size.
///
/// - ``paddedThenHalved(divisor:)``: the batch is padded to a multiple of `divisor` (32 in
///   official FCOS, mmdetection, torchvision and detectron2), levels up to that stride are exactly
///   `padded / s`, and each further level (P6, P7, made by a 3×3 convolution with stride 2 and
///   padding 1) is `⌈previous / 2⌉`.
/// - ``ceilDivision``: `⌈H / s⌉ × ⌈W / s⌉` with no padding, EECS 498's convention (its 224×224
///   inputs divide evenly, so the choice only matters for other sizes).
public enum FeatureSizeRule: Hashable, Sendable {
    /// Pad to a multiple of `divisor`, then halve (rounding up) for levels past it.
    case paddedThenHalved(divisor: Int)
    /// `⌈size / s⌉` with no padding.
    case ceilDivision

    /// `(width, height)` of every level, in the order given.
    public func sizes(imageWidth: Int, imageHeight: Int, levels: [FeatureLevel]) -> [(
        width: Int, height: Int
    )] {
        switch self {
        case .ceilDivision:
            return levels.map { (ceilDiv(imageWidth, $0.stride), ceilDiv(imageHeight, $0.stride)) }
        case .paddedThenHalved(let divisor):
            let paddedW = ceilDiv(imageWidth, divisor) * divisor
            let paddedH = ceilDiv(imageHeight, divisor) * divisor
            var result: [(width: Int, height: Int)] = []
            for level in levels {
                if level.stride <= divisor || result.isEmpty {
                    result.append((paddedW / level.stride, paddedH / level.stride))
                } else {
                    let previous = result[result.count - 1]
                    result.append((ceilDiv(previous.width, 2), ceilDiv(previous.height, 2)))
                }
            }
            return result
        }
    }

    /// The size the image is padded to before the backbone runs.
    public func paddedSize(imageWidth: Int, imageHeight: Int) -> (width: Int, height: Int) {
        switch self {
        case .ceilDivision: return (imageWidth, imageHeight)
        case .paddedThenHalved(let d): return (ceilDiv(imageWidth, d) * d, ceilDiv(imageHeight, d) * d)
        }
    }
}

func ceilDiv(_ a: Int, _ b: Int) -> Int { (a + b - 1) / b }

/// One level's grid of locations for a particular input size.
///
/// `stepX` and `stepY` are the spacing of the grid; they equal the level's stride except under
/// torchvision's real pipeline, whose anchor generator derives the spacing as
/// `padded size ÷ feature size` (integer division): for an 800-px-high input P6 and P7 land 61
/// and 114 px apart vertically, not 64 and 128. The size gate, center sampling and stride
/// normalisation keep using the level's nominal stride (torchvision's anchor *size*).
public struct FeatureMap: Hashable, Sendable {
    /// The level the map belongs to.
    public var level: FeatureLevel
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int
    /// Pixels between neighbouring columns (the stride, except under torchvision's derived spacing).
    public var stepX: Int
    /// Pixels between neighbouring rows.
    public var stepY: Int
    /// Where in its cell each location sits.
    public var offset: LocationOffset

    /// A grid from explicit sizes; ``AssignmentRules/featureMaps(imageWidth:imageHeight:)`` builds the real ones.
    public init(level: FeatureLevel, width: Int, height: Int, stepX: Int, stepY: Int, offset: LocationOffset)
    {
        self.level = level
        self.width = width
        self.height = height
        self.stepX = stepX
        self.stepY = stepY
        self.offset = offset
    }

    /// `width × height` locations.
    public var count: Int { width * height }
    /// The level's nominal stride, which the size gate, center sampling and stride units use.
    public var stride: Int { level.stride }

    /// x of column `j`.
    @inline(__always) public func x(column j: Int) -> Float {
        Float(j * stepX) + offset.pixels(stride: stepX)
    }

    /// y of row `i`.
    @inline(__always) public func y(row i: Int) -> Float {
        Float(i * stepY) + offset.pixels(stride: stepY)
    }

    /// The location of flat index `index` (row-major, x fastest).
    public func location(at index: Int) -> Point {
        Point(x: x(column: index % width), y: y(row: index / width))
    }

    /// Every location, row-major, x fastest.
    public var locations: [Point] { (0..<count).map(location(at:)) }
}
